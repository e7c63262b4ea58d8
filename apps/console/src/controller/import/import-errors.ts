import type { FieldProblem } from '@excon/domain';

/** The import options the wizard has an input for, and the file input: where an `options.*` error is shown. */
export const OPTION_INPUTS = [
  'file',
  'title',
  'language',
  'startex',
  'timeZone',
  'defaultTargets',
  'preset',
  'sheet',
  'headerRow',
  'mapping',
] as const;
export type OptionInput = (typeof OPTION_INPUTS)[number];

/** The step whose input an option belongs to. */
export const OPTION_STEP: Record<OptionInput, 'file' | 'mapping'> = {
  file: 'file',
  title: 'file',
  language: 'file',
  startex: 'file',
  timeZone: 'file',
  defaultTargets: 'file',
  preset: 'file',
  sheet: 'mapping',
  headerRow: 'mapping',
  mapping: 'mapping',
};

/** One bad cell, as the preview lists it. */
export interface CellError {
  column: string | null;
  /** The column's header as the server named it (`«Время»`), or null. */
  header: string | null;
  message: string;
}

/** The bad cells of one file row. */
export interface RowErrors {
  row: number;
  cells: CellError[];
}

/** An import's errors sorted by where they are shown. */
export interface SortedImportErrors {
  /** At the option's input: the first message per input. */
  options: Partial<Record<OptionInput, string>>;
  /** In the preview, by row (rows ascending, cells in the server's order). */
  rows: RowErrors[];
  /** Anything else: in the alert at the top, as `field: message`. */
  general: string[];
}

const ROW = /^row (\d+)/i;
const COLUMN = /column ([A-Z]{1,3})\b/;
const HEADER = /«([^»]*)»/;

function optionInput(field: string): OptionInput | null {
  if (field === 'file') return 'file';
  const name = /^options\.([A-Za-z]+)/.exec(field)?.[1];
  if (name === 'mapping' || field.startsWith('mapping')) return 'mapping';
  return name && (OPTION_INPUTS as readonly string[]).includes(name) ? (name as OptionInput) : null;
}

/**
 * Sorts the `details` of an import's 400: option errors to their input, cell errors by row (the row and column
 * taken from `row`/`column`, or read from the field's text when those are missing), the rest to the top alert.
 */
export function sortImportErrors(details: readonly FieldProblem[]): SortedImportErrors {
  const sorted: SortedImportErrors = { options: {}, rows: [], general: [] };
  const byRow = new Map<number, CellError[]>();
  for (const detail of details) {
    const input = optionInput(detail.field);
    const row = typeof detail.row === 'number' ? detail.row : Number(ROW.exec(detail.field)?.[1] ?? NaN);
    if (input) {
      // A mapping error names the field it is about (`options.mapping.time`): keep that in the message.
      const about = input === 'mapping' ? /^options\.mapping\.(\w+)/.exec(detail.field)?.[1] : undefined;
      sorted.options[input] ??= about ? `${about}: ${detail.message}` : detail.message;
    } else if (Number.isInteger(row)) {
      const cells = byRow.get(row) ?? [];
      cells.push({
        column: detail.column ?? COLUMN.exec(detail.field)?.[1] ?? null,
        header: HEADER.exec(detail.field)?.[1] ?? null,
        message: detail.message,
      });
      byRow.set(row, cells);
    } else sorted.general.push(`${detail.field}: ${detail.message}`);
  }
  sorted.rows = [...byRow.entries()].sort(([a], [b]) => a - b).map(([row, cells]) => ({ row, cells }));
  return sorted;
}

/** The first step with an option error, if any: the wizard goes back there. */
export function stepOfErrors(options: SortedImportErrors['options']): 'file' | 'mapping' | null {
  const inputs = Object.keys(options) as OptionInput[];
  if (inputs.some((input) => OPTION_STEP[input] === 'file')) return 'file';
  return inputs.length ? 'mapping' : null;
}
