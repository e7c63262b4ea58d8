import { Injectable } from '@nestjs/common';
import { DomainError } from '@excon/domain';

interface Window {
  failures: number;
  startedAt: number;
}

/** Failed logins allowed per window before further attempts are refused with 429. */
export const LOGIN_THROTTLE = { windowMs: 15 * 60_000, perUsername: 5, perAddress: 20 } as const;

/**
 * Counts failed logins per username and per client address. Once either is over its limit, every
 * attempt (right password or not) is refused until the window passes. In memory, per API process.
 */
@Injectable()
export class LoginThrottleService {
  private readonly byUsername = new Map<string, Window>();
  private readonly byAddress = new Map<string, Window>();

  assertAllowed(username: string, address: string, now = Date.now()): void {
    if (this.exceeded(this.byUsername, username.toLowerCase(), LOGIN_THROTTLE.perUsername, now) || this.exceeded(this.byAddress, address, LOGIN_THROTTLE.perAddress, now)) {
      throw new DomainError('throttled', 'Too many failed logins; try again later');
    }
  }

  recordFailure(username: string, address: string, now = Date.now()): void {
    this.bump(this.byUsername, username.toLowerCase(), now);
    this.bump(this.byAddress, address, now);
  }

  recordSuccess(username: string): void {
    this.byUsername.delete(username.toLowerCase());
  }

  private exceeded(map: Map<string, Window>, key: string, limit: number, now: number): boolean {
    const window = map.get(key);
    if (!window) return false;
    if (now - window.startedAt > LOGIN_THROTTLE.windowMs) {
      map.delete(key);
      return false;
    }
    return window.failures >= limit;
  }

  private bump(map: Map<string, Window>, key: string, now: number): void {
    const window = map.get(key);
    if (!window || now - window.startedAt > LOGIN_THROTTLE.windowMs) map.set(key, { failures: 1, startedAt: now });
    else window.failures += 1;
    if (map.size > 100_000) map.delete(map.keys().next().value as string);
  }
}
