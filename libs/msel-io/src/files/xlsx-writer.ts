import ExcelJS from 'exceljs';
import { EXCON_COLUMNS, EXCON_SHEETS, MSEL_JSON_FORMAT, MSEL_JSON_SCHEMA_VERSION } from '../msel-fields';
import type { PortableScenario } from '../portable-scenario';
import { columnLetter } from '../sheet-table';
import { exconRow } from './excon-rows';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
/** Columns at least this wide hold running text: their cells wrap instead of overflowing into the next one. */
const WRAP_FROM_WIDTH = 24;

/**
 * The scenario as ExCon's XLSX: sheet {@link EXCON_SHEETS}.msel with the title in row 1 (merged across the
 * columns), the {@link EXCON_COLUMNS} headers in row 2 (frozen, so they stay in view) and one inject per row
 * from row 3; sheet `objectives` with each objective's ref, title, capability target and critical tasks (one column each); sheet `scenario` with the title,
 * description, language and the JSON schema version and format. Every cell is a text cell: a text that starts
 * with `=` stays text, never a formula.
 */
export async function writeXlsx(scenario: PortableScenario): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ExCon';
  workbook.title = scenario.title;
  workbook.created = new Date();

  const msel = workbook.addWorksheet(EXCON_SHEETS.msel, { views: [{ state: 'frozen', ySplit: 2 }] });
  msel.columns = EXCON_COLUMNS.map(({ width }) => ({
    width,
    style: width >= WRAP_FROM_WIDTH ? { alignment: { wrapText: true, vertical: 'top' } } : { alignment: { vertical: 'top' } },
  }));
  const titleRow = msel.addRow([textCell(scenario.title)]);
  titleRow.font = { bold: true, size: 14 };
  msel.mergeCells(`A1:${columnLetter(EXCON_COLUMNS.length - 1)}1`);
  const headerRow = msel.addRow(EXCON_COLUMNS.map((column) => column.header));
  headerRow.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  // exceljs writes a JavaScript string as a string cell whatever it starts with; formulas need { formula }.
  for (const inject of scenario.injects) msel.addRow(exconRow(inject, scenario.language).map(textCell));

  const objectives = workbook.addWorksheet(EXCON_SHEETS.objectives, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Ref, title, capability target, then one column per critical task (a task may hold a line break: no joining).
  const taskColumns = Math.max(1, ...scenario.objectives.map((o) => o.criticalTasks?.length ?? 0));
  const wrapped = { alignment: { wrapText: true, vertical: 'top' } } as const;
  objectives.columns = [
    { width: 12 },
    { width: 60, style: wrapped },
    { width: 60, style: wrapped },
    ...Array.from({ length: taskColumns }, () => ({ width: 40, style: wrapped })),
  ];
  boldRow(
    objectives.addRow([
      '№ / Ref',
      'Цель / Objective',
      'Целевой показатель / Capability target',
      ...Array.from({ length: taskColumns }, (_, i) => `Критическая задача ${i + 1} / Critical task ${i + 1}`),
    ]),
  );
  for (const objective of scenario.objectives) {
    objectives.addRow([
      textCell(objective.ref),
      textCell(objective.title),
      textCell(objective.capabilityTarget ?? ''),
      ...(objective.criticalTasks ?? []).map(textCell),
    ]);
  }

  const fields = workbook.addWorksheet(EXCON_SHEETS.scenario);
  fields.columns = [{ width: 16 }, { width: 80, style: { alignment: { wrapText: true, vertical: 'top' } } }];
  boldRow(fields.addRow(['Поле / Field', 'Значение / Value']));
  fields.addRows([
    ['title', textCell(scenario.title)],
    ['description', textCell(scenario.description)],
    ['language', scenario.language],
    ['schemaVersion', String(MSEL_JSON_SCHEMA_VERSION)],
    ['format', MSEL_JSON_FORMAT],
  ]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The cell for a text: none for an empty text, as a spreadsheet user would leave it. XML turns a CR into a line
 * feed and exceljs writes text as it is, so CR and a literal `_xHHHH_` are written in OOXML's own escape
 * (`_x000D_`, `_x005F_` for the `_`), which Excel and exceljs both read back as the original characters.
 */
function textCell(text: string): string | null {
  if (text === '') return null;
  return text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(/\r/g, '_x000D_');
}

function boldRow(row: ExcelJS.Row): void {
  row.font = { bold: true };
}
