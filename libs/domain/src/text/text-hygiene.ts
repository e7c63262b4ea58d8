import type { FieldProblem } from '../domain-error';

/** The deepest nesting of arrays and objects a request body or socket payload may have. */
export const MAX_INPUT_DEPTH = 32;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Keys that name the object machinery, not data: refused wherever they appear. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why PostgreSQL could not store this text as given, or null: U+0000 cannot be stored in text or JSON,
 * and a lone surrogate (malformed UTF-16) would be stored as U+FFFD, i.e. not as sent.
 */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone surrogate (malformed UTF-16)';
  return null;
}

function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * The first problem of a parsed body or payload, by the path of the field as a client writes it
 * (`injects[1].translations.en.title`): text PostgreSQL cannot store, reserved keys, nesting deeper
 * than MAX_INPUT_DEPTH. Walks without recursion, so no input can overflow the stack.
 */
export function findInputProblem(value: unknown, root = 'body'): FieldProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { field: path || root, message: problem };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { field: path || root, message: `nests deeper than ${MAX_INPUT_DEPTH} levels` };
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((v, i) => [i, v]) : Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const childPath = pathOf(path, key);
      if (typeof key === 'string') {
        const problem = textProblem(key);
        if (problem) return { field: childPath, message: `key ${problem}` };
        if (RESERVED_KEYS.has(key)) return { field: childPath, message: 'is a reserved name, not an accepted field' };
      }
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  // JSON.parse turns a `"__proto__"` key into an own property, which Object.entries lists: covered above.
  return null;
}

/**
 * The nesting depth of JSON text, read without parsing (strings skipped), stopping as soon as it passes
 * `max`: bodies are refused before any parser or validator recurses into them.
 */
export function jsonNestsDeeperThan(text: string, max: number = MAX_INPUT_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
