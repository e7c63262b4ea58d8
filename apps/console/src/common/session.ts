import type { LoginResponse, RefreshResponse, UserView } from '@excon/contracts';
import { forgetOfflineData } from '../operator/offline-store';
import { createStore } from './store';

/**
 * The console's login. Access tokens are short-lived (15 minutes by default): the console exchanges its
 * refresh token for a new one before the old expires, so a console stays logged in through an exercise of
 * any length without a prompt, until the session is ended (logout, an admin, 12 hours unused).
 */
export interface Session {
  token: string;
  refreshToken: string;
  /** The server-side session: stable across token refreshes (components are keyed by it). */
  sessionId: string;
  user: UserView;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
}

/** Why the console is on the login page (shown there). */
export type LogoutReason = 'expired' | 'logout' | 'ended' | null;

const KEY = 'excon.session';
/** Refresh this long before the token expires (or at two thirds of a shorter lifetime). */
const REFRESH_AHEAD_MS = 60_000;
/** After a failed refresh (network), try again this soon. */
const REFRESH_RETRY_MS = 10_000;

function load(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || typeof session.refreshToken !== 'string' || !session.user) return null;
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

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;

function armRefresh(current: Session | null): void {
  clearTimeout(refreshTimer);
  if (!current) return;
  const lifetime = current.expiresAt - Date.now();
  const ahead = Math.min(REFRESH_AHEAD_MS, Math.max(lifetime, 0) / 3);
  // setTimeout cannot wait longer than ~24.8 days.
  refreshTimer = setTimeout(() => void refreshNow(), Math.min(Math.max(0, lifetime - ahead), 2 ** 31 - 1));
}

/**
 * A new access token for the session now (the timer's, or a request's that got 401). True when the session
 * goes on; false when the server ended it (the console goes to the login page). A network failure keeps
 * the session and tries again shortly.
 */
export function refreshNow(): Promise<boolean> {
  const current = session.get();
  if (!current) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const response = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      });
      if (session.get()?.sessionId !== current.sessionId) return false;
      if (response.status === 401) {
        endSession('expired');
        return false;
      }
      if (!response.ok) throw new Error(`refresh: HTTP ${response.status}`);
      const renewed = (await response.json()) as RefreshResponse;
      const next: Session = { ...current, token: renewed.accessToken, expiresAt: Date.parse(renewed.expiresAt) };
      save(next);
      session.set(next);
      armRefresh(next);
      for (const listener of tokenListeners) listener(next.token);
      return true;
    } catch {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void refreshNow(), REFRESH_RETRY_MS);
      return true;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

const tokenListeners = new Set<(token: string) => void>();

/** Told of every refreshed token (the console socket renews itself with it). Returns the unsubscribe. */
export function onTokenRefreshed(listener: (token: string) => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

armRefresh(session.get());

/** The session id is the part of the refresh token before its dot. */
export function startSession(login: LoginResponse): void {
  const next: Session = {
    token: login.accessToken,
    refreshToken: login.refreshToken,
    sessionId: login.refreshToken.split('.')[0],
    user: login.user,
    expiresAt: Date.parse(login.expiresAt),
  };
  save(next);
  logoutReason.set(null);
  session.set(next);
  armRefresh(next);
}

export function updateSessionUser(user: UserView): void {
  const current = session.get();
  if (!current) return;
  const next = { ...current, user };
  save(next);
  session.set(next);
}

/** Logout, an ended session, a refused refresh or socket handshake: back to the login page. */
export function endSession(reason: Exclude<LogoutReason, null>): void {
  clearTimeout(refreshTimer);
  const current = session.get();
  save(null);
  if (!current) return;
  if (reason === 'logout') {
    // Nothing of the post's traffic stays on this machine after a deliberate logout.
    void forgetOfflineData();
    // The server ends the session too: its token and refresh token stop working everywhere.
    void fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${current.token}` } }).catch(() => undefined);
  }
  logoutReason.set(reason);
  session.set(null);
}

export function currentToken(): string | null {
  return session.get()?.token ?? null;
}
