import { IsIn, IsOptional } from 'class-validator';
import { REPORT_FORMATS, type ReportFormat } from '@excon/contracts';

export class ReportQueryDto {
  /**
   * json (the default), csv (one row per delivery) or pdf.
   * @example "json"
   */
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `format must be one of ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;
}
