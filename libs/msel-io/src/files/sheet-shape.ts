import type { CellValue, SheetTable } from '../sheet-table';
import { MSEL_FILE_LIMITS } from './file-limits';
import { MselFileError } from './msel-file-error';

/** Refuses a sheet as soon as one of its cells lies beyond the row or column limit. */
export function checkTableSize(sheetName: string, rowCount: number, columnCount: number): void {
  if (rowCount > MSEL_FILE_LIMITS.maxRows) {
    throw new MselFileError(
      `the sheet «${sheetName}» has data beyond row ${MSEL_FILE_LIMITS.maxRows}; an MSEL may have at most ${MSEL_FILE_LIMITS.maxRows} rows`,
    );
  }
  if (columnCount > MSEL_FILE_LIMITS.maxColumns) {
    throw new MselFileError(
      `the sheet «${sheetName}» has data beyond column ${MSEL_FILE_LIMITS.maxColumns}; an MSEL may have at most ${MSEL_FILE_LIMITS.maxColumns} columns`,
    );
  }
}

/**
 * Turns sparse rows (holes where cells are empty) into a {@link SheetTable}: every row as long as the widest,
 * holes as null, trailing empty rows dropped. Leading empty rows and columns stay, so positions are the file's.
 */
export function finishTable(name: string, sparse: (CellValue[] | undefined)[]): SheetTable {
  let last = sparse.length - 1;
  while (last >= 0 && !(sparse[last] ?? []).some((cell) => cell !== null && cell !== undefined)) last--;
  // Array.from, not map: the readers' rows arrays have holes where the file has no row.
  let width = 0;
  for (let row = 0; row <= last; row++) width = Math.max(width, lastFilled(sparse[row] ?? []) + 1);
  const rows = Array.from({ length: last + 1 }, (_, row) => Array.from({ length: width }, (_, column) => sparse[row]?.[column] ?? null));
  return { name, rows };
}

function lastFilled(row: CellValue[]): number {
  for (let column = row.length - 1; column >= 0; column--) if (row[column] !== null && row[column] !== undefined) return column;
  return -1;
}
