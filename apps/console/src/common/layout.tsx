import type { ComponentChildren } from 'preact';
import { LANGUAGES, type Language } from '@excon/domain/vocabulary';
import { chooseLanguage } from '../i18n/choose-language';
import { useI18n } from '../i18n/i18n';
import { endSession, session } from './session';
import { useStore } from './store';
import { ExerciseMarking } from './ui';

export function LanguageSelect() {
  const { t, lang } = useI18n();
  return (
    <label class="language-select">
      <span class="visually-hidden">{t('language.label')}</span>
      <select
        aria-label={t('language.label')}
        value={lang}
        onChange={(event) => void chooseLanguage(event.currentTarget.value as Language).catch(() => undefined)}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export interface NavLink {
  href: string;
  label: string;
  current?: boolean;
}

/** The page frame of every console: EXERCISE marking, title, navigation, user, language, logout. */
export function Layout({
  title,
  nav = [],
  status,
  fixed = false,
  children,
}: {
  title: string;
  nav?: NavLink[];
  status?: ComponentChildren;
  fixed?: boolean;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const current = useStore(session);
  return (
    <div class={fixed ? 'layout layout-fixed' : 'layout'}>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('common.skipToContent')}
      </a>
      <ExerciseMarking />
      <header class="topbar">
        <div class="brand">
          <strong>ExCon</strong> <span class="console-title">{title}</span>
        </div>
        {nav.length > 0 && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {nav.map((link) => (
                <li key={link.href}>
                  <a href={link.href} aria-current={link.current ? 'page' : undefined}>
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="topbar-status">{status}</div>
        <div class="user">
          <span class="user-name" data-role={current?.user.role}>
            {current?.user.displayName} · {current ? t(`role.${current.user.role}`) : ''}
          </span>
          <LanguageSelect />
          <button type="button" class="btn btn-plain" onClick={() => endSession('logout')}>
            {t('auth.logout')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
