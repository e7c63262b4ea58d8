/**
 * Spreadsheets run a CSV cell that starts with `=`, `+`, `-`, `@`, TAB or CR as a formula (CSV injection). The
 * CSV export puts a `'` before such a cell, which Excel shows as plain text; it also puts one before a cell that
 * already starts with `'`, so that the reader can take exactly one `'` off whenever one of these follows it and
 * give back the text as it was.
 */
const FORMULA_START = /^[=+\-@\t\r']/;
const GUARDED_START = /^'[=+\-@\t\r']/;

/** The text as the CSV export writes it: a `'` in front when a spreadsheet would read it as a formula. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of {@link guardFormula}: one leading `'` off when a formula character or another `'` follows. */
export function unguardFormula(text: string): string {
  return GUARDED_START.test(text) ? text.slice(1) : text;
}
