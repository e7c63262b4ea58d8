import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { CommandPostView } from '@excon/contracts';
import { api } from '../api/api';
import { href } from '../common/router';
import { postName } from '../common/post-names';
import { serverNow } from '../common/server-time';
import { CRC_TIME_ZONE, formatScenarioTime, formatTime } from '../common/time';
import { ErrorMessage, Loading, PrecedenceBadge } from '../common/ui';
import { useVirtualRows, VirtualPad } from '../common/virtual-rows';
import { hasMessage, useI18n, type Translate } from '../i18n/i18n';
import { MatrixHeadCells } from '../controller/delivery-matrix';
import { localText } from '../operator/inject-view';
import { BROADCAST_CHANNEL, type Language } from '@excon/domain/vocabulary';
import '../common/duty-chat.css';
import {
  clockAt,
  eventInstants,
  markerFractions,
  matrixAt,
  matrixCounts,
  matrixEvents,
  nextInstant,
  playedTo,
  postConsoleAt,
  postEvents,
  prepareReplay,
  previousInstant,
  recentEvents,
  REPLAY_SPEEDS,
  type DutyItem,
  type InboxItem,
  type MatrixCell,
  type MatrixCellState,
  type MatrixRow,
  type Replay,
  type ReplayEvent,
} from './replay-model';

const MATRIX_VIEW = 'matrix';
/** How often playback moves the scrubber (ms). */
const TICK_MS = 100;
/** The scrubber's step (ms): arrow keys move a tenth of a second. */
const STEP_MS = 100;
const STATES_SHOWN: Exclude<MatrixCellState, 'untargeted'>[] = [
  'pending',
  'held',
  'skipped',
  'sent',
  'delivered',
  'read',
  'acknowledged',
  'responded',
  'overdue',
];

interface Loaded {
  replay: Replay;
  /** The posts of the exercise, by code. */
  posts: CommandPostView[];
  /** The replay's bounds, the end put on the scrubber's last step (so that the end can be reached); null before STARTEX. */
  timeline: { start: number; end: number } | null;
}

async function load(exerciseId: string): Promise<Loaded> {
  const [exercise, deliveries, audit, dutyMessages, allPosts] = await Promise.all([
    api.exercise(exerciseId),
    api.deliveries(exerciseId),
    api.audit(exerciseId),
    api.dutyMessages(exerciseId),
    api.commandPosts(),
  ]);
  // A run not ended yet replays up to now, on the server's clock (the stamps are the server's).
  const replay = prepareReplay({ exercise, deliveries, audit, dutyMessages }, serverNow());
  const ids = new Set([...(exercise.commandPostIds ?? []), ...deliveries.map((d) => d.commandPostId)]);
  const posts = allPosts.filter((p) => ids.has(p.id)).sort((a, b) => a.code.localeCompare(b.code));
  const { bounds } = replay;
  const timeline = bounds && { start: bounds.start, end: bounds.start + Math.ceil((bounds.end - bounds.start) / STEP_MS) * STEP_MS };
  return { replay, posts, timeline };
}

/** A step's name: as the post's console names it (`answered`) in a post's view, as the matrix does (`responded`) in the matrix. */
function stepLabel(step: string, postView: boolean, t: Translate): string {
  if (postView && step === 'sent') return t('replay.state.sent');
  const key = postView ? `injectState.${step}` : `cell.${step}`;
  return hasMessage(key) ? t(key) : step;
}

function eventLabel(event: ReplayEvent, posts: ReadonlyMap<string, CommandPostView>, postView: boolean, t: Translate): string {
  if (event.kind === 'delivery') {
    const label = stepLabel(event.action, postView, t);
    const shown = event.postId === null ? '' : (posts.get(event.postId)?.code ?? event.postId);
    return t('replay.event.delivery', { ref: event.ref ?? '?', post: shown, state: label });
  }
  if (event.kind === 'duty') return t(event.action === 'duty.read' ? 'replay.event.duty.read' : 'replay.event.duty.sent');
  const key = `audit.action.${event.action}`;
  const action = hasMessage(key) ? t(key) : event.action;
  return event.ref ? `${action}: ${event.ref}` : action;
}

function cellLabel(cell: MatrixCell, code: string, t: Translate, lang: Language): string {
  const when = cell.at === null ? '' : ` ${formatTime(cell.at, CRC_TIME_ZONE, lang)}`;
  const late = cell.missedDeadline && cell.state !== 'overdue' ? `, ${t('replay.lateAcknowledgement')}` : '';
  const read = cell.readAt !== null && cell.state !== 'read' ? `, ${t('cell.read')} ${formatTime(cell.readAt, CRC_TIME_ZONE, lang)}` : '';
  return cell.state === 'untargeted' ? t('run.notTargeted') : `${code}: ${t(`cell.${cell.state}`)}${when}${late}${read}`;
}

function MatrixAt({ rows, posts }: { rows: MatrixRow[]; posts: CommandPostView[] }) {
  const { t, lang } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const view = useVirtualRows(scroller, rows.length, { estimate: 34, overscan: 10 });
  const counts = matrixCounts(rows);
  const columns = posts.length + 3;
  return (
    <div class="replay-matrix" data-testid="replay-matrix">
      <p class="matrix-counts hint">
        {STATES_SHOWN.filter((state) => counts[state]).map((state) => (
          <span key={state} class={`legend-cell cell-${state}`} data-count-state={state}>
            {t(`cell.${state}`)} <strong>{counts[state]}</strong>
          </span>
        ))}
      </p>
      <div class="table-wrap replay-matrix-scroll" ref={scroller} tabIndex={0} aria-label={t('replay.matrixCaption')} role="region">
        <table class="matrix" aria-rowcount={rows.length + 1}>
          <caption class="visually-hidden">{t('replay.matrixCaption')}</caption>
          <thead>
            <tr aria-rowindex={1}>
              <MatrixHeadCells posts={posts} />
            </tr>
          </thead>
          <tbody>
            <VirtualPad height={view.before} columns={columns} />
            {rows.slice(view.start, view.end).map((row, i) => (
              <tr
                key={row.inject.id}
                data-virtual-row
                aria-rowindex={view.start + i + 2}
                data-ref={row.inject.ref}
                class={`inject-status-${row.status}`}
              >
                <td class="mono">{formatScenarioTime(row.offsetSeconds)}</td>
                <th scope="row" class="mono">
                  {row.inject.ref}
                  {row.inject.adHoc && <span class="tag">{t('run.adHocTag')}</span>}
                </th>
                <td class="title-col">
                  <PrecedenceBadge precedence={row.inject.precedence} /> <span class="title-text">{row.inject.title}</span>
                </td>
                {row.cells.map((cell, c) => {
                  const post = posts[c];
                  const label = cellLabel(cell, post.code, t, lang);
                  return (
                    <td
                      key={post.id}
                      class={`cell cell-${cell.state}`}
                      data-testid="replay-cell"
                      data-ref={row.inject.ref}
                      data-post={post.code}
                      data-post-id={post.id}
                      data-state={cell.state}
                      title={label}
                    >
                      {cell.state !== 'untargeted' && <span aria-hidden="true">{t(`cellShort.${cell.state}`)}</span>}
                      <span class="visually-hidden">{label}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
            <VirtualPad height={view.after} columns={columns} />
          </tbody>
        </table>
      </div>
    </div>
  );
}

function InboxEntry({ item, timeZone }: { item: InboxItem; timeZone: string }) {
  const { t, lang } = useI18n();
  const text = localText(item.inject, lang);
  const stamps: [string, number | null][] = [
    ['replay.receivedAt', item.receivedAt],
    ['replay.readAt', item.readAt],
    ['replay.acknowledgedAt', item.acknowledgedAt],
    ['replay.respondedAt', item.respondedAt],
  ];
  const stateLabel = item.state === 'sent' ? t('replay.state.sent') : t(`injectState.${item.state}`);
  return (
    <li
      class={`replay-inbox-item precedence-row-${item.inject.precedence} state-${item.state}`}
      data-delivery-id={item.deliveryId}
      data-ref={item.inject.ref}
      data-seq={item.seq}
      data-state={item.state}
    >
      <details>
        <summary>
          <span class="item-top">
            <span class="marking-inline">{t('marking.short')}</span>
            <PrecedenceBadge precedence={item.inject.precedence} />
            <span class="ref">{item.inject.ref}</span>
            <time dateTime={new Date(item.firedAt).toISOString()}>{formatTime(item.firedAt, timeZone, lang)}</time>
          </span>
          <span class="replay-item-line">
            <span class="item-title">{text.title}</span>
            <span class={`state-badge state-badge-${item.state}`}>{stateLabel}</span>
          </span>
          {item.state === 'sent' && <span class="hint">{t('replay.sentHint')}</span>}
        </summary>
        {item.inject.from && <p class="hint">{item.inject.from}</p>}
        <p class="body">{text.body}</p>
        <ul class="replay-stamps">
          {stamps
            .filter(([, at]) => at !== null)
            .map(([key, at]) => (
              <li key={key}>{t(key as 'replay.readAt', { time: formatTime(at as number, timeZone, lang) })}</li>
            ))}
        </ul>
        {item.response !== null && (
          <div class="replay-response" data-testid="replay-response">
            <strong>{t('operator.response')}:</strong> <span class="body">{item.response}</span>
          </div>
        )}
      </details>
    </li>
  );
}

function DutyEntry({ item, timeZone }: { item: DutyItem; timeZone: string }) {
  const { t, lang } = useI18n();
  const sender = [item.from.displayName, t(`role.${item.from.role}`), item.from.dutyShift && t('dutyChat.shift', { code: item.from.dutyShift.code })]
    .filter(Boolean)
    .join(' · ');
  return (
    <li
      class={`duty-message${item.own ? ' own' : ''}`}
      data-testid="replay-duty"
      data-message-id={item.id}
      data-channel={item.channel}
      data-state={item.state}
    >
      <div class="duty-head">
        <span class="marking-inline">{t('marking.short')}</span> <strong>{sender}</strong> ·{' '}
        <time dateTime={new Date(item.sentAt).toISOString()}>{formatTime(item.sentAt, timeZone, lang)}</time>
        {item.channel === BROADCAST_CHANNEL && <span class="duty-broadcast">{t('dutyChat.broadcast')}</span>}
      </div>
      <p class="body">{item.text}</p>
      <small class="duty-read">
        {item.readAt !== null ? t('replay.dutyState.read', { time: formatTime(item.readAt, timeZone, lang) }) : t(`replay.dutyState.${item.state}`)}
      </small>
    </li>
  );
}

function PostConsoleAt({ replay, post, t: at }: { replay: Replay; post: CommandPostView; t: number }) {
  const { t } = useI18n();
  const { inbox, duty } = postConsoleAt(replay, post.id, at);
  return (
    <div class="replay-post" data-testid="replay-post" data-post={post.code}>
      <section class="panel" aria-labelledby="replay-inbox-heading">
        <h2 id="replay-inbox-heading">{t('replay.inbox')}</h2>
        {inbox.length === 0 ? (
          <p class="empty">{t('replay.inboxEmpty')}</p>
        ) : (
          <ul class="replay-inbox" data-testid="replay-inbox">
            {inbox.map((item) => (
              <InboxEntry key={item.deliveryId} item={item} timeZone={post.timeZone} />
            ))}
          </ul>
        )}
      </section>
      <section class="panel duty-panel" aria-labelledby="replay-duty-heading">
        <h2 id="replay-duty-heading">{t('replay.duty')}</h2>
        {duty.length === 0 ? (
          <p class="empty">{t('replay.dutyEmpty')}</p>
        ) : (
          <ol class="duty-messages replay-duty-list">
            {duty.map((item) => (
              <DutyEntry key={item.id} item={item} timeZone={post.timeZone} />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function RecentEvents({
  events,
  posts,
  postView,
  t: at,
}: {
  events: ReplayEvent[];
  posts: ReadonlyMap<string, CommandPostView>;
  postView: boolean;
  t: number;
}) {
  const { t, lang } = useI18n();
  const shown = recentEvents(events, at, 8);
  return (
    <section class="panel replay-recent" aria-labelledby="replay-recent-heading">
      <h2 id="replay-recent-heading">{t('replay.recent')}</h2>
      {shown.length === 0 ? (
        <p class="empty">{t('replay.noEvents')}</p>
      ) : (
        <ol class="replay-events" data-testid="replay-events">
          {shown.map((event, i) => (
            <li key={`${event.at}-${i}`} data-action={event.action}>
              <time class="mono" dateTime={new Date(event.at).toISOString()}>
                {formatTime(event.at, CRC_TIME_ZONE, lang)}
              </time>{' '}
              {eventLabel(event, posts, postView, t)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Player({ loaded, bounds }: { loaded: Loaded; bounds: { start: number; end: number } }) {
  const { t, lang } = useI18n();
  const { replay, posts } = loaded;
  const [at, setAt] = useState(bounds.start);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(60);
  const [view, setView] = useState(MATRIX_VIEW);
  const scrubberId = useId();
  const byId = useMemo(() => new Map(posts.map((p) => [p.id, p])), [posts]);
  const post = view === MATRIX_VIEW ? null : (byId.get(view) ?? null);
  const events = useMemo(() => (post ? postEvents(replay, post.id) : matrixEvents(replay)), [replay, post]);
  const instants = useMemo(() => eventInstants(events, bounds), [events, bounds]);
  const markers = useMemo(() => markerFractions(instants, bounds), [instants, bounds]);
  const postIds = useMemo(() => posts.map((p) => p.id), [posts]);

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const elapsed = now - last;
      last = now;
      setAt((from) => playedTo(from, elapsed, speed, bounds));
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, bounds]);
  useEffect(() => {
    if (playing && at >= bounds.end) setPlaying(false);
  }, [playing, at, bounds]);

  const clock = clockAt(replay, at);
  const exerciseTime = formatScenarioTime(Math.floor(clock.scenarioSeconds));
  const wall = formatTime(at, CRC_TIME_ZONE, lang, true);
  const previous = previousInstant(instants, at);
  const next = nextInstant(instants, at);
  const togglePlay = () => {
    if (!playing && at >= bounds.end) setAt(bounds.start);
    setPlaying(!playing);
  };

  return (
    <>
      <section class="panel replay-controls" aria-label={t('replay.controls')}>
        <dl class="replay-time" data-testid="replay-time" data-at={Math.round(at)}>
          <div>
            <dt>{t('clock.exercise')}</dt>
            <dd class="mono" data-testid="replay-exercise-time">
              {exerciseTime}
            </dd>
          </div>
          <div>
            <dt>{t('clock.crc')}</dt>
            <dd class="mono">{wall}</dd>
          </div>
          {post && (
            <div>
              <dt>{t('clock.local', { zone: post.timeZone })}</dt>
              <dd class="mono">{formatTime(at, post.timeZone, lang)}</dd>
            </div>
          )}
        </dl>
        <p class="replay-status" data-testid="replay-status" data-status={clock.status}>
          {t('replay.status', { status: t(`exerciseStatus.${clock.status}`) })}
        </p>
        <div class="replay-scrub">
          <label for={scrubberId}>{t('replay.scrubber')}</label>
          <input
            id={scrubberId}
            type="range"
            data-testid="replay-scrubber"
            min={bounds.start}
            max={bounds.end}
            step={STEP_MS}
            value={at}
            aria-valuetext={`${exerciseTime}, ${wall}`}
            onInput={(e) => setAt(Number(e.currentTarget.value))}
          />
          <div class="replay-markers" aria-hidden="true">
            {markers.map((fraction) => (
              <span key={fraction} style={{ left: `${(fraction * 100).toFixed(2)}%` }} />
            ))}
          </div>
        </div>
        <div class="replay-buttons">
          <button
            type="button"
            class="btn"
            data-testid="replay-previous"
            disabled={previous === null}
            onClick={() => previous !== null && setAt(previous)}
          >
            <span aria-hidden="true">« </span>
            {t('replay.previous')}
          </button>
          <button type="button" class="btn btn-primary" data-testid="replay-play" data-playing={playing ? 'true' : 'false'} onClick={togglePlay}>
            <span aria-hidden="true">{playing ? '‖ ' : '▶ '}</span>
            {playing ? t('replay.pause') : t('replay.play')}
          </button>
          <button type="button" class="btn" data-testid="replay-next" disabled={next === null} onClick={() => next !== null && setAt(next)}>
            {t('replay.next')}
            <span aria-hidden="true"> »</span>
          </button>
          <label class="inline-field">
            {t('replay.speed')}
            <select data-testid="replay-speed" value={String(speed)} onChange={(e) => setSpeed(Number(e.currentTarget.value))}>
              {REPLAY_SPEEDS.map((s) => (
                <option key={s} value={String(s)}>
                  {t('replay.speedValue', { speed: s })}
                </option>
              ))}
            </select>
          </label>
          <label class="inline-field">
            {t('replay.view')}
            <select data-testid="replay-view" value={view} onChange={(e) => setView(e.currentTarget.value)}>
              <option value={MATRIX_VIEW}>{t('replay.matrixView')}</option>
              {posts.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('replay.postView', { code: p.code, name: postName(p, lang) })}
                </option>
              ))}
            </select>
          </label>
        </div>
      </section>
      {post ? (
        <PostConsoleAt replay={replay} post={post} t={at} />
      ) : (
        <section class="panel" aria-labelledby="replay-matrix-heading">
          <h2 id="replay-matrix-heading">{t('replay.matrixView')}</h2>
          <MatrixAt rows={matrixAt(replay, postIds, at)} posts={posts} />
        </section>
      )}
      <RecentEvents events={events} posts={byId} postView={post !== null} t={at} />
    </>
  );
}

/** The after-action replay: a timeline to scrub or play, showing the controller's matrix or one post's console as it was. */
export function ReplayPage({ exerciseId }: { exerciseId: string }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    setLoaded(null);
    setFailure(null);
    load(exerciseId).then(setLoaded, setFailure);
  }, [exerciseId]);
  if (!loaded) return failure ? <ErrorMessage error={failure} /> : <Loading />;
  const { exercise } = loaded.replay;
  return (
    <div class="replay-page" data-testid="replay-page">
      <section class="panel run-head" aria-labelledby="replay-heading">
        <div class="run-title">
          <h1 id="replay-heading">{t('replay.heading', { title: exercise.title })}</h1>
          <span class={`status status-${exercise.status}`}>{t(`exerciseStatus.${exercise.status}`)}</span>
        </div>
        <a href={href(`/reviewer/exercises/${encodeURIComponent(exerciseId)}`)}>{t('replay.backToReport')}</a>
        <p class="hint replay-hint">{t('replay.hint')}</p>
      </section>
      {loaded.timeline ? <Player loaded={loaded} bounds={loaded.timeline} /> : <p class="empty panel">{t('replay.notStarted')}</p>}
    </div>
  );
}
