import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AdHocInjectRequest, CommandPostView, DeliveryView, ExerciseInjectView, ExerciseView } from '@excon/contracts';
import { isDeliveryAtLeast } from '@excon/domain';
import { api, type InjectControl } from '../api/api';
import { AttachmentList, AttachmentUpload } from '../common/attachment-list';
import { Clocks } from '../common/clocks';
import { ExerciseLive } from '../common/exercise-live';
import { href } from '../common/router';
import { useFrameStore } from '../common/frame-store';
import { useStore } from '../common/store';
import { serverNow } from '../common/server-time';
import { CRC_TIME_ZONE, formatCountdown, formatTime, fromLocalInput, LOCAL_TIME_ZONE, toLocalInput } from '../common/time';
import { useNow } from '../common/use-now';
import { ErrorMessage, Field, Loading } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { useConnectionStatus, type ConsoleSocket } from '../socket/console-socket';
import { dutyChatOf } from '../socket/duty-chat';
import { ConfirmButton } from './confirm-button';
import { DeliveryMatrix } from './delivery-matrix';
import { DutyPanel } from './duty-panel';
import { InjectForm } from './inject-form';

function SpeedForm({ exercise, onSet }: { exercise: ExerciseView; onSet: (speed: number) => Promise<void> }) {
  const { t } = useI18n();
  const [speed, setSpeed] = useState(String(exercise.speed));
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setSpeed(String(exercise.speed)), [exercise.speed]);
  return (
    <form
      class="speed-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const value = Number(speed);
        if (!Number.isFinite(value) || value <= 0 || value > 60) return setError(t('validation.speed'));
        setError(undefined);
        onSet(value).catch((e: Error) => setError(e.message));
      }}
    >
      <Field label={t('exercise.speed')} error={error} class="narrow">
        {(c) => (
          <input {...c} name="speed" type="number" min={0.1} max={60} step="any" value={speed} onInput={(e) => setSpeed(e.currentTarget.value)} />
        )}
      </Field>
      <button type="submit" class="btn" disabled={exercise.status === 'completed'}>
        {t('run.setSpeed')}
      </button>
    </form>
  );
}

/** STARTEX, pause, resume and ENDEX: the buttons the exercise's state allows. */
function ClockControls({
  exercise,
  busy,
  act,
  onExercise,
}: {
  exercise: ExerciseView;
  busy: boolean;
  act: (action: () => Promise<unknown>) => void;
  onExercise: (x: ExerciseView) => void;
}) {
  const { t } = useI18n();
  const { status, id } = exercise;
  const run = (call: () => Promise<ExerciseView>) => act(() => call().then(onExercise));
  return (
    <div class="run-controls" role="group" aria-label={t('run.controls')}>
      {(status === 'draft' || status === 'scheduled') && (
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => run(() => api.startExercise(id))} data-action="start">
          {t('run.start')}
        </button>
      )}
      {status === 'running' && (
        <button type="button" class="btn" disabled={busy} onClick={() => run(() => api.controlExercise(id, 'pause'))}>
          {t('run.pause')}
        </button>
      )}
      {status === 'paused' && (
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => run(() => api.controlExercise(id, 'resume'))}>
          {t('run.resume')}
        </button>
      )}
      {(status === 'running' || status === 'paused' || status === 'scheduled') && (
        <ConfirmButton
          label={t('run.stop')}
          confirmLabel={t('run.confirmStop')}
          disabled={busy}
          onConfirm={() => run(() => api.controlExercise(id, 'stop'))}
        />
      )}
    </div>
  );
}

/** Both zones of a moment, side by side: the controller's own and the CRC's (Moscow). */
function ZonePair({ at }: { at: number | string }) {
  const { t, lang } = useI18n();
  return (
    <span class="zone-pair">
      <span>
        {t('run.yourTime', { zone: LOCAL_TIME_ZONE })}:{' '}
        <time dateTime={new Date(at).toISOString()}>{formatTime(at, LOCAL_TIME_ZONE, lang, true)}</time>
      </span>
      <span>
        {t('clock.crc')}: <time dateTime={new Date(at).toISOString()}>{formatTime(at, CRC_TIME_ZONE, lang, true)}</time>
      </span>
    </span>
  );
}

/** The planned STARTEX of a scheduled exercise, with a countdown. */
function ScheduledFor({ at }: { at: string }) {
  const { t } = useI18n();
  const now = useNow();
  const left = Math.max(0, Math.ceil((Date.parse(at) - now) / 1000));
  return (
    <p class="scheduled-for" data-testid="scheduled-for" data-at={at}>
      <strong>{t('run.scheduledFor')}:</strong> <ZonePair at={at} />{' '}
      <span class="countdown-inline">{t('run.startsIn', { time: formatCountdown(left) })}</span>
    </p>
  );
}

/** The next whole quarter-hour at least 10 minutes away: a sensible default for a planned STARTEX. */
function defaultStart(now: number): number {
  const quarter = 15 * 60_000;
  return Math.ceil((now + 10 * 60_000) / quarter) * quarter;
}

/** STARTEX at a chosen moment: a date-time in the controller's own zone, shown in Moscow time beside it. */
function ScheduleForm({
  exercise,
  busy,
  act,
  onExercise,
}: {
  exercise: ExerciseView;
  busy: boolean;
  act: (action: () => Promise<unknown>) => void;
  onExercise: (x: ExerciseView) => void;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(() => toLocalInput(exercise.scheduledFor ? Date.parse(exercise.scheduledFor) : defaultStart(serverNow())));
  const [error, setError] = useState<string | undefined>();
  const at = fromLocalInput(value);
  return (
    <form
      class="schedule-form"
      noValidate
      aria-label={t('run.scheduleLegend')}
      data-testid="schedule-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        if (at === null) return setError(t('validation.dateTime'));
        if (at <= serverNow()) return setError(t('validation.future'));
        setError(undefined);
        act(() => api.startExercise(exercise.id, { at: new Date(at).toISOString() }).then(onExercise));
      }}
    >
      <Field label={t('run.startAt', { zone: LOCAL_TIME_ZONE })} error={error} hint={at === null ? undefined : <ZonePair at={at} />}>
        {(c) => (
          <input {...c} type="datetime-local" step={1} name="startAt" value={value} onInput={(e) => setValue(e.currentTarget.value)} required />
        )}
      </Field>
      <button type="submit" class="btn" aria-disabled={busy ? 'true' : undefined}>
        {exercise.status === 'scheduled' ? t('run.reschedule') : t('run.schedule')}
      </button>
    </form>
  );
}

function ResponseFeed({
  deliveries,
  injects,
  posts,
}: {
  deliveries: DeliveryView[];
  injects: Map<string, ExerciseInjectView>;
  posts: Map<string, CommandPostView>;
}) {
  const { t, lang } = useI18n();
  const answered = deliveries.filter((d) => d.respondedAt).sort((a, b) => Date.parse(b.respondedAt ?? '') - Date.parse(a.respondedAt ?? ''));
  return (
    <section class="panel feed" aria-labelledby="feed-heading" aria-live="polite">
      <h2 id="feed-heading">
        {t('run.responses')} <span class="count">{answered.length}</span>
      </h2>
      {answered.length === 0 ? (
        <p class="empty">{t('run.noResponses')}</p>
      ) : (
        <ol class="feed-list" data-testid="response-feed">
          {answered.map((d) => (
            <li key={d.id}>
              <div class="feed-head">
                <time dateTime={d.respondedAt ?? ''}>{formatTime(d.respondedAt ?? '', CRC_TIME_ZONE, lang)}</time>{' '}
                <strong>{posts.get(d.commandPostId)?.code ?? '?'}</strong> · <span class="mono">{injects.get(d.injectId)?.ref ?? '?'}</span>
              </div>
              <p class="body">{d.response}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function OverdueAlerts({
  deliveries,
  injects,
  posts,
}: {
  deliveries: DeliveryView[];
  injects: Map<string, ExerciseInjectView>;
  posts: Map<string, CommandPostView>;
}) {
  const { t, lang } = useI18n();
  const late = deliveries
    .filter((d) => d.overdueAt && !isDeliveryAtLeast(d.status, 'acknowledged'))
    .sort((a, b) => Date.parse(b.overdueAt ?? '') - Date.parse(a.overdueAt ?? ''));
  return (
    <section class={`panel alerts${late.length ? ' has-alerts' : ''}`} aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">
        {t('run.overdue')} <span class="count">{late.length}</span>
      </h2>
      <div role="alert" aria-live="assertive">
        {late.length === 0 ? (
          <p class="empty">{t('run.noOverdue')}</p>
        ) : (
          <ul class="alert-list" data-testid="overdue-list">
            {late.map((d) => (
              <li key={d.id}>
                <strong>{posts.get(d.commandPostId)?.code ?? '?'}</strong> · <span class="mono">{injects.get(d.injectId)?.ref ?? '?'}</span> ·{' '}
                {t('run.overdueSince', { time: formatTime(d.overdueAt ?? '', CRC_TIME_ZONE, lang) })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

const NO_INJECTS: ExerciseInjectView[] = [];
const NO_POSTS: CommandPostView[] = [];

/** Live control of one exercise: clock, matrix, per-inject control, responses, overdue alerts, ad-hoc injects. */
export function ExerciseRun({
  exerciseId,
  posts: loadedPosts,
  socket,
  canRun,
}: {
  exerciseId: string;
  /** Null while they load (the exercise loads meanwhile). */
  posts: CommandPostView[] | null;
  socket: ConsoleSocket;
  canRun: boolean;
}) {
  const { t, lang } = useI18n();
  const live = useMemo(() => new ExerciseLive(exerciseId, socket), [exerciseId, socket]);
  useEffect(() => live.start(), [live]);
  const chat = dutyChatOf(socket);
  const connection = useConnectionStatus(socket);
  // Socket events arrive by the hundred a second in a big exercise: one render an animation frame takes them all.
  const exercise = useFrameStore(live.exercise);
  const deliveryMap = useFrameStore(live.deliveries);
  const reading = useStore(live.reading);
  const loadFailure = useStore(live.failure);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** The ad-hoc inject added last: it takes files until it fires. */
  const [adHocId, setAdHocId] = useState<string | null>(null);
  const head = useRef<HTMLElement>(null);

  const posts = loadedPosts ?? NO_POSTS;
  const injects = exercise?.injects ?? NO_INJECTS;
  const injectById = useMemo(() => new Map(injects.map((i) => [i.id, i])), [injects]);
  const postById = useMemo(() => new Map(posts.map((p) => [p.id, p])), [posts]);
  const commandPostIds = exercise?.commandPostIds;
  const columns = useMemo(() => {
    const taking = new Set([...(commandPostIds ?? []), ...injects.flatMap((i) => i.targets)]);
    return posts.filter((p) => taking.has(p.id));
  }, [posts, injects, commandPostIds]);
  const deliveries = useMemo(() => [...deliveryMap.values()], [deliveryMap]);

  if (!exercise || !loadedPosts) return loadFailure ? <ErrorMessage error={loadFailure} /> : <Loading />;
  const { status } = exercise;
  const canControl = canRun && status !== 'completed';

  const act = (action: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setFailure(null);
    action()
      .catch(setFailure)
      .finally(() => {
        setBusy(false);
        after?.();
      });
  };
  /** A clock action: the pressed button may be gone (Start becomes Pause, …), so the focus stays in the clock controls. */
  const actClock = (action: () => Promise<unknown>) =>
    act(action, () =>
      setTimeout(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        head.current?.querySelector<HTMLElement>('.run-controls button:not(:disabled)')?.focus();
      }, 50),
    );
  const control = (inject: ExerciseInjectView, action: InjectControl) =>
    act(() => api.controlInject(exercise.id, inject.id, action).then((i) => live.putInject(i)));

  return (
    <div class="exercise-run" data-exercise-status={status}>
      <section class="panel run-head" aria-labelledby="run-heading" ref={head}>
        <div class="run-title">
          <h1 id="run-heading">{exercise.title}</h1>
          <span class={`status status-${status}`} data-testid="exercise-status">
            {t(`exerciseStatus.${status}`)}
          </span>
          <a href={href(`/evaluator/exercises/${exercise.id}`)}>{t('run.timeline')}</a>
        </div>
        {status === 'scheduled' && exercise.scheduledFor && <ScheduledFor at={exercise.scheduledFor} />}
        <Clocks reading={reading} />
        {canRun && <ClockControls exercise={exercise} busy={busy} act={actClock} onExercise={(x) => live.setExercise(x)} />}
        {canRun && (status === 'draft' || status === 'scheduled') && (
          <ScheduleForm exercise={exercise} busy={busy} act={actClock} onExercise={(x) => live.setExercise(x)} />
        )}
        {canRun && <SpeedForm exercise={exercise} onSet={(speed) => api.updateExercise(exercise.id, { speed }).then((x) => live.setExercise(x))} />}
      </section>
      <ErrorMessage error={failure ?? loadFailure} />
      <section class="panel" aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">{t('run.matrix')}</h2>
        <DeliveryMatrix
          injects={injects}
          posts={columns}
          deliveries={deliveryMap}
          canControl={canControl}
          onControl={control}
          onRetime={(inject, seconds) => api.retimeInject(exercise.id, inject.id, seconds).then((i) => live.putInject(i))}
        />
      </section>
      <div class="run-side">
        {(status === 'running' || status === 'paused' || chat.list(exercise.id).length > 0) && (
          <DutyPanel
            chat={chat}
            exercise={exercise}
            posts={posts.filter((p) => (exercise.commandPostIds ?? columns.map((c) => c.id)).includes(p.id))}
            canSend={canRun}
            online={connection === 'connected'}
          />
        )}
        <OverdueAlerts deliveries={deliveries} injects={injectById} posts={postById} />
        <ResponseFeed deliveries={deliveries} injects={injectById} posts={postById} />
        {canControl && (
          <section class="panel" aria-labelledby="adhoc-heading">
            <details>
              <summary>
                <h2 id="adhoc-heading">{t('run.adHoc')}</h2>
              </summary>
              <InjectForm
                posts={posts}
                language={lang}
                adHoc
                submitLabel={t('run.adHocSubmit')}
                onSubmit={(input) =>
                  api.addAdHocInject(exercise.id, input as AdHocInjectRequest).then((i) => {
                    live.putInject(i);
                    setAdHocId(i.id);
                  })
                }
              />
              {adHocId && <AdHocFiles exerciseId={exercise.id} inject={injectById.get(adHocId)} onChange={(i) => live.putInject(i)} />}
            </details>
          </section>
        )}
      </div>
    </div>
  );
}

/** The files of the ad-hoc inject just added, while it has not fired (its posts keep what they were sent). */
function AdHocFiles({
  exerciseId,
  inject,
  onChange,
}: {
  exerciseId: string;
  inject?: ExerciseInjectView;
  onChange: (inject: ExerciseInjectView) => void;
}) {
  const { t } = useI18n();
  if (!inject || (inject.status !== 'pending' && inject.status !== 'held')) return null;
  const owner = { exerciseId, injectId: inject.id };
  return (
    <section class="inject-attachments" aria-labelledby="adhoc-files-heading" data-testid="adhoc-attachments">
      <h3 id="adhoc-files-heading">{t('attachment.ofInject', { ref: inject.ref })}</h3>
      <AttachmentList
        attachments={inject.attachments}
        onRemove={async (attachment) => {
          await api.detach(owner, attachment.id);
          onChange({ ...inject, attachments: inject.attachments.filter((a) => a.id !== attachment.id) });
        }}
      />
      <AttachmentUpload
        onUpload={async (file) => {
          // The server answers with the stored file: the list follows from it, without reading the whole exercise again.
          const { id, name, contentType, size } = await api.attach(owner, file);
          onChange({ ...inject, attachments: [...inject.attachments, { id, name, contentType, size }] });
        }}
      />
    </section>
  );
}
