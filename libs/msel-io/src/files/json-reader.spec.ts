import { readMselJson } from './json-reader';
import { MselFileError } from './msel-file-error';
import { sample } from './msel-samples.testing';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** The message readMselJson throws for a document; fails the test when it throws something else or nothing. */
function refusal(data: Buffer): string {
  try {
    readMselJson(data);
  } catch (error) {
    expect(error).toBeInstanceOf(MselFileError);
    return (error as Error).message;
  }
  throw new Error('readMselJson accepted the document');
}

const v2Inject = {
  ref: '1',
  offsetSeconds: 300,
  title: 'Пожар',
  body: 'Текст',
  targets: ['CRC-1'],
  precedence: 'flash',
  from: '',
  expectedAction: '',
  ackWithinSeconds: null,
  respondWithinSeconds: 600,
  objectiveRefs: [],
  translations: { en: { title: 'Fire', body: 'Text' } },
  contingencyRef: null,
  contingency: false,
  controllerNotes: 'только для посредников',
};
const v2 = (injects: unknown[] = [v2Inject]) => ({
  format: 'excon-msel',
  schemaVersion: 2,
  exportedAt: '2025-06-26T09:00:00.000Z',
  scenario: { title: 'КШУ', description: '', language: 'ru', objectives: [{ ref: 'O1', title: 'Оповещение' }], injects },
});

describe('readMselJson: lists of rows', () => {
  it('reads T3SF\'s MSEL_EXAMPLE.json as a table: the keys in first-seen order, numbers as numbers, "" as empty', () => {
    const read = readMselJson(sample('t3sf-MSEL_EXAMPLE.json'));
    if (read.kind !== 'table') throw new Error(`read as ${read.kind}`);
    const { rows } = read.table;
    expect(rows[0]).toEqual(['#', 'Real Time', 'Date', 'Subject', 'From', 'Player', 'Script', 'Photo', 'Picture Name', 'Profile', 'Poll']);
    expect(rows).toHaveLength(13);
    expect(rows[1].slice(0, 6)).toEqual([1, '07:29 PM', 'Monday 9:30 AM', 'Anomalous Files Detected', 'Amazon Web Services', 'Information Security']);
    expect(rows[1][10]).toBeNull();
    for (const row of rows) expect(row).toHaveLength(11);
  });

  it('takes the union of the keys, a key first seen late adding a column', () => {
    const read = readMselJson(
      json([
        { a: 1, b: 'x' },
        { b: '', c: true },
      ]),
    );
    expect(read).toEqual({
      kind: 'table',
      table: {
        name: 'JSON',
        rows: [
          ['a', 'b', 'c'],
          [1, 'x', null],
          [null, null, true],
        ],
      },
    });
  });

  it('refuses an empty list, an item that is not an object and a nested value, naming it', () => {
    expect(refusal(json([]))).toBe('the JSON list is empty');
    expect(refusal(json([{ a: 1 }, 'b']))).toBe('[1] must be an object (one row of the MSEL), not string "b"');
    expect(refusal(json([{ a: 1 }, { a: { b: 2 } }]))).toBe('[1].a must be a text, a number or a boolean (one cell), not an object');
  });
});

describe('readMselJson: ExCon documents', () => {
  it('reads a version 2 export as it was, with no warnings', () => {
    expect(readMselJson(json(v2()))).toEqual({ kind: 'excon', scenario: v2().scenario, warnings: [], schemaVersion: 2 });
  });

  it('migrates a version 1 scenario (the API body, no format key): defaults filled in, targets as given', () => {
    const read = readMselJson(
      json({
        title: 'Старый сценарий',
        injects: [
          { ref: 'A', offsetSeconds: 0, title: 't', body: 'b', targets: ['8F14E45F-CEA1-4E1B-A9C5-3D1E2F3A4B5C', 'CRC-1'] },
          { ref: 'B', offsetSeconds: 60, title: 't', body: 'b', targets: [], precedence: 'immediate', translations: { en: null }, contingency: true },
        ],
      }),
    );
    expect(read).toEqual({
      kind: 'excon',
      schemaVersion: 1,
      warnings: ['migrated from schema version 1: fields it did not have were given their defaults'],
      scenario: {
        title: 'Старый сценарий',
        description: '',
        language: 'ru',
        objectives: [],
        injects: [
          {
            ref: 'A',
            offsetSeconds: 0,
            title: 't',
            body: 'b',
            targets: ['8F14E45F-CEA1-4E1B-A9C5-3D1E2F3A4B5C', 'CRC-1'],
            precedence: 'routine',
            from: '',
            expectedAction: '',
            ackWithinSeconds: null,
            respondWithinSeconds: null,
            objectiveRefs: [],
            translations: {},
            contingencyRef: null,
            contingency: false,
            controllerNotes: '',
          },
          expect.objectContaining({ ref: 'B', precedence: 'immediate', translations: {}, contingency: true, controllerNotes: '' }),
        ],
      },
    });
  });

  it('refuses a newer schema version, saying which this ExCon reads', () => {
    expect(refusal(json({ ...v2(), schemaVersion: 3 }))).toMatch(/^the file's schema version 3 is newer than this ExCon reads \(2\)/);
  });

  it('refuses another format and a schema version that is not a whole number', () => {
    expect(refusal(json({ ...v2(), format: 'openaev' }))).toBe('the JSON\'s format is "openaev", not "excon-msel": it is not an ExCon MSEL');
    expect(refusal(json({ ...v2(), schemaVersion: '2' }))).toBe('schemaVersion must be a whole number from 1 to 2; the file has "2"');
  });

  it('names the JSON path of a field of the wrong type, a missing one and unknown keys', () => {
    expect(refusal(json(v2([v2Inject, v2Inject, v2Inject, { ...v2Inject, offsetSeconds: '5' }])))).toBe(
      'scenario.injects[3].offsetSeconds must be a whole number of seconds, 0 or more, not string "5"',
    );
    const { title: _title, ...untitled } = v2Inject;
    expect(refusal(json(v2([untitled])))).toBe('scenario.injects[0].title is missing (a text expected)');
    expect(refusal(json(v2([{ ...v2Inject, id: 'x', commandPosts: [] }])))).toMatch(
      /^unknown keys scenario\.injects\[0\]\.id, scenario\.injects\[0\]\.commandPosts; allowed: ref, /,
    );
    expect(refusal(json(v2([{ ...v2Inject, precedence: 'urgent' }])))).toBe(
      'scenario.injects[0].precedence must be one of flash, immediate, priority, routine, not string "urgent"',
    );
    expect(refusal(json(v2([{ ...v2Inject, translations: { en: { title: 'x' } } }])))).toBe(
      'scenario.injects[0].translations.en.body is missing (a text expected)',
    );
    expect(refusal(json({ ...v2(), extra: 1 }))).toMatch(/^unknown key extra; allowed: format, schemaVersion, exportedAt, scenario$/);
  });

  it('refuses an object that is neither an export nor a scenario', () => {
    expect(refusal(json({ name: 'x' }))).toMatch(/neither a «format» key \(an export\) nor an «injects» list/);
  });
});

describe('readMselJson: not JSON', () => {
  it('refuses invalid JSON with its line and column', () => {
    expect(refusal(Buffer.from('{\n  "format": "excon-msel",\n  "schemaVersion": 2,,\n}'))).toMatch(
      /^the file is not valid JSON \(line 3, column 22\): /,
    );
  });

  it('refuses an empty file, and reads a file with a UTF-8 BOM', () => {
    expect(refusal(Buffer.from('  \n'))).toBe('the JSON file is empty');
    expect(readMselJson(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json([{ a: 'б' }])]))).toEqual({
      kind: 'table',
      table: { name: 'JSON', rows: [['a'], ['б']] },
    });
  });
});
