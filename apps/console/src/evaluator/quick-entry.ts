import type { ObservationKind } from '@excon/domain';

/**
 * The evaluator's quick entry: one line of text in which the kind, objectives, posts and the inject are
 * typed as tokens.
 *
 * - kind, at the very start: `+` strength, `-` area for improvement, `s:` / `i:` / `n:` (also `с:` / `у:` / `з:`
 *   on a Russian keyboard: сильная сторона, улучшение, заметка); otherwise a note;
 * - `#OBJ-1` an objective ref, `@KZ-MES` a post code, `!W-3` the inject with that ref — anywhere in the line,
 *   at the start of a word, matched without regard to case; a trailing `,` `.` `;` `:` `)` is not part of it.
 *
 * Recognised tokens are taken out of the text; an unknown one stays in it and is reported.
 */
export interface QuickEntryContext {
  objectiveRefs: readonly string[];
  posts: readonly { id: string; code: string }[];
  injects: readonly { id: string; ref: string }[];
}

export type QuickTokenType = 'objective' | 'post' | 'inject';

export interface QuickEntry {
  /** The observation's text: the line without its kind prefix and recognised tokens, spaces collapsed. */
  text: string;
  kind: ObservationKind;
  /** True when the line names its kind (a prefix), false for the default note. */
  kindGiven: boolean;
  objectiveRefs: string[];
  commandPostIds: string[];
  exerciseInjectId: string | null;
  /** Tokens that name nothing of this exercise (left in the text), e.g. `{type: 'post', token: '@XX'}`. */
  unknown: { type: QuickTokenType; token: string }[];
  /** More than one `!inject`: the first is taken, these are left in the text. */
  extraInjects: string[];
}

const SIGILS: Record<string, QuickTokenType> = { '#': 'objective', '@': 'post', '!': 'inject' };

const PREFIXES: readonly [RegExp, ObservationKind][] = [
  [/^\+\s*/, 'strength'],
  [/^-\s*/, 'improvement'],
  [/^[sс]:\s*/i, 'strength'],
  [/^[iу]:\s*/i, 'improvement'],
  [/^[nз]:\s*/i, 'note'],
];

/** A token: a sigil at the start of the line or after white space, then letters, digits, `-`, `_`, `.`, `/`. */
const TOKEN = /(^|\s)([#@!])([\p{L}\p{N}_./-]+)/gu;
const TRAILING = /[.,;:)]+$/u;

function fold(value: string): string {
  return value.normalize('NFC').toLocaleUpperCase('ru');
}

/** The kind a line's prefix names and the rest of the line. */
export function splitKind(line: string): { kind: ObservationKind | null; rest: string } {
  const trimmed = line.replace(/^\s+/, '');
  for (const [prefix, kind] of PREFIXES) {
    const found = prefix.exec(trimmed);
    if (found) return { kind, rest: trimmed.slice(found[0].length) };
  }
  return { kind: null, rest: trimmed };
}

/** The line with its kind prefix replaced (the Alt+1/2/3 shortcuts): `+ ` strength, `- ` improvement, none for a note. */
export function withKind(line: string, kind: ObservationKind): string {
  const { rest } = splitKind(line);
  if (kind === 'strength') return `+ ${rest}`;
  if (kind === 'improvement') return `- ${rest}`;
  // A note has no prefix, unless the rest would read as one.
  return splitKind(rest).kind === null ? rest : `n: ${rest}`;
}

export function parseQuickEntry(line: string, context: QuickEntryContext): QuickEntry {
  const objectives = new Map(context.objectiveRefs.map((ref) => [fold(ref), ref]));
  const posts = new Map(context.posts.map((p) => [fold(p.code), p.id]));
  const injects = new Map(context.injects.map((i) => [fold(i.ref), i.id]));
  const { kind, rest } = splitKind(line);
  const result: QuickEntry = {
    text: '',
    kind: kind ?? 'note',
    kindGiven: kind !== null,
    objectiveRefs: [],
    commandPostIds: [],
    exerciseInjectId: null,
    unknown: [],
    extraInjects: [],
  };
  const text = rest.replace(TOKEN, (whole, lead: string, sigil: string, body: string) => {
    const name = body.replace(TRAILING, '');
    const tail = body.slice(name.length);
    if (!name) return whole;
    const type = SIGILS[sigil];
    const key = fold(name);
    if (type === 'objective' && objectives.has(key)) {
      const ref = objectives.get(key) as string;
      if (!result.objectiveRefs.includes(ref)) result.objectiveRefs.push(ref);
      return lead + tail;
    }
    if (type === 'post' && posts.has(key)) {
      const postId = posts.get(key) as string;
      if (!result.commandPostIds.includes(postId)) result.commandPostIds.push(postId);
      return lead + tail;
    }
    if (type === 'inject' && injects.has(key)) {
      const injectId = injects.get(key) as string;
      if (result.exerciseInjectId === null || result.exerciseInjectId === injectId) {
        result.exerciseInjectId = injectId;
        return lead + tail;
      }
      result.extraInjects.push(sigil + name);
      return whole;
    }
    result.unknown.push({ type, token: sigil + name });
    return whole;
  });
  result.text = text
    .replace(/\s+([.,;:)])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return result;
}

/**
 * The word being typed at the caret when it is a token (for completion): its type and what is typed
 * after the sigil, or null.
 */
export function tokenAtCaret(line: string, caret: number): { type: QuickTokenType; prefix: string; start: number } | null {
  const before = line.slice(0, caret);
  const found = /(^|\s)([#@!])([\p{L}\p{N}_./-]*)$/u.exec(before);
  if (!found) return null;
  return { type: SIGILS[found[2]], prefix: found[3], start: found.index + found[1].length };
}

/** The line with the token at the caret completed to `value` (followed by a space), and where the caret goes. */
export function completeToken(line: string, caret: number, value: string): { line: string; caret: number } {
  const token = tokenAtCaret(line, caret);
  if (!token) return { line, caret };
  const sigil = line[token.start];
  const after = line.slice(caret).replace(/^[\p{L}\p{N}_./-]*/u, '');
  const inserted = `${sigil}${value} `;
  const next = line.slice(0, token.start) + inserted + after.replace(/^\s+/, '');
  return { line: next, caret: token.start + inserted.length };
}
