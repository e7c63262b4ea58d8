import fc from 'fast-check';
import { Backoff } from './backoff';

describe('Backoff', () => {
  it('blocks a failing key for a doubling pause, capped, and forgets it on success', () => {
    const backoff = new Backoff(1000, 8000);
    expect(backoff.blocked('a', 0)).toBe(false);
    expect(backoff.failed('a', 0)).toEqual({ count: 1, retryInMs: 1000 });
    expect(backoff.blocked('a', 999)).toBe(true);
    expect(backoff.blocked('a', 1000)).toBe(false);
    expect(backoff.failed('a', 1000)).toEqual({ count: 2, retryInMs: 2000 });
    expect(backoff.failed('a', 3000)).toEqual({ count: 3, retryInMs: 4000 });
    expect(backoff.failed('a', 7000)).toEqual({ count: 4, retryInMs: 8000 });
    expect(backoff.failed('a', 15000)).toEqual({ count: 5, retryInMs: 8000 });
    expect(backoff.blockedKeys(15001)).toEqual(['a']);
    expect(backoff.blocked('b', 15001)).toBe(false);
    backoff.succeeded('a');
    expect(backoff.blocked('a', 15001)).toBe(false);
    expect(backoff.failed('a', 20000)).toEqual({ count: 1, retryInMs: 1000 });
  });

  it('never pauses longer than the cap nor shorter than the first pause', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (failures, first, extra) => {
          const backoff = new Backoff(first, first + extra);
          let last = { count: 0, retryInMs: 0 };
          for (let i = 0; i < failures; i++) last = backoff.failed('k', 0);
          return last.count === failures && last.retryInMs >= first && last.retryInMs <= first + extra;
        },
      ),
    );
  });
});
