import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CommandPostView, ExerciseView } from '@excon/contracts';
import type { Objective } from '@excon/domain';
import { api, type ReportFormat } from '../api/api';
import { Clocks } from '../common/clocks';
import { ExerciseLive } from '../common/exercise-live';
import { Layout } from '../common/layout';
import { useRoute } from '../common/router';
import { staffNav } from '../common/staff-nav';
import type { Session } from '../common/session';
import { useStore } from '../common/store';
import { CRC_TIME_ZONE, formatCountdown, formatScenarioTime, formatTime } from '../common/time';
import { ConnectionBadge, ErrorMessage, Loading, PrecedenceBadge, ScrollRegion } from '../common/ui';
import { ExerciseIndex } from '../common/exercise-table';
import { useI18n } from '../i18n/i18n';
import { useConnectionStatus, useConsoleSocket, type ConsoleSocket } from '../socket/console-socket';
import { dutyChatOf } from '../socket/duty-chat';
import { AssignmentsPanel } from './assignments-panel';
import { AuditTrail } from './audit-trail';
import { EvaluationLive } from './evaluation-live';
import { ObservationsPanel } from './observations-panel';
import type { QuickEntryContext } from './quick-entry';
import { QuickEntryBar } from './quick-entry-bar';
import { RatingsPanel } from './ratings-panel';
import { buildTimeline, summarisePosts } from './timeline';

const ZONES = [CRC_TIME_ZONE, 'UTC', Intl.DateTimeFormat().resolvedOptions().timeZone].filter((z, i, all) => z && all.indexOf(z) === i);

function ExerciseTimeline({
  exercise,
  live,
  socket,
  posts,
  zone,
  evaluationVersion,
}: {
  exercise: ExerciseView;
  live: ExerciseLive;
  socket: ConsoleSocket;
  posts: CommandPostView[];
  zone: string;
  /** Moves with every observation and rating change: the audit trail records those too. */
  evaluationVersion: string;
}) {
  const { t, lang } = useI18n();
  const deliveryMap = useStore(live.deliveries);
  // Duty messages: the record so far, then what the socket pushes (staff get every channel).
  const chat = dutyChatOf(socket);
  useStore(chat.messages);
  useEffect(() => chat.loadRecord(exercise.id), [chat, exercise.id]);
  const [postFilter, setPostFilter] = useState('');

  const postById = new Map(posts.map((p) => [p.id, p]));
  const deliveries = [...deliveryMap.values()];
  const events = buildTimeline(exercise.injects ?? [], deliveries, chat.list(exercise.id)).filter(
    (e) => !postFilter || e.commandPostId === null || e.commandPostId === postFilter,
  );
  // What the audit trail records changes with these: re-read it when one of them moves.
  const auditVersion = [
    exercise.status,
    exercise.speed,
    exercise.title,
    ...(exercise.injects ?? []).map((i) => `${i.status}${i.offsetSeconds}`),
    deliveries.filter((d) => d.overdueAt).length,
    evaluationVersion,
  ].join('|');
  const summaries = summarisePosts(deliveries).sort((a, b) =>
    (postById.get(a.commandPostId)?.code ?? '').localeCompare(postById.get(b.commandPostId)?.code ?? ''),
  );

  return (
    <div class="timeline-grid">
      <section class="panel" aria-labelledby="events-heading">
        <div class="panel-head">
          <h2 id="events-heading">{t('timeline.heading')}</h2>
          <div class="filters">
            <label class="inline-field">
              {t('timeline.post')}
              <select value={postFilter} onChange={(e) => setPostFilter(e.currentTarget.value)}>
                <option value="">{t('timeline.allPosts')}</option>
                {posts
                  .filter((p) => (exercise.commandPostIds ?? []).includes(p.id))
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.code}
                    </option>
                  ))}
              </select>
            </label>
          </div>
        </div>
        {events.length === 0 ? (
          <p class="empty">{t('timeline.empty')}</p>
        ) : (
          <table class="list-table timeline" data-testid="timeline">
            <thead>
              <tr>
                <th scope="col">{t('timeline.time')}</th>
                <th scope="col">{t('timeline.event')}</th>
                <th scope="col">{t('inject.ref')}</th>
                <th scope="col">{t('timeline.post')}</th>
                <th scope="col">{t('timeline.details')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.key} class={`event-${e.kind}`} data-kind={e.kind}>
                  <td class="mono">
                    <time dateTime={e.at}>{formatTime(e.at, zone, lang)}</time>
                  </td>
                  <td>{t(`timeline.kind.${e.kind}`)}</td>
                  <td class="mono">{e.message ? '—' : (e.inject?.ref ?? '?')}</td>
                  <td>
                    {e.commandPostId
                      ? (postById.get(e.commandPostId)?.code ?? '?')
                      : e.message
                        ? t('timeline.broadcast')
                        : t('timeline.targetsCount', { count: e.inject?.targets.length ?? 0 })}
                  </td>
                  <td>
                    {e.kind === 'fired' && e.inject && (
                      <>
                        <PrecedenceBadge precedence={e.inject.precedence} /> {formatScenarioTime(e.inject.offsetSeconds)} · {e.inject.title}
                      </>
                    )}
                    {e.message && <span class="mono">{e.message.from}: </span>}
                    {e.text && <span class="body">{e.text}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div class="timeline-side">
        <section class="panel" aria-labelledby="summary-heading">
          <h2 id="summary-heading">{t('timeline.perPost')}</h2>
          <ScrollRegion labelledBy="summary-heading">
            <table class="list-table compact" data-testid="post-summary">
              <thead>
                <tr>
                  <th scope="col">{t('timeline.post')}</th>
                  <th scope="col">{t('timeline.deliveries')}</th>
                  <th scope="col">{t('injectState.acknowledged')}</th>
                  <th scope="col">{t('injectState.answered')}</th>
                  <th scope="col">{t('timeline.overdue')}</th>
                  <th scope="col">{t('timeline.medianAck')}</th>
                </tr>
              </thead>
              <tbody>
                {summaries.map((s) => (
                  <tr key={s.commandPostId}>
                    <th scope="row">{postById.get(s.commandPostId)?.code ?? '?'}</th>
                    <td>{s.deliveries}</td>
                    <td>{s.acknowledged}</td>
                    <td>{s.responded}</td>
                    <td>{s.overdue}</td>
                    <td class="mono">{s.medianAckSeconds === null ? '—' : formatCountdown(s.medianAckSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
        <AuditTrail exerciseId={exercise.id} zone={zone} posts={postById} version={auditVersion} />
      </div>
    </div>
  );
}

type Tab = 'timeline' | 'evaluation' | 'assignments';
const TABS: readonly Tab[] = ['timeline', 'evaluation', 'assignments'];

/** The tab a route asks for (`…?tab=evaluation`), or null. */
function tabOf(route: string): Tab | null {
  const asked = new URLSearchParams(route.split('?')[1] ?? '').get('tab');
  return TABS.find((name) => name === asked) ?? null;
}

/** The objectives of the exercise's frozen copy (staff view). */
function exerciseObjectives(exercise: ExerciseView): Objective[] {
  return (exercise as ExerciseView & { objectives?: Objective[] }).objectives ?? [];
}

function ExercisePage({
  exerciseId,
  posts,
  socket,
  session,
}: {
  exerciseId: string;
  posts: CommandPostView[];
  socket: ConsoleSocket;
  session: Session;
}) {
  const { t } = useI18n();
  const live = useMemo(() => new ExerciseLive(exerciseId, socket), [exerciseId, socket]);
  useEffect(() => live.start(), [live]);
  const evaluation = useMemo(() => new EvaluationLive(exerciseId, socket), [exerciseId, socket]);
  useEffect(() => evaluation.start(), [evaluation]);
  const exercise = useStore(live.exercise);
  const reading = useStore(live.reading);
  const loadFailure = useStore(live.failure);
  const evaluationFailure = useStore(evaluation.failure);
  const assignments = useStore(evaluation.assignments);
  const observations = useStore(evaluation.observations);
  const ratings = useStore(evaluation.ratings);
  const route = useRoute();
  const [tab, setTab] = useState<Tab>(() => tabOf(route) ?? 'timeline');
  // A link to another tab of the same exercise (`?tab=…`) switches to it.
  useEffect(() => {
    const asked = tabOf(route);
    if (asked) setTab(asked);
  }, [route]);
  const [zone, setZone] = useState(CRC_TIME_ZONE);
  const [downloading, setDownloading] = useState<ReportFormat | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  if (!exercise) return loadFailure ? <ErrorMessage error={loadFailure} /> : <Loading />;

  const me = session.user.id;
  const role = session.user.role;
  const exercisePosts = posts.filter((p) => (exercise.commandPostIds ?? []).includes(p.id));
  const objectives = exerciseObjectives(exercise);
  const context: QuickEntryContext = {
    objectiveRefs: objectives.map((o) => o.ref),
    posts: exercisePosts,
    injects: exercise.injects ?? [],
  };
  const mine = assignments.find((a) => a.evaluatorId === me);
  const evaluationVersion = [
    observations.length,
    observations.reduce((latest, o) => (o.updatedAt > latest ? o.updatedAt : latest), ''),
    ratings.length,
    ratings.reduce((latest, r) => (r.updatedAt > latest ? r.updatedAt : latest), ''),
    assignments.length,
  ].join(',');
  const canObserve = (role === 'evaluator' || role === 'controller') && exercise.status !== 'draft';
  const report = (format: ReportFormat) => {
    setDownloading(format);
    setFailure(null);
    api
      .downloadReport(exercise.id, format)
      .catch(setFailure)
      .finally(() => setDownloading(null));
  };
  const choose = (next: Tab) => {
    setTab(next);
    history.replaceState(null, '', `#/evaluator/exercises/${encodeURIComponent(exerciseId)}?tab=${next}`);
  };
  const onTabKey = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length];
    choose(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  return (
    <div class="timeline-page">
      <section class="panel run-head" aria-labelledby="timeline-heading">
        <div class="run-title">
          <h1 id="timeline-heading">{exercise.title}</h1>
          <span class={`status status-${exercise.status}`}>{t(`exerciseStatus.${exercise.status}`)}</span>
        </div>
        <Clocks reading={reading} />
        <div class="report-downloads" role="group" aria-label={t('report.label')}>
          <span>{t('report.label')}:</span>
          {(['pdf', 'csv', 'json'] as const).map((format) => (
            <button key={format} type="button" class="btn" disabled={downloading !== null} onClick={() => report(format)} data-format={format}>
              {downloading === format ? t('common.loading') : t('report.download', { format: format.toUpperCase() })}
            </button>
          ))}
        </div>
      </section>
      <ErrorMessage error={failure ?? loadFailure} />
      {canObserve && (
        <section class="panel quick-entry-panel" aria-label={t('evaluation.quick.label')}>
          <QuickEntryBar
            exerciseId={exercise.id}
            context={context}
            defaultPostIds={mine?.commandPostIds.length === 1 ? mine.commandPostIds : []}
            onRecorded={(o) => evaluation.putObservation(o)}
          />
        </section>
      )}
      <div class="tabs">
        <div class="tablist" role="tablist" aria-label={t('evaluation.tabs')}>
          {TABS.map((name) => (
            <button
              key={name}
              id={`tab-${name}`}
              type="button"
              role="tab"
              class={`tab${tab === name ? ' current' : ''}`}
              aria-selected={tab === name}
              aria-controls={`panel-${name}`}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => choose(name)}
              onKeyDown={onTabKey}
            >
              {t(`evaluation.tab.${name}`)}
            </button>
          ))}
        </div>
        <label class="inline-field tabs-zone">
          {t('timeline.zone')}
          <select value={zone} onChange={(e) => setZone(e.currentTarget.value)}>
            {ZONES.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'timeline' && (
          <ExerciseTimeline exercise={exercise} live={live} socket={socket} posts={posts} zone={zone} evaluationVersion={evaluationVersion} />
        )}
        {tab !== 'timeline' && <ErrorMessage error={evaluationFailure} />}
        {tab === 'evaluation' && (
          <div class="evaluation-grid">
            <ObservationsPanel live={evaluation} me={me} context={context} zone={zone} />
            <RatingsPanel exerciseId={exercise.id} objectives={objectives} posts={exercisePosts} me={me} role={role} live={evaluation} />
          </div>
        )}
        {tab === 'assignments' && (
          <AssignmentsPanel exerciseId={exercise.id} objectives={objectives} posts={exercisePosts} me={me} role={role} live={evaluation} />
        )}
      </div>
    </div>
  );
}

/** Evaluators and reviewers (and controllers looking back): exercises, their timeline and reports. */
export function EvaluatorConsole({ session, params }: { session: Session; params: Record<string, string> | null }) {
  const { t } = useI18n();
  const socket = useConsoleSocket(session.token);
  const connection = useConnectionStatus(socket);
  const [posts, setPosts] = useState<CommandPostView[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => void api.commandPosts().then((list) => setPosts([...list].sort((a, b) => a.code.localeCompare(b.code))), setFailure), []);
  return (
    <Layout
      title={t('evaluator.title')}
      nav={staffNav(session.user.role, t, params ? undefined : 'evaluator')}
      status={
        <>
          {!params && <Clocks />}
          <ConnectionBadge status={connection} />
        </>
      }
    >
      {!posts ? (
        failure ? (
          <ErrorMessage error={failure} />
        ) : (
          <Loading />
        )
      ) : params ? (
        <ExercisePage key={params.id} exerciseId={params.id} posts={posts} socket={socket} session={session} />
      ) : (
        <ExerciseIndex linkBase="/evaluator/exercises" />
      )}
    </Layout>
  );
}
