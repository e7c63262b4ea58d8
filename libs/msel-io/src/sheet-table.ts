/**
 * A cell as the readers hand it to the mapping: text (line breaks kept, rich text flattened, a
 * formula's cached result), a number, a boolean, a Date, or empty.
 *
 * A Date holds the cell's wall-clock reading in its UTC fields (`getUTCHours()` is the hour the
 * spreadsheet shows): Excel date cells carry no zone, the import's `timeZone` gives them one. A time-only
 * cell (Excel's serial < 1) is a Date on 1899-12-30.
 */
export type CellValue = string | number | boolean | Date | null;

/** One sheet: `rows[i][j]` is the cell at the file's row i+1 and column j+1 (A is 0). Every row has the same length. */
export interface SheetTable {
  name: string;
  rows: CellValue[][];
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** "A" → 0, "aa" → 26; null when `text` is not a column letter. */
export function columnIndex(text: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(text)) return null;
  let n = 0;
  for (const c of text.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}
