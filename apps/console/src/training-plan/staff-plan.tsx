import { useEffect, useRef, useState } from 'preact/hooks';
import type { CommandPostView, PlanActivityView } from '@excon/contracts';
import { PLAN_ACTIVITY_KINDS, PLAN_ACTIVITY_STATUSES, type PlanActivityKind, type PlanActivityStatus } from '@excon/domain/vocabulary';
import { ApiRequestError } from '../api/client';
import { trainingPlanApi } from '../api/training-plan-api';
import { postName } from '../common/post-names';
import { ErrorMessage, Field, Loading } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { ConsultationEditor } from './consultation-editor';
import { LOCAL_TIME_ZONE, clocksText, datesText, isoToZonedInput, MOSCOW, moscowMonth, titleOf, zonedInputToIso, zoneLabel } from './plan-format';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** A save and its field errors (the server's 400 `details`, or the client's own checks). */
function useSave<T>(onSaved: (value: T) => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const run = (call: () => Promise<T>, local: Record<string, string> = {}) => {
    setFailure(null);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    call()
      .then(onSaved, (error: unknown) => {
        if (error instanceof ApiRequestError && error.status === 400 && error.body.details?.length) setErrors(error.fieldErrors());
        else setFailure(error);
      })
      .finally(() => setSaving(false));
  };
  return { errors, failure, saving, run };
}

/** The zones to offer: Moscow, the posts' zones and this browser's. */
function zonesOf(posts: CommandPostView[]): string[] {
  return [...new Set([MOSCOW, ...posts.map((p) => p.timeZone), LOCAL_TIME_ZONE])];
}

function ZoneSelect({
  label,
  value,
  zones,
  onChange,
  name,
}: {
  label: string;
  value: string;
  zones: string[];
  name: string;
  onChange: (z: string) => void;
}) {
  const { t } = useI18n();
  return (
    <Field label={label}>
      {(control) => (
        <select {...control} name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {zoneLabel(z, t)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function StatusBadge({ status }: { status: PlanActivityStatus }) {
  const { t } = useI18n();
  return <span class={`tp-badge tp-status-${status}`}>{t(`tp.status.${status}`)}</span>;
}

function ActivityItem({ activity, onOpen }: { activity: PlanActivityView; onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  const title = titleOf(activity, lang);
  return (
    <li class="tp-item" data-id={activity.id}>
      <button type="button" class="tp-open" aria-label={t('tp.open', { title })} onClick={() => onOpen(activity.id)}>
        <span class="tp-kind">{t(`tp.kind.${activity.kind}`)}</span> <strong class="tp-title">{title}</strong>
      </button>{' '}
      <StatusBadge status={activity.status} />
      <div class="tp-when">
        {datesText(activity)} · <span class="tp-times">{clocksText(activity, t)}</span>
      </div>
    </li>
  );
}

/** The create form: the dates are read on the wall clock of the zone chosen (Moscow by default). */
function CreateForm({ posts, zones, onDone }: { posts: CommandPostView[]; zones: string[]; onDone: (created?: PlanActivityView) => void }) {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<PlanActivityKind>('joint_training');
  const [ru, setRu] = useState('');
  const [en, setEn] = useState('');
  const [zone, setZone] = useState(MOSCOW);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [organiser, setOrganiser] = useState('CRC');
  const [states, setStates] = useState<string[]>([]);
  const [postIds, setPostIds] = useState<string[]>([]);
  const { errors, failure, saving, run } = useSave<PlanActivityView>(onDone);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const memberStates = [...new Set(posts.map((p) => p.memberState))].sort();
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((x) => x !== value));
  const submit = () => {
    const startAt = zonedInputToIso(start, zone);
    const endAt = zonedInputToIso(end, zone);
    const local: Record<string, string> = {};
    if (!startAt) local.startAt = t('tp.startAt');
    if (!endAt) local.endAt = t('tp.endAt');
    run(
      () =>
        trainingPlanApi.create({
          kind,
          titles: { ru: ru.trim(), en: en.trim() },
          startAt: startAt ?? '',
          endAt: endAt ?? '',
          organiser: organiser.trim(),
          participants: { memberStates: states, commandPostIds: postIds },
        }),
      local,
    );
  };
  return (
    <form
      class="panel tp-form"
      data-testid="activity-form"
      aria-labelledby="tp-create-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <h2 id="tp-create-heading" tabIndex={-1} ref={heading}>
        {t('tp.new')}
      </h2>
      <div class="form-row">
        <Field label={t('tp.kind')} error={errors.kind}>
          {(c) => (
            <select {...c} name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as PlanActivityKind)}>
              {PLAN_ACTIVITY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`tp.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('tp.organiser')} error={errors.organiser}>
          {(c) => <input {...c} name="organiser" value={organiser} onInput={(e) => setOrganiser(e.currentTarget.value)} />}
        </Field>
      </div>
      <div class="form-row">
        <Field label={t('tp.titleRu')} error={errors['titles.ru'] ?? errors.titles}>
          {(c) => <input {...c} name="titles.ru" lang="ru" value={ru} onInput={(e) => setRu(e.currentTarget.value)} />}
        </Field>
        <Field label={t('tp.titleEn')} error={errors['titles.en'] ?? errors.titles}>
          {(c) => <input {...c} name="titles.en" lang="en" value={en} onInput={(e) => setEn(e.currentTarget.value)} />}
        </Field>
      </div>
      <div class="form-row">
        <ZoneSelect label={t('tp.zone')} name="zone" value={zone} zones={zones} onChange={setZone} />
        <Field label={t('tp.startAt')} error={errors.startAt}>
          {(c) => <input {...c} type="datetime-local" name="startAt" value={start} onInput={(e) => setStart(e.currentTarget.value)} />}
        </Field>
        <Field label={t('tp.endAt')} error={errors.endAt}>
          {(c) => <input {...c} type="datetime-local" name="endAt" value={end} onInput={(e) => setEnd(e.currentTarget.value)} />}
        </Field>
      </div>
      <fieldset class="tp-participants">
        <legend>{t('tp.participants')}</legend>
        {(errors.participants || errors['participants.memberStates'] || errors['participants.commandPostIds']) && (
          <p class="field-error" role="alert">
            {errors.participants ?? errors['participants.memberStates'] ?? errors['participants.commandPostIds']}
          </p>
        )}
        <fieldset>
          <legend>{t('tp.memberStates')}</legend>
          {memberStates.map((code) => (
            <label key={code} class="tp-check">
              <input
                type="checkbox"
                name="memberStates"
                value={code}
                checked={states.includes(code)}
                onChange={(e) => setStates(toggle(states, code, e.currentTarget.checked))}
              />{' '}
              {code}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('tp.posts')}</legend>
          {posts.map((p) => (
            <label key={p.id} class="tp-check">
              <input
                type="checkbox"
                name="commandPostIds"
                value={p.id}
                checked={postIds.includes(p.id)}
                onChange={(e) => setPostIds(toggle(postIds, p.id, e.currentTarget.checked))}
              />{' '}
              {p.code} {postName(p, lang)} ({p.timeZone})
            </label>
          ))}
        </fieldset>
      </fieldset>
      <ErrorMessage error={failure} />
      <div class="tp-buttons">
        <button type="submit" class="btn btn-primary" disabled={saving}>
          {saving ? t('common.saving') : t('tp.create')}
        </button>
        <button type="button" class="btn" onClick={() => onDone()}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Postpone (reason and new dates), cancel (reason), confirm, held, reported. */
function StatusForm({ activity, zones, onSaved }: { activity: PlanActivityView; zones: string[]; onSaved: (a: PlanActivityView) => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<PlanActivityStatus>(activity.status);
  const [reason, setReason] = useState('');
  const [zone, setZone] = useState(MOSCOW);
  const [start, setStart] = useState(isoToZonedInput(activity.startAt, MOSCOW));
  const [end, setEnd] = useState(isoToZonedInput(activity.endAt, MOSCOW));
  const { errors, failure, saving, run } = useSave<PlanActivityView>((a) => {
    setReason('');
    onSaved(a);
  });
  const withReason = status === 'postponed' || status === 'cancelled';
  const moving = status === 'postponed';
  const changeZone = (next: string) => {
    const s = zonedInputToIso(start, zone);
    const e = zonedInputToIso(end, zone);
    if (s) setStart(isoToZonedInput(s, next));
    if (e) setEnd(isoToZonedInput(e, next));
    setZone(next);
  };
  const submit = () => {
    const text = reason.trim();
    const startAt = moving ? zonedInputToIso(start, zone) : null;
    const endAt = moving ? zonedInputToIso(end, zone) : null;
    run(() =>
      trainingPlanApi.update(activity.id, {
        status,
        ...(withReason && text ? { reason: text } : {}),
        ...(startAt ? { startAt } : {}),
        ...(endAt ? { endAt } : {}),
      }),
    );
  };
  return (
    <form
      class="tp-status-form"
      data-testid="status-form"
      aria-labelledby="tp-status-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 id="tp-status-heading">{t('tp.changeStatus')}</h3>
      <div class="form-row">
        <Field label={t('tp.newStatus')} error={errors.status}>
          {(c) => (
            <select {...c} name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value as PlanActivityStatus)}>
              {PLAN_ACTIVITY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`tp.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {moving && (
          <>
            <ZoneSelect label={t('tp.zone')} name="statusZone" value={zone} zones={zones} onChange={changeZone} />
            <Field label={t('tp.newStart')} error={errors.startAt}>
              {(c) => <input {...c} type="datetime-local" name="newStart" value={start} onInput={(e) => setStart(e.currentTarget.value)} />}
            </Field>
            <Field label={t('tp.newEnd')} error={errors.endAt}>
              {(c) => <input {...c} type="datetime-local" name="newEnd" value={end} onInput={(e) => setEnd(e.currentTarget.value)} />}
            </Field>
          </>
        )}
      </div>
      {withReason && (
        <Field label={t('tp.reason')} error={errors.reason}>
          {(c) => <textarea {...c} name="statusReason" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
        </Field>
      )}
      <ErrorMessage error={failure} />
      <button type="submit" class="btn" disabled={saving || status === activity.status}>
        {t('tp.apply')}
      </button>
    </form>
  );
}

function Detail({
  activityId,
  zone,
  posts,
  zones,
  canWrite,
  onChanged,
  onClose,
}: {
  activityId: string;
  zone: string;
  posts: CommandPostView[];
  zones: string[];
  canWrite: boolean;
  onChanged: (a: PlanActivityView) => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const [activity, setActivity] = useState<PlanActivityView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [present, setPresent] = useState<Set<string>>(new Set());
  const heading = useRef<HTMLHeadingElement>(null);
  const show = (a: PlanActivityView) => {
    setActivity(a);
    setPresent(new Set(a.attendance.filter((x) => x.present).map((x) => x.commandPostId)));
  };
  useEffect(() => {
    setActivity(null);
    trainingPlanApi.get(activityId, zone).then((a) => {
      show(a);
      requestAnimationFrame(() => heading.current?.focus());
    }, setFailure);
  }, [activityId, zone]);
  if (failure) return <ErrorMessage error={failure} />;
  if (!activity) return <Loading />;
  const saved = (a: PlanActivityView) => {
    // The write answers on the writer's default clock: read it again on the one shown.
    trainingPlanApi.get(a.id, zone).then((fresh) => {
      show(fresh);
      onChanged(fresh);
    }, setFailure);
  };
  const postLabel = (id: string) => {
    const post = posts.find((p) => p.id === id);
    return post ? `${post.code} ${postName(post, lang)}` : id;
  };
  const download = (call: () => Promise<void>) => void call().catch(setFailure);
  const title = titleOf(activity, lang);
  return (
    <section class="panel tp-detail" aria-labelledby="tp-detail-heading" data-testid="activity-detail" data-id={activity.id}>
      <div class="panel-head">
        <h2 id="tp-detail-heading" tabIndex={-1} ref={heading}>
          {title} <StatusBadge status={activity.status} />
        </h2>
        <button type="button" class="btn btn-small" onClick={onClose}>
          {t('tp.close')}
        </button>
      </div>
      <dl class="tp-facts">
        <dt>{t('tp.kind')}</dt>
        <dd>{t(`tp.kind.${activity.kind}`)}</dd>
        <dt>{t('tp.dates')}</dt>
        <dd>{datesText(activity)}</dd>
        <dt>{t('tp.times')}</dt>
        <dd class="tp-times">{clocksText(activity, t)}</dd>
        <dt>{t('tp.organiser')}</dt>
        <dd>{activity.organiser}</dd>
        {activity.statusReason && (
          <>
            <dt>{t('tp.reason')}</dt>
            <dd>{activity.statusReason}</dd>
          </>
        )}
        <dt>{t('tp.participants')}</dt>
        <dd>{[...activity.participants.memberStates, ...activity.participants.commandPostIds.map(postLabel)].join(', ')}</dd>
      </dl>

      <h3>{t('tp.links')}</h3>
      <ul class="tp-links">
        <li>
          <button type="button" class="btn btn-small" onClick={() => download(() => trainingPlanApi.calendar(activity.id, lang, zone))}>
            {t('tp.ics')}
          </button>
        </li>
        {activity.videoconferenceUrl && (
          <li>
            <a href={activity.videoconferenceUrl} target="_blank" rel="noopener noreferrer">
              {t('tp.videoconference')}
            </a>
          </li>
        )}
        {activity.reportPath && (
          <li>
            <button type="button" class="btn btn-small" onClick={() => download(() => trainingPlanApi.report(activity.reportPath as string))}>
              {t('tp.report')}
            </button>
          </li>
        )}
        {activity.kind === 'consultation' && (
          <>
            <li>
              <button type="button" class="btn btn-small" onClick={() => download(() => trainingPlanApi.minutes(activity.id, 'pdf', lang))}>
                {t('tp.minutesPdf')}
              </button>
            </li>
            <li>
              <button type="button" class="btn btn-small" onClick={() => download(() => trainingPlanApi.minutes(activity.id, 'docx', lang))}>
                {t('tp.minutesDocx')}
              </button>
            </li>
          </>
        )}
      </ul>

      <h3 id="tp-attendance-heading">{t('tp.attendance')}</h3>
      <table class="list-table compact" aria-labelledby="tp-attendance-heading" data-testid="attendance">
        <thead>
          <tr>
            <th scope="col">{t('tp.post')}</th>
            <th scope="col">{t('tp.answer')}</th>
            <th scope="col">{t('tp.reason')}</th>
            <th scope="col">{t('tp.present')}</th>
          </tr>
        </thead>
        <tbody>
          {activity.attendance.map((a) => (
            <tr key={a.commandPostId} data-post-id={a.commandPostId} data-answer={a.status}>
              <th scope="row">{postLabel(a.commandPostId)}</th>
              <td class="tp-answer">{t(`tp.attendance.${a.status}`)}</td>
              <td>{a.reason ?? ''}</td>
              <td>
                {canWrite ? (
                  <input
                    type="checkbox"
                    aria-label={t('tp.presentOf', { post: postLabel(a.commandPostId) })}
                    checked={present.has(a.commandPostId)}
                    onChange={(e) => {
                      const next = new Set(present);
                      if (e.currentTarget.checked) next.add(a.commandPostId);
                      else next.delete(a.commandPostId);
                      setPresent(next);
                    }}
                  />
                ) : a.present === null ? (
                  ''
                ) : (
                  t(a.present ? 'tp.yes' : 'tp.no')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canWrite && activity.attendance.length > 0 && (
        <button type="button" class="btn btn-small" onClick={() => void trainingPlanApi.presence(activity.id, [...present]).then(saved, setFailure)}>
          {t('tp.savePresence')}
        </button>
      )}

      <h3 id="tp-history-heading">{t('tp.history')}</h3>
      {activity.history.length === 0 ? (
        <p class="empty">{t('tp.noHistory')}</p>
      ) : (
        <table class="list-table compact" aria-labelledby="tp-history-heading" data-testid="history">
          <thead>
            <tr>
              <th scope="col">{t('tp.when')}</th>
              <th scope="col">{t('tp.status')}</th>
              <th scope="col">{t('tp.reason')}</th>
              <th scope="col">{t('tp.by')}</th>
              <th scope="col">{t('tp.previousDates')}</th>
            </tr>
          </thead>
          <tbody>
            {activity.history.map((h, i) => (
              <tr key={i}>
                <td>{isoToZonedInput(h.at, MOSCOW).replace('T', ' ')}</td>
                <td>{t(`tp.status.${h.status}`)}</td>
                <td>{h.reason ?? ''}</td>
                <td>{h.byDisplayName}</td>
                <td>
                  {isoToZonedInput(h.previousStartAt, MOSCOW).replace('T', ' ')} – {isoToZonedInput(h.previousEndAt, MOSCOW).replace('T', ' ')}{' '}
                  {t('tp.moscow')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {canWrite && <StatusForm key={`${activity.id}-${activity.status}`} activity={activity} zones={zones} onSaved={saved} />}
      {canWrite && activity.kind === 'consultation' && <ConsultationEditor key={activity.updatedAt} activity={activity} onSaved={saved} />}
    </section>
  );
}

/** The staff's plan: a year (12 months) or one month, the activities with both clocks, details and (writers) the forms. */
export function StaffPlan({ posts, canWrite }: { posts: CommandPostView[]; canWrite: boolean }) {
  const { t } = useI18n();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [view, setView] = useState<'year' | 'month'>('year');
  const [month, setMonth] = useState(() => new Date().getMonth() + 1);
  const [zone, setZone] = useState(LOCAL_TIME_ZONE);
  const [activities, setActivities] = useState<PlanActivityView[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [reload, setReload] = useState(0);
  const zones = zonesOf(posts);
  useEffect(() => {
    setFailure(null);
    trainingPlanApi.list(year, view === 'month' ? month : undefined, zone).then(setActivities, setFailure);
  }, [year, view, month, zone, reload]);
  const months = view === 'month' ? [month] : MONTHS;
  return (
    <div class="tp-staff">
      <div class="tp-toolbar" role="group" aria-label={t('tp.view')}>
        <button type="button" class="btn btn-small" aria-label={t('tp.prevYear')} onClick={() => setYear(year - 1)}>
          ‹
        </button>
        <h1 class="tp-year" aria-live="polite">
          {t('tp.year', { year })}
        </h1>
        <button type="button" class="btn btn-small" aria-label={t('tp.nextYear')} onClick={() => setYear(year + 1)}>
          ›
        </button>
        <Field label={t('tp.view')}>
          {(c) => (
            <select {...c} name="view" value={view} onChange={(e) => setView(e.currentTarget.value as 'year' | 'month')}>
              <option value="year">{t('tp.view.year')}</option>
              <option value="month">{t('tp.view.month')}</option>
            </select>
          )}
        </Field>
        {view === 'month' && (
          <Field label={t('tp.month')}>
            {(c) => (
              <select {...c} name="month" value={String(month)} onChange={(e) => setMonth(Number(e.currentTarget.value))}>
                {MONTHS.map((m) => (
                  <option key={m} value={String(m)}>
                    {t(`tp.month.${m}` as 'tp.month.1')}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <ZoneSelect label={t('tp.secondClock')} name="clock" value={zone} zones={zones} onChange={setZone} />
        {canWrite && !creating && (
          <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
            {t('tp.new')}
          </button>
        )}
      </div>
      {creating && (
        <CreateForm
          posts={posts.filter((p) => p.active !== false)}
          zones={zones}
          onDone={(created) => {
            setCreating(false);
            if (created) {
              setYear(created.year);
              setSelected(created.id);
              setReload((n) => n + 1);
            }
          }}
        />
      )}
      <ErrorMessage error={failure} />
      <div class="tp-columns">
        {!activities ? (
          <Loading />
        ) : (
          <div class={`tp-months tp-months-${view}`} data-testid="plan-months">
            {months.map((m) => {
              const those = activities.filter((a) => moscowMonth(a) === m);
              return (
                <section key={m} class="tp-month" data-month={m} aria-labelledby={`tp-month-${m}`}>
                  <h2 id={`tp-month-${m}`}>{t(`tp.month.${m}` as 'tp.month.1')}</h2>
                  {those.length === 0 ? (
                    <p class="empty">{t('tp.none')}</p>
                  ) : (
                    <ul>
                      {those.map((a) => (
                        <ActivityItem key={a.id} activity={a} onOpen={setSelected} />
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
        )}
        {selected && (
          <Detail
            activityId={selected}
            zone={zone}
            posts={posts}
            zones={zones}
            canWrite={canWrite}
            onChanged={(a) => setActivities((list) => (list ?? []).map((x) => (x.id === a.id ? a : x)))}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
    </div>
  );
}
