import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { REPORT_CSV_TABLES } from '@excon/contracts';
import { REPORT_CSV_TABLE_COLUMNS } from './report-csv';
import { ReportQueryDto } from './report-query.dto';
import { ExerciseReport } from './report.view';
import { ReportsService } from './reports.service';

/** The after-action report of an exercise, for staff (never operators): JSON, CSV, PDF or DOCX. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('exercises')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /**
   * The after-action report (HSEEP AAR/IP): overview, timeline, per-post statistics, missed deadlines, audit
   * trail, the analysis per objective (ratings, strengths, areas for improvement), observations, improvement
   * plan and participants' feedback. JSON and CSV are streamed as they are rendered (docs/report-schema.md).
   */
  @Get(':id/report')
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  @ApiExtraModels(ExerciseReport)
  @ApiOkResponse({
    description: 'The report in the asked format, streamed; CSV, PDF and DOCX come as an attachment',
    headers: {
      'Content-Disposition': {
        description:
          'CSV, PDF and DOCX: `attachment; filename="excon-report-<id>.<csv|pdf|docx>"`, a CSV table other than deliveries `excon-report-<id>-<table>.csv`',
        schema: { type: 'string' },
      },
    },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ExerciseReport) } },
      'text/csv': {
        schema: {
          type: 'string',
          description: `One table per request (\`table\`), UTF-8 with a byte order mark, CRLF line ends, text a spreadsheet would run as a formula defused. ${REPORT_CSV_TABLES.map((t) => `${t}: ${REPORT_CSV_TABLE_COLUMNS[t].join(', ')}`).join('. ')}`,
        },
      },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrorResponses([400, 'A bad id, a format other than json, csv, pdf or docx, or an unknown CSV table'], 403, 404, [
    503,
    'The database is unreachable, or the report could not be rendered within the server’s time, memory or queue limits',
  ])
  report(@Param('id', UuidPipe) id: string, @Query() query: ReportQueryDto, @CurrentActor() actor: Actor): Promise<ExerciseReport | StreamableFile> {
    return this.reports.render(id, query.format ?? 'json', query.table ?? 'deliveries', actor);
  }
}
