import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readdirSync } from 'node:fs';
import { MSEL_SAMPLES, sample } from './msel-samples.testing';
import { MselFileError } from './msel-file-error';
import { readXlsx } from './xlsx-reader';

async function workbookBuffer(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Overwrites a part's uncompressed size in its local header and central directory entry. */
function declareUncompressedSize(zip: Buffer, name: string, size: number): void {
  for (const [signature, sizeAt, nameLengthAt, nameAt] of [
    [0x04034b50, 22, 26, 30],
    [0x02014b50, 24, 28, 46],
  ]) {
    let offset = 0;
    while ((offset = zip.indexOf(uint32(signature), offset)) >= 0) {
      const nameLength = zip.readUInt16LE(offset + nameLengthAt);
      if (zip.toString('utf-8', offset + nameAt, offset + nameAt + nameLength) === name) zip.writeUInt32LE(size, offset + sizeAt);
      offset += 4;
    }
  }
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}

const at = (hours: number, minutes: number) => new Date(Date.UTC(1899, 11, 30, hours, minutes));

describe('readXlsx on the public sample files', () => {
  it('reads every sample workbook into at least one non-empty sheet', async () => {
    const files = readdirSync(MSEL_SAMPLES).filter((name) => name.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const name of files) {
      const sheets = await readXlsx(sample(name));
      expect({ name, rows: sheets[0].rows.length > 0 }).toEqual({ name, rows: true });
      for (const sheet of sheets) for (const row of sheet.rows) expect(row).toHaveLength(sheet.rows[0].length);
    }
  });

  it("reads Blueprint's newcode.xlsx (Open XML SDK, prefixed namespaces, no cell positions): text cells as text", async () => {
    const [sheet] = await readXlsx(sample('blueprint-newcode.xlsx'));
    expect(sheet.name).toBe('Sheet1');
    expect(sheet.rows[0]).toEqual(['Time', 'Move', 'Inject', 'Title', 'Inject Description ', 'bonus']);
    expect(sheet.rows[1]).toEqual([
      '0900',
      '0',
      '0',
      'Comms Check',
      'Login to platform, reset password if needed, verify access to services within platform.',
      '100',
    ]);
    expect(sheet.rows[2].slice(3, 5)).toEqual(['STARTEX', 'Exercise Start\n']);
    expect(sheet.rows).toHaveLength(12);
  });

  it("reads Blueprint's PlaywrightMSEL.xlsx with its standard MSEL headers and empty cells", async () => {
    const [sheet] = await readXlsx(sample('blueprint-PlaywrightMSEL.xlsx'));
    expect(sheet.rows[0]).toEqual([
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
    ]);
    expect(sheet.rows[1]).toEqual([
      null,
      '1',
      'OCCIP',
      'Pending',
      '2023-03-23T04:00:00.000Z',
      '2023-03-23T04:00:00.000Z',
      'STARTEX',
      null,
      'ALL',
      'FEMA',
      null,
      null,
    ]);
    expect(sheet.rows).toHaveLength(3);
  });

  it("reads T3SF's Real Time cells as time-only Dates on 1899-12-30, wall clock in UTC", async () => {
    const [sheet] = await readXlsx(sample('t3sf-MSEL.xlsx'));
    expect(sheet.name).toBe('main');
    expect(sheet.rows[0]).toEqual(['#', 'Real Time', 'Player', 'Date', 'Subject', 'From', 'Script', 'Photo', 'Picture Name', 'Profile', 'Poll']);
    expect(sheet.rows[1].slice(0, 4)).toEqual([1, at(19, 29), 'Information Security', 'Monday 9:30 AM']);
    expect(sheet.rows[2][1]).toEqual(at(19, 30));
    expect(sheet.rows[2][6]).toContain('\n\nIgnore messages');
    expect(sheet.rows).toHaveLength(13);
  });

  it("keeps OpenAEV's empty column A and drops its formatted but empty rows", async () => {
    const [sheet] = await readXlsx(sample('openaev-test_file_5.xlsx'));
    expect(sheet.name).toBe('CHECKLIST');
    expect(sheet.rows).toHaveLength(5);
    expect(sheet.rows.every((row) => row[0] === null)).toBe(true);
    expect(sheet.rows[0]).toEqual([null, 'Send a mail', 'J-1', 'team2', 'subject', 'message2', null, 'expectation', 'expectation done', 100]);
    expect(sheet.rows[2][2]).toBe('J+1 H+2 M-5');
    expect(sheet.rows[3].slice(1, 3)).toEqual(['???', 'J+2']);
  });
});

describe('readXlsx on workbooks built here', () => {
  it('reads a merged title row, a vertical merge, date and time cells, a line break, rich text, a formula and a hyperlink', async () => {
    const data = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('Лист1');
      sheet.getCell('A1').value = 'План учения';
      sheet.mergeCells('A1:D1');
      sheet.getRow(2).values = ['№', 'Время', 'Содержание', 'Кому'];
      sheet.getCell('A3').value = 1;
      sheet.getCell('B3').value = new Date(Date.UTC(1899, 11, 30, 9, 30));
      sheet.getCell('B3').numFmt = 'hh:mm';
      sheet.mergeCells('B3:B4');
      sheet.getCell('C3').value = 'Первая строка\nвторая строка';
      sheet.getCell('D3').value = { richText: [{ text: 'ЦУКС ' }, { text: 'МЧС', font: { bold: true } }] };
      sheet.getCell('A4').value = { formula: 'A3+1', result: 2 };
      sheet.getCell('C4').value = new Date(Date.UTC(2025, 5, 26, 14, 5));
      sheet.getCell('C4').numFmt = 'dd.mm.yyyy hh:mm';
      sheet.getCell('D4').value = { text: 'сайт', hyperlink: 'https://example.org' };
      sheet.getCell('E5').value = { error: '#N/A' };
      sheet.getCell('A6').value = true;
    });
    const [sheet] = await readXlsx(data);
    expect(sheet.name).toBe('Лист1');
    expect(sheet.rows).toEqual([
      ['План учения', 'План учения', 'План учения', 'План учения'],
      ['№', 'Время', 'Содержание', 'Кому'],
      [1, at(9, 30), 'Первая строка\nвторая строка', 'ЦУКС МЧС'],
      [2, at(9, 30), new Date(Date.UTC(2025, 5, 26, 14, 5)), 'сайт'],
      [null, null, null, null],
      [true, null, null, null],
    ]);
  });

  it('keeps leading empty rows so that row numbers are those the file shows', async () => {
    const data = await workbookBuffer((workbook) => {
      const sheet = workbook.addWorksheet('S');
      sheet.getCell('C3').value = 'x';
    });
    const [sheet] = await readXlsx(data);
    expect(sheet.rows).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, 'x'],
    ]);
  });

  it('reads every worksheet in workbook order, an empty one as no rows', async () => {
    const data = await workbookBuffer((workbook) => {
      workbook.addWorksheet('MSEL').getCell('A1').value = 'a';
      workbook.addWorksheet('Пусто');
      workbook.addWorksheet('Цели').getCell('B2').value = 'b';
    });
    const sheets = await readXlsx(data);
    expect(sheets.map((sheet) => [sheet.name, sheet.rows.length])).toEqual([
      ['MSEL', 1],
      ['Пусто', 0],
      ['Цели', 2],
    ]);
  });

  it('gives time-only cells of a 1904-based workbook the same 1899-12-30 date, and keeps its dates', async () => {
    const data = await workbookBuffer((workbook) => {
      workbook.properties.date1904 = true;
      const sheet = workbook.addWorksheet('S');
      sheet.getCell('A1').value = new Date(Date.UTC(1904, 0, 1, 7, 45));
      sheet.getCell('A1').numFmt = 'hh:mm';
      sheet.getCell('B1').value = new Date(Date.UTC(2024, 1, 29, 23, 59));
      sheet.getCell('B1').numFmt = 'yyyy-mm-dd hh:mm';
    });
    const [sheet] = await readXlsx(data);
    expect(sheet.rows[0]).toEqual([at(7, 45), new Date(Date.UTC(2024, 1, 29, 23, 59))]);
  });
});

describe('readXlsx refuses what is not a workbook, with a message for the controller', () => {
  it('refuses bytes that are not a ZIP package', async () => {
    await expect(readXlsx(Buffer.from('№;Время\n1;Ч+00:05\n'))).rejects.toThrow(
      new MselFileError('the file is not a valid XLSX workbook (it cannot be opened as a ZIP package)'),
    );
  });

  it('refuses a ZIP package without a workbook part', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    const data = await zip.generateAsync({ type: 'nodebuffer' });
    await expect(readXlsx(data)).rejects.toThrow(/not a valid XLSX workbook: it has no workbook part/);
  });

  it('refuses a broken workbook part as a MselFileError, never a raw exceljs error', async () => {
    const zip = await JSZip.loadAsync(sample('openaev-test_file_1.xlsx'));
    zip.file('xl/workbook.xml', '<workbook><sheets><sheet');
    const error: unknown = await readXlsx(await zip.generateAsync({ type: 'nodebuffer' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MselFileError);
    expect((error as Error).message).toMatch(/^the file is not a valid XLSX workbook/);
  });

  it('refuses a workbook whose worksheet parts cannot be found', async () => {
    const zip = await JSZip.loadAsync(sample('openaev-test_file_1.xlsx'));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('nodebuffer');
    zip.remove('xl/worksheets/sheet1.xml');
    zip.file('xl/worksheets/data.xml', sheet);
    await expect(readXlsx(await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toThrow(
      new MselFileError('the file is not a valid XLSX workbook: it has no worksheet that can be read'),
    );
  });

  it('refuses a file over 20 MB before opening it', async () => {
    await expect(readXlsx(Buffer.alloc(20 * 1024 * 1024 + 1))).rejects.toThrow(/at most 20 MB/);
  });

  it('refuses a package whose parts declare more than the unpacked limit, before inflating them', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', '<worksheet/>');
    const data = await zip.generateAsync({ type: 'nodebuffer' });
    // A zip bomb declares its sizes honestly and inflates to them; declaring 201 MB is enough to test the check.
    declareUncompressedSize(data, 'xl/worksheets/sheet1.xml', 201 * 1024 * 1024);
    await expect(readXlsx(data)).rejects.toThrow(/the workbook unpacks to 201 MB; an MSEL workbook may unpack to at most 200 MB/);
  });

  it('refuses a sheet with data beyond column 200', async () => {
    const data = await workbookBuffer((workbook) => {
      workbook.addWorksheet('Wide').getCell(1, 201).value = 'x';
    });
    await expect(readXlsx(data)).rejects.toThrow(
      new MselFileError('the sheet «Wide» has data beyond column 200; an MSEL may have at most 200 columns'),
    );
  });

  it('refuses a sheet with data beyond row 50,000', async () => {
    const data = await workbookBuffer((workbook) => {
      workbook.addWorksheet('Long').getCell(50_001, 1).value = 'x';
    });
    await expect(readXlsx(data)).rejects.toThrow(/«Long» has data beyond row 50000/);
  });
});
