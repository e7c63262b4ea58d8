import { Injectable } from '@nestjs/common';
import { DomainError } from '@excon/domain';

/**
 * The figures of login throttling (documented in the README, "Security"). Failures are counted when the
 * attempt is made, before the password is checked, so parallel guesses are counted as they come.
 */
export const LOGIN_THROTTLE = {
  /** Failures are forgotten this long after the last one. */
  windowMs: 15 * 60_000,
  /** Failures of one username from one address before each further attempt waits (1 s, 2 s, 4 s … 15 min). */
  freePerPair: 5,
  maxBackoffMs: 15 * 60_000,
  /** Failures of one username from all addresses after which its attempts are spaced out, never refused outright. */
  slowUsernameAfter: 10,
  usernameSpacingMs: 3000,
  /** Failures from one address over all usernames before that address waits too. */
  freePerAddress: 30,
} as const;

interface Failures {
  count: number;
  lastAt: number;
}

/**
 * A username's failures from all addresses, and when its next attempts may come: one slot for
 * addresses that failed for it, one for those that have not (so that an attacker on many addresses is
 * slowed to an attempt every few seconds, and the user on a clean address waits at most that long).
 */
interface UsernameFailures extends Failures {
  nextFromFailedAt: number;
  nextFromCleanAt: number;
}

function backoffMs(failures: number, free: number): number {
  return failures < free ? 0 : Math.min(LOGIN_THROTTLE.maxBackoffMs, 1000 * 2 ** (failures - free));
}

/**
 * Login throttling by username and client address together. One address guessing one user's password
 * gets a growing backoff after a few failures; a user under attack from many addresses is slowed to one
 * attempt every few seconds but never locked out, and a correct password from an address that has not
 * failed for that user logs in. In memory, per API process.
 */
@Injectable()
export class LoginThrottleService {
  private readonly pairs = new Map<string, Failures>();
  private readonly usernames = new Map<string, UsernameFailures>();
  private readonly addresses = new Map<string, Failures>();

  /**
   * Admits one attempt (and counts it as a failure until `succeeded` says otherwise), or throws a 429
   * with the seconds to wait.
   */
  attempt(username: string, address: string, now = Date.now()): void {
    const user = username.toLowerCase();
    const pairKey = `${user}\u0000${address}`;
    const pair = this.current(this.pairs, pairKey, now);
    const byAddress = this.current(this.addresses, address, now);
    const byUser = this.current(this.usernames, user, now);
    let waitMs = Math.max(
      pair ? pair.lastAt + backoffMs(pair.count, LOGIN_THROTTLE.freePerPair) - now : 0,
      byAddress ? byAddress.lastAt + backoffMs(byAddress.count, LOGIN_THROTTLE.freePerAddress) - now : 0,
    );
    // A user under attack from many addresses: spaced out, never locked out.
    const slow = byUser !== undefined && byUser.count >= LOGIN_THROTTLE.slowUsernameAfter;
    if (slow) waitMs = Math.max(waitMs, (pair ? byUser.nextFromFailedAt : byUser.nextFromCleanAt) - now);
    if (waitMs > 0) throw DomainError.throttled('Too many failed logins; try again later', Math.ceil(waitMs / 1000));
    this.bump(this.pairs, pairKey, now);
    this.bump(this.addresses, address, now);
    const u = this.bump(this.usernames, user, now);
    if (u.count >= LOGIN_THROTTLE.slowUsernameAfter) {
      if (pair) u.nextFromFailedAt = now + LOGIN_THROTTLE.usernameSpacingMs;
      else u.nextFromCleanAt = now + LOGIN_THROTTLE.usernameSpacingMs;
    }
  }

  /** The attempt was right: it was no failure, and this address starts afresh for this user. */
  succeeded(username: string, address: string): void {
    const user = username.toLowerCase();
    this.pairs.delete(`${user}\u0000${address}`);
    for (const map of [this.usernames, this.addresses] as Map<string, Failures>[]) {
      const key = map === this.addresses ? address : user;
      const entry = map.get(key);
      if (entry && --entry.count <= 0) map.delete(key);
    }
  }

  private current<T extends Failures>(map: Map<string, T>, key: string, now: number): T | undefined {
    const entry = map.get(key);
    if (entry && now - entry.lastAt > LOGIN_THROTTLE.windowMs) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  private bump<T extends Failures>(map: Map<string, T>, key: string, now: number): T {
    const entry = this.current(map, key, now) ?? ({ count: 0, lastAt: now, nextFromFailedAt: 0, nextFromCleanAt: 0 } as unknown as T);
    entry.count += 1;
    entry.lastAt = now;
    map.set(key, entry);
    // Bounded memory whatever is sent: the oldest keys go first.
    if (map.size > 100_000) map.delete(map.keys().next().value as string);
    return entry;
  }
}
