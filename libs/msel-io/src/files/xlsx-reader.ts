import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { CellValue, SheetTable } from '../sheet-table';
import { MSEL_FILE_LIMITS } from './file-limits';
import { MselFileError } from './msel-file-error';
import { hasPrefixedSpreadsheetMl, normalizeOoxmlPackage } from './ooxml-normalizer';
import { checkTableSize, finishTable } from './sheet-shape';

const NOT_XLSX = 'the file is not a valid XLSX workbook';

/**
 * Reads every worksheet of an XLSX file, in workbook order, as the file shows it: row and column numbers are the
 * file's (leading empty rows and columns kept, trailing empty rows dropped), merged ranges carry their first
 * cell's value in every cell, formulas their cached result, and date and time cells are Dates with the wall-clock
 * reading in their UTC fields (time-only cells on 1899-12-30, also in 1904-based workbooks).
 *
 * Workbooks that exceljs cannot read as written (the .NET Open XML SDK's prefixed namespaces, rows and cells
 * without positions) are rewritten into the form it reads first. Throws {@link MselFileError} for a file that is
 * not a workbook or is over the limits of {@link MSEL_FILE_LIMITS}.
 */
export async function readXlsx(data: Buffer): Promise<SheetTable[]> {
  if (data.length > MSEL_FILE_LIMITS.maxFileBytes) {
    throw new MselFileError(`the file is ${megabytes(data.length)} MB; an MSEL file may be at most ${megabytes(MSEL_FILE_LIMITS.maxFileBytes)} MB`);
  }
  const zip = await openPackage(data);
  const workbookPart = zip.file(/^\/?xl\/workbook\.xml$/)[0];
  if (workbookPart === undefined) throw new MselFileError(`${NOT_XLSX}: it has no workbook part (xl/workbook.xml)`);
  let normalized = false;
  let content = data;
  if (hasPrefixedSpreadsheetMl(await workbookPart.async('string'))) {
    content = await normalize(zip);
    normalized = true;
  }
  let workbook: ExcelJS.Workbook;
  try {
    workbook = await loadWorkbook(content);
  } catch (error) {
    if (normalized || !isUnreadableLayout(error)) throw new MselFileError(`${NOT_XLSX}: ${describe(error)}`);
    try {
      workbook = await loadWorkbook(await normalize(zip));
    } catch (retryError) {
      throw new MselFileError(`${NOT_XLSX}: ${describe(retryError)}`);
    }
  }
  // exceljs skips worksheet parts it does not recognise by name instead of failing.
  if (workbook.worksheets.length === 0) throw new MselFileError(`${NOT_XLSX}: it has no worksheet that can be read`);
  const date1904 = workbook.properties.date1904 === true;
  return workbook.worksheets.map((worksheet) => sheetTable(worksheet, date1904));
}

async function openPackage(data: Buffer): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw new MselFileError(`${NOT_XLSX} (it cannot be opened as a ZIP package)`);
  }
  // jszip knows each part's uncompressed size from the central directory without inflating anything;
  // the field is internal, so a package where it is missing is simply not checked here.
  let unzipped = 0;
  for (const entry of Object.values(zip.files)) unzipped += uncompressedSize(entry);
  if (unzipped > MSEL_FILE_LIMITS.maxUnzippedBytes) {
    throw new MselFileError(
      `the workbook unpacks to ${megabytes(unzipped)} MB; an MSEL workbook may unpack to at most ${megabytes(MSEL_FILE_LIMITS.maxUnzippedBytes)} MB`,
    );
  }
  return zip;
}

function uncompressedSize(entry: JSZip.JSZipObject): number {
  const internal = (entry as unknown as { _data?: { uncompressedSize?: unknown } })._data;
  return typeof internal?.uncompressedSize === 'number' ? internal.uncompressedSize : 0;
}

async function normalize(zip: JSZip): Promise<Buffer> {
  try {
    await normalizeOoxmlPackage(zip);
    return await zip.generateAsync({ type: 'nodebuffer' });
  } catch (error) {
    throw new MselFileError(`${NOT_XLSX}: ${describe(error)}`);
  }
}

async function loadWorkbook(content: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's typings predate Node's generic Buffer.
  await workbook.xlsx.load(content as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return workbook;
}

/** The TypeError exceljs 4.4.0 throws when a workbook part's elements are not spelled as it expects. */
function isUnreadableLayout(error: unknown): boolean {
  return error instanceof TypeError && /reading 'sheets'/.test(error.message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}

function sheetTable(worksheet: ExcelJS.Worksheet, date1904: boolean): SheetTable {
  const rows: CellValue[][] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      const value = cellValue(cell.value, date1904);
      if (value !== null) cells[columnNumber - 1] = value;
    });
    if (cells.length > 0) {
      checkTableSize(worksheet.name, rowNumber, cells.length);
      rows[rowNumber - 1] = cells;
    }
  });
  return finishTable(worksheet.name, rows);
}

/** 1904-01-01T00:00Z: serial 0 of a 1904-based workbook, where exceljs puts that system's time-only cells. */
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 1899-12-30T00:00Z: serial 0 of the 1900 system, where {@link CellValue} keeps time-only cells. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const DAY_MS = 24 * 3600 * 1000;

function cellValue(value: ExcelJS.CellValue, date1904: boolean): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return null;
    if (date1904 && time >= EPOCH_1904 && time < EPOCH_1904 + DAY_MS) return new Date(EPOCH_1900 + (time - EPOCH_1904));
    return value;
  }
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if ('error' in value) return null;
  if ('richText' in value) return emptyToNull(value.richText.map((run) => run.text).join(''));
  if ('hyperlink' in value) return cellValue(value.text, date1904);
  if ('formula' in value || 'sharedFormula' in value) return cellValue(value.result, date1904);
  return null;
}

function emptyToNull(text: string): string | null {
  return text === '' ? null : text;
}
