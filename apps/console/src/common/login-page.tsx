import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiRequestError } from '../api/client';
import { language, useI18n } from '../i18n/i18n';
import { LanguageSelect } from './layout';
import { logoutReason, startSession } from './session';
import { useStore } from './store';
import { errorText, ExerciseMarking, Field } from './ui';

export function LoginPage() {
  const { t } = useI18n();
  const reason = useStore(logoutReason);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // `autofocus` works only on the first page load; after a logout the login page comes back without one.
  const usernameRef = useRef<HTMLInputElement>(null);
  useEffect(() => usernameRef.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t('auth.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const login = await api.login({ username: username.trim(), password });
      language.set(login.user.language);
      startSession(login);
    } catch (failure) {
      setError(
        failure instanceof ApiRequestError && failure.status === 401
          ? t('auth.badCredentials')
          : failure instanceof ApiRequestError && failure.status === 429
            ? t('auth.throttled')
            : errorText(t, failure),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login-page">
      <ExerciseMarking />
      <main id="main" class="login-box">
        <div class="login-head">
          <h1>
            ExCon <span class="login-subtitle">{t('app.subtitle')}</span>
          </h1>
          <LanguageSelect />
        </div>
        {reason === 'expired' && (
          <p class="notice" role="status" data-testid="session-expired">
            {t('auth.expired')}
          </p>
        )}
        {reason === 'ended' && (
          <p class="notice" role="status" data-testid="session-ended">
            {t('auth.ended')}
          </p>
        )}
        <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('auth.title')}>
          <h2>{t('auth.title')}</h2>
          <Field label={t('auth.username')}>
            {(control) => (
              <input
                {...control}
                name="username"
                autoComplete="username"
                value={username}
                onInput={(e) => setUsername(e.currentTarget.value)}
                ref={usernameRef}
              />
            )}
          </Field>
          <Field label={t('auth.password')}>
            {(control) => (
              <input
                {...control}
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            )}
          </Field>
          {error && (
            <p class="error-message" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? t('auth.signingIn') : t('auth.signIn')}
          </button>
        </form>
      </main>
    </div>
  );
}
