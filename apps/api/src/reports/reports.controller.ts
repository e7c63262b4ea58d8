import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { REPORT_CSV_COLUMNS } from './report-csv';
import { ReportQueryDto } from './report-query.dto';
import { ExerciseReport } from './report.view';
import { ReportsService } from './reports.service';

/** The after-action report of an exercise, for staff (never operators): JSON, CSV or PDF. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('exercises')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The after-action report: timeline, per-post statistics, missed deadlines and audit trail. */
  @Get(':id/report')
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  @ApiExtraModels(ExerciseReport)
  @ApiOkResponse({
    description: 'The report in the asked format; CSV and PDF come as an attachment',
    headers: {
      'Content-Disposition': { description: 'CSV and PDF: `attachment; filename="excon-report-<id>.<csv|pdf>"`', schema: { type: 'string' } },
    },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ExerciseReport) } },
      'text/csv': {
        schema: {
          type: 'string',
          description: `One row per delivery with the columns ${REPORT_CSV_COLUMNS.join(', ')}; UTF-8 with a byte order mark, CRLF line ends`,
        },
      },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrorResponses([400, 'A bad id, or a format other than json, csv or pdf'], 403, 404, [
    503,
    'The database is unreachable, or the report could not be rendered within the server’s time, memory or queue limits',
  ])
  report(@Param('id', UuidPipe) id: string, @Query() query: ReportQueryDto, @CurrentActor() actor: Actor): Promise<ExerciseReport | StreamableFile> {
    return this.reports.render(id, query.format ?? 'json', actor);
  }
}
