import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditEventView, DeliveryView, ExerciseInjectView, ExerciseSummaryView, ExerciseView } from '@excon/contracts';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { AdHocInjectDto } from './ad-hoc-inject.dto';
import { CreateExerciseDto } from './create-exercise.dto';
import { ExercisesService } from './exercises.service';
import { RetimeInjectDto } from './retime-inject.dto';
import { StartExerciseDto } from './start-exercise.dto';
import { UpdateExerciseDto } from './update-exercise.dto';

/** Exercises: controllers run them; everyone reads what their role allows (operators: their post's only). */
@ApiTags('exercises')
@ApiBearerAuth()
@Controller('exercises')
export class ExercisesController {
  constructor(private readonly exercises: ExercisesService) {}

  @Post()
  @Roles('controller')
  create(@Body() dto: CreateExerciseDto, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.create(dto, actor);
  }

  @Get()
  list(@CurrentActor() actor: Actor): Promise<ExerciseSummaryView[]> {
    return this.exercises.list(actor);
  }

  @Get(':id')
  get(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.get(id, actor);
  }

  @Patch(':id')
  @Roles('controller')
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateExerciseDto, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.update(id, dto, actor);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('controller')
  start(@Param('id', UuidPipe) id: string, @Body() dto: StartExerciseDto, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.start(id, dto.at, actor);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('controller')
  pause(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.pause(id, actor);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('controller')
  resume(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.resume(id, actor);
  }

  @Post(':id/stop')
  @HttpCode(200)
  @Roles('controller')
  stop(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.stop(id, actor);
  }

  @Post(':id/injects')
  @Roles('controller')
  addInject(@Param('id', UuidPipe) id: string, @Body() dto: AdHocInjectDto, @CurrentActor() actor: Actor): Promise<ExerciseInjectView> {
    return this.exercises.addInject(id, dto, actor);
  }

  @Post(':id/injects/:injectId/fire')
  @HttpCode(200)
  @Roles('controller')
  fire(@Param('id', UuidPipe) id: string, @Param('injectId', UuidPipe) injectId: string, @CurrentActor() actor: Actor): Promise<ExerciseInjectView> {
    return this.exercises.fireNow(id, injectId, actor);
  }

  @Post(':id/injects/:injectId/hold')
  @HttpCode(200)
  @Roles('controller')
  hold(@Param('id', UuidPipe) id: string, @Param('injectId', UuidPipe) injectId: string, @CurrentActor() actor: Actor): Promise<ExerciseInjectView> {
    return this.exercises.controlInject(id, injectId, 'hold', actor);
  }

  @Post(':id/injects/:injectId/release')
  @HttpCode(200)
  @Roles('controller')
  release(@Param('id', UuidPipe) id: string, @Param('injectId', UuidPipe) injectId: string, @CurrentActor() actor: Actor): Promise<ExerciseInjectView> {
    return this.exercises.controlInject(id, injectId, 'release', actor);
  }

  @Post(':id/injects/:injectId/skip')
  @HttpCode(200)
  @Roles('controller')
  skip(@Param('id', UuidPipe) id: string, @Param('injectId', UuidPipe) injectId: string, @CurrentActor() actor: Actor): Promise<ExerciseInjectView> {
    return this.exercises.controlInject(id, injectId, 'skip', actor);
  }

  @Post(':id/injects/:injectId/retime')
  @HttpCode(200)
  @Roles('controller')
  retime(@Param('id', UuidPipe) id: string, @Param('injectId', UuidPipe) injectId: string, @Body() dto: RetimeInjectDto, @CurrentActor() actor: Actor): Promise<ExerciseInjectView> {
    return this.exercises.controlInject(id, injectId, 'retime', actor, dto.offsetSeconds);
  }

  @Get(':id/deliveries')
  deliveries(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<DeliveryView[]> {
    return this.exercises.deliveries(id, actor);
  }

  @Get(':id/audit')
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  audit(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<AuditEventView[]> {
    return this.exercises.auditTrail(id, actor);
  }
}
