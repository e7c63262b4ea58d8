import type { Language } from '../vocabulary';
import type { MselField } from './msel-fields';

/** The `options` field of an import (CONTRACT.md), also what a preset saves. */
export interface MselImportOptions {
  title?: string;
  language?: Language;
  /** Sheet name (XLSX); default the first sheet with data. */
  sheet?: string;
  /** 1-based row of the headers; 0: the file has none, columns are mapped by letter. Default: found. */
  headerRow?: number;
  /** Field → header text or column letter. Default: proposed from the headers. */
  mapping?: Partial<Record<MselField, string>>;
  /** ISO instant of STARTEX, for clock times, dates and instants. */
  startex?: string;
  /** IANA zone of clock times and date cells. Default UTC. */
  timeZone?: string;
  /** Name of a saved preset whose options apply under these. */
  preset?: string;
  /** Post codes (or "all") for rows whose targets cell is empty or when no column is mapped to targets. */
  defaultTargets?: string[];
  /** Import as a new version of this scenario instead of a new one. */
  scenarioId?: string;
}
