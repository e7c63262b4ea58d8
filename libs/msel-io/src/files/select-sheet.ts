import type { SheetTable } from '../sheet-table';
import { MselFileError } from './msel-file-error';

/**
 * The sheet an import reads: the one named (exactly, else ignoring case and surrounding spaces), or by default
 * the first sheet with data. Throws {@link MselFileError} naming the sheets the file has when the name matches
 * none, or when no sheet holds any data.
 */
export function selectSheet(sheets: readonly SheetTable[], name?: string): SheetTable {
  if (name !== undefined) {
    const wanted = name.trim().toLowerCase();
    const found = sheets.find((sheet) => sheet.name === name) ?? sheets.find((sheet) => sheet.name.trim().toLowerCase() === wanted);
    if (found === undefined)
      throw new MselFileError(`the sheet «${name}» does not exist; the file has: ${sheets.map((sheet) => sheet.name).join(', ')}`);
    return found;
  }
  const withData = sheets.find((sheet) => sheet.rows.length > 0);
  if (withData === undefined) throw new MselFileError('the workbook has no sheet with data');
  return withData;
}
