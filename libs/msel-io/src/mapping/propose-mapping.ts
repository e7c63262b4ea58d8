import type { MselField } from '@excon/domain';
import { columnIndex, columnLetter, type CellValue } from '../sheet-table';
import { cellText } from '../values/cell-values';
import { FIELD_OF_SYNONYM, normalizeHeader } from './header-synonyms';

/**
 * Spellings too short or too general to propose a field from inside a longer header: "to" sits in Blueprint's
 * "Assigned To" (the controller), "inject" in HSEEP's "Inject Mode" and "team" in many a header.
 */
const CONTAINS_MIN_LENGTH = 4;
const NOT_FOR_CONTAINS = new Set(['inject', 'team', 'teams']);

interface Candidate {
  column: number;
  field: MselField;
  exact: boolean;
  /** Length of the spelling found inside the header: the longer, the more specific. */
  length: number;
  rank: number;
}

/**
 * A mapping proposed from a header row: the column of each field it recognises, and the columns with a
 * header that map to nothing (empty headers are in neither).
 *
 * Each column goes to at most one field and each field to at most one column. Headers equal to a spelling
 * of `HEADER_SYNONYMS` come first, by the spelling's rank and then from left to right; headers that only
 * contain a spelling ("Scenario time (hh:mm)") fill the fields left over, the longest spelling first.
 */
export function proposeMapping(headers: (string | null)[]): { mapping: Partial<Record<MselField, number>>; unmapped: number[] } {
  const keys = headers.map((header) => (header === null ? '' : normalizeHeader(header)));
  const candidates: Candidate[] = [];
  keys.forEach((key, column) => {
    if (key === '') return;
    const exact = FIELD_OF_SYNONYM.get(key);
    if (exact) candidates.push({ column, field: exact.field, exact: true, length: key.length, rank: exact.rank });
    for (const [spelling, { field, rank }] of FIELD_OF_SYNONYM) {
      if (spelling === key || spelling.length < CONTAINS_MIN_LENGTH || NOT_FOR_CONTAINS.has(spelling)) continue;
      if (` ${key} `.includes(` ${spelling} `)) candidates.push({ column, field, exact: false, length: spelling.length, rank });
    }
  });
  candidates.sort((a, b) => Number(b.exact) - Number(a.exact) || (a.exact ? 0 : b.length - a.length) || a.rank - b.rank || a.column - b.column);

  const mapping: Partial<Record<MselField, number>> = {};
  const taken = new Set<number>();
  for (const { column, field } of candidates) {
    if (mapping[field] !== undefined || taken.has(column)) continue;
    mapping[field] = column;
    taken.add(column);
  }
  const unmapped = keys.flatMap((key, column) => (key !== '' && !taken.has(column) ? [column] : []));
  return { mapping, unmapped };
}

/**
 * The 0-based index of the header row: the first of the first `scanRows` rows whose cells equal (once
 * normalised) spellings of at least two different fields, so title rows ("ПЛАН проведения учения", merged across the sheet)
 * and blank rows above it are passed over. Null when no row qualifies: the file has no header row (OpenAEV's
 * sheets) and is mapped by column letter.
 */
export function findHeaderRow(rows: CellValue[][], scanRows = 20): number | null {
  const fieldsNamed = (row: CellValue[]) => new Set(row.flatMap((cell) => FIELD_OF_SYNONYM.get(normalizeHeader(cellText(cell)))?.field ?? [])).size;
  const index = rows.slice(0, scanRows).findIndex((row) => fieldsNamed(row) >= 2);
  return index === -1 ? null : index;
}

/**
 * The column a controller's mapping entry names: a header text (compared normalised, so case and punctuation
 * do not matter) or a column letter ("C", "aa"). A header wins over a letter, so "A" names a column headed "A"
 * wherever it is. An unknown entry is an error naming it and the headers there are.
 */
export function resolveColumn(spec: string, headers: (string | null)[]): number | { error: string } {
  const key = normalizeHeader(spec);
  if (key === '') return { error: 'an empty mapping entry names no column' };
  const byHeader = headers.findIndex((header) => header !== null && normalizeHeader(header) === key);
  if (byHeader !== -1) return byHeader;
  const lastLetter = headers.length > 0 ? columnLetter(headers.length - 1) : null;
  const byLetter = columnIndex(spec.trim());
  if (byLetter !== null) {
    if (byLetter < headers.length) return byLetter;
    return { error: `column ${spec.trim().toUpperCase()} is beyond the last column of the sheet${lastLetter ? ` (${lastLetter})` : ''}` };
  }
  const named = headers.flatMap((header, column) => (header !== null && header.trim() !== '' ? [`${columnLetter(column)} «${header.trim()}»`] : []));
  const letters = lastLetter ? `a column letter A-${lastLetter}` : 'a column letter';
  return {
    error:
      `no column is headed "${spec.trim()}": ` +
      (named.length > 0 ? `the headers are ${named.join(', ')}; or give ${letters}` : `the sheet has no headers; give ${letters}`),
  };
}
