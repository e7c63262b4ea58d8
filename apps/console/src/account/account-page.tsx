import { useEffect, useState } from 'preact/hooks';
import type { SessionView } from '@excon/contracts';
import { accountApi } from '../api/admin-api';
import { Layout, type NavLink } from '../common/layout';
import { href } from '../common/router';
import { endSession, type Session } from '../common/session';
import { staffNav } from '../common/staff-nav';
import { formatTime, LOCAL_TIME_ZONE } from '../common/time';
import { ErrorMessage, Loading } from '../common/ui';
import { useI18n, type Translate } from '../i18n/i18n';
import { PasswordForm } from './password-form';

/** The account page's links: the staff navigation, or for an operator the way back to the console. */
export function accountNav(session: Session, t: Translate): NavLink[] {
  if (session.user.role !== 'operator') return staffNav(session.user.role, t, 'account');
  return [
    { href: href('/operator'), label: t('operator.title') },
    { href: href('/account'), label: t('account.nav'), current: true },
  ];
}

function SessionsTable() {
  const { t, lang } = useI18n();
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const load = () => accountApi.sessions().then(setSessions, setFailure);
  useEffect(() => void load(), []);
  const end = (s: SessionView) => {
    setFailure(null);
    // Ending this browser's own session is a logout.
    accountApi.endSession(s.id).then(() => (s.current ? endSession('logout') : load()), setFailure);
  };
  const when = (at: string) => formatTime(at, LOCAL_TIME_ZONE, lang, true);
  return (
    <section class="panel" aria-labelledby="sessions-title" data-testid="sessions">
      <h2 id="sessions-title">{t('account.sessions')}</h2>
      <ErrorMessage error={failure} />
      {sessions === null && !failure && <Loading />}
      {sessions && (
        <table class="list-table compact">
          <thead>
            <tr>
              <th scope="col">{t('account.device')}</th>
              <th scope="col">{t('account.address')}</th>
              <th scope="col">{t('account.started')}</th>
              <th scope="col">{t('account.lastSeen')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions
              .filter((s) => s.endedAt === null)
              .map((s) => (
                <tr key={s.id} data-session-id={s.id} data-current={s.current ? 'true' : 'false'}>
                  <th scope="row">
                    {s.device || '—'}
                    {s.current && <strong class="session-current"> · {t('account.thisSession')}</strong>}
                  </th>
                  <td class="mono">{s.address}</td>
                  <td class="mono">{when(s.createdAt)}</td>
                  <td class="mono">{when(s.lastSeenAt)}</td>
                  <td class="row-actions">
                    <button
                      type="button"
                      class="btn btn-small btn-danger"
                      aria-label={t('account.endOf', { device: s.device || s.address })}
                      onClick={() => end(s)}
                    >
                      {t('account.end')}
                    </button>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Every role's own account: change the password, see and end the login sessions. */
export function AccountPage({ session }: { session: Session }) {
  const { t } = useI18n();
  const [changed, setChanged] = useState(false);
  const [formKey, setFormKey] = useState(0);
  return (
    <Layout title={t('account.title')} nav={accountNav(session, t)}>
      <p class="account-user">
        {session.user.username} · {t(`role.${session.user.role}`)}
      </p>
      <p role="status" class="status-message">
        {changed ? t('account.changed') : ''}
      </p>
      <PasswordForm
        key={formKey}
        title={t('account.changeTitle')}
        onChanged={() => {
          setChanged(true);
          setFormKey((k) => k + 1);
        }}
        onCancel={() => setFormKey((k) => k + 1)}
      />
      <SessionsTable key={formKey} />
    </Layout>
  );
}
