import type { Language, MselField, MselImportOptions, Objective } from '@excon/domain';
import type { InjectInput } from './rest.types';

/** One column of the file as the mapping step shows it. */
export interface ImportColumnView {
  /** "A", "B", … */
  letter: string;
  /** The header cell's text; null when the file has no header row or the cell is empty. */
  header: string | null;
  /** The first rows' cells of this column, as text. */
  samples: string[];
  /** The field the (proposed or given) mapping puts this column in; null: ignored. */
  field: MselField | null;
}

/** `POST /api/scenarios/import/inspect`: what the file holds, before any row is read as an inject. */
export interface ImportInspectView {
  format: 'xlsx' | 'csv' | 'json';
  sheets: string[];
  sheet: string | null;
  /** 1-based; 0: no header row. */
  headerRow: number;
  /** Data rows under the header. */
  rowCount: number;
  columns: ImportColumnView[];
  mapping: Partial<Record<MselField, string>>;
  /** CSV only. */
  encoding?: 'utf-8' | 'utf-8-bom' | 'windows-1251';
  delimiter?: ',' | ';' | '\t';
}

/** `POST /api/scenarios/import?dryRun=true`: the scenario the import would create; nothing is written. */
export interface ImportPreviewView {
  scenario: { title: string; description: string; language: Language; objectives: Objective[]; injects: InjectInput[] };
  mapping: Partial<Record<MselField, string>>;
  warnings: string[];
  /** The file row each inject came from, in the order of `scenario.injects`. */
  rows: number[];
  /** Headers (or letters) of the columns mapped to no field: ignored. */
  unmapped: string[];
}

export interface ImportPresetView {
  id: string;
  name: string;
  options: MselImportOptions;
  updatedAt: string;
}
