import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { EXCON_COLUMNS, EXCON_SHEETS, MSEL_JSON_FORMAT, MSEL_JSON_SCHEMA_VERSION } from '../msel-fields';
import type { PortableScenario } from '../portable-scenario';
import type { CellValue } from '../sheet-table';
import { readCsv } from './csv-reader';
import { writeCsv } from './csv-writer';
import { exconRow } from './excon-rows';
import { readMselJson } from './json-reader';
import { writeJson } from './json-writer';
import { EXAMPLE_SCENARIO, portableScenario } from './portable-scenario.testing';
import { readXlsx } from './xlsx-reader';
import { writeXlsx } from './xlsx-writer';

/** The rows a reader should give back for a scenario's injects: empty texts read as empty cells. */
function expectedRows(scenario: PortableScenario): CellValue[][] {
  return scenario.injects.map((inject) => exconRow(inject, scenario.language).map((text) => (text === '' ? null : text)));
}

const headers = EXCON_COLUMNS.map((column) => column.header);

describe('writeXlsx', () => {
  it('writes the MSEL, objectives and scenario sheets, which readXlsx reads back cell for cell', async () => {
    const sheets = await readXlsx(await writeXlsx(EXAMPLE_SCENARIO));
    expect(sheets.map((sheet) => sheet.name)).toEqual([EXCON_SHEETS.msel, EXCON_SHEETS.objectives, EXCON_SHEETS.scenario]);
    const [msel, objectives, fields] = sheets;
    expect(msel.rows[0]).toEqual(headers.map(() => EXAMPLE_SCENARIO.title));
    expect(msel.rows[1]).toEqual(headers);
    expect(msel.rows.slice(2)).toEqual(expectedRows(EXAMPLE_SCENARIO));
    expect(objectives.rows).toEqual([
      [
        '№ / Ref',
        'Цель / Objective',
        'Целевой показатель / Capability target',
        'Критическая задача 1 / Critical task 1',
        'Критическая задача 2 / Critical task 2',
      ],
      ['O1', 'Оповещение, сбор', 'За 15 минут оповестить все пункты', 'Принять сигнал', '=Доложить\nв ЦУКС'],
      ['O2', '=опасная формула', null, null, null],
    ]);
    expect(fields.rows).toEqual([
      ['Поле / Field', 'Значение / Value'],
      ['title', EXAMPLE_SCENARIO.title],
      ['description', EXAMPLE_SCENARIO.description],
      ['language', 'ru'],
      ['schemaVersion', String(MSEL_JSON_SCHEMA_VERSION)],
      ['format', MSEL_JSON_FORMAT],
    ]);
  });

  it('freezes the title and header rows, sets the column widths, wraps long text and names the creator', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeXlsx(EXAMPLE_SCENARIO)) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    expect(workbook.creator).toBe('ExCon');
    expect(workbook.title).toBe(EXAMPLE_SCENARIO.title);
    const sheet = workbook.getWorksheet(EXCON_SHEETS.msel)!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(EXCON_COLUMNS.map((_, index) => sheet.getColumn(index + 1).width)).toEqual(EXCON_COLUMNS.map((column) => column.width));
    expect(sheet.getCell('A1').font.bold).toBe(true);
    expect(sheet.getCell('B2').font.bold).toBe(true);
    expect(sheet.getCell('D3').alignment.wrapText).toBe(true);
    expect(sheet.model.merges).toEqual([`A1:${String.fromCharCode(64 + EXCON_COLUMNS.length)}1`]);
  });

  it('writes a text that starts with `=` as a text cell, never a formula', async () => {
    const zip = await JSZip.loadAsync(await writeXlsx(EXAMPLE_SCENARIO));
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).not.toContain('<f>');
    expect(await zip.file('xl/sharedStrings.xml')!.async('string')).toContain('<t>=1+1</t>');
  });

  it('keeps a CR and a literal `_x000D_`, which XML and OOXML would otherwise turn into other characters', async () => {
    const body = 'строка\r\nвторая\rтретья _x000D_ _x005f_';
    const scenario = { ...EXAMPLE_SCENARIO, title: 'a\r\nb', injects: [{ ...EXAMPLE_SCENARIO.injects[0], body }] };
    const [msel] = await readXlsx(await writeXlsx(scenario));
    expect([msel.rows[0][0], msel.rows[2][3]]).toEqual(['a\r\nb', body]);
  });

  it("gives back every generated text (Cyrillic, line breaks, quotes, ; , leading = and ')", async () => {
    await fc.assert(
      fc.asyncProperty(portableScenario, async (scenario) => {
        const [msel] = await readXlsx(await writeXlsx(scenario));
        expect(msel.rows.slice(2)).toEqual(expectedRows(scenario));
      }),
      { numRuns: 15 },
    );
  });
});

describe('writeCsv', () => {
  it('writes UTF-8 with a BOM, CRLF line ends and the ExCon headers first', () => {
    const data = writeCsv(EXAMPLE_SCENARIO);
    expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = data.toString('utf-8', 3);
    expect(text.startsWith(`${headers.join(',')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain("\r\n1a,T+720:00:00,'=1+1,'@все,");
  });

  it('is read back by readCsv cell for cell, the formula guards taken off', () => {
    const read = readCsv(writeCsv(EXAMPLE_SCENARIO));
    expect({ encoding: read.encoding, delimiter: read.delimiter }).toEqual({ encoding: 'utf-8-bom', delimiter: ',' });
    expect(read.table.rows).toEqual([headers, ...expectedRows(EXAMPLE_SCENARIO)]);
  });

  it("gives back every generated text (Cyrillic, line breaks, quotes, ; , leading = and ')", () => {
    fc.assert(
      fc.property(portableScenario, (scenario) => {
        expect(readCsv(writeCsv(scenario)).table.rows).toEqual([headers, ...expectedRows(scenario)]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('writeJson', () => {
  it('writes the format, schema version and export instant around the scenario, pretty-printed', () => {
    const text = writeJson(EXAMPLE_SCENARIO, new Date('2025-06-26T09:00:00Z')).toString('utf-8');
    expect(
      text.startsWith('{\n  "format": "excon-msel",\n  "schemaVersion": 2,\n  "exportedAt": "2025-06-26T09:00:00.000Z",\n  "scenario": {\n'),
    ).toBe(true);
  });

  it('is read back by readMselJson as the same scenario, controller notes included', () => {
    fc.assert(
      fc.property(portableScenario, (scenario) => {
        expect(readMselJson(writeJson(scenario))).toEqual({ kind: 'excon', scenario, warnings: [], schemaVersion: 2 });
      }),
      { numRuns: 100 },
    );
  });

  it('leaves out whatever else the objects carry', () => {
    const withExtras = { ...EXAMPLE_SCENARIO, id: 'x', injects: EXAMPLE_SCENARIO.injects.map((inject) => ({ ...inject, id: 'y' })) };
    const read = readMselJson(writeJson(withExtras));
    expect(read).toEqual({ kind: 'excon', scenario: EXAMPLE_SCENARIO, warnings: [], schemaVersion: 2 });
  });
});
