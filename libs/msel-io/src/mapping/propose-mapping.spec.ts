import { MSEL_FIELDS } from '@excon/domain';
import fc from 'fast-check';
import { EXCON_COLUMNS } from '../msel-fields';
import type { CellValue } from '../sheet-table';
import { HEADER_SYNONYMS, normalizeHeader } from './header-synonyms';
import { findHeaderRow, proposeMapping, resolveColumn } from './propose-mapping';

describe('normalizeHeader', () => {
  it.each([
    ['Inject Description ', 'inject description'],
    ['Inject#', 'inject #'],
    ['Inject #', 'inject #'],
    ['Время (Ч+)', 'время ч+'],
    ['T + min', 't+min'],
    ['Ёмкость  / Объём', 'емкость объем'],
    ['№ п/п', '№ п п'],
    ['Evaluation Notes/Hints', 'evaluation notes hints'],
    ['---', ''],
  ])('normalises %j to %j', (text, key) => {
    expect(normalizeHeader(text)).toBe(key);
  });
});

describe('HEADER_SYNONYMS', () => {
  it('lists normalised spellings for every field, none of them in two fields', () => {
    const seen = new Map<string, string>();
    for (const field of MSEL_FIELDS) {
      expect(HEADER_SYNONYMS[field].length).toBeGreaterThan(0);
      for (const spelling of HEADER_SYNONYMS[field]) {
        expect(normalizeHeader(spelling)).toBe(spelling);
        expect(seen.get(spelling) ?? field).toBe(field);
        seen.set(spelling, field);
      }
    }
  });
});

describe('proposeMapping', () => {
  it('maps ExCon’s own export headers each to its field', () => {
    const { mapping, unmapped } = proposeMapping(EXCON_COLUMNS.map((column) => column.header));
    expect(mapping).toEqual(Object.fromEntries(EXCON_COLUMNS.map((column, index) => [column.field, index])));
    expect(unmapped).toEqual([]);
  });

  it('maps the T3SF MSEL (xlsx and JSON key order); Date is free text and stays unmapped', () => {
    const xlsx = ['#', 'Real Time', 'Player', 'Date', 'Subject', 'From', 'Script', 'Photo', 'Picture Name', 'Profile', 'Poll'];
    expect(proposeMapping(xlsx)).toEqual({ mapping: { ref: 0, time: 1, targets: 2, title: 4, from: 5, body: 6 }, unmapped: [3, 7, 8, 9, 10] });
    const json = ['#', 'Real Time', 'Date', 'Subject', 'From', 'Player', 'Script', 'Photo', 'Picture Name', 'Profile', 'Poll'];
    expect(proposeMapping(json).mapping).toEqual({ ref: 0, time: 1, title: 3, from: 4, targets: 5, body: 6 });
  });

  it('maps Blueprint’s newcode sheet: numbered-again Inject and bonus unmapped, the trailing space ignored', () => {
    expect(proposeMapping(['Time', 'Move', 'Inject', 'Title', 'Inject Description ', 'bonus'])).toEqual({
      mapping: { time: 0, title: 3, body: 4 },
      unmapped: [1, 2, 5],
    });
  });

  it('maps Blueprint’s standard MSEL: Exercise Time over Simulated Time, Description over Details, To over Assigned To', () => {
    const headers = [
      'Group',
      'Move',
      'Assigned To',
      'Status',
      'Exercise Time',
      'Simulated Time',
      'Title',
      'Description',
      'To',
      'From',
      'Details',
      'Expected Actions',
    ];
    expect(proposeMapping(headers)).toEqual({
      mapping: { time: 4, title: 6, body: 7, targets: 8, from: 9, expectedAction: 11 },
      unmapped: [0, 1, 2, 3, 5, 10],
    });
  });

  it('maps the asapcyber CSV', () => {
    const headers = ['T+min', 'Inject#', 'Delivery', 'Description', 'Artifacts', 'Expected Actions', 'Evaluation Notes/Hints'];
    expect(proposeMapping(headers)).toEqual({ mapping: { time: 0, ref: 1, body: 3, expectedAction: 5, controllerNotes: 6 }, unmapped: [2, 4] });
  });

  it('maps the HSEEP MSEL template, its Event Type as the contingency flag', () => {
    const headers = [
      'MSEL Event #',
      'Designated Scenario Time',
      'Event Type',
      'Responsible Controller',
      'Inject Mode',
      'From',
      'To',
      'Event Description',
      'Expected Player Action',
      'Objective/Core Capability',
      'Notes',
    ];
    expect(proposeMapping(headers)).toEqual({
      mapping: { ref: 0, time: 1, contingency: 2, from: 5, targets: 6, body: 7, expectedAction: 8, objectiveRefs: 9, controllerNotes: 10 },
      unmapped: [3, 4],
    });
  });

  it('maps a Russian MSEL', () => {
    const headers = [
      '№ п/п',
      'Время (Ч+)',
      'Астрономическое время',
      'От кого',
      'Кому',
      'Тема',
      'Содержание вводной',
      'Срочность',
      'Ожидаемые действия',
      'Цели',
      'Примечание',
      'Резервная',
      'Подтвердить за',
      'Ответить за',
    ];
    expect(proposeMapping(headers)).toEqual({
      mapping: {
        ref: 0,
        time: 1,
        from: 3,
        targets: 4,
        title: 5,
        body: 6,
        precedence: 7,
        expectedAction: 8,
        objectiveRefs: 9,
        controllerNotes: 10,
        contingency: 11,
        ackWithin: 12,
        respondWithin: 13,
      },
      unmapped: [2],
    });
    expect(proposeMapping(['№', 'Время', 'Отправитель', 'Получатель', 'Текст', 'Ожидаемая реакция', 'Заметки посредника']).mapping).toEqual({
      ref: 0,
      time: 1,
      from: 2,
      targets: 3,
      body: 4,
      expectedAction: 5,
      controllerNotes: 6,
    });
  });

  it('falls back to headers that contain a spelling, the longest first, after the exact ones', () => {
    const headers = ['Scenario time (hh:mm)', 'Message text', 'Кому (пункт управления)', 'Inject Mode', 'Assigned To', 'Time'];
    expect(proposeMapping(headers)).toEqual({ mapping: { time: 5, body: 1, targets: 2 }, unmapped: [0, 3, 4] });
  });

  it('leaves empty headers out of both lists and gives a repeated header to its first column', () => {
    expect(proposeMapping([null, '', 'Time', '  ', 'Time', 'Title'])).toEqual({ mapping: { time: 2, title: 5 }, unmapped: [4] });
  });

  it('never maps a column twice or a field twice, and accounts for every non-empty header', () => {
    const spellings = [...Object.values(HEADER_SYNONYMS).flat(), 'Move', 'bonus', 'Scenario time (hh:mm)', 'Assigned To', ''];
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom(...spellings)), { maxLength: 20 }), (headers) => {
        const { mapping, unmapped } = proposeMapping(headers);
        const columns = Object.values(mapping);
        expect(new Set(columns).size).toBe(columns.length);
        expect(unmapped.filter((column) => columns.includes(column))).toEqual([]);
        const nonEmpty = headers.flatMap((header, column) => (header !== null && normalizeHeader(header) !== '' ? [column] : []));
        expect([...columns, ...unmapped].sort((a, b) => a - b)).toEqual(nonEmpty);
      }),
    );
  });
});

describe('findHeaderRow', () => {
  it('passes over title rows and a blank row to the header', () => {
    const title = 'ПЛАН проведения учения';
    const rows: CellValue[][] = [
      [title, title, title, title],
      ['«Паводок-2026»', null, null, null],
      [null, null, null, null],
      ['№ п/п', 'Время (Ч+)', 'Кому', 'Содержание вводной'],
      [1, 'Ч+00:05', 'ЦУКС', 'Уровень воды превысил отметку'],
    ];
    expect(findHeaderRow(rows)).toBe(3);
  });

  it('passes over a merged title row whose text is itself a header spelling (a scenario titled "#")', () => {
    expect(
      findHeaderRow([
        ['#', '#', '#', '#'],
        ['№ / Ref', 'Время / Time', 'Заголовок (ru) / Title (ru)', 'Кому / To'],
      ]),
    ).toBe(1);
  });

  it('needs two recognised headers in a row', () => {
    expect(
      findHeaderRow([
        ['Time', 'Whatever'],
        ['Time', 'Title'],
      ]),
    ).toBe(1);
  });

  it('finds no header in a sheet of data mapped by letter (OpenAEV)', () => {
    const rows: CellValue[][] = [
      [null, 'Send a mail', 'J-1', 'Animation team', 'Incident report', 'Please confirm receipt', 'Mail to the CISO', 'Acknowledge', 'Receipt', 100],
      [null, 'Send an SMS', 'J+1 H+2 M-5', 'Animation team', 'Reminder', 'Call back', 'SMS', 'Call', 'Call back', 50],
      [null, '???', 'J', null, null, null, null, null, null, null],
    ];
    expect(findHeaderRow(rows)).toBeNull();
    expect(findHeaderRow([])).toBeNull();
  });

  it('looks no further than scanRows', () => {
    const rows: CellValue[][] = [['x'], ['x'], ['Time', 'Title']];
    expect(findHeaderRow(rows, 2)).toBeNull();
    expect(findHeaderRow(rows, 3)).toBe(2);
  });
});

describe('resolveColumn', () => {
  const headers = ['№', 'Время', 'Кому', null, 'Inject Description '];

  it('finds a column by its header, compared normalised', () => {
    expect(resolveColumn('время', headers)).toBe(1);
    expect(resolveColumn('inject description', headers)).toBe(4);
  });

  it('finds a column by letter, in either case', () => {
    expect(resolveColumn('C', headers)).toBe(2);
    expect(resolveColumn(' d ', headers)).toBe(3);
    expect(
      resolveColumn(
        'aa',
        Array.from({ length: 30 }, () => null),
      ),
    ).toBe(26);
  });

  it('prefers a header literally named like a letter', () => {
    expect(resolveColumn('A', ['Time', 'A'])).toBe(1);
  });

  it('names the entry and the headers there are when it finds nothing', () => {
    const error = (resolveColumn('Subject', headers) as { error: string }).error;
    expect(error).toBe(
      'no column is headed "Subject": the headers are A «№», B «Время», C «Кому», E «Inject Description»; or give a column letter A-E',
    );
    expect((resolveColumn('Z', headers) as { error: string }).error).toBe('column Z is beyond the last column of the sheet (E)');
    expect((resolveColumn('Time', [null, null]) as { error: string }).error).toMatch(/the sheet has no headers; give a column letter A-B/);
    expect((resolveColumn(' ', headers) as { error: string }).error).toMatch(/empty mapping entry/);
  });
});
