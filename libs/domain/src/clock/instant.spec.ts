import fc from 'fast-check';
import { isInstant, parseInstant } from './instant';

describe('parseInstant', () => {
  it.each([
    ['2026-12-20T06:00:00Z', Date.UTC(2026, 11, 20, 6)],
    ['2026-12-20T06:00Z', Date.UTC(2026, 11, 20, 6)],
    ['2026-12-20T09:00:00+03:00', Date.UTC(2026, 11, 20, 6)],
    ['2026-12-20T00:30:00.250-05:30', Date.UTC(2026, 11, 20, 6, 0, 0, 250)],
    ['2028-02-29T12:00:00z', Date.UTC(2028, 1, 29, 12)],
  ])('reads %s', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  it.each([
    '20261220T060000Z', // basic form: Date cannot read it
    '2026-W51-4', // week date
    '2026-354T06:00:00Z', // ordinal date
    '2026-12-20T06:00:00', // no zone: would be the server's
    '2026-12-20', // a date, not an instant
    '2026-02-30T06:00:00Z', // no such day
    '2027-02-29T06:00:00Z',
    '2026-12-20T24:00:00Z',
    '2026-12-20T06:60:00Z',
    '2026-12-20T06:00:00+25:00',
    ' 2026-12-20T06:00:00Z',
    'now',
    '',
  ])('refuses %j', (text) => {
    expect(parseInstant(text)).toBeNull();
    expect(isInstant(text)).toBe(false);
  });

  it('reads back every instant written as toISOString, and the same instant in any whole-minute offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31) }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (ms, offsetMinutes) => {
          const iso = new Date(ms).toISOString();
          const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, -1);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const withOffset = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          return parseInstant(iso) === ms && parseInstant(withOffset) === ms;
        },
      ),
    );
  });
});
