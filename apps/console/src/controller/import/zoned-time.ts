const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const parts = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = parts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    parts.set(timeZone, format);
  }
  return format;
}

/** The wall clock of `timeZone` at epoch ms `at`, as the fields of a UTC date (so that their difference is the offset). */
function wallAsUtc(at: number, timeZone: string): number {
  const field: Record<string, number> = {};
  for (const part of formatIn(timeZone).formatToParts(new Date(at))) if (part.type !== 'literal') field[part.type] = Number(part.value);
  return Date.UTC(field.year, field.month - 1, field.day, field.hour % 24, field.minute, field.second);
}

/** Minutes east of UTC in `timeZone` at epoch ms `at` (Moscow: 180). */
export function zoneOffsetMinutes(at: number, timeZone: string): number {
  const whole = Math.floor(at / 1000) * 1000;
  return Math.round((wallAsUtc(whole, timeZone) - whole) / 60_000);
}

/** True when the browser knows `timeZone` as an IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatIn(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** `+03:00`, `-09:30`, `+00:00`. */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A `datetime-local` value read as the wall clock of an IANA zone → the ISO instant with that zone's offset
 * (`2026-12-20T09:00:00` in Europe/Moscow → `2026-12-20T09:00:00+03:00`); null when the value or the zone is not
 * valid. A wall time skipped by a DST change lands on the offset before it; a repeated one takes its first instant.
 */
export function zonedWallTimeToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(local.trim());
  if (!m || !isTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  // Date.UTC rolls 31 February over into March: such a value is not a date.
  if (Number.isNaN(wall) || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23) return null;
  // Offsets change at most once in a day or so: the candidates are the offsets a day before and after. Of the
  // instants that show this wall time, the first; none shows it (a skipped hour): the offset before the change.
  const ONE_DAY = 86_400_000;
  const before = zoneOffsetMinutes(wall - ONE_DAY, timeZone);
  const candidates = [before, zoneOffsetMinutes(wall, timeZone), zoneOffsetMinutes(wall + ONE_DAY, timeZone)];
  const showing = candidates.filter((o) => wallAsUtc(wall - o * 60_000, timeZone) === wall);
  const offset = showing.length ? Math.max(...showing) : before;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(second)}${offsetText(offset)}`;
}

/** The wall clock of `timeZone` at epoch ms `at`, as a `datetime-local` value with seconds. */
export function wallTimeIn(at: number, timeZone: string): string {
  const d = new Date(wallAsUtc(at, timeZone));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * The zones to offer: the ones named first (the browser's, the CRC's, the posts'), then UTC, then every zone the
 * browser knows, each once.
 */
export function timeZoneChoices(first: string[]): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...first.filter(isTimeZone), 'UTC', ...all])];
}
