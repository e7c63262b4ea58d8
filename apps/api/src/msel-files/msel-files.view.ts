import { ApiProperty } from '@nestjs/swagger';
import { LANGUAGES, MSEL_FIELDS } from '@excon/domain';
import type * as contract from '@excon/contracts';
import { Objective } from '../scenarios/scenario.view';
import { InjectDto } from '../scenarios/inject.dto';
import { PresetOptionsDto } from './import-preset.dto';

const FIELD_MAP = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description: `Field → header text or column letter; fields: ${MSEL_FIELDS.join(', ')}`,
} as const;

export class ImportColumnView implements contract.ImportColumnView {
  /**
   * @example "C"
   */
  letter!: string;

  /**
   * The header cell's text; null without a header row.
   * @example "Время"
   */
  @ApiProperty({ type: 'string', nullable: true })
  header!: string | null;

  /**
   * The first rows' cells, as text.
   * @example ["Ч+00:05", "Ч+00:20"]
   */
  samples!: string[];

  /**
   * The field the mapping reads from this column; null: ignored.
   * @example "time"
   */
  @ApiProperty({ enum: MSEL_FIELDS, nullable: true })
  field!: contract.ImportColumnView['field'];
}

export class ImportInspectView implements contract.ImportInspectView {
  /**
   * @example "xlsx"
   */
  @ApiProperty({ enum: ['xlsx', 'csv', 'json'] })
  format!: contract.ImportInspectView['format'];

  /**
   * The workbook's sheets (XLSX), in order.
   * @example ["План", "Цели"]
   */
  sheets!: string[];

  /**
   * The sheet read.
   * @example "План"
   */
  @ApiProperty({ type: 'string', nullable: true })
  sheet!: string | null;

  /**
   * 1-based row of the headers; 0: none.
   * @example 3
   */
  @ApiProperty({ type: 'integer' })
  headerRow!: number;

  /**
   * Rows under the header, blank rows not counted.
   * @example 42
   */
  @ApiProperty({ type: 'integer' })
  rowCount!: number;

  columns!: ImportColumnView[];

  @ApiProperty(FIELD_MAP)
  mapping!: contract.ImportInspectView['mapping'];

  /**
   * CSV only: the encoding found.
   * @example "windows-1251"
   */
  @ApiProperty({ enum: ['utf-8', 'utf-8-bom', 'windows-1251'], required: false })
  encoding?: contract.ImportInspectView['encoding'];

  /**
   * CSV only: the delimiter found.
   * @example ";"
   */
  @ApiProperty({ enum: [',', ';', '\t'], required: false })
  delimiter?: contract.ImportInspectView['delimiter'];
}

/** The scenario an import would create, injects as `POST /api/scenarios` takes them (targets are post ids). */
export class ImportedScenarioView {
  /**
   * @example "Паводок-2027"
   */
  title!: string;

  /**
   * @example ""
   */
  description!: string;

  /**
   * @example "ru"
   */
  @ApiProperty({ enum: LANGUAGES })
  language!: contract.ImportPreviewView['scenario']['language'];

  objectives!: Objective[];

  injects!: InjectDto[];
}

export class ImportPreviewView implements contract.ImportPreviewView {
  scenario!: ImportedScenarioView;

  @ApiProperty(FIELD_MAP)
  mapping!: contract.ImportPreviewView['mapping'];

  /**
   * What the import changed or assumed: times shifted, objectives created, refs numbered.
   * @example ["times before STARTEX: every inject was moved 1:00:00 later so that the earliest (row 3) is at T+00:00:00"]
   */
  warnings!: string[];

  /**
   * The file row of each inject, in the order of `scenario.injects`.
   * @example [4, 5, 7]
   */
  rows!: number[];

  /**
   * Headers (or letters) of the columns no field reads; they are ignored.
   * @example ["Photo", "Poll"]
   */
  unmapped!: string[];
}

export class ImportPresetView implements contract.ImportPresetView {
  /**
   * @example "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  id!: string;

  /**
   * @example "CRC Excel MSEL"
   */
  name!: string;

  options!: PresetOptionsDto;

  /**
   * @example "2027-03-02T14:30:00.000Z"
   */
  updatedAt!: string;
}
