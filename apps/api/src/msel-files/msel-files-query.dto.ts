import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

/** `zip`: the MSEL (XLSX and ExCon JSON) with its injects' files. */
export const MSEL_EXPORT_FORMATS = ['xlsx', 'csv', 'json', 'zip'] as const;
export type MselExportFormat = (typeof MSEL_EXPORT_FORMATS)[number];

export class ImportQueryDto {
  /**
   * true: answer with the scenario the import would create, and write nothing.
   * @example true
   */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

export class ExportQueryDto {
  /**
   * xlsx (the default), csv or json.
   * @example "xlsx"
   */
  @IsOptional()
  @IsIn(MSEL_EXPORT_FORMATS, { message: `format must be one of ${MSEL_EXPORT_FORMATS.join(', ')}` })
  format?: MselExportFormat;
}
