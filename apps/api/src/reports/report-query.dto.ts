import { IsIn, IsOptional } from 'class-validator';
import { REPORT_CSV_TABLES, REPORT_FORMATS, type ReportCsvTable, type ReportFormat } from '@excon/contracts';

export class ReportQueryDto {
  /**
   * json (the default), csv (one table per request, see `table`), pdf or docx.
   * @example "json"
   */
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `format must be one of ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;

  /**
   * With format=csv: which table of the report (deliveries, the default: one row per delivery). Ignored by the other formats.
   * @example "deliveries"
   */
  @IsOptional()
  @IsIn(REPORT_CSV_TABLES, { message: `table must be one of ${REPORT_CSV_TABLES.join(', ')}` })
  table?: ReportCsvTable;
}
