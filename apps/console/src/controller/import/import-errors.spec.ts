import { sortImportErrors, stepOfErrors } from './import-errors';

describe('sortImportErrors', () => {
  it('groups cell errors by row, rows ascending, with their column and header', () => {
    const sorted = sortImportErrors([
      { field: 'row 9, column B «Время»', message: 'not a time: "25:99"', row: 9, column: 'B' },
      { field: 'row 7, column C «Кому»', message: 'unknown post "XX"', row: 7, column: 'C' },
      { field: 'row 7, column B «Время»', message: 'not a time: "abc"', row: 7, column: 'B' },
    ]);
    expect(sorted.rows).toEqual([
      {
        row: 7,
        cells: [
          { column: 'C', header: 'Кому', message: 'unknown post "XX"' },
          { column: 'B', header: 'Время', message: 'not a time: "abc"' },
        ],
      },
      { row: 9, cells: [{ column: 'B', header: 'Время', message: 'not a time: "25:99"' }] },
    ]);
    expect(sorted.options).toEqual({});
    expect(sorted.general).toEqual([]);
  });

  it('reads the row and column from the field text when the numbers are missing', () => {
    const sorted = sortImportErrors([
      { field: 'row 12, column AB «Precedence»', message: 'unknown precedence' },
      { field: 'row 3', message: 'the row has no text' },
    ]);
    expect(sorted.rows).toEqual([
      { row: 3, cells: [{ column: null, header: null, message: 'the row has no text' }] },
      { row: 12, cells: [{ column: 'AB', header: 'Precedence', message: 'unknown precedence' }] },
    ]);
  });

  it('sends option errors to their input (the first per input) and the rest to the alert', () => {
    const sorted = sortImportErrors([
      { field: 'options.startex', message: 'not an ISO instant' },
      { field: 'options.startex', message: 'second message' },
      { field: 'options.mapping.time', message: 'no column "Hour"' },
      { field: 'file', message: 'not an xlsx, csv or json file' },
      { field: 'scenarioId', message: 'no such scenario' },
    ]);
    expect(sorted.options).toEqual({ startex: 'not an ISO instant', mapping: 'time: no column "Hour"', file: 'not an xlsx, csv or json file' });
    expect(sorted.general).toEqual(['scenarioId: no such scenario']);
    expect(sorted.rows).toEqual([]);
  });
});

describe('stepOfErrors', () => {
  it('goes back to the earliest step with an option error', () => {
    expect(stepOfErrors({ mapping: 'x', startex: 'y' })).toBe('file');
    expect(stepOfErrors({ headerRow: 'x' })).toBe('mapping');
    expect(stepOfErrors({})).toBeNull();
  });
});
