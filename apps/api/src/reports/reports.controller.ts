import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { REPORT_FORMATS, type ExerciseReport } from '@excon/contracts';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { ReportQueryDto } from './report-query.dto';
import { ReportsService } from './reports.service';

/** The after-action report of an exercise, for staff (never operators): JSON, CSV or PDF. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('exercises')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':id/report')
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  @ApiQuery({ name: 'format', enum: REPORT_FORMATS, required: false, description: 'json (default), csv (one row per delivery) or pdf' })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  report(@Param('id', UuidPipe) id: string, @Query() query: ReportQueryDto, @CurrentActor() actor: Actor): Promise<ExerciseReport | StreamableFile> {
    return this.reports.render(id, query.format ?? 'json', actor);
  }
}
