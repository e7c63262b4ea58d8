import { useEffect, useState } from 'preact/hooks';
import type { CalendarFeedStatusView } from '@excon/contracts';
import { trainingPlanApi } from '../api/training-plan-api';
import { ErrorMessage } from '../common/ui';
import { useI18n } from '../i18n/i18n';

/** "Subscribe in Outlook/Thunderbird": whether the user has a feed, a new secret address (shown once) and revoking it. */
export function FeedPanel() {
  const { t } = useI18n();
  const [status, setStatus] = useState<CalendarFeedStatusView | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    trainingPlanApi.feed().then(setStatus, setFailure);
  }, []);
  const run = (call: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    call()
      .catch(setFailure)
      .finally(() => setBusy(false));
  };
  const rotate = () =>
    run(async () => {
      const feed = await trainingPlanApi.rotateFeed();
      setUrl(feed.url);
      setStatus({ active: true, createdAt: feed.createdAt });
    });
  const revoke = () =>
    run(async () => {
      await trainingPlanApi.revokeFeed();
      setUrl(null);
      setStatus({ active: false, createdAt: null });
    });
  return (
    <section class="panel tp-feed" aria-labelledby="tp-feed-heading" data-testid="plan-feed">
      <h2 id="tp-feed-heading">{t('tp.feed')}</h2>
      {status && (
        <p data-feed-active={String(status.active)}>
          {status.active ? t('tp.feedActive', { date: (status.createdAt ?? '').slice(0, 10) }) : t('tp.feedNone')}
        </p>
      )}
      {url && (
        <p class="tp-feed-url">
          <label>
            {t('tp.feedUrl')}
            <input type="text" readOnly value={url} data-testid="feed-url" onFocus={(e) => e.currentTarget.select()} />
          </label>
        </p>
      )}
      <div class="tp-buttons">
        <button type="button" class="btn" disabled={busy} onClick={rotate}>
          {status?.active ? t('tp.feedRotate') : t('tp.feedMake')}
        </button>
        {status?.active && (
          <button type="button" class="btn btn-danger" disabled={busy} onClick={revoke}>
            {t('tp.feedRevoke')}
          </button>
        )}
      </div>
      <ErrorMessage error={failure} />
    </section>
  );
}
