import { MselFileError } from './msel-file-error';
import { selectSheet } from './select-sheet';

const sheets = [
  { name: 'Пусто', rows: [] },
  { name: 'MSEL', rows: [['№']] },
  { name: 'Цели', rows: [['O1']] },
];

describe('selectSheet', () => {
  it('picks the sheet named, exactly or ignoring case and spaces', () => {
    expect(selectSheet(sheets, 'Цели')).toBe(sheets[2]);
    expect(selectSheet(sheets, ' msel ')).toBe(sheets[1]);
  });

  it('picks the first sheet with data by default', () => {
    expect(selectSheet(sheets)).toBe(sheets[1]);
  });

  it('names the sheets the file has when the one asked for is not there', () => {
    expect(() => selectSheet(sheets, 'Лист2')).toThrow(new MselFileError('the sheet «Лист2» does not exist; the file has: Пусто, MSEL, Цели'));
  });

  it('refuses a workbook without data', () => {
    expect(() => selectSheet([{ name: 'Лист1', rows: [] }])).toThrow(new MselFileError('the workbook has no sheet with data'));
  });
});
