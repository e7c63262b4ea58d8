import ExcelJS from 'exceljs';
import type { CapabilityElement, ImprovementStatus, Ministry } from '@excon/domain';
import type { ImprovementActionView } from '@excon/contracts';
import type { PlanLanguage } from './improvement-action.dto';

/** An action as the export reads it: the view plus the texts the sheet shows instead of ids. */
export interface ExportedAction extends ImprovementActionView {
  objectiveTitle: string | null;
  observationText: string | null;
  commandPostCode: string | null;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
const OVERDUE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const WRAP_FROM_WIDTH = 24;

interface Column {
  header: Record<PlanLanguage, string>;
  width: number;
  cell: (action: ExportedAction, language: PlanLanguage) => string | null;
}

const CAPABILITY: Record<CapabilityElement, Record<PlanLanguage, string>> = {
  planning: { ru: 'Планирование', en: 'Planning' },
  organization: { ru: 'Организация', en: 'Organization' },
  equipment: { ru: 'Оснащение', en: 'Equipment' },
  training: { ru: 'Подготовка', en: 'Training' },
  exercises: { ru: 'Учения', en: 'Exercises' },
};
const STATUS: Record<ImprovementStatus, Record<PlanLanguage, string>> = {
  open: { ru: 'Открыто', en: 'Open' },
  in_progress: { ru: 'Выполняется', en: 'In progress' },
  done: { ru: 'Выполнено', en: 'Done' },
  dropped: { ru: 'Отменено', en: 'Dropped' },
};
const MINISTRY: Record<Ministry, Record<PlanLanguage, string>> = {
  defense: { ru: 'Министерство обороны', en: 'Ministry of Defence' },
  emergency: { ru: 'Министерство по чрезвычайным ситуациям', en: 'Ministry for Emergency Situations' },
  crc: { ru: 'ЦРК', en: 'CRC' },
};
const YES_NO: Record<PlanLanguage, [string, string]> = { ru: ['да', 'нет'], en: ['yes', 'no'] };

/** The sheet's columns, in order (also the order the tests read back). */
export const PLAN_COLUMNS: readonly Column[] = [
  { header: { ru: 'Учение', en: 'Exercise' }, width: 28, cell: (a) => a.exerciseTitle },
  {
    header: { ru: 'Цель', en: 'Objective' },
    width: 30,
    cell: (a) => (a.objectiveRef === null ? null : a.objectiveTitle ? `${a.objectiveRef} ${a.objectiveTitle}` : a.objectiveRef),
  },
  { header: { ru: 'Область для улучшения', en: 'Area for improvement' }, width: 40, cell: (a) => a.observationText },
  { header: { ru: 'Корректирующее действие', en: 'Corrective action' }, width: 48, cell: (a) => a.action },
  { header: { ru: 'Элемент возможностей', en: 'Capability element' }, width: 16, cell: (a, l) => CAPABILITY[a.capabilityElement][l] },
  { header: { ru: 'Ответственный', en: 'Responsible' }, width: 30, cell: (a) => a.responsible },
  { header: { ru: 'Государство', en: 'Member state' }, width: 12, cell: (a) => a.memberState },
  { header: { ru: 'Министерство', en: 'Ministry' }, width: 24, cell: (a, l) => (a.ministry ? MINISTRY[a.ministry][l] : null) },
  { header: { ru: 'Пункт управления', en: 'Command post' }, width: 14, cell: (a) => a.commandPostCode },
  { header: { ru: 'Контактное лицо', en: 'Point of contact' }, width: 26, cell: (a) => a.pointOfContact },
  { header: { ru: 'Начало', en: 'Start' }, width: 12, cell: (a) => a.startDate },
  { header: { ru: 'Срок', en: 'Due' }, width: 12, cell: (a) => a.dueDate },
  { header: { ru: 'Статус', en: 'Status' }, width: 14, cell: (a, l) => STATUS[a.status][l] },
  { header: { ru: 'Просрочено', en: 'Overdue' }, width: 11, cell: (a, l) => YES_NO[l][a.overdue ? 0 : 1] },
];

/**
 * The improvement plan as XLSX: one sheet, a bold frozen header row, one action per row, overdue rows shaded.
 * Every cell is a text cell: exceljs writes a JavaScript string as a string whatever it starts with, so an
 * action that starts with `=` stays text, never a formula. Dates stay `YYYY-MM-DD` text, as the API gives them.
 */
export async function writePlanXlsx(actions: readonly ExportedAction[], language: PlanLanguage): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ExCon';
  workbook.title = language === 'ru' ? 'План улучшений' : 'Improvement plan';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(language === 'ru' ? 'План улучшений' : 'Improvement plan', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = PLAN_COLUMNS.map(({ width }) => ({
    width,
    style: width >= WRAP_FROM_WIDTH ? { alignment: { wrapText: true, vertical: 'top' } } : { alignment: { vertical: 'top' } },
  }));
  const header = sheet.addRow(PLAN_COLUMNS.map((c) => c.header[language]));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PLAN_COLUMNS.length } };
  for (const action of actions) {
    const row = sheet.addRow(PLAN_COLUMNS.map((c) => textCell(c.cell(action, language))));
    if (action.overdue) row.eachCell((cell) => (cell.fill = OVERDUE_FILL));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** As libs/msel-io's writer: no cell for an empty text; CR and a literal `_xHHHH_` in OOXML's own escape. */
function textCell(text: string | null): string | null {
  if (text === null || text === '') return null;
  return text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(/\r/g, '_x000D_');
}
