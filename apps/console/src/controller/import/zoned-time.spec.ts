import fc from 'fast-check';
import { isTimeZone, timeZoneChoices, wallTimeIn, zonedWallTimeToIso, zoneOffsetMinutes } from './zoned-time';

const ZONES = [
  'UTC',
  'Europe/Moscow',
  'Asia/Dushanbe',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];

describe('zonedWallTimeToIso', () => {
  it('writes the wall time with the zone offset', () => {
    expect(zonedWallTimeToIso('2026-12-20T09:00', 'Europe/Moscow')).toBe('2026-12-20T09:00:00+03:00');
    expect(zonedWallTimeToIso('2026-12-20T09:00:15', 'Asia/Dushanbe')).toBe('2026-12-20T09:00:15+05:00');
    expect(zonedWallTimeToIso('2026-07-01T12:30:00', 'America/New_York')).toBe('2026-07-01T12:30:00-04:00');
    expect(zonedWallTimeToIso('2026-01-01T12:30:00', 'America/New_York')).toBe('2026-01-01T12:30:00-05:00');
    expect(zonedWallTimeToIso('2026-01-01T00:00:00', 'UTC')).toBe('2026-01-01T00:00:00+00:00');
  });

  it('takes the first of the two instants of a repeated wall time, and the offset before a skipped one', () => {
    // Europe/Berlin: 2026-10-25 03:00 CEST goes back to 02:00 CET; 2026-03-29 02:00 CET jumps to 03:00 CEST.
    expect(zonedWallTimeToIso('2026-10-25T02:30:00', 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
    expect(zonedWallTimeToIso('2026-03-29T02:30:00', 'Europe/Berlin')).toBe('2026-03-29T02:30:00+01:00');
  });

  it('refuses what is not a date and a time in a known zone', () => {
    expect(zonedWallTimeToIso('', 'UTC')).toBeNull();
    expect(zonedWallTimeToIso('2026-02-31T09:00', 'UTC')).toBeNull();
    expect(zonedWallTimeToIso('2026-12-20T24:00', 'UTC')).toBeNull();
    expect(zonedWallTimeToIso('20.12.2026 09:00', 'UTC')).toBeNull();
    expect(zonedWallTimeToIso('2026-12-20T09:00', 'Mars/Olympus')).toBeNull();
  });

  it('gives back the instant whose wall time it was given, in every zone (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2090, 0, 1) }).map((ms) => Math.floor(ms / 1000) * 1000),
        fc.constantFrom(...ZONES),
        (at, zone) => {
          const wall = wallTimeIn(at, zone);
          const iso = zonedWallTimeToIso(wall, zone);
          expect(iso).not.toBeNull();
          // The instant written shows the same wall time in that zone (in a repeated hour, possibly the other instant).
          expect(wallTimeIn(Date.parse(iso as string), zone)).toBe(wall);
          expect(iso?.slice(0, 19)).toBe(wall);
          expect(Math.abs(Date.parse(iso as string) - at)).toBeLessThanOrEqual(3_600_000);
        },
      ),
    );
  });
});

describe('zone helpers', () => {
  it('reads offsets east of UTC in minutes', () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 1), 'Europe/Moscow')).toBe(180);
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 1), 'Asia/Kolkata')).toBe(330);
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 1), 'America/New_York')).toBe(-300);
  });

  it('offers the named zones first, then UTC and the rest, each once', () => {
    const choices = timeZoneChoices(['Europe/Moscow', 'Asia/Dushanbe', 'Europe/Moscow', 'Nowhere/Else']);
    expect(choices.slice(0, 3)).toEqual(['Europe/Moscow', 'Asia/Dushanbe', 'UTC']);
    expect(choices).not.toContain('Nowhere/Else');
    expect(new Set(choices).size).toBe(choices.length);
    expect(choices).toContain('Asia/Tashkent');
    expect(isTimeZone('Asia/Tashkent')).toBe(true);
    expect(isTimeZone('')).toBe(false);
  });
});
