import { Layout } from '../common/layout';
import { endSession, updateSessionUser, type Session } from '../common/session';
import { useI18n } from '../i18n/i18n';
import { PasswordForm } from './password-form';

/** After an admin's reset nothing else answers until the user has chosen their own password: the only screen then. */
export function ForcedPasswordChange({ session }: { session: Session }) {
  const { t } = useI18n();
  return (
    <Layout title={t('account.forcedTitle')}>
      <p class="notice" data-testid="must-change-password">
        {t('account.forcedText')}
      </p>
      <PasswordForm
        title={t('account.changeTitle')}
        onChanged={() => updateSessionUser({ ...session.user, mustChangePassword: false })}
        onCancel={() => endSession('logout')}
      />
    </Layout>
  );
}
