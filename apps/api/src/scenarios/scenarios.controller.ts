import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { UuidPipe } from '../common/uuid.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CreateScenarioDto } from './create-scenario.dto';
import { InjectDto, MediaSourceDto, UpdateInjectDto } from './inject.dto';
import { InjectView, MediaSourceView, ScenarioSummaryView, ScenarioView } from './scenario.view';
import { ScenariosService } from './scenarios.service';
import { UpdateScenarioDto } from './update-scenario.dto';

/** The MSEL: for controllers and admins to write, for evaluators and reviewers to read; never for operators. */
@ApiTags('scenarios')
@ApiBearerAuth()
@ApiExtraModels(MediaSourceView, MediaSourceDto)
@ApiErrorResponses(401, [403, 'Operators never see the MSEL; only controllers and admins write it'], 500, 503)
@Controller('scenarios')
@Roles('admin', 'controller', 'evaluator', 'reviewer')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  /** The whole MSEL is validated first; nothing is written when a field is wrong. */
  @Post()
  @Roles('admin', 'controller')
  @ApiCreatedResponse({ type: ScenarioView })
  @ApiErrorResponses(400, 413, 415)
  create(@Body() dto: CreateScenarioDto): Promise<ScenarioView> {
    return this.scenarios.create(dto);
  }

  /** Every scenario, without its injects. */
  @Get()
  @ApiOkResponse({ type: [ScenarioSummaryView], description: 'Most recently changed first' })
  list(): Promise<ScenarioSummaryView[]> {
    return this.scenarios.list();
  }

  /** The scenario with its objectives and injects. */
  @Get(':id')
  @ApiOkResponse({ type: ScenarioView })
  @ApiErrorResponses(400, 404)
  get(@Param('id', UuidPipe) id: string): Promise<ScenarioView> {
    return this.scenarios.get(id);
  }

  /** Title, description, language and objectives; injects are edited one by one. */
  @Patch(':id')
  @Roles('admin', 'controller')
  @ApiOkResponse({ type: ScenarioView })
  @ApiErrorResponses(400, 404, 413, 415)
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateScenarioDto): Promise<ScenarioView> {
    return this.scenarios.update(id, dto);
  }

  /** Deletes the scenario with its injects; refused while an exercise was created from it. */
  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'controller')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 404, [409, 'An exercise was created from the scenario'])
  remove(@Param('id', UuidPipe) id: string): Promise<void> {
    return this.scenarios.remove(id);
  }

  /** Adds one inject; the whole MSEL is validated again with it. */
  @Post(':id/injects')
  @Roles('admin', 'controller')
  @ApiCreatedResponse({ type: InjectView })
  @ApiErrorResponses(400, 404, 413, 415)
  addInject(@Param('id', UuidPipe) id: string, @Body() dto: InjectDto): Promise<InjectView> {
    return this.scenarios.addInject(id, dto);
  }

  /** A partial edit; the merged inject is validated again as a whole. */
  @Patch(':id/injects/:injectId')
  @Roles('admin', 'controller')
  @ApiOkResponse({ type: InjectView })
  @ApiErrorResponses(400, 404, [409, 'Another inject names this one’s old ref as its contingency inject'], 413, 415)
  updateInject(@Param('id', UuidPipe) id: string, @Param('injectId', UuidPipe) injectId: string, @Body() dto: UpdateInjectDto): Promise<InjectView> {
    return this.scenarios.updateInject(id, injectId, dto);
  }

  /** Deletes one inject; refused while another inject names it as its contingency inject. */
  @Delete(':id/injects/:injectId')
  @HttpCode(204)
  @Roles('admin', 'controller')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 404, [409, 'Another inject names this one as its contingency inject'])
  removeInject(@Param('id', UuidPipe) id: string, @Param('injectId', UuidPipe) injectId: string): Promise<void> {
    return this.scenarios.removeInject(id, injectId);
  }
}
