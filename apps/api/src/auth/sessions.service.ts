import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@excon/config';
import type { SessionView } from '@excon/contracts';
import type { Role, SessionEndReason } from '@excon/domain';
import type { Actor } from './actor';

/** How long an open session is answered from memory before the database is asked again (a missed revocation's bound). */
export const SESSION_CACHE_MS = 30_000;
/** last_seen_at is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

interface CachedSession {
  actor: Actor;
  userId: string;
  checkedAt: number;
  touchedAt: number;
}

interface SessionRow {
  id: string;
  user_id: string;
  username: string;
  role: Role;
  command_post_id: string | null;
  must_change_password: boolean;
  last_seen_at: string | Date;
}

/** Told of every session this process ends, to clear other processes' caches and close sockets. */
export type SessionsEndedListener = (sessionIds: string[]) => Promise<void> | void;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Server-side login sessions. A token is served only while its session is open: checked on every request
 * and socket message through a cache, which `end` clears at once in this process and, through the
 * listeners (the console gateway's server-side events over the socket.io adapter), in every other API
 * process before it returns. Sessions end on logout, by the user, by an admin's action, or after
 * EXCON_SESSION_IDLE_SECONDS without a request, socket or refresh.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);
  private readonly cache = new Map<string, CachedSession>();
  private readonly listeners: SessionsEndedListener[] = [];
  private readonly pending = new Map<string, Promise<Actor | null>>();
  /** Sessions this process was told ended, and when (kept a minute, for checks already under way). */
  private readonly ended = new Map<string, number>();

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Opens a session; the refresh token (`<session id>.<secret>`) is returned once and kept only as a hash. */
  async open(userId: string, device: string, address: string): Promise<{ sessionId: string; refreshToken: string }> {
    const sessionId = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.em
      .fork()
      .execute(
        `insert into user_session (id, user_id, created_at, last_seen_at, device, address, refresh_hash) values (?, ?, now(), now(), ?, ?, ?)`,
        [sessionId, userId, device.slice(0, 300), address.slice(0, 64), sha256(secret)],
      );
    return { sessionId, refreshToken: `${sessionId}.${secret}` };
  }

  /**
   * The actor of an open session, or null (ended, idle, user deactivated, unknown). The user's current
   * role, post and password state are read from the database, not taken from the token.
   */
  check(sessionId: string): Promise<Actor | null> {
    const now = Date.now();
    const cached = this.cache.get(sessionId);
    if (cached && now - cached.checkedAt < SESSION_CACHE_MS) {
      if (now - cached.touchedAt >= TOUCH_EVERY_MS) this.touch(sessionId, cached, now);
      return Promise.resolve(cached.actor);
    }
    // Thousands of consoles of one session reconnecting at once ask the database once.
    let pending = this.pending.get(sessionId);
    if (!pending) {
      pending = this.checkAgain(sessionId, cached, now).finally(() => this.pending.delete(sessionId));
      this.pending.set(sessionId, pending);
    }
    return pending;
  }

  private async checkAgain(sessionId: string, cached: CachedSession | undefined, now: number): Promise<Actor | null> {
    let row: SessionRow | undefined;
    try {
      row = await this.load(sessionId);
    } catch (error) {
      // The database is away: a session this process knew open goes on (nothing can end one meanwhile:
      // ending writes to the same database); an unknown one cannot be checked, and the caller answers 503.
      if (cached) return cached.actor;
      throw error;
    }
    // Ended while the row was on its way (a read that began before the end): not open, and not cached.
    if (!row || (this.ended.get(sessionId) ?? -Infinity) >= now) {
      this.cache.delete(sessionId);
      return null;
    }
    if (now - new Date(row.last_seen_at).getTime() > this.config.sessionIdleSeconds * 1000) {
      await this.end({ sessionIds: [sessionId] }, 'idle');
      return null;
    }
    const actor: Actor = {
      id: row.user_id,
      username: row.username,
      role: row.role,
      commandPostId: row.command_post_id,
      sessionId,
      mustChangePassword: row.must_change_password,
    };
    const entry: CachedSession = { actor, userId: row.user_id, checkedAt: now, touchedAt: new Date(row.last_seen_at).getTime() };
    this.cache.set(sessionId, entry);
    if (now - entry.touchedAt >= TOUCH_EVERY_MS) this.touch(sessionId, entry, now);
    return actor;
  }

  /** A refresh token's open, non-idle session (touched), or null. */
  async refresh(refreshToken: string): Promise<Actor | null> {
    const dot = refreshToken.indexOf('.');
    const sessionId = refreshToken.slice(0, dot);
    if (dot < 0 || !/^[0-9a-f-]{36}$/.test(sessionId)) return null;
    const [stored] = await this.em
      .fork()
      .execute<{ refresh_hash: string }[]>(`select refresh_hash from user_session where id = ? and ended_at is null`, [sessionId]);
    if (!stored) return null;
    const given = Buffer.from(sha256(refreshToken.slice(dot + 1)), 'hex');
    if (!timingSafeEqual(given, Buffer.from(stored.refresh_hash, 'hex'))) return null;
    this.cache.delete(sessionId);
    const actor = await this.check(sessionId);
    if (actor) await this.em.fork().execute(`update user_session set last_seen_at = now() where id = ?`, [sessionId]);
    return actor;
  }

  /**
   * Ends open sessions (of a user, or by id), except `keep`; clears them from every process's cache and
   * closes their sockets before it returns. The ids it ended.
   */
  async end(which: { userId?: string; sessionIds?: string[]; keep?: string }, reason: SessionEndReason): Promise<string[]> {
    const conditions = ['ended_at is null'];
    const params: unknown[] = [reason];
    if (which.userId) {
      conditions.push('user_id = ?');
      params.push(which.userId);
    }
    if (which.sessionIds) {
      conditions.push('id = any(?::uuid[])');
      params.push(`{${which.sessionIds.join(',')}}`);
    }
    if (which.keep) {
      conditions.push('id <> ?');
      params.push(which.keep);
    }
    if (!which.userId && !which.sessionIds) throw new Error('end() needs a user or session ids');
    const ended = await this.em
      .fork()
      .execute<{ id: string }[]>(`update user_session set ended_at = now(), ended_reason = ? where ${conditions.join(' and ')} returning id`, params);
    const ids = ended.map((row) => row.id);
    if (ids.length > 0) await this.announce(ids);
    return ids;
  }

  /** Sessions ended elsewhere (another process): forget them here. */
  forget(sessionIds: string[]): void {
    const now = Date.now();
    for (const [id, at] of this.ended) if (now - at > 2 * SESSION_CACHE_MS) this.ended.delete(id);
    for (const id of sessionIds) {
      this.cache.delete(id);
      this.ended.set(id, now);
    }
  }

  /** The session is still open but its user changed (a password changed): read it afresh on its next request. */
  reload(sessionId: string): void {
    this.cache.delete(sessionId);
  }

  onEnded(listener: SessionsEndedListener): void {
    this.listeners.push(listener);
  }

  /** The user's sessions, open ones first, newest first (at most 50 ended ones). */
  async list(userId: string, currentSessionId: string | null): Promise<SessionView[]> {
    const rows = await this.em.fork().execute<(Omit<SessionView, 'current'> & { id: string })[]>(
      `(select id, device, address, created_at as "createdAt", last_seen_at as "lastSeenAt", ended_at as "endedAt", ended_reason as "endedReason"
          from user_session where user_id = ? and ended_at is null)
       union all
       (select id, device, address, created_at, last_seen_at, ended_at, ended_reason
          from user_session where user_id = ? and ended_at is not null order by ended_at desc limit 50)`,
      [userId, userId],
    );
    const iso = (value: unknown) => (value === null ? null : new Date(value as string).toISOString());
    return rows
      .map((row) => ({
        ...row,
        createdAt: iso(row.createdAt) as string,
        lastSeenAt: iso(row.lastSeenAt) as string,
        endedAt: iso(row.endedAt),
        current: row.id === currentSessionId,
      }))
      .sort((a, b) => Number(a.endedAt !== null) - Number(b.endedAt !== null) || b.createdAt.localeCompare(a.createdAt));
  }

  /** The session's owner, or null when it is not one of this user's. */
  async ownerOf(sessionId: string): Promise<string | null> {
    const [row] = await this.em.fork().execute<{ user_id: string }[]>(`select user_id from user_session where id = ?`, [sessionId]);
    return row?.user_id ?? null;
  }

  private async announce(sessionIds: string[]): Promise<void> {
    this.forget(sessionIds);
    for (const listener of this.listeners) {
      try {
        await listener(sessionIds);
      } catch (error) {
        this.logger.warn({ err: error }, 'telling the other processes of ended sessions failed; their caches forget them within 30 s');
      }
    }
  }

  private load(sessionId: string): Promise<SessionRow | undefined> {
    return this.em
      .fork()
      .execute<SessionRow[]>(
        `select s.id, s.user_id, u.username, u.role, u.command_post_id, u.must_change_password, s.last_seen_at
           from user_session s join app_user u on u.id = s.user_id
          where s.id = ? and s.ended_at is null and u.active`,
        [sessionId],
      )
      .then((rows) => rows[0]);
  }

  private touch(sessionId: string, entry: CachedSession, now: number): void {
    entry.touchedAt = now;
    this.em
      .fork()
      .execute(`update user_session set last_seen_at = now() where id = ? and ended_at is null`, [sessionId])
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not note a session as seen'));
  }
}
