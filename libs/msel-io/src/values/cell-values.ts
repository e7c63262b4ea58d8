import { MSEL_REF_PATTERN, type Precedence } from '@excon/domain';
import type { CellValue } from '../sheet-table';

/**
 * A cell as text: trimmed; numbers as Excel shows them (15 significant digits, no exponent, so 1015 → "1015"
 * and 0.1 + 0.2 → "0.3"); a Date as its ISO string; booleans as "true"/"false"; empty as "".
 */
export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  if (!Number.isFinite(cell)) return String(cell);
  return cell.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 15 });
}

/** How a cell's text appears inside an error message: quoted, and cut short when it is long. */
export function quoted(cell: CellValue): string {
  const text = cellText(cell).replace(/\s+/g, ' ');
  return `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;
}

/**
 * True for a Date that is an Excel time-only cell: the 1900 date system puts serial 0 on 1899-12-30 (some
 * writers use 1899-12-31, "1900-01-00"), the 1904 system on 1904-01-01. Nobody schedules an exercise on those days.
 */
export function isTimeOnlyDate(date: Date): boolean {
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  return (y === 1899 && m === 11 && (d === 30 || d === 31)) || (y === 1904 && m === 0 && d === 1);
}

/** Seconds since midnight of a Date's wall clock (its UTC fields), rounded to the second. */
export function secondsOfDayOf(date: Date): number {
  const ms = date.getTime() - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return Math.min(Math.round(ms / 1000), 86_399);
}

const DURATION_UNITS: { seconds: number; words: string[] }[] = [
  { seconds: 1, words: ['s', 'sec', 'secs', 'second', 'seconds', 'с', 'сек', 'секунда', 'секунды', 'секунд'] },
  { seconds: 60, words: ['m', 'min', 'mins', 'minute', 'minutes', 'м', 'мин', 'минута', 'минуты', 'минут'] },
  { seconds: 3600, words: ['h', 'hr', 'hrs', 'hour', 'hours', 'ч', 'час', 'часа', 'часов'] },
  { seconds: 86_400, words: ['d', 'day', 'days', 'д', 'дн', 'день', 'дня', 'дней', 'сут', 'сутки', 'суток'] },
];
const UNIT_SECONDS = new Map(DURATION_UNITS.flatMap(({ seconds, words }) => words.map((w) => [w, seconds] as const)));
const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
const DURATION_HINT = 'write e.g. "300 s", "5 min", "2 h", "1 h 30 min", "01:30:00" (h:mm:ss), "PT5M" or a number of minutes';

/**
 * A deadline cell (acknowledge or respond within) in seconds; null when empty.
 *
 * Reads "300 s"/"300 с"/"300 сек", "5 min"/"5 мин"/"5m", "2 h"/"2 ч", several parts ("1 h 30 min"), "01:30:00"
 * (h:mm:ss) and "01:30" (h:mm, never mm:ss), ISO 8601 durations ("PT5M"), a bare number (a number cell or text)
 * as minutes, and Excel time cells (a fraction of a day or a Date on 1899-12-30) as the time they show.
 */
export function parseDuration(cell: CellValue): number | null | { error: string } {
  const notDuration = (why: string) => ({ error: `${quoted(cell)} is not a duration: ${why}` });
  if (cell === null) return null;
  if (typeof cell === 'boolean') return notDuration(DURATION_HINT);
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return notDuration(DURATION_HINT);
    return isTimeOnlyDate(cell) ? secondsOfDayOf(cell) : notDuration('it is a date; ' + DURATION_HINT);
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0) return notDuration('it must be 0 or more');
    // A fraction of a day is how Excel stores a time cell that reached us as a plain number.
    return !Number.isInteger(cell) && cell < 1 ? Math.round(cell * 86_400) : Math.round(cell * 60);
  }
  const text = cell.trim().toLowerCase().replace(/ё/g, 'е').replace(/,/g, '.').replace(/\s+/g, ' ');
  if (text === '') return null;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 60);
  const clock = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (clock) {
    const [hours, minutes, seconds] = clock.slice(1).map((part) => Number(part ?? 0));
    if (minutes > 59 || seconds > 59) return notDuration('minutes and seconds must be 0-59 (h:mm or h:mm:ss)');
    return hours * 3600 + minutes * 60 + seconds;
  }
  const iso = ISO_DURATION.exec(text);
  if (iso && text !== 'p' && !text.endsWith('t')) {
    const [w, d, h, m, s] = iso.slice(1).map((part) => Number(part ?? 0));
    return Math.round(w * 604_800 + d * 86_400 + h * 3600 + m * 60 + s);
  }
  // Parts like "1 h 30 min" or "1ч30м", read one after the other from the start of the text.
  const durationPart = /(\d+(?:\.\d+)?) ?(\p{L}+)\.? ?/uy;
  let total = 0;
  let position = 0;
  for (let part = durationPart.exec(text); part; part = durationPart.exec(text)) {
    const unit = UNIT_SECONDS.get(part[2]);
    if (unit === undefined) return notDuration(`unknown unit "${part[2]}"; ${DURATION_HINT}`);
    total += Number(part[1]) * unit;
    position = durationPart.lastIndex;
  }
  if (position === 0 || position !== text.length) return notDuration(DURATION_HINT);
  return Math.round(total);
}

const PRECEDENCE_WORDS: Record<Precedence, string[]> = {
  flash: ['flash', 'z', 'молния'],
  immediate: ['immediate', 'o', 'о', 'срочно', 'срочный', 'срочная', 'срочное'],
  priority: ['priority', 'p', 'р', 'приоритетно', 'приоритетный', 'приоритетная', 'приоритетное'],
  routine: ['routine', 'r', 'обычно', 'обычный', 'обычная', 'обычное'],
};
const PRECEDENCE_OF = new Map(
  (Object.entries(PRECEDENCE_WORDS) as [Precedence, string[]][]).flatMap(([precedence, words]) => words.map((w) => [w, precedence] as const)),
);
const PRECEDENCE_HINT = 'use FLASH/МОЛНИЯ/Z, IMMEDIATE/СРОЧНО/O, PRIORITY/ПРИОРИТЕТНО/P or ROUTINE/ОБЫЧНО/R';

/**
 * A precedence cell; null when empty. Words in both languages and the military letters, in any case, also
 * combined as files write them ("Flash (Z)", "Z - FLASH"). HSEEP-style "High"/"Medium"/"Low" is refused: no
 * mapping of those onto the four precedences would be right for every team.
 */
export function parsePrecedence(cell: CellValue): Precedence | null | { error: string } {
  const text = cellText(cell).toLowerCase().replace(/ё/g, 'е');
  if (text === '') return null;
  const words = text.split(/[^\p{L}]+/u).filter(Boolean);
  const found = new Set(words.map((word) => PRECEDENCE_OF.get(word)));
  if (words.length === 0 || found.has(undefined)) return { error: `${quoted(cell)} is not a precedence: ${PRECEDENCE_HINT}` };
  if (found.size > 1) return { error: `${quoted(cell)} names more than one precedence: ${PRECEDENCE_HINT}` };
  return [...found][0] ?? null;
}

/** A list cell's items: split on ",", ";" and line breaks, trimmed, empty items dropped. */
export function splitList(cell: CellValue): string[] {
  return cellText(cell)
    .split(/[,;\r\n\u2028\u2029]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const CONTINGENCY_YES = [
  'yes',
  'y',
  'да',
  'д',
  'true',
  '1',
  'x',
  'х',
  '✓',
  '✔',
  'contingency inject',
  'contingency',
  'резервный',
  'резервная',
  'резерв',
];
const CONTINGENCY_NO = ['no', 'n', 'нет', 'н', 'false', '0', 'inject', 'contextual inject', 'expected player action', 'ввод', 'вводная'];

/**
 * A contingency cell, or HSEEP's "Event Type" column ("Contingency Inject" against "Contextual Inject" or
 * "Expected Player Action"): true for a contingency inject, false for an ordinary one; empty is false.
 */
export function parseContingency(cell: CellValue): boolean | { error: string } {
  if (typeof cell === 'boolean') return cell;
  const text = cellText(cell).toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  if (text === '' || CONTINGENCY_NO.includes(text)) return false;
  if (CONTINGENCY_YES.includes(text)) return true;
  // Both languages in one cell, as ExCon's export writes it: "да / yes", "нет / no".
  const parts = text.split(/\s*\/\s*/);
  if (parts.length === 2 && parts.every((p) => CONTINGENCY_YES.includes(p))) return true;
  if (parts.length === 2 && parts.every((p) => CONTINGENCY_NO.includes(p))) return false;
  return {
    error:
      `${quoted(cell)} is not a contingency flag: use yes/да/x/"Contingency Inject" for a contingency inject, ` +
      `no/нет/empty/"Inject"/"Contextual Inject" for a scheduled one`,
  };
}

/**
 * A command post as target cells may name it: by code or by any of its names; or, with `group`, a post group,
 * named by its code (group and post codes never collide), that stands for its posts only when an exercise is created.
 */
export interface PostRef {
  id: string;
  code: string;
  names: string[];
  group?: boolean;
}

/** Matched ids split into the inject's posts and its post groups, each in the order matched. */
export function partitionTargets(ids: string[], refs: PostRef[]): { targets: string[]; targetGroups: string[] } {
  const groups = new Set(refs.filter((ref) => ref.group).map((ref) => ref.id));
  return { targets: ids.filter((id) => !groups.has(id)), targetGroups: ids.filter((id) => groups.has(id)) };
}

const ALL_POSTS = new Set(['all', 'все', 'всем', 'всех']);

/** How a post name or code is compared: case, spaces and ё/е do not count. */
function postKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, '');
}

/** Levenshtein distance, for suggesting the codes a mistyped target was probably meant to be. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/**
 * The posts a targets cell names: items split as `splitList` does, each matched to a post by its code first,
 * then by any of its names (case-, space- and ё/е-insensitive); "all"/"все"/"всем" names every post (not the
 * groups). A group's code gives the group's id (see `partitionTargets`). The ids
 * come in the cell's order (an export keeps an inject's targets as written), without duplicates. An empty cell
 * gives no ids (the caller decides what that means). Every unknown or ambiguous item is named in one error,
 * an unknown one with the nearest codes.
 */
export function matchTargets(cell: CellValue, posts: PostRef[]): { ids: string[] } | { error: string } {
  const chosen = new Set<string>();
  const problems: string[] = [];
  for (const item of splitList(cell)) {
    const key = postKey(item);
    if (ALL_POSTS.has(key)) {
      posts.forEach((post) => post.group || chosen.add(post.id));
      continue;
    }
    const byCode = posts.filter((post) => postKey(post.code) === key);
    const matches = byCode.length > 0 ? byCode : posts.filter((post) => post.names.some((name) => postKey(name) === key));
    if (matches.length === 1) chosen.add(matches[0].id);
    else if (matches.length > 1) problems.push(`"${item}" names several posts (${matches.map((post) => post.code).join(', ')}); use the code`);
    else {
      const nearest = posts
        .map((post) => ({ code: post.code, distance: Math.min(...[post.code, ...post.names].map((text) => editDistance(key, postKey(text)))) }))
        .sort((a, b) => a.distance - b.distance || a.code.localeCompare(b.code))
        .slice(0, 5)
        .map((post) => post.code);
      problems.push(`"${item}" names no command post` + (nearest.length > 0 ? ` (nearest codes: ${nearest.join(', ')})` : ''));
    }
  }
  if (problems.length > 0) return { error: problems.join('; ') };
  return { ids: [...chosen] };
}

/** A ref written by a person rather than a sentence: it has a digit, or no lower-case letter ("OBJ-1", "COMMS"). */
function looksLikeRef(text: string): boolean {
  return MSEL_REF_PATTERN.test(text) && (/\p{N}/u.test(text) || !/\p{Ll}/u.test(text));
}

/** A ref made from the first three words of a text, upper case, joined by "-", at most 32 characters. */
function deriveRef(text: string): string {
  const words = (text.match(/[\p{L}\p{N}]+/gu) ?? [])
    // Upper-casing can add combining marks (ǰ → J̌) that a ref may not hold: keep letters and digits only.
    .map((word) => word.toUpperCase().replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);
  let ref = '';
  for (const word of words.slice(0, 3)) {
    const next = ref === '' ? word : `${ref}-${word}`;
    if ([...next].length > 32) break;
    ref = next;
  }
  if (ref === '' && words.length > 0) ref = [...words[0]].slice(0, 32).join('');
  return ref === '' ? 'OBJ' : ref;
}

/**
 * One item of an objectives cell as a ref and a title: "OBJ-1" is both; "OBJ-1: Alert the services" and
 * "OBJ-1 — Alert the services" (also "–" or " - ") split into ref and title; any other text is the title and
 * its ref is derived from its first words ("Alert the duty services" → "ALERT-THE-DUTY"). The ref always
 * matches `MSEL_REF_PATTERN` ("OBJ" when the text has no letter or digit).
 */
export function objectiveRefFromText(text: string): { ref: string; title: string } {
  const trimmed = text.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (looksLikeRef(trimmed)) return { ref: trimmed, title: trimmed };
  const split = /^(\S+?)\s*(?::|—|–|\s-)\s*(.+)$/u.exec(trimmed);
  if (split && looksLikeRef(split[1])) return { ref: split[1], title: split[2] };
  return { ref: deriveRef(trimmed), title: trimmed };
}
