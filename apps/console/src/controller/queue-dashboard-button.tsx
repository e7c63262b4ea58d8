import { useState } from 'preact/hooks';
import { api } from '../api/api';
import { useI18n } from '../i18n/i18n';

/** The queue dashboard (bull-board), served by the API for admins. */
const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Opens the queue dashboard in a new tab, for admins. A browser tab cannot send the bearer token, so
 * the API first sets a short-lived cookie that only /admin/queues receives. The tab is opened at once
 * (one opened after an await counts as a pop-up) and sent to the dashboard once the cookie is set.
 */
export function QueueDashboardButton() {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const open = () => {
    setFailed(false);
    const tab = window.open('', '_blank');
    api.openQueueDashboard().then(
      () => {
        if (!tab) return window.location.assign(QUEUE_DASHBOARD_PATH);
        tab.opener = null;
        tab.location.href = QUEUE_DASHBOARD_PATH;
      },
      () => {
        tab?.close();
        setFailed(true);
      },
    );
  };
  return (
    <>
      <button type="button" class="btn btn-plain" title={t('nav.queuesTitle')} onClick={open}>
        {t('nav.queues')}
      </button>
      {failed && <span role="alert">{t('nav.queuesFailed')}</span>}
    </>
  );
}
