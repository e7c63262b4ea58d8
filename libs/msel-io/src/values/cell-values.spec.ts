import fc from 'fast-check';
import { MSEL_REF_PATTERN } from '@excon/domain';
import {
  cellText,
  matchTargets,
  objectiveRefFromText,
  parseContingency,
  parseDuration,
  parsePrecedence,
  partitionTargets,
  splitList,
  type PostRef,
} from './cell-values';

const errorOf = (result: unknown) => (result as { error: string }).error;

describe('cellText', () => {
  it.each([
    ['  text \n', 'text'],
    ['line 1\nline 2', 'line 1\nline 2'],
    [1015, '1015'],
    [1e21, '1000000000000000000000'],
    [0.1 + 0.2, '0.3'],
    [-2.5, '-2.5'],
    [true, 'true'],
    [false, 'false'],
    [null, ''],
    [new Date(Date.UTC(2024, 5, 26, 9)), '2024-06-26T09:00:00.000Z'],
    [new Date(NaN), ''],
  ])('writes %j as %j', (cell, text) => {
    expect(cellText(cell)).toBe(text);
  });
});

describe('parseDuration', () => {
  it.each([
    ['300 s', 300],
    ['300 с', 300],
    ['300 сек', 300],
    ['300сек.', 300],
    ['5 min', 300],
    ['5 мин', 300],
    ['5m', 300],
    ['5 MIN', 300],
    ['2 h', 7200],
    ['2 ч', 7200],
    ['1 h 30 min', 5400],
    ['1ч 30мин', 5400],
    ['1.5 h', 5400],
    ['1,5 ч', 5400],
    ['01:30:00', 5400],
    ['05:00', 5 * 3600], // h:mm, never mm:ss
    ['PT5M', 300],
    ['pt1h30m', 5400],
    ['P1DT2H', 26 * 3600],
    ['PT0.5S', 1],
    ['5', 300],
    ['2.5', 150],
    [5, 300],
    [0, 0],
    [90, 5400],
    [0.25, 6 * 3600], // an Excel time cell read as a number
    [new Date(Date.UTC(1899, 11, 30, 0, 5)), 300],
  ])('reads %j as %d s', (cell, seconds) => {
    expect(parseDuration(cell)).toBe(seconds);
  });

  it.each([null, '', '  '])('gives null for the empty cell %j', (cell) => {
    expect(parseDuration(cell)).toBeNull();
  });

  it.each([
    ['soon', /^"soon" is not a duration: write e\.g\. "300 s"/],
    ['5 weeks', /unknown unit "weeks"/],
    ['01:75', /minutes and seconds must be 0-59/],
    ['-5', /is not a duration/],
    [-5, /must be 0 or more/],
    ['P', /is not a duration/],
    ['PT', /is not a duration/],
    ['5 min later', /is not a duration/],
    [true, /is not a duration/],
    [new Date(Date.UTC(2024, 5, 26)), /it is a date/],
  ])('refuses %j', (cell, message) => {
    expect(errorOf(parseDuration(cell))).toMatch(message);
  });
});

describe('parsePrecedence', () => {
  it.each([
    ['FLASH', 'flash'],
    ['Молния', 'flash'],
    ['z', 'flash'],
    ['Flash (Z)', 'flash'],
    ['Z - FLASH', 'flash'],
    ['IMMEDIATE', 'immediate'],
    ['срочно', 'immediate'],
    ['Срочный', 'immediate'],
    ['O', 'immediate'],
    ['PRIORITY', 'priority'],
    ['приоритетно', 'priority'],
    ['Приоритетный', 'priority'],
    ['P', 'priority'],
    ['routine', 'routine'],
    ['ОБЫЧНО', 'routine'],
    ['обычный', 'routine'],
    ['R', 'routine'],
  ])('reads %j as %s', (cell, precedence) => {
    expect(parsePrecedence(cell)).toBe(precedence);
  });

  it.each([null, '', ' '])('gives null for the empty cell %j', (cell) => {
    expect(parsePrecedence(cell)).toBeNull();
  });

  it.each([
    ['High', /^"High" is not a precedence: use FLASH\/МОЛНИЯ\/Z, IMMEDIATE\/СРОЧНО\/O, PRIORITY\/ПРИОРИТЕТНО\/P or ROUTINE\/ОБЫЧНО\/R$/],
    ['Medium', /is not a precedence/],
    ['Flash (O)', /names more than one precedence/],
    ['Flash urgent', /is not a precedence/],
    [1, /is not a precedence/],
  ])('refuses %j naming the accepted words', (cell, message) => {
    expect(errorOf(parsePrecedence(cell))).toMatch(message);
  });
});

describe('splitList', () => {
  it('splits on commas, semicolons and line breaks and drops empty items', () => {
    expect(splitList('ЦУКС, ДДС;\nЕДДС\r\n\n ; ,  ПУ-1 ')).toEqual(['ЦУКС', 'ДДС', 'ЕДДС', 'ПУ-1']);
    expect(splitList(null)).toEqual([]);
    expect(splitList(' , ; ')).toEqual([]);
    expect(splitList(42)).toEqual(['42']);
  });

  it('never yields an empty or untrimmed item, and keeps every non-separator character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Б', ' ', ',', ';', '\n', '\r', '\t', '-') }), (text) => {
        const items = splitList(text);
        for (const item of items) expect(item).toBe(item.trim());
        for (const item of items) expect(item).not.toBe('');
        expect(items.join('').replace(/\s/g, '')).toBe(text.replace(/[\s,;]/g, ''));
      }),
    );
  });
});

describe('parseContingency', () => {
  it.each(['yes', 'Да', 'y', 'д', 'TRUE', '1', 'x', '✓', 'Contingency Inject', 'contingency', 'Резервный', 'резерв', 'да / yes', true, 1])(
    'reads %j as a contingency',
    (cell) => {
      expect(parseContingency(cell)).toBe(true);
    },
  );

  it.each([
    null,
    '',
    'no',
    'НЕТ',
    'n',
    'false',
    '0',
    'Inject',
    'Contextual Inject',
    'Expected Player Action',
    'ввод',
    'Вводная',
    'нет / no',
    false,
    0,
  ])('reads %j as a scheduled inject', (cell) => {
    expect(parseContingency(cell)).toBe(false);
  });

  it('refuses anything else, listing the accepted words', () => {
    expect(errorOf(parseContingency('maybe'))).toMatch(/^"maybe" is not a contingency flag: use yes\/да\/x\/"Contingency Inject".*no\/нет\/empty/);
    expect(errorOf(parseContingency('да / no'))).toMatch(/is not a contingency flag/);
    expect(errorOf(parseContingency(2))).toMatch(/"2" is not a contingency flag/);
  });
});

describe('matchTargets', () => {
  const posts: PostRef[] = [
    { id: 'p1', code: 'CUKS', names: ['ЦУКС МЧС', 'Crisis Management Centre'] },
    { id: 'p2', code: 'EDDS-1', names: ['ЕДДС Района', 'District duty service'] },
    { id: 'p3', code: 'DDS', names: ['Дежурная служба'] },
    { id: 'p4', code: 'POLICE', names: ['Полиция'] },
  ];

  it('matches codes and names in either language, ignoring case, spaces and ё/е', () => {
    expect(matchTargets('cuks', posts)).toEqual({ ids: ['p1'] });
    expect(matchTargets('цукс  мчс; district DUTY service', posts)).toEqual({ ids: ['p1', 'p2'] });
    expect(matchTargets('ЕДДС района\nДежурнаЯ Служба', posts)).toEqual({ ids: ['p2', 'p3'] });
    expect(matchTargets('edds - 1', posts)).toEqual({ ids: ['p2'] });
    const yo: PostRef[] = [{ id: 'q', code: 'SHTAB', names: ['Штаб учёний'] }];
    expect(matchTargets('штаб учений', yo)).toEqual({ ids: ['q'] });
  });

  it('reads all / все / всем as every post and collapses duplicates', () => {
    expect(matchTargets('ALL', posts)).toEqual({ ids: ['p1', 'p2', 'p3', 'p4'] });
    expect(matchTargets('всем', posts)).toEqual({ ids: ['p1', 'p2', 'p3', 'p4'] });
    expect(matchTargets('Все, CUKS', posts)).toEqual({ ids: ['p1', 'p2', 'p3', 'p4'] });
    expect(matchTargets('DDS, dds, Дежурная служба', posts)).toEqual({ ids: ['p3'] });
  });

  it('matches post group codes next to post codes, splits them apart, and keeps groups out of "all"', () => {
    const refs: PostRef[] = [...posts, { id: 'g1', code: 'ALL-MES', names: [], group: true }];
    const matched = matchTargets('CUKS, all-mes, DDS', refs);
    expect(matched).toEqual({ ids: ['p1', 'g1', 'p3'] });
    expect(partitionTargets((matched as { ids: string[] }).ids, refs)).toEqual({ targets: ['p1', 'p3'], targetGroups: ['g1'] });
    expect(matchTargets('все', refs)).toEqual({ ids: ['p1', 'p2', 'p3', 'p4'] });
    expect(errorOf(matchTargets('ALL-MSE', refs))).toMatch(/nearest codes: ALL-MES/);
  });

  it('gives no ids for an empty cell', () => {
    expect(matchTargets(null, posts)).toEqual({ ids: [] });
    expect(matchTargets(' ; ', posts)).toEqual({ ids: [] });
  });

  it('names every unknown item with the nearest codes', () => {
    const error = errorOf(matchTargets('CUKS, EDS-1, Пожарные', posts));
    expect(error).toMatch(/"EDS-1" names no command post \(nearest codes: EDDS-1, DDS, CUKS, POLICE\)/);
    expect(error).toMatch(/"Пожарные" names no command post/);
    expect(error).not.toMatch(/"CUKS"/);
  });

  it('prefers a code over a name, and refuses a name two posts share', () => {
    const tricky: PostRef[] = [
      { id: 'a', code: 'HQ', names: ['Staff'] },
      { id: 'b', code: 'STAFF', names: ['Headquarters'] },
      { id: 'c', code: 'OPS', names: ['Headquarters'] },
    ];
    expect(matchTargets('staff', tricky)).toEqual({ ids: ['b'] });
    expect(errorOf(matchTargets('Headquarters', tricky))).toMatch(/"Headquarters" names several posts \(STAFF, OPS\); use the code/);
  });

  const items = fc.array(fc.constantFrom('CUKS', 'edds-1', 'Дежурная служба', 'полиция', 'crisis management centre', 'DDS'), { maxLength: 8 });

  it('names the same posts whatever the order of the items, in the order the cell names them', () => {
    fc.assert(
      fc.property(items, fc.func(fc.integer()), (list, rank) => {
        const shuffled = [...list].sort((a, b) => rank(a) - rank(b));
        const a = matchTargets(shuffled.join('; '), posts) as { ids: string[] };
        const b = matchTargets(list.join(', '), posts) as { ids: string[] };
        expect([...a.ids].sort()).toEqual([...b.ids].sort());
        const firstOf = (id: string, order: string[]) => order.findIndex((item) => (matchTargets(item, posts) as { ids: string[] }).ids.includes(id));
        for (let k = 1; k < a.ids.length; k++) expect(firstOf(a.ids[k - 1], shuffled)).toBeLessThanOrEqual(firstOf(a.ids[k], shuffled));
      }),
    );
  });

  it('is idempotent: the codes of its result name the same posts', () => {
    fc.assert(
      fc.property(items, (list) => {
        const first = matchTargets(list.join('\n'), posts) as { ids: string[] };
        const codes = first.ids.map((id) => posts.find((post) => post.id === id)!.code);
        expect(matchTargets(codes.join(', '), posts)).toEqual(first);
      }),
    );
  });
});

describe('objectiveRefFromText', () => {
  it.each([
    ['OBJ-1', { ref: 'OBJ-1', title: 'OBJ-1' }],
    ['OBJ-1: Alert the services', { ref: 'OBJ-1', title: 'Alert the services' }],
    ['OBJ-1 — Alert the services', { ref: 'OBJ-1', title: 'Alert the services' }],
    ['OBJ-1 - Alert the services', { ref: 'OBJ-1', title: 'Alert the services' }],
    ['1.2: Оповещение', { ref: '1.2', title: 'Оповещение' }],
    ['Ц-2 – Оповестить дежурные службы', { ref: 'Ц-2', title: 'Оповестить дежурные службы' }],
    ['COMMS', { ref: 'COMMS', title: 'COMMS' }],
    ['Alert the duty services', { ref: 'ALERT-THE-DUTY', title: 'Alert the duty services' }],
    ['Оповещение дежурных служб района', { ref: 'ОПОВЕЩЕНИЕ-ДЕЖУРНЫХ-СЛУЖБ', title: 'Оповещение дежурных служб района' }],
    ['Communications', { ref: 'COMMUNICATIONS', title: 'Communications' }],
    ['  Alert:  the services ', { ref: 'ALERT-THE-SERVICES', title: 'Alert: the services' }],
    [
      'Internationalisation-and-localisation requirements',
      { ref: 'INTERNATIONALISATION-AND', title: 'Internationalisation-and-localisation requirements' },
    ],
    ['!!!', { ref: 'OBJ', title: '!!!' }],
  ])('reads %j', (text, expected) => {
    expect(objectiveRefFromText(text)).toEqual(expected);
  });

  it('cuts a first word longer than a ref may be', () => {
    const { ref } = objectiveRefFromText('Донауфдампфschifffahrtsgesellschaftskapitän');
    expect([...ref]).toHaveLength(32);
    expect(ref).toMatch(MSEL_REF_PATTERN);
  });

  it('always yields a valid ref, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        expect(objectiveRefFromText(text).ref).toMatch(MSEL_REF_PATTERN);
      }),
    );
  });
});
