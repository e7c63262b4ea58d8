import fc from 'fast-check';
import { DomainError } from '@excon/domain';
import { LOGIN_THROTTLE, LoginThrottleService } from './login-throttle.service';

/** The Retry-After of a refused attempt, or 0 when it is admitted. */
function tryAt(throttle: LoginThrottleService, user: string, address: string, now: number): number {
  try {
    throttle.attempt(user, address, now);
    return 0;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'throttled') return error.retryAfterSeconds as number;
    throw error;
  }
}

describe('LoginThrottleService', () => {
  it('counts an attempt when it is made: parallel guesses from one address are refused after the free ones', () => {
    const throttle = new LoginThrottleService();
    const answers = Array.from({ length: 150 }, () => tryAt(throttle, 'controller', '10.0.0.1', 1000));
    expect(answers.filter((a) => a === 0)).toHaveLength(LOGIN_THROTTLE.freePerPair);
    expect(answers.slice(LOGIN_THROTTLE.freePerPair).every((a) => a >= 1)).toBe(true);
  });

  it('backs off one address for one user more and more, up to the cap, then forgets after the window', () => {
    const throttle = new LoginThrottleService();
    let now = 0;
    for (let i = 0; i < LOGIN_THROTTLE.freePerPair; i++) expect(tryAt(throttle, 'ops', 'a', now)).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const wait = tryAt(throttle, 'ops', 'a', now);
      expect(wait).toBeGreaterThan(0);
      waits.push(wait);
      now += wait * 1000;
      expect(tryAt(throttle, 'ops', 'a', now)).toBe(0);
    }
    expect(waits.slice(0, 4)).toEqual([1, 2, 4, 8]);
    expect(Math.max(...waits)).toBe(LOGIN_THROTTLE.maxBackoffMs / 1000);
    expect(tryAt(throttle, 'ops', 'a', now + LOGIN_THROTTLE.windowMs + 1)).toBe(0);
  });

  it('never locks a user out: a clean address logs in while another address is backed off', () => {
    const throttle = new LoginThrottleService();
    for (let i = 0; i < 20; i++) tryAt(throttle, 'op-kz-mes', 'attacker', 0);
    expect(tryAt(throttle, 'op-kz-mes', 'attacker', 1)).toBeGreaterThan(0);
    expect(tryAt(throttle, 'op-kz-mes', 'home', 1)).toBe(0);
    throttle.succeeded('op-kz-mes', 'home');
    expect(tryAt(throttle, 'op-kz-mes', 'home', 2)).toBe(0);
  });

  it('spaces out a user attacked from many addresses to one attempt every few seconds, never more', () => {
    const throttle = new LoginThrottleService();
    let admitted = 0;
    // Ten fresh addresses a second for a minute.
    for (let ms = 0; ms < 60_000; ms += 100) if (tryAt(throttle, 'controller', `10.1.${ms % 250}.${ms % 7}`, ms) === 0) admitted += 1;
    // Two slots (addresses that failed, and clean ones), each one attempt per spacing.
    expect(admitted).toBeLessThanOrEqual(LOGIN_THROTTLE.slowUsernameAfter + (2 * 60_000) / LOGIN_THROTTLE.usernameSpacingMs + 2);
    // The user from its own (clean) address waits at most the spacing.
    const wait = tryAt(throttle, 'controller', 'office', 60_000);
    expect(wait).toBeLessThanOrEqual(LOGIN_THROTTLE.usernameSpacingMs / 1000);
    expect(tryAt(throttle, 'controller', 'office', 60_000 + wait * 1000)).toBe(0);
  });

  it('a correct login is no failure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (logins) => {
        const throttle = new LoginThrottleService();
        for (let i = 0; i < logins; i++) {
          if (tryAt(throttle, 'ops', 'a', i) !== 0) return false;
          throttle.succeeded('ops', 'a');
        }
        return true;
      }),
    );
  });
});
