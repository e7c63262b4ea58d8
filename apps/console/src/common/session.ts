import type { LoginResponse, UserView } from '@excon/contracts';
import { createStore } from './store';

export interface Session {
  token: string;
  user: UserView;
  /** Epoch ms when the token expires (from its `exp` claim), null when it names none. */
  expiresAt: number | null;
}

/** Why the console is on the login page (shown there). */
export type LogoutReason = 'expired' | 'logout' | null;

const KEY = 'excon.session';

function tokenExpiry(token: string): number | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

function load(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || !session.user) return null;
    if (session.expiresAt !== null && session.expiresAt <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

function save(session: Session | null): void {
  try {
    if (session) localStorage.setItem(KEY, JSON.stringify(session));
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode or a full storage: the session lives in memory only.
  }
}

export const session = createStore<Session | null>(load());
export const logoutReason = createStore<LogoutReason>(null);

let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function armExpiry(current: Session | null): void {
  clearTimeout(expiryTimer);
  if (!current || current.expiresAt === null) return;
  // setTimeout cannot wait longer than ~24.8 days; re-arm on the way.
  const wait = Math.min(current.expiresAt - Date.now(), 2 ** 31 - 1);
  expiryTimer = setTimeout(
    () => {
      if (session.get() === current) {
        if (current.expiresAt !== null && current.expiresAt <= Date.now()) endSession('expired');
        else armExpiry(current);
      }
    },
    Math.max(0, wait),
  );
}
armExpiry(session.get());

export function startSession(login: LoginResponse): void {
  const next: Session = { token: login.accessToken, user: login.user, expiresAt: tokenExpiry(login.accessToken) };
  save(next);
  logoutReason.set(null);
  session.set(next);
  armExpiry(next);
}

export function updateSessionUser(user: UserView): void {
  const current = session.get();
  if (!current) return;
  const next = { ...current, user };
  save(next);
  session.set(next);
}

/** Logout, an expired token, a 401 or a refused socket handshake: back to the login page. */
export function endSession(reason: Exclude<LogoutReason, null>): void {
  clearTimeout(expiryTimer);
  save(null);
  if (!session.get()) return;
  logoutReason.set(reason);
  session.set(null);
}

export function currentToken(): string | null {
  return session.get()?.token ?? null;
}
