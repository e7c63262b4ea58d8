import { parse } from 'csv-parse/sync';
import type { CellValue, SheetTable } from '../sheet-table';
import { MSEL_FILE_LIMITS } from './file-limits';
import { unguardFormula } from './formula-guard';
import { MselFileError } from './msel-file-error';
import { checkTableSize, finishTable } from './sheet-shape';

/** A CSV as read: its table, and the encoding and delimiter found, for the preview to show. */
export interface CsvRead {
  table: SheetTable;
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1251';
  delimiter: ',' | ';' | '\t';
}

const DELIMITERS: readonly CsvRead['delimiter'][] = [',', ';', '\t'];
/** Records parsed per candidate delimiter to pick one. */
const SAMPLE_RECORDS = 20;

/**
 * Reads a CSV as Excel and other spreadsheets save it: UTF-8 with or without a BOM, or Windows-1251 (a Russian
 * Excel's "CSV (разделители - запятые)"), separated by `,`, `;` or TAB, quoted fields with delimiters and line
 * breaks inside kept. Every cell is a string, or null when empty; rows are padded to the same length.
 *
 * A cell that ExCon's export protected against formula injection (a `'` before a leading `=`, `+`, `-`, `@`, TAB,
 * CR or `'`, see `guardFormula`) loses that one `'` here, so an exported text reads back as it was written.
 * A hand-made CSV's `'=` cell loses its `'` too: a spreadsheet shows the same text for it.
 *
 * `name` names the table (default "CSV"). Throws {@link MselFileError} for an empty, oversized or unparsable file.
 */
export function readCsv(data: Buffer, name = 'CSV'): CsvRead {
  if (data.length > MSEL_FILE_LIMITS.maxFileBytes) {
    throw new MselFileError(`the file is larger than ${MSEL_FILE_LIMITS.maxFileBytes / 1024 / 1024} MB, the limit for an MSEL file`);
  }
  const { text, encoding } = decode(data);
  if (text.trim() === '') throw new MselFileError('the CSV is empty');
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    throw new MselFileError(
      `the CSV cannot be read (delimiter «${delimiterName(delimiter)}»): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const rows: CellValue[][] = records.map((record, index) => {
    checkTableSize(name, index + 1, record.length);
    return record.map(cellValue);
  });
  const table = finishTable(name, rows);
  if (table.rows.length === 0) throw new MselFileError('the CSV is empty');
  return { table, encoding, delimiter };
}

function decode(data: Buffer): { text: string; encoding: CsvRead['encoding'] } {
  if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(data.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: a Russian Windows Excel saves CSV in its ANSI code page.
    return { text: new TextDecoder('windows-1251').decode(data), encoding: 'windows-1251' };
  }
}

/**
 * The candidate whose first records most consistently split into the same number of columns (more than one),
 * parsed with quotes honoured so that delimiters inside quoted fields do not count. Ties go to more columns;
 * a text with no delimiter at all is one column separated by `,`.
 */
function detectDelimiter(text: string): CsvRead['delimiter'] {
  let best: { delimiter: CsvRead['delimiter']; consistency: number; columns: number } = { delimiter: ',', consistency: 0, columns: 1 };
  for (const delimiter of DELIMITERS) {
    let sample: string[][];
    try {
      sample = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, to: SAMPLE_RECORDS });
    } catch {
      continue;
    }
    const counts = new Map<number, number>();
    for (const record of sample) counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
    for (const [columns, rows] of counts) {
      if (columns < 2) continue;
      const consistency = rows / sample.length;
      if (consistency > best.consistency || (consistency === best.consistency && columns > best.columns)) best = { delimiter, consistency, columns };
    }
  }
  return best.delimiter;
}

function delimiterName(delimiter: CsvRead['delimiter']): string {
  return delimiter === '\t' ? 'TAB' : delimiter;
}

function cellValue(text: string): CellValue {
  return text === '' ? null : unguardFormula(text);
}
