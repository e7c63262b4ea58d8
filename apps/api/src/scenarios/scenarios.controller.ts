import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { UuidPipe } from '../common/uuid.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { InjectView, ScenarioSummaryView, ScenarioView } from '@excon/contracts';
import { Roles } from '../auth/access.decorators';
import { CreateScenarioDto } from './create-scenario.dto';
import { InjectDto, UpdateInjectDto } from './inject.dto';
import { ScenariosService } from './scenarios.service';
import { UpdateScenarioDto } from './update-scenario.dto';

/** The MSEL: for controllers and admins to write, for evaluators and reviewers to read; never for operators. */
@ApiTags('scenarios')
@ApiBearerAuth()
@Controller('scenarios')
@Roles('admin', 'controller', 'evaluator', 'reviewer')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @Roles('admin', 'controller')
  create(@Body() dto: CreateScenarioDto): Promise<ScenarioView> {
    return this.scenarios.create(dto);
  }

  @Get()
  list(): Promise<ScenarioSummaryView[]> {
    return this.scenarios.list();
  }

  @Get(':id')
  get(@Param('id', UuidPipe) id: string): Promise<ScenarioView> {
    return this.scenarios.get(id);
  }

  @Patch(':id')
  @Roles('admin', 'controller')
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateScenarioDto): Promise<ScenarioView> {
    return this.scenarios.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'controller')
  remove(@Param('id', UuidPipe) id: string): Promise<void> {
    return this.scenarios.remove(id);
  }

  @Post(':id/injects')
  @Roles('admin', 'controller')
  addInject(@Param('id', UuidPipe) id: string, @Body() dto: InjectDto): Promise<InjectView> {
    return this.scenarios.addInject(id, dto);
  }

  @Patch(':id/injects/:injectId')
  @Roles('admin', 'controller')
  updateInject(@Param('id', UuidPipe) id: string, @Param('injectId', UuidPipe) injectId: string, @Body() dto: UpdateInjectDto): Promise<InjectView> {
    return this.scenarios.updateInject(id, injectId, dto);
  }

  @Delete(':id/injects/:injectId')
  @HttpCode(204)
  @Roles('admin', 'controller')
  removeInject(@Param('id', UuidPipe) id: string, @Param('injectId', UuidPipe) injectId: string): Promise<void> {
    return this.scenarios.removeInject(id, injectId);
  }
}
