/**
 * Wall clocks of IANA zones, DST-correct, with the runtime's own zone data (Intl): what an instant shows in a
 * zone, a zone's offset, and the instant a wall clock shows. Used by the MSEL import (local times) and the
 * training plan (every participant sees the times in its zone and in Moscow time).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of an instant in a zone; throws RangeError for an unknown zone. */
export function wallClock(epochMs: number, timeZone: string): { year: number; month: number; day: number; secondsOfDay: number } {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(epochMs).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, secondsOfDay: parts.hour * 3600 + parts.minute * 60 + parts.second };
}

/** The zone's offset from UTC at an instant, in ms. */
export function zoneOffset(epochMs: number, timeZone: string): number {
  const wall = wallClock(epochMs, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, 0, 0, wall.secondsOfDay) - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant a wall clock shows in a zone, DST-correct. In the hour repeated when clocks go back, the first
 * of the two; in the hour skipped when they go forward, the time as if the clocks had not changed yet (02:30
 * becomes 03:30), as a person would read a schedule written before the change.
 */
export function zonedInstant(year: number, month: number, day: number, secondsOfDay: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, 0, 0, secondsOfDay);
  const before = zoneOffset(wall - 86_400_000, timeZone);
  const candidates = [...new Set([before, zoneOffset(wall, timeZone), zoneOffset(wall + 86_400_000, timeZone)])]
    .map((zone) => wall - zone)
    .filter((instant) => zoneOffset(instant, timeZone) === wall - instant)
    .sort((a, b) => a - b);
  return candidates[0] ?? wall - before;
}

/** An instant as the zone's wall clock with its offset, ISO 8601 to the second: `2027-03-10T15:00:00+06:00`. */
export function zonedIso(epochMs: number, timeZone: string): string {
  const wall = wallClock(epochMs, timeZone);
  const offsetMinutes = Math.round(zoneOffset(epochMs, timeZone) / 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const s = wall.secondsOfDay;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  return (
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}` +
    `${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
  );
}
