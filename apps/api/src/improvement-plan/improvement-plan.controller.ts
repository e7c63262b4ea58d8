import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import {
  CreateImprovementActionDto,
  ImprovementActionQueryDto,
  ImprovementExportQueryDto,
  UpdateImprovementActionDto,
} from './improvement-action.dto';
import { ImprovementActionView, ImprovementSummaryRowView } from './improvement-action.view';
import { writePlanXlsx } from './improvement-plan-xlsx';
import { ImprovementPlanService } from './improvement-plan.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The improvement plan (CONTRACT.md "Evaluation"): corrective actions across exercises. Staff read it;
 * controllers and evaluators write it; controllers and admins delete. Operators: 403 on the lists, 404 on an id.
 */
@ApiTags('evaluation')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('improvement-actions')
export class ImprovementPlanController {
  constructor(private readonly plan: ImprovementPlanService) {}

  /** A corrective action; its member state and ministry default from commandPostId's post. */
  @Post()
  @Roles('controller', 'evaluator')
  @ApiCreatedResponse({ type: ImprovementActionView })
  @ApiErrorResponses(
    [
      400,
      'Bad input: an unknown exercise, objective, observation (of another exercise or not an area for improvement) or post, a bad date, or a start after the due date',
    ],
    403,
    413,
    415,
  )
  create(@Body() dto: CreateImprovementActionDto, @CurrentActor() actor: Actor): Promise<ImprovementActionView> {
    return this.plan.create(dto, actor);
  }

  /** Across exercises, by due date then by when created; `overdue` is judged on the server's UTC date. */
  @Get()
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  @ApiOkResponse({ type: [ImprovementActionView] })
  @ApiErrorResponses([400, 'A bad filter (named)'], [403, 'Operators see no evaluation'])
  list(@Query() query: ImprovementActionQueryDto): Promise<ImprovementActionView[]> {
    return this.plan.list(query);
  }

  /** Counts per (member state, ministry) × status, and how many are overdue, of the actions the filters select. */
  @Get('summary')
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  @ApiOkResponse({ type: [ImprovementSummaryRowView] })
  @ApiErrorResponses([400, 'A bad filter (named)'], [403, 'Operators see no evaluation'])
  summary(@Query() query: ImprovementActionQueryDto): Promise<ImprovementSummaryRowView[]> {
    return this.plan.summary(query);
  }

  /** The actions the filters select as XLSX, one per row, headers in `language` (default ru). */
  @Get('export')
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  @ApiOkResponse({
    description: 'The workbook, as an attachment',
    headers: { 'Content-Disposition': { description: 'attachment; filename="improvement-plan.xlsx"', schema: { type: 'string' } } },
    content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrorResponses([400, 'A bad filter, format or language (named)'], [403, 'Operators see no evaluation'])
  async export(@Query() query: ImprovementExportQueryDto): Promise<StreamableFile> {
    const { format: _format, language, ...filters } = query;
    const bytes = await writePlanXlsx(await this.plan.exportRows(filters), language ?? 'ru');
    return new StreamableFile(bytes, { type: XLSX, length: bytes.length, disposition: 'attachment; filename="improvement-plan.xlsx"' });
  }

  @Get(':id')
  @ApiOkResponse({ type: ImprovementActionView })
  @ApiErrorResponses(400, [404, 'No such action, or the caller is an operator'])
  get(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ImprovementActionView> {
    return this.plan.get(id, actor);
  }

  /** Any field but exerciseId, checked as on create; optional fields may be set to null. */
  @Patch(':id')
  @Roles('controller', 'evaluator')
  @ApiOkResponse({ type: ImprovementActionView })
  @ApiErrorResponses(400, 403, 404, 413, 415)
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateImprovementActionDto, @CurrentActor() actor: Actor): Promise<ImprovementActionView> {
    return this.plan.update(id, dto, actor);
  }

  /** Removes it (an action no longer wanted is better `dropped`, which keeps it in the plan). */
  @Delete(':id')
  @HttpCode(204)
  @Roles('controller', 'admin')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 403, 404)
  remove(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.plan.remove(id, actor);
  }
}
