import { LANGUAGES, type Language } from '@excon/domain/vocabulary';
import { createStore, useStore } from '../common/store';
import { en, type Dictionary, type MessageKey } from './en';
import { ru } from './ru';

export type { MessageKey };

const dictionaries: Record<Language, Dictionary> = { en, ru };
const KEY = 'excon.language';

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  } catch {
    // no storage: fall through
  }
  // The CRC's working language is Russian.
  return navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'ru';
}

export const language = createStore<Language>(initialLanguage());

function apply(lang: Language): void {
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // ignore
  }
}
apply(language.get());
language.subscribe(apply);

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** True when the dictionaries carry this key (for keys built from server values, e.g. audit actions). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const text = dictionaries[lang][key] ?? en[key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

/** The current language and its translate function; re-renders on a language switch. */
export function useI18n(): { t: Translate; lang: Language } {
  const lang = useStore(language);
  return { lang, t: (key, params) => translate(lang, key, params) };
}
