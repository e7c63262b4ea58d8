/**
 * An instant as CONTRACT.md accepts it: an ISO-8601 calendar date and time with `Z` or an offset,
 * e.g. `2026-12-20T06:00:00Z` or `2026-12-20T09:00:00.250+03:00`. Basic (`20261220T060000Z`), week
 * (`2026-W51-4`) and ordinal forms, and times without a zone (which would be read in whatever zone the
 * server runs in), are refused.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/i;

export const INSTANT_EXAMPLE = '2026-12-20T06:00:00Z';

/** Epoch milliseconds of an instant, or null when the text is not one (or names no real date or time). */
export function parseInstant(text: string): number | null {
  const match = INSTANT.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', , zone, zh, zm] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (zone.toUpperCase() !== 'Z' && (Number(zh) > 23 || Number(zm) > 59)) return null;
  const ms = Date.parse(text.toUpperCase());
  return Number.isNaN(ms) ? null : ms;
}

/** True for a string `parseInstant` accepts. */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && parseInstant(value) !== null;
}
