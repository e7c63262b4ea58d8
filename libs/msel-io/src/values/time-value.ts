import { parseInstant, wallClock, zonedInstant } from '@excon/domain';
import type { CellValue } from '../sheet-table';
import { cellText, isTimeOnlyDate, quoted, secondsOfDayOf } from './cell-values';

/** A time cell as read, before STARTEX and the import's zone turn it into an offset. */
export type ParsedTime =
  /** Seconds relative to STARTEX, may be negative. */
  | { kind: 'offset'; seconds: number }
  /** A clock time on a day relative to STARTEX's day (OpenAEV's `J+1 09h00`), in the import's zone. */
  | { kind: 'dayClock'; day: number; secondsOfDay: number }
  /** A time of day in the import's zone. */
  | { kind: 'clock'; secondsOfDay: number }
  /** A wall-clock date and time in the import's zone. */
  | { kind: 'local'; year: number; month: number; day: number; secondsOfDay: number }
  /** An absolute instant. */
  | { kind: 'instant'; epochMs: number };

const FORMATS_HINT =
  'write e.g. T+01:30:00, T+90 (minutes), Ч+00:05, D+1 H+2 M+30, J+1 09h00, 09:30, 0930, 26.06.2024 09:00 or 2026-12-02T09:30:00+03:00';

/** Upper case, one spelling of minus and spaces, and the Cyrillic letters that look like Latin ones read as Latin. */
function normalizeTimeText(text: string): string {
  return text
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\u2212\u2012\u2013\u2014]/g, '-')
    .replace(/[ТНМАР]/g, (c) => ({ Т: 'T', Н: 'H', М: 'M', А: 'A', Р: 'P' })[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}

type Clock = number | { error: string };

/** A time of day: `09:30`, `9:30:15`, `9h00`, `9ч00`, `09.30`, `9:30 AM`, `07:29 PM`, `9 AM`; seconds since midnight. */
function parseClock(text: string, original: string): Clock | null {
  const match = /^(\d{1,2})(?:(?:[:HЧ.])(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?: ?(AM|PM))?$/.exec(text);
  if (!match || (match[2] === undefined && match[4] === undefined)) return null;
  const [hours, minutes, seconds] = [match[1], match[2], match[3]].map((part) => Number(part ?? 0));
  const notTime = (why: string) => ({ error: `${original} is not a time: ${why}` });
  if (minutes > 59) return notTime('minutes must be 0-59');
  if (seconds > 59) return notTime('seconds must be 0-59');
  if (match[4] !== undefined) {
    if (hours < 1 || hours > 12) return notTime('with AM/PM the hour must be 1-12');
    return ((hours % 12) + (match[4] === 'PM' ? 12 : 0)) * 3600 + minutes * 60 + seconds;
  }
  if (hours > 23) return notTime('hours must be 0-23');
  return hours * 3600 + minutes * 60 + seconds;
}

/** `h:mm` or `h:mm:ss` with any number of hours, as seconds. */
function parseHoursMinutes(text: string, original: string): Clock | null {
  const match = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) return null;
  const [hours, minutes, seconds] = [match[1], match[2], match[3]].map((part) => Number(part ?? 0));
  if (minutes > 59) return { error: `${original} is not a time: minutes must be 0-59` };
  if (seconds > 59) return { error: `${original} is not a time: seconds must be 0-59` };
  return hours * 3600 + minutes * 60 + seconds;
}

function offset(sign: string, seconds: number, original: string): ParsedTime | { error: string } {
  if (!Number.isSafeInteger(seconds)) return { error: `${original} is not a time: the number is too large` };
  return { kind: 'offset', seconds: sign === '-' && seconds !== 0 ? -seconds : seconds };
}

const UNIT_OF_LETTER: Record<string, 'day' | 'hour' | 'minute' | 'second'> = {
  D: 'day',
  J: 'day',
  Д: 'day',
  H: 'hour',
  Ч: 'hour',
  M: 'minute',
  S: 'second',
  С: 'second',
};
const UNIT_SECONDS = { day: 86_400, hour: 3600, minute: 60, second: 1 } as const;

/**
 * Day/hour/minute/second parts, each signed, in any order (`D+1 H+2 M+30`, `J+1 H+2 M-5`, `Д+1 Ч+2 М+30`, `J-60`,
 * `S+10`); a bare `J` is day 0. A day part alone may be followed by a clock (`J+1 09h00`): a dayClock.
 */
function parseParts(text: string, original: string): ParsedTime | { error: string } | null {
  const part = / ?([DJДHЧMSС])(?: ?([+-]) ?(\d+))?/y;
  const seen = new Map<string, number>();
  let position = 0;
  for (let match = part.exec(text); match; match = part.exec(text)) {
    const unit = UNIT_OF_LETTER[match[1]];
    if (seen.has(unit)) return { error: `${original} is not a time: it gives the ${unit}s twice` };
    if (match[3] === undefined && unit !== 'day') return null;
    const value = Number(match[3] ?? 0);
    seen.set(unit, match[2] === '-' ? -value : value);
    position = part.lastIndex;
    // A bare letter followed by more letters is a word ("MONDAY"), not a part.
    if (match[3] === undefined && /^[\p{L}]/u.test(text.slice(position))) return null;
  }
  if (position === 0) return null;
  const rest = text.slice(position).trim();
  if (rest !== '') {
    if (seen.size !== 1 || !seen.has('day')) return null;
    const clock = parseClock(rest, original);
    if (clock === null) return null;
    if (typeof clock !== 'number') return clock;
    return { kind: 'dayClock', day: seen.get('day') ?? 0, secondsOfDay: clock };
  }
  let seconds = 0;
  for (const [unit, value] of seen) seconds += value * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS];
  if (!Number.isSafeInteger(seconds)) return { error: `${original} is not a time: the number is too large` };
  return { kind: 'offset', seconds: seconds === 0 ? 0 : seconds };
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date with an optional time: `2024-06-26 09:00` and `2024-06-26T09:00` (ISO, with `Z` or an offset an
 * instant), `26/06/2024 09h00` and `26.06.2024 09:00` (always day first, as in Russian and French files).
 */
function parseDate(text: string, original: string): ParsedTime | { error: string } | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](.+))?$/.exec(text);
  const dayFirst = /^(\d{1,2})([./])(\d{1,2})\2(\d{4})(?: (.+))?$/.exec(text);
  if (!iso && !dayFirst) return null;
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]].map(Number) : [dayFirst![4], dayFirst![3], dayFirst![1]].map(Number);
  const timeText = (iso ? iso[4] : dayFirst![5]) ?? '';
  if (!isRealDate(year, month, day)) return { error: `${original} is not a time: there is no such date (dates are read day first)` };
  if (iso && /(?:Z|[+-]\d{2}:?\d{2})$/.test(timeText)) {
    const epochMs = parseInstant(text.replace(' ', 'T'));
    return epochMs === null ? { error: `${original} is not a time: not a valid ISO 8601 instant` } : { kind: 'instant', epochMs };
  }
  const secondsOfDay = timeText === '' ? 0 : parseClock(timeText, original);
  if (secondsOfDay === null) return { error: `${original} is not a time: the time after the date is not a clock time (09:30)` };
  if (typeof secondsOfDay !== 'number') return secondsOfDay;
  return { kind: 'local', year, month, day, secondsOfDay };
}

/** A time cell's text: the first format that recognises it, or an error naming the text. */
function parseTimeText(raw: string): ParsedTime | { error: string } {
  const original = quoted(raw);
  const text = normalizeTimeText(raw);
  if (text === '') return { error: 'no time' };

  const relative = /^([TЧ]) ?([+-]) ?(.*)$/.exec(text);
  if (relative) {
    const [, letter, sign, rest] = relative;
    const hoursMinutes = parseHoursMinutes(rest, original);
    if (hoursMinutes !== null) return typeof hoursMinutes === 'number' ? offset(sign, hoursMinutes, original) : hoursMinutes;
    if (letter === 'T') {
      if (/^\d+$/.test(rest)) return offset(sign, Number(rest) * 60, original);
      return { error: `${original} is not a time: after T+ write minutes (T+90) or h:mm:ss (T+01:30:00)` };
    }
    const hourDotMinutes = /^(\d+)[.,](\d{2})$/.exec(rest);
    if (hourDotMinutes) {
      if (Number(hourDotMinutes[2]) > 59) return { error: `${original} is not a time: minutes must be 0-59` };
      return offset(sign, Number(hourDotMinutes[1]) * 3600 + Number(hourDotMinutes[2]) * 60, original);
    }
  }

  const signed = /^([+-]) ?(.+)$/.exec(text);
  if (signed) {
    const hoursMinutes = parseHoursMinutes(signed[2], original);
    if (hoursMinutes === null) return { error: `${original} is not a time: after a bare sign write h:mm or h:mm:ss (+01:30)` };
    return typeof hoursMinutes === 'number' ? offset(signed[1], hoursMinutes, original) : hoursMinutes;
  }

  const parts = parseParts(text, original);
  if (parts !== null) return parts;

  const date = parseDate(text, original);
  if (date !== null) return date;

  const clock = parseClock(text, original);
  if (clock !== null) return typeof clock === 'number' ? { kind: 'clock', secondsOfDay: clock } : clock;

  if (/^\d{4}$/.test(text)) return militaryTime(Number(text), original);
  if (/^\d+$/.test(text))
    return { error: `${original} is not a time: write military time with four digits (0930), a clock time (09:30) or minutes after STARTEX (T+90)` };
  return { error: `${original} is not a time: ${FORMATS_HINT}` };
}

/** `hhmm` as 0000-2359, seconds since midnight. */
function militaryTime(value: number, original: string): ParsedTime | { error: string } {
  const [hours, minutes] = [Math.floor(value / 100), value % 100];
  if (minutes > 59) return { error: `${original} is not a time: minutes must be 0-59` };
  if (hours > 23) return { error: `${original} is not a time: hours must be 0-23` };
  return { kind: 'clock', secondsOfDay: hours * 3600 + minutes * 60 };
}

/**
 * A time cell as the file states it, to the second; text is case-insensitive and tolerates spaces.
 *
 * - Relative to STARTEX (offset): `T+01:30:00`, `T+01:30` (h:mm), `T+90` (minutes), `T-00:05:00`, `+01:30`,
 *   `Ч+00:05` (h:mm), `Ч+2.30` (2 h 30 min); signed day/hour/minute/second parts in any order: `D+1 H+2 M+30`,
 *   `J+1 H+2 M-5`, `Д+1 Ч+2 М+30`, `J-60`, `J` (0), `H+2`, `S+10`.
 * - A clock on a day relative to STARTEX (dayClock): `J 09h00`, `J+1 09h00`, `Д+1 09:00`.
 * - A time of day (clock): `09:30`, `9:30:15`, `9:30 AM`, `9h00`, military `0930` (text of four digits); a number
 *   cell that is an Excel time (0 ≤ n < 1) or an integer 0-2359 read as military time; a Date cell on Excel's
 *   day 0 (1899-12-30).
 * - A date and time without a zone (local): `26/06/2024 09h00`, `26.06.2024 09:00`, `2024-06-26 09:00` (day
 *   first); any other Date cell.
 * - An instant: ISO 8601 with `Z` or an offset.
 *
 * Anything else, and an empty cell ("no time"), is an error naming the value.
 */
export function parseTime(cell: CellValue): ParsedTime | { error: string } {
  if (cell === null) return { error: 'no time' };
  if (typeof cell === 'string') return parseTimeText(cell);
  if (typeof cell === 'boolean') return { error: `${quoted(cell)} is not a time: ${FORMATS_HINT}` };
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { error: 'the date cell holds no valid date' };
    if (isTimeOnlyDate(cell)) return { kind: 'clock', secondsOfDay: secondsOfDayOf(cell) };
    const rounded = new Date(Math.round(cell.getTime() / 1000) * 1000);
    return {
      kind: 'local',
      year: rounded.getUTCFullYear(),
      month: rounded.getUTCMonth() + 1,
      day: rounded.getUTCDate(),
      secondsOfDay: secondsOfDayOf(rounded),
    };
  }
  if (cell >= 0 && cell < 1) return { kind: 'clock', secondsOfDay: Math.min(Math.round(cell * 86_400), 86_399) };
  if (Number.isInteger(cell) && cell >= 0 && cell <= 2359) return militaryTime(cell, quoted(cell));
  return { error: `${cellText(cell)} is not a time: a number must be an Excel time (0 to 1) or military time (0000-2359)` };
}

const SIGNED_TWO_DIGITS = (n: number) => String(n).padStart(2, '0');

/**
 * ExCon's export form of an offset: `T+01:30:00`, `T-00:05:00`, hours beyond 99 as they are (`T+720:00:00`).
 * `parseTime` reads it back exactly. Rounded to the second.
 */
export function formatOffset(seconds: number): string {
  const whole = Math.round(seconds);
  const abs = Math.abs(whole);
  const [h, m, s] = [Math.floor(abs / 3600), Math.floor((abs % 3600) / 60), abs % 60];
  return `T${whole < 0 ? '-' : '+'}${SIGNED_TWO_DIGITS(h)}:${SIGNED_TWO_DIGITS(m)}:${SIGNED_TWO_DIGITS(s)}`;
}

function isKnownZone(timeZone: string): boolean {
  try {
    wallClock(0, timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns parsed times into offsets from STARTEX in whole seconds, none negative.
 *
 * With `startex`: offsets as they are; instants relative to STARTEX; local date-times read in `timeZone`
 * (DST-correct); clock times on STARTEX's local date in `timeZone`; dayClock on STARTEX's local date plus its
 * days. Without `startex` the times can only be related to one another:
 * - relative times (offsets, and dayClock with STARTEX taken as 00:00 of day J) stay as they are;
 * - absolute times (instants, local date-times in `timeZone`, clock times) are placed after the earliest of
 *   them; clock times sit on one common day (the local date of the earliest instant or date-time, if any);
 * - a file mixing both kinds cannot be related without STARTEX: each absolute time gets an error asking for
 *   the `startex` option.
 * Finally, when the earliest offset is negative (OpenAEV's `J-1`), all are shifted by `shiftSeconds` so that
 * it is 0, for the caller to warn about. Times in `errors` get offset 0 and play no part in the shift.
 */
export function resolveOffsets(
  times: ParsedTime[],
  context: { startex?: number; timeZone: string },
): { offsets: number[]; shiftSeconds: number; errors: { index: number; error: string }[] } {
  const errors: { index: number; error: string }[] = [];
  const seconds: (number | null)[] = times.map(() => null);
  const { startex, timeZone } = context;
  const zoneKnown = isKnownZone(timeZone);
  const zoneError = `"${timeZone}" is not a known IANA time zone (option timeZone)`;
  const zoned = (index: number, year: number, month: number, day: number, secondsOfDay: number): number | null => {
    if (zoneKnown) return zonedInstant(year, month, day, secondsOfDay, timeZone);
    errors.push({ index, error: zoneError });
    return null;
  };

  if (startex !== undefined && !Number.isFinite(startex)) {
    times.forEach((time, index) => {
      if (time.kind === 'offset') seconds[index] = time.seconds;
      else errors.push({ index, error: 'STARTEX (option startex) is not a valid instant' });
    });
  } else if (startex !== undefined) {
    const startDay = zoneKnown ? wallClock(startex, timeZone) : null;
    times.forEach((time, index) => {
      if (time.kind === 'offset') {
        seconds[index] = time.seconds;
        return;
      }
      let instant: number | null;
      if (time.kind === 'instant') instant = time.epochMs;
      else if (time.kind === 'local') instant = zoned(index, time.year, time.month, time.day, time.secondsOfDay);
      else {
        const day = time.kind === 'dayClock' ? time.day : 0;
        const date = startDay ? new Date(Date.UTC(startDay.year, startDay.month - 1, startDay.day + day)) : new Date(0);
        instant = zoned(index, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), time.secondsOfDay);
      }
      if (instant !== null) seconds[index] = (instant - startex) / 1000;
    });
  } else {
    const isRelative = (time: ParsedTime) => time.kind === 'offset' || time.kind === 'dayClock';
    const absolute = times.some((time) => !isRelative(time));
    const mixed = absolute && times.some(isRelative);
    const instants = times.map((time, index) => {
      if (mixed) return null;
      if (time.kind === 'instant') return time.epochMs;
      if (time.kind === 'local') return zoned(index, time.year, time.month, time.day, time.secondsOfDay);
      return null;
    });
    const dated = instants.filter((instant): instant is number => instant !== null);
    const commonDay = dated.length > 0 && zoneKnown ? wallClock(Math.min(...dated), timeZone) : null;
    times.forEach((time, index) => {
      const instant = instants[index];
      if (time.kind === 'offset') seconds[index] = time.seconds;
      else if (time.kind === 'dayClock') seconds[index] = time.day * 86_400 + time.secondsOfDay;
      else if (mixed)
        errors.push({ index, error: 'STARTEX (option startex) is needed to relate this time to the relative times (T+…, J+…) of the file' });
      else if (time.kind === 'clock')
        seconds[index] = commonDay
          ? zonedInstant(commonDay.year, commonDay.month, commonDay.day, time.secondsOfDay, timeZone) / 1000
          : time.secondsOfDay;
      else if (instant !== null) seconds[index] = instant / 1000;
    });
    if (absolute && !mixed) {
      const earliest = Math.min(...seconds.filter((s): s is number => s !== null));
      seconds.forEach((s, index) => {
        if (s !== null) seconds[index] = s - earliest;
      });
    }
  }

  const rounded = seconds.map((s) => (s === null ? null : Math.round(s) + 0));
  const valid = rounded.filter((s): s is number => s !== null);
  const shiftSeconds = valid.length > 0 && Math.min(...valid) < 0 ? -Math.min(...valid) : 0;
  const failed = new Set(errors.map((e) => e.index));
  return {
    offsets: rounded.map((s, index) => (s === null || failed.has(index) ? 0 : s + shiftSeconds)),
    shiftSeconds,
    errors: errors.sort((a, b) => a.index - b.index),
  };
}
