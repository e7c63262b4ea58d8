import { detectFormat } from './file-format';
import { MselFileError } from './msel-file-error';
import { sample } from './msel-samples.testing';

describe('detectFormat', () => {
  it('tells the sample files apart by their content', () => {
    expect(detectFormat('msel.xlsx', sample('t3sf-MSEL.xlsx'))).toBe('xlsx');
    expect(detectFormat('msel.xlsx', sample('blueprint-newcode.xlsx'))).toBe('xlsx');
    expect(detectFormat('msel.csv', sample('asapcyber-msel.csv'))).toBe('csv');
    expect(detectFormat('msel.json', sample('t3sf-MSEL_EXAMPLE.json'))).toBe('json');
  });

  it('goes by the content whatever the name says, when the content is clear', () => {
    expect(detectFormat('export.csv', sample('t3sf-MSEL.xlsx'))).toBe('xlsx');
    expect(detectFormat('upload', Buffer.from('\uFEFF  \n{"format": "excon-msel"}'))).toBe('json');
    expect(detectFormat('upload.txt', Buffer.from('[{"a": 1}]'))).toBe('json');
    expect(detectFormat('upload.txt', Buffer.from('№;Время\n1;Ч+00:05'))).toBe('csv');
  });

  it('sends a .xlsx or .json that is not one to its reader, which says what is wrong', () => {
    expect(detectFormat('msel.xlsx', Buffer.from('№;Время'))).toBe('xlsx');
    expect(detectFormat('msel.JSON', Buffer.from('format: excon'))).toBe('json');
  });

  it('refuses an old binary .xls and an empty file', () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(() => detectFormat('msel.xls', xls)).toThrow(
      new MselFileError('old .xls files are not read: save as .xlsx (Excel Workbook) and upload that'),
    );
    expect(() => detectFormat('msel.csv', Buffer.alloc(0))).toThrow(new MselFileError('the file is empty'));
  });
});
