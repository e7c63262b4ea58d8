import { findNulCharacter } from './body-parsing';

describe('findNulCharacter', () => {
  it('names the first string that holds U+0000 by its path, keys included', () => {
    expect(findNulCharacter({ title: 'Flood', injects: [{ ref: 'A' }, { translations: { en: { title: 'x\u0000' } } }] })).toBe('injects[1].translations.en.title');
    expect(findNulCharacter({ objectives: [{ ['bad\u0000key']: 1 }] })).toBe('objectives[0].bad\u0000key');
    expect(findNulCharacter(['ok', 'n\u0000'])).toBe('[1]');
  });

  it('passes bodies without it', () => {
    expect(findNulCharacter({ title: 'Паводок', n: 0, flag: false, nothing: null, list: [[], {}] })).toBeNull();
    expect(findNulCharacter(undefined)).toBeNull();
  });
});
