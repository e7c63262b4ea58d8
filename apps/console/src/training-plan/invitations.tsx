import { useEffect, useState } from 'preact/hooks';
import type { PlanActivityView } from '@excon/contracts';
import { ApiRequestError } from '../api/client';
import { trainingPlanApi } from '../api/training-plan-api';
import { ErrorMessage, Field, Loading } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { clocksText, datesText, titleOf } from './plan-format';

/** One invitation: the times on the post's clock and Moscow's, and the post's answer (a decline needs a reason). */
function Invitation({ activity, postId, onChange }: { activity: PlanActivityView; postId: string | null; onChange: (a: PlanActivityView) => void }) {
  const { t, lang } = useI18n();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mine = activity.attendance.find((a) => a.commandPostId === postId) ?? activity.attendance[0];
  const title = titleOf(activity, lang);
  const closed = activity.status === 'cancelled' || activity.status === 'held' || activity.status === 'reported';
  const send = (status: 'confirmed' | 'declined') => {
    setBusy(true);
    setFailure(null);
    setErrors({});
    const text = reason.trim();
    trainingPlanApi
      .answer(activity.id, { status, ...(status === 'declined' && text ? { reason: text } : {}) })
      .then(
        (updated) => {
          setDeclining(false);
          setReason('');
          onChange(updated);
        },
        (error: unknown) => {
          if (error instanceof ApiRequestError && error.status === 400 && error.body.details?.length) setErrors(error.fieldErrors());
          else setFailure(error);
        },
      )
      .finally(() => setBusy(false));
  };
  return (
    <li class="panel tp-invitation" data-id={activity.id} data-status={activity.status}>
      <h2>
        {title} <span class={`tp-badge tp-status-${activity.status}`}>{t(`tp.status.${activity.status}`)}</span>
      </h2>
      <p class="tp-kind">{t(`tp.kind.${activity.kind}`)}</p>
      <p>
        {datesText(activity)} · <span class="tp-times">{clocksText(activity, t)}</span>
      </p>
      {activity.statusReason && <p>{t('tp.answeredReason', { reason: activity.statusReason })}</p>}
      {mine && (
        <p class="tp-answer" data-answer={mine.status} role="status">
          {t('tp.yourAnswer', { answer: t(`tp.attendance.${mine.status}`) })}
          {mine.reason ? ` · ${t('tp.answeredReason', { reason: mine.reason })}` : ''}
        </p>
      )}
      {!closed && (
        <div class="tp-buttons">
          <button type="button" class="btn btn-primary" disabled={busy} aria-label={t('tp.confirmOf', { title })} onClick={() => send('confirmed')}>
            {t('tp.confirm')}
          </button>
          {!declining && (
            <button type="button" class="btn" disabled={busy} aria-label={t('tp.declineOf', { title })} onClick={() => setDeclining(true)}>
              {t('tp.decline')}
            </button>
          )}
        </div>
      )}
      {declining && (
        <form
          class="tp-decline"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            send('declined');
          }}
        >
          <Field label={t('tp.declineReason')} error={errors.reason}>
            {(control) => <textarea {...control} name="reason" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
          </Field>
          <div class="tp-buttons">
            <button type="submit" class="btn btn-danger" disabled={busy}>
              {t('tp.sendDecline')}
            </button>
            <button type="button" class="btn" onClick={() => setDeclining(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={failure} />
    </li>
  );
}

/** The operator's view: the activities (this year and next) inviting the post, each to confirm or decline. */
export function Invitations({ postId }: { postId: string | null }) {
  const { t } = useI18n();
  const [activities, setActivities] = useState<PlanActivityView[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    const year = new Date().getFullYear();
    Promise.all([trainingPlanApi.list(year), trainingPlanApi.list(year + 1)]).then(([a, b]) => setActivities([...a, ...b]), setFailure);
  }, []);
  if (failure) return <ErrorMessage error={failure} />;
  if (!activities) return <Loading />;
  const replace = (updated: PlanActivityView) => setActivities((list) => (list ?? []).map((a) => (a.id === updated.id ? updated : a)));
  return (
    <section aria-labelledby="tp-invitations-heading" data-testid="invitations">
      <h1 id="tp-invitations-heading">{t('tp.invitationsTitle')}</h1>
      {activities.length === 0 ? (
        <p class="empty">{t('tp.noInvitations')}</p>
      ) : (
        <ul class="tp-invitations">
          {activities.map((a) => (
            <Invitation key={a.id} activity={a} postId={postId} onChange={replace} />
          ))}
        </ul>
      )}
    </section>
  );
}
