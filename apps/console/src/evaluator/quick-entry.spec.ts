import fc from 'fast-check';
import { completeToken, parseQuickEntry, splitKind, tokenAtCaret, withKind, type QuickEntryContext } from './quick-entry';

const context: QuickEntryContext = {
  objectiveRefs: ['OBJ-1', 'OBJ-2', 'Ц-1'],
  posts: [
    { id: 'p-kz', code: 'KZ-MES' },
    { id: 'p-ru', code: 'RU-MCHS' },
    { id: 'p-by', code: 'БЕЛ-1' },
  ],
  injects: [
    { id: 'i-3', ref: 'W-3' },
    { id: 'i-4', ref: 'W-4' },
  ],
};

describe('parseQuickEntry (evaluator quick entry)', () => {
  it('reads the kind from a leading + / - or s: i: n:, a note otherwise', () => {
    expect(parseQuickEntry('+ Alert sent in time', context)).toMatchObject({ kind: 'strength', kindGiven: true, text: 'Alert sent in time' });
    expect(parseQuickEntry('-Slow reply', context)).toMatchObject({ kind: 'improvement', text: 'Slow reply' });
    expect(parseQuickEntry('  i: Slow reply', context)).toMatchObject({ kind: 'improvement', text: 'Slow reply' });
    expect(parseQuickEntry('S:good', context)).toMatchObject({ kind: 'strength', text: 'good' });
    expect(parseQuickEntry('n: plain', context)).toMatchObject({ kind: 'note', kindGiven: true, text: 'plain' });
    expect(parseQuickEntry('у: медленно', context)).toMatchObject({ kind: 'improvement', text: 'медленно' });
    expect(parseQuickEntry('Just a remark', context)).toMatchObject({ kind: 'note', kindGiven: false, text: 'Just a remark' });
    // Only at the start: a dash inside the text is text.
    expect(parseQuickEntry('Report - late', context)).toMatchObject({ kind: 'note', text: 'Report - late' });
  });

  it('takes objective, post and inject tokens anywhere, without regard to case, and removes them from the text', () => {
    const entry = parseQuickEntry('- #obj-1 Shift at @KZ-MES missed the call on !w-3, escalated late @ru-mchs.', context);
    expect(entry).toEqual({
      text: 'Shift at missed the call on, escalated late.',
      kind: 'improvement',
      kindGiven: true,
      objectiveRefs: ['OBJ-1'],
      commandPostIds: ['p-kz', 'p-ru'],
      exerciseInjectId: 'i-3',
      unknown: [],
      extraInjects: [],
    });
  });

  it('understands Cyrillic refs and codes', () => {
    const entry = parseQuickEntry('+ #ц-1 @бел-1 доложили вовремя', context);
    expect(entry.objectiveRefs).toEqual(['Ц-1']);
    expect(entry.commandPostIds).toEqual(['p-by']);
    expect(entry.text).toBe('доложили вовремя');
  });

  it('leaves unknown tokens in the text and reports them; a second inject is not taken', () => {
    const entry = parseQuickEntry('#OBJ-9 @XX ok !W-3 !W-4 #OBJ-2', context);
    expect(entry.objectiveRefs).toEqual(['OBJ-2']);
    expect(entry.exerciseInjectId).toBe('i-3');
    expect(entry.unknown).toEqual([
      { type: 'objective', token: '#OBJ-9' },
      { type: 'post', token: '@XX' },
    ]);
    expect(entry.extraInjects).toEqual(['!W-4']);
    expect(entry.text).toBe('#OBJ-9 @XX ok !W-4');
  });

  it('does not read a sigil inside a word (an e-mail address, a number sign) as a token', () => {
    const entry = parseQuickEntry('mail duty@KZ-MES about item#OBJ-1 !', context);
    expect(entry.commandPostIds).toEqual([]);
    expect(entry.objectiveRefs).toEqual([]);
    expect(entry.text).toBe('mail duty@KZ-MES about item#OBJ-1 !');
  });

  it('names each objective and post once however often typed', () => {
    const entry = parseQuickEntry('#OBJ-1 #obj-1 @KZ-MES @kz-mes x', context);
    expect(entry.objectiveRefs).toEqual(['OBJ-1']);
    expect(entry.commandPostIds).toEqual(['p-kz']);
    expect(entry.text).toBe('x');
  });

  it('property: known tokens put anywhere among words are all found and none stays in the text', () => {
    const word = fc.stringMatching(/^[a-zа-я]{1,8}$/);
    const token = fc.oneof(
      fc.constantFrom(...context.objectiveRefs).map((ref) => ({ kind: 'objective' as const, value: ref, typed: `#${ref}` })),
      fc.constantFrom(...context.posts).map((p) => ({ kind: 'post' as const, value: p.id, typed: `@${p.code.toLowerCase()}` })),
    );
    const piece = fc.oneof(
      word.map((w) => ({ kind: 'word' as const, value: w, typed: w })),
      token,
    );
    fc.assert(
      fc.property(fc.constantFrom('', '+ ', '- ', 'n: '), fc.array(piece, { minLength: 1, maxLength: 12 }), (prefix, pieces) => {
        const entry = parseQuickEntry(prefix + pieces.map((p) => p.typed).join(' '), context);
        const want = (kind: string) => [...new Set(pieces.filter((p) => p.kind === kind).map((p) => p.value))];
        expect(entry.objectiveRefs).toEqual(want('objective'));
        expect(entry.commandPostIds).toEqual(want('post'));
        expect(entry.text).toBe(
          pieces
            .filter((p) => p.kind === 'word')
            .map((p) => p.value)
            .join(' '),
        );
        expect(entry.unknown).toEqual([]);
      }),
    );
  });

  it('property: any line parses; the text never holds a recognised token and never starts or ends with a space', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (line) => {
        const entry = parseQuickEntry(line, context);
        expect(entry.text).toBe(entry.text.trim());
        expect(entry.objectiveRefs.every((ref) => context.objectiveRefs.includes(ref))).toBe(true);
        expect(new Set(entry.commandPostIds).size).toBe(entry.commandPostIds.length);
      }),
    );
  });
});

describe('withKind and splitKind', () => {
  it('replaces the prefix and keeps the rest', () => {
    expect(withKind('- slow', 'strength')).toBe('+ slow');
    expect(withKind('slow', 'improvement')).toBe('- slow');
    expect(withKind('+ slow', 'note')).toBe('slow');
    expect(splitKind('  s: x')).toEqual({ kind: 'strength', rest: 'x' });
  });

  it('property: the kind set is the kind parsed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom('strength' as const, 'improvement' as const, 'note' as const), (line, kind) => {
        expect(parseQuickEntry(withKind(line, kind), context).kind).toBe(kind);
      }),
    );
  });
});

describe('token completion', () => {
  it('finds the token being typed and completes it', () => {
    expect(tokenAtCaret('late @kz', 8)).toEqual({ type: 'post', prefix: 'kz', start: 5 });
    expect(tokenAtCaret('late kz', 7)).toBeNull();
    expect(tokenAtCaret('#', 1)).toEqual({ type: 'objective', prefix: '', start: 0 });
    expect(completeToken('late @kz and', 8, 'KZ-MES')).toEqual({ line: 'late @KZ-MES and', caret: 13 });
    expect(completeToken('x !w', 4, 'W-3')).toEqual({ line: 'x !W-3 ', caret: 7 });
  });
});
