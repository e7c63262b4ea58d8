import fc from 'fast-check';
import { MessageRateLimit } from './message-rate-limit';

describe('MessageRateLimit', () => {
  it('lets a burst through, then the refill rate', () => {
    const limit = new MessageRateLimit(2, 5, 0);
    expect(Array.from({ length: 8 }, () => limit.take(0))).toEqual([true, true, true, true, true, false, false, false]);
    expect(limit.take(499)).toBe(false);
    expect(limit.take(500)).toBe(true);
    expect(limit.take(10_000)).toBe(true);
  });

  it('never admits more than burst + rate × elapsed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 100 }),
        (gaps, rate, burst) => {
          const limit = new MessageRateLimit(rate, burst, 0);
          let now = 0;
          let admitted = 0;
          for (const gap of gaps) {
            now += gap;
            if (limit.take(now)) admitted += 1;
          }
          return admitted <= burst + (rate * now) / 1000 + 1e-9;
        },
      ),
    );
  });
});
