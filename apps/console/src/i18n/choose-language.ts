import type { Language } from '@excon/domain/vocabulary';
import { api } from '../api/api';
import { session, updateSessionUser } from '../common/session';
import { language } from './i18n';

/** Switches the interface language and keeps the choice on the user (PATCH /api/users/me). */
export async function chooseLanguage(lang: Language): Promise<void> {
  language.set(lang);
  const current = session.get();
  if (current && current.user.language !== lang) updateSessionUser(await api.updateMe({ language: lang }));
}
