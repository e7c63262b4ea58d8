import { MselFileError } from './msel-file-error';

/** The formats ExCon imports. */
export type MselFileFormat = 'xlsx' | 'csv' | 'json';

/**
 * Which reader a file goes to, from its content first: a ZIP package (`PK\x03\x04`) is XLSX, text that starts
 * with `{` or `[` is JSON, other text is CSV. The name only decides when the content does not: a `.xlsx` or
 * `.json` that is not one goes to its reader, which then says what is wrong with it. Throws
 * {@link MselFileError} for an empty file and for an old binary `.xls` (an OLE2 file), which is not read.
 */
export function detectFormat(fileName: string, data: Buffer): MselFileFormat {
  if (data.length === 0) throw new MselFileError('the file is empty');
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0]))
    throw new MselFileError('old .xls files are not read: save as .xlsx (Excel Workbook) and upload that');
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'xlsx' || extension === 'xlsm') return 'xlsx';
  if (extension === 'json') return 'json';
  const start = data
    .subarray(0, 1024)
    .toString('utf-8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return start.startsWith('{') || start.startsWith('[') ? 'json' : 'csv';
}

function startsWith(data: Buffer, magic: number[]): boolean {
  return data.length >= magic.length && magic.every((byte, index) => data[index] === byte);
}
