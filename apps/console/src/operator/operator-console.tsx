import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { InjectMessage } from '@excon/contracts';
import { isDeliveryAtLeast, type ExerciseStatus } from '@excon/domain';
import { api } from '../api/api';
import { Clocks } from '../common/clocks';
import { Layout } from '../common/layout';
import { href } from '../common/router';
import type { Session } from '../common/session';
import { useStore } from '../common/store';
import { ConnectionBadge, ErrorMessage } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { postName } from '../common/post-names';
import { localText } from './inject-view';
import { useConnectionStatus, useConsoleSocket } from '../socket/console-socket';
import { FeedbackForm } from './feedback-form';
import { FlashBanner } from './flash-banner';
import { InjectDetail } from './inject-detail';
import { InjectList } from './inject-list';
import { MediaFeed } from './media-feed';
import { OperatorFeed, type OperatorExercise } from './operator-feed';
import { ReadMarks } from './read-marks';
import { DutyChannel } from './duty-channel';

const STATUS_ORDER: Record<ExerciseStatus, number> = { running: 0, paused: 1, scheduled: 2, completed: 3, draft: 4 };

/** The exercise a post is most likely playing: running, then paused, scheduled, completed. */
function preferredExercise(exercises: ReadonlyMap<string, OperatorExercise>): string | null {
  const best = [...exercises.values()].sort(
    (a, b) => STATUS_ORDER[a.reading.status] - STATUS_ORDER[b.reading.status] || b.reading.at - a.reading.at,
  )[0];
  return best?.id ?? null;
}

/** The command-post console: what the post receives, and its acknowledgements and answers. */
export function OperatorConsole({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const socket = useConsoleSocket(session.token);
  const connection = useConnectionStatus(socket);
  const feed = useMemo(() => new OperatorFeed(socket, session.user.id), [socket, session.user.id]);
  const marks = useMemo(() => new ReadMarks(session.user.id), [session.user.id]);
  useEffect(() => feed.start(), [feed]);

  const exercises = useStore(feed.exercises);
  const inboxVersion = useStore(feed.inbox.version);
  const marked = useStore(marks.ids);
  // Opened on this console, or on another console of the post (the server's read receipt).
  const read = useMemo(() => {
    const ids = new Set(marked);
    for (const m of feed.inbox.all()) if (m.readAt !== null) ids.add(m.deliveryId);
    return ids;
  }, [marked, inboxVersion, feed]);
  const syncError = useStore(feed.syncError);
  const outbox = useStore(feed.outbox);
  const outboxError = useStore(feed.outboxError);
  const unsent = (deliveryId: string) => outbox.filter((a) => a.deliveryId === deliveryId).map((a) => a.kind);

  // The post from the server, or (a reload without a link) as it was kept.
  const post = useStore(feed.post);
  const [postError, setPostError] = useState<unknown>(null);
  useEffect(() => {
    api.commandPosts().then(
      (posts) => {
        setPostError(null);
        feed.rememberPost(posts.find((p) => p.id === session.user.commandPostId) ?? null);
      },
      (error: unknown) => {
        if (!feed.post.get()) setPostError(error);
      },
    );
  }, [feed, session.user.commandPostId]);

  // Every exercise's injects, newest first, unless the operator narrows the list to one exercise: a
  // post taking part in two exercises at once must not miss an inject of either.
  const [filter, setFilter] = useState('');
  const exerciseId = preferredExercise(exercises);
  const exercise = exerciseId ? exercises.get(exerciseId) : undefined;
  const injects = (filter && exercises.has(filter) ? feed.inbox.list(filter) : feed.inbox.all()).sort(
    (a, b) => Date.parse(b.firedAt) - Date.parse(a.firedAt) || b.seq - a.seq,
  );

  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<'injects' | 'media'>('injects');
  const mediaItems = injects.filter((m) => m.kind === 'media');
  const current = selected ? feed.inbox.get(selected) : undefined;
  const detailRef = useRef<HTMLElement>(null);

  const open = (message: InjectMessage, focus = true) => {
    setSelected(message.deliveryId);
    marks.mark(message.deliveryId);
    feed.markRead(message.deliveryId);
    if (focus) requestAnimationFrame(() => detailRef.current?.focus({ preventScroll: true }));
  };

  // The FLASH banner stays until the operator opens or acknowledges the inject.
  const pendingFlash = feed.inbox
    .all()
    .filter((m) => m.precedence === 'flash' && !read.has(m.deliveryId) && !isDeliveryAtLeast(m.status, 'acknowledged'))
    .sort((a, b) => b.seq - a.seq)[0];
  const flashTitle = pendingFlash ? `⚡ ${t('precedence.flash')} — ExCon` : 'ExCon';
  useEffect(() => {
    document.title = flashTitle;
    return () => void (document.title = 'ExCon');
  }, [flashTitle]);

  // Screen readers hear of a new (non-FLASH: the banner speaks for those) inject without leaving what they read.
  const newest = injects[0];
  const announcement =
    newest && newest.precedence !== 'flash' && !read.has(newest.deliveryId) && !isDeliveryAtLeast(newest.status, 'acknowledged')
      ? t('operator.newInject', { ref: newest.ref, title: localText(newest, lang).title })
      : '';
  const unread = injects.filter((m) => !read.has(m.deliveryId) && !isDeliveryAtLeast(m.status, 'acknowledged')).length;
  const exerciseList = [...exercises.values()];
  // After ENDEX: the questionnaire of the exercise that ended last.
  const feedbackFor = exerciseList.filter((x) => x.reading.status === 'completed').sort((a, b) => b.reading.at - a.reading.at)[0];

  return (
    <Layout
      title={t('operator.title')}
      fixed
      nav={[
        { href: href('/training-plan'), label: t('tp.invitationsNav') },
        { href: href('/account'), label: t('account.nav') },
      ]}
      status={
        <>
          <span class="post-name" data-testid="post-name">
            {post ? `${post.code} · ${postName(post, lang)}` : ''}
          </span>
          <Clocks reading={exercise?.reading ?? null} post={post ? { name: postName(post, lang), timeZone: post.timeZone } : undefined} />
          <ConnectionBadge status={connection} />
          {outbox.length > 0 && (
            <span class="outbox-count" role="status" data-testid="outbox-count" data-count={outbox.length}>
              {t('operator.unsentCount', { count: outbox.length })}
            </span>
          )}
        </>
      }
    >
      {pendingFlash && (
        <FlashBanner
          message={pendingFlash}
          onOpen={() => open(pendingFlash)}
          onAcknowledge={() => feed.acknowledge(pendingFlash.deliveryId).then(() => marks.mark(pendingFlash.deliveryId))}
        />
      )}
      {/* Always in the page, so that a FLASH written into it is read out at once (the banner never takes the focus). */}
      <p class="visually-hidden" role="alert" aria-live="assertive" aria-atomic="true" data-testid="flash-announcement">
        {pendingFlash ? t('operator.flashArrived', { title: localText(pendingFlash, lang).title }) : ''}
      </p>
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="arrival-announcement">
        {announcement}
      </p>
      <ErrorMessage error={postError} />
      {outboxError && (
        <p class="error-message" role="alert" data-testid="outbox-error">
          {t('operator.unsentRefused', { reason: outboxError })}
        </p>
      )}
      {syncError && (
        <p class="error-message" role="alert">
          {t('operator.syncFailed', { reason: syncError })}
        </p>
      )}
      {feedbackFor && <FeedbackForm key={feedbackFor.id} exerciseId={feedbackFor.id} title={feedbackFor.title} timeZone={post?.timeZone} />}
      <div class="operator-grid">
        <section class="panel inject-panel" aria-labelledby="inbox-heading">
          <div class="panel-head">
            <h1 id="inbox-heading">
              {t('operator.inbox')}{' '}
              {unread > 0 && (
                <span class="count" aria-label={t('operator.unreadCount', { count: unread })}>
                  {unread}
                </span>
              )}
            </h1>
            {exerciseList.length > 1 && (
              <label class="inline-field">
                {t('operator.exercise')}
                <select value={filter} onChange={(e) => setFilter(e.currentTarget.value)}>
                  <option value="">{t('operator.allExercises')}</option>
                  {exerciseList.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.title} ({t(`exerciseStatus.${x.reading.status}`)})
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          {exercise && exerciseList.length <= 1 && (
            <p class="exercise-line">
              {exercise.title} · {t(`exerciseStatus.${exercise.reading.status}`)}
            </p>
          )}
          {!exercise && <p class="empty">{t('operator.noExercise')}</p>}
          <div class="tabs" role="tablist" aria-label={t('media.tabs')}>
            {(['injects', 'media'] as const).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                id={`tab-${name}`}
                aria-selected={tab === name ? 'true' : 'false'}
                aria-controls={`tabpanel-${name}`}
                class={`tab${tab === name ? ' current' : ''}`}
                data-testid={`tab-${name}`}
                onClick={() => setTab(name)}
              >
                {t(name === 'injects' ? 'media.tabInjects' : 'media.tabMedia')}
                {name === 'media' && mediaItems.length > 0 && <span class="count">{mediaItems.length}</span>}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'injects' ? (
              <>
                {exercise && injects.length === 0 && <p class="empty">{t('operator.noInjects')}</p>}
                <InjectList
                  injects={injects}
                  read={read}
                  unsent={new Set(outbox.map((a) => a.deliveryId))}
                  selected={selected}
                  timeZone={post?.timeZone}
                  exerciseTitle={exerciseList.length > 1 && !filter ? (id) => exercises.get(id)?.title ?? '' : undefined}
                  onOpen={(m) => open(m)}
                />
              </>
            ) : (
              <MediaFeed items={mediaItems} timeZone={post?.timeZone} onOpen={(m) => open(m)} />
            )}
          </div>
        </section>
        <section class="panel detail-panel" ref={detailRef} tabIndex={0} aria-label={t('operator.detail')}>
          {current ? (
            <InjectDetail
              key={current.deliveryId}
              message={current}
              timeZone={post?.timeZone}
              online={connection === 'connected'}
              unsent={unsent(current.deliveryId)}
              onAcknowledge={() => feed.acknowledge(current.deliveryId)}
              onRespond={(text) => feed.respond(current.deliveryId, text)}
            />
          ) : (
            <p class="empty">{t('operator.pick')}</p>
          )}
        </section>
      </div>
      {exercise && session.user.commandPostId && (
        <DutyChannel
          chat={feed.chat}
          exercise={exercise}
          commandPostId={session.user.commandPostId}
          timeZone={post?.timeZone}
          online={connection === 'connected'}
        />
      )}
    </Layout>
  );
}
