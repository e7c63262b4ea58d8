import fc from 'fast-check';
import { MAX_INPUT_DEPTH, findInputProblem, jsonNestsDeeperThan, textProblem } from './text-hygiene';

const nested = (depth: number, leaf: unknown = 1): unknown => (depth === 0 ? leaf : [nested(depth - 1, leaf)]);

describe('text hygiene', () => {
  it('refuses NUL and lone surrogates, accepts every well-formed text', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('x\uD800')).toMatch(/lone surrogate/);
    expect(textProblem('\uDC00x')).toMatch(/lone surrogate/);
    expect(textProblem('Паводок 🌊 \uD83C\uDF0A')).toBeNull();
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => textProblem(text) === null || text.includes('\u0000')));
  });

  it('names the field by its path, keys included', () => {
    expect(findInputProblem({ title: 'ok', injects: [{ ref: 'A' }, { translations: { en: { title: 'x\u0000' } } }] })).toEqual({
      field: 'injects[1].translations.en.title',
      message: expect.stringMatching(/NUL/),
    });
    expect(findInputProblem({ text: 'a\uD800' })).toEqual({ field: 'text', message: expect.stringMatching(/surrogate/) });
    expect(findInputProblem(JSON.parse('{"translations":{"__proto__":{"title":"x","body":"y"}}}'))).toEqual({
      field: 'translations.__proto__',
      message: expect.stringMatching(/reserved/),
    });
    expect(findInputProblem({ a: { constructor: 1 } })?.field).toBe('a.constructor');
    expect(findInputProblem('x\u0000', 'payload')).toEqual({ field: 'payload', message: expect.any(String) });
    expect(findInputProblem({ title: 'Паводок', n: 0, nothing: null, list: [[], {}] })).toBeNull();
  });

  it('refuses nesting past the limit without recursing (a 100,000-deep value does not overflow the stack)', () => {
    expect(findInputProblem(nested(MAX_INPUT_DEPTH - 1))).toBeNull();
    expect(findInputProblem(nested(MAX_INPUT_DEPTH + 1))?.message).toMatch(/deeper than 32/);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(findInputProblem(deep)?.message).toMatch(/deeper/);
  });

  it('measures the depth of JSON text without parsing it, ignoring brackets inside strings', () => {
    expect(jsonNestsDeeperThan('[[[1]]]', 3)).toBe(false);
    expect(jsonNestsDeeperThan('[[[[1]]]]', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":"[[[[[[[[\\"[[[["}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"username":' + '['.repeat(7000) + ']'.repeat(7000) + '}')).toBe(true);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 40 }),
        (depth, max) => jsonNestsDeeperThan(JSON.stringify(nested(depth, 'x]}[{')), max) === depth > max,
      ),
    );
  });
});
