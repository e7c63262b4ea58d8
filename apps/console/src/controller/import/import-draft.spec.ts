import fc from 'fast-check';
import type { ImportColumnView, ImportInspectView } from '@excon/contracts';
import { MSEL_FIELDS, type MselField, type MselImportOptions } from '@excon/domain';
import {
  applyPreset,
  assignField,
  clashes,
  buildOptions,
  carryChoices,
  choicesOf,
  clearPreset,
  emptyDraft,
  mappingOf,
  presetOptions,
  type ColumnChoices,
} from './import-draft';

const column = (letter: string, header: string | null, field: MselField | null = null): ImportColumnView => ({ letter, header, samples: [], field });

describe('buildOptions', () => {
  it('sends only what was chosen, STARTEX with the offset of its zone', () => {
    const draft = { ...emptyDraft('ru', 'Europe/Moscow'), title: '  Зима-2026 ', startex: '2026-12-20T09:00' };
    expect(buildOptions(draft)).toEqual({
      options: { title: 'Зима-2026', language: 'ru', timeZone: 'Europe/Moscow', startex: '2026-12-20T09:00:00+03:00' },
    });
    expect(buildOptions({ ...draft, startex: 'tomorrow' })).toEqual({ invalid: 'startex' });
  });

  it('lays the draft over the preset, never sending the preset name, its STARTEX or a stray scenario', () => {
    const preset: MselImportOptions & { delimiterHint: string } = {
      mapping: { time: 'Время' },
      headerRow: 2,
      sheet: 'MSEL',
      delimiterHint: ';',
      startex: '2020-01-01T00:00:00Z',
      preset: 'x',
      scenarioId: 's1',
    };
    const draft = applyPreset({ ...emptyDraft('en', 'UTC'), title: 'Kept' }, 'CRC', preset);
    const { options } = buildOptions({ ...draft, mapping: { time: 'B', ref: 'A' }, targetsMode: 'chosen', targetCodes: ['TJ-KChS'] }, 'scn-2');
    expect(options).toEqual({
      delimiterHint: ';',
      title: 'Kept',
      language: 'en',
      timeZone: 'UTC',
      sheet: 'MSEL',
      headerRow: 2,
      mapping: { time: 'B', ref: 'A' },
      defaultTargets: ['TJ-KChS'],
      scenarioId: 'scn-2',
    });
  });

  it('sends "all" as the default targets when every post is meant', () => {
    expect(buildOptions({ ...emptyDraft('en', 'UTC'), targetsMode: 'all', targetCodes: ['A'] }).options?.defaultTargets).toEqual(['all']);
  });
});

describe('presets', () => {
  it('fills the draft from a preset and empties it again', () => {
    const filled = applyPreset(emptyDraft('en', 'UTC'), 'HSEEP', { language: 'ru', timeZone: 'Asia/Almaty', defaultTargets: ['all'], headerRow: 0 });
    expect(filled).toMatchObject({ presetName: 'HSEEP', language: 'ru', timeZone: 'Asia/Almaty', targetsMode: 'all', headerRow: 0, sheet: null });
    expect(clearPreset(filled)).toMatchObject({ presetName: '', base: {}, headerRow: null, mapping: null, language: 'ru' });
  });

  it('keeps how to read the file, not this import', () => {
    const options = { title: 't', startex: 's', scenarioId: 'x', preset: 'p', sheet: 'MSEL', headerRow: 3, mapping: { ref: 'A' } };
    expect(presetOptions(options, { sheet: true, headerRow: true })).toEqual({ sheet: 'MSEL', headerRow: 3, mapping: { ref: 'A' } });
    // Found by the server: the next file may have another sheet name or a title row more.
    expect(presetOptions(options, { sheet: false, headerRow: false })).toEqual({ mapping: { ref: 'A' } });
    // No header row: that is how such files are, and the columns are known by letter.
    expect(presetOptions({ ...options, headerRow: 0 }, { sheet: false, headerRow: false })).toEqual({ headerRow: 0, mapping: { ref: 'A' } });
  });
});

describe('the mapping table', () => {
  const inspect = (columns: ImportColumnView[], mapping: ImportInspectView['mapping']): ImportInspectView => ({
    format: 'csv',
    sheets: [],
    sheet: null,
    headerRow: 1,
    rowCount: 2,
    columns,
    mapping,
  });

  it('starts from the fields the server put on the columns, and from its mapping', () => {
    const choices = choicesOf(
      inspect([column('A', '№', 'ref'), column('B', 'Время'), column('C', 'Кому')], { ref: 'A', time: 'Время', targets: 'C' }),
    );
    expect(choices).toEqual({ A: 'ref', B: 'time', C: 'targets' });
  });

  it('writes header texts when they name one column, letters otherwise', () => {
    const columns = [
      column('A', '№'),
      column('B', 'Text'),
      column('C', ' text'),
      column('D', null),
      column('E', 'Q'),
      column('F', 'Inject Description '),
    ];
    const choices: ColumnChoices = { A: 'ref', B: 'title', C: 'body', D: 'from', E: 'targets', F: 'expectedAction' };
    // E's header reads like a letter, but the server takes a header text before a letter: it names E alone.
    expect(mappingOf(columns, choices, 1)).toEqual({
      ref: '№',
      title: 'B',
      body: 'C',
      from: 'D',
      targets: 'Q',
      expectedAction: 'Inject Description ',
    });
    expect(mappingOf(columns, choices, 0)).toEqual({ ref: 'A', title: 'B', body: 'C', from: 'D', targets: 'E', expectedAction: 'F' });
  });

  it('puts each field on one column at most, whatever the order of choices (property)', () => {
    const letters = ['A', 'B', 'C', 'D', 'E'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...letters), fc.option(fc.constantFrom(...MSEL_FIELDS), { nil: null })), { maxLength: 30 }),
        (steps) => {
          let choices: ColumnChoices = Object.fromEntries(letters.map((l) => [l, null]));
          for (const [letter, field] of steps) {
            choices = assignField(choices, letter, field);
            // The column just set shows the field chosen for it.
            expect(choices[letter]).toBe(field);
          }
          const fields = Object.values(choices).filter((f) => f !== null);
          expect(new Set(fields).size).toBe(fields.length);
          expect(Object.keys(choices).sort()).toEqual(letters);
          // And the mapping has each field once, to the column it was last put on.
          const mapping = mappingOf(
            letters.map((l) => column(l, `H${l}`)),
            choices,
            1,
          );
          expect(Object.keys(mapping).sort()).toEqual([...fields].sort());
        },
      ),
    );
  });
});

describe('carryChoices', () => {
  const view = (columns: ImportColumnView[], headerRow = 1): ImportInspectView => ({
    format: 'csv',
    sheets: [],
    sheet: null,
    headerRow,
    rowCount: 3,
    columns,
    mapping: {},
  });

  it('puts the fields chosen before on the columns of the same header, wherever they moved', () => {
    const before = {
      columns: [column('A', '№'), column('B', 'Время'), column('C', 'Комментарий')],
      choices: { A: 'ref', B: 'time', C: 'controllerNotes' } as ColumnChoices,
      headerRow: 1,
    };
    // The corrected file: a column added in front, "Комментарий" proposed as the body by the server.
    const next = view([column('A', 'Лист'), column('B', '№', 'ref'), column('C', 'Время', 'time'), column('D', 'комментарий ', 'body')]);
    expect(carryChoices(before, next)).toEqual({ A: null, B: 'ref', C: 'time', D: 'controllerNotes' });
  });

  it('keeps the server proposal for a column that is gone, and goes by letter without headers', () => {
    const before = { columns: [column('A', null), column('B', null)], choices: { A: 'time', B: null } as ColumnChoices, headerRow: 0 };
    expect(carryChoices(before, view([column('A', null), column('B', null, 'time'), column('C', null, 'body')], 0))).toEqual({
      A: 'time',
      B: null,
      C: 'body',
    });
  });
});

describe('clashes', () => {
  it('names, for each column, the other columns holding its field', () => {
    expect(clashes({ A: 'time', B: 'ref', C: 'time', D: null, E: null, F: 'time' })).toEqual({ A: ['C', 'F'], C: ['A', 'F'], F: ['A', 'C'] });
    expect(clashes({ A: 'time', B: 'ref', C: null, D: null })).toEqual({});
  });

  it('finds a clash exactly when a field is on two columns (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), fc.option(fc.constantFrom(...MSEL_FIELDS), { nil: null })),
        (choices) => {
          const fields = Object.values(choices).filter((f) => f !== null);
          const found = clashes(choices);
          expect(Object.keys(found).length === 0).toBe(new Set(fields).size === fields.length);
          for (const [letter, others] of Object.entries(found)) for (const other of others) expect(choices[other]).toBe(choices[letter]);
        },
      ),
    );
  });
});
