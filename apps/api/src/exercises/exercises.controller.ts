import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { AdHocInjectDto } from './ad-hoc-inject.dto';
import { AuditEventView } from './audit-event.view';
import { CreateExerciseDto } from './create-exercise.dto';
import { DeliveryView } from './delivery.view';
import { ExerciseInjectView, ExerciseSummaryView, ExerciseView } from './exercise.view';
import { ExercisesService } from './exercises.service';
import { RetimeInjectDto } from './retime-inject.dto';
import { StartExerciseDto } from './start-exercise.dto';
import { UpdateExerciseDto } from './update-exercise.dto';

const WRONG_STATE = 'The exercise is not in a state that allows it (a draft cannot be paused, a completed one does nothing)';
const INJECT_WRONG_STATE = 'The inject or its exercise is not in a state that allows it (a fired inject cannot fire again)';

/** Exercises: controllers run them; everyone reads what their role allows (operators: their post's only). */
@ApiTags('exercises')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('exercises')
export class ExercisesController {
  constructor(private readonly exercises: ExercisesService) {}

  /** A draft exercise with a frozen copy of the scenario's injects. */
  @Post()
  @Roles('controller')
  @ApiCreatedResponse({ type: ExerciseView })
  @ApiErrorResponses([400, 'Bad input, or scenarioId names no scenario'], 403, 413, 415)
  create(@Body() dto: CreateExerciseDto, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.create(dto, actor);
  }

  /** Operators: the exercises their post takes part in, without inject counts. */
  @Get()
  @ApiOkResponse({ type: [ExerciseSummaryView] })
  list(@CurrentActor() actor: Actor): Promise<ExerciseSummaryView[]> {
    return this.exercises.list(actor);
  }

  /** Operators get it without `injects` and `commandPostIds`. */
  @Get(':id')
  @ApiOkResponse({ type: ExerciseView })
  @ApiErrorResponses(400, 404)
  get(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.get(id, actor);
  }

  /** Renames it, or changes its speed (a running exercise changes pace at once). */
  @Patch(':id')
  @Roles('controller')
  @ApiOkResponse({ type: ExerciseView })
  @ApiErrorResponses(400, 403, 404, [409, 'The exercise is completed'], 413, 415)
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateExerciseDto, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.update(id, dto, actor);
  }

  /** `running` now, or `scheduled` for a future `at`. */
  @Post(':id/start')
  @HttpCode(200)
  @Roles('controller')
  @ApiOkResponse({ type: ExerciseView })
  @ApiErrorResponses(400, 403, 404, [409, WRONG_STATE], 413, 415)
  start(@Param('id', UuidPipe) id: string, @Body() dto: StartExerciseDto, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.start(id, dto.at, actor);
  }

  /** `paused`: nothing fires, and every unfired inject moves later by the length of the pause. */
  @Post(':id/pause')
  @HttpCode(200)
  @Roles('controller')
  @ApiOkResponse({ type: ExerciseView })
  @ApiErrorResponses(400, 403, 404, [409, WRONG_STATE])
  pause(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.pause(id, actor);
  }

  /** `running` again. */
  @Post(':id/resume')
  @HttpCode(200)
  @Roles('controller')
  @ApiOkResponse({ type: ExerciseView })
  @ApiErrorResponses(400, 403, 404, [409, WRONG_STATE])
  resume(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.resume(id, actor);
  }

  /** ENDEX: `completed`. */
  @Post(':id/stop')
  @HttpCode(200)
  @Roles('controller')
  @ApiOkResponse({ type: ExerciseView })
  @ApiErrorResponses(400, 403, 404, [409, WRONG_STATE])
  stop(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ExerciseView> {
    return this.exercises.stop(id, actor);
  }

  /** An ad-hoc inject; without offsetSeconds it fires at once. */
  @Post(':id/injects')
  @Roles('controller')
  @ApiCreatedResponse({ type: ExerciseInjectView })
  @ApiErrorResponses(
    400,
    403,
    404,
    [409, 'The exercise is completed, holds the most injects it may, or is not running for an inject that fires at once'],
    413,
    415,
  )
  addInject(@Param('id', UuidPipe) id: string, @Body() dto: AdHocInjectDto, @CurrentActor() actor: Actor): Promise<ExerciseInjectView> {
    return this.exercises.addInject(id, dto, actor);
  }

  /** Fires the inject now (once). */
  @Post(':id/injects/:injectId/fire')
  @HttpCode(200)
  @Roles('controller')
  @ApiOkResponse({ type: ExerciseInjectView })
  @ApiErrorResponses(400, 403, 404, [409, INJECT_WRONG_STATE])
  fire(@Param('id', UuidPipe) id: string, @Param('injectId', UuidPipe) injectId: string, @CurrentActor() actor: Actor): Promise<ExerciseInjectView> {
    return this.exercises.fireNow(id, injectId, actor);
  }

  /** Holds a pending inject: it does not fire until released. */
  @Post(':id/injects/:injectId/hold')
  @HttpCode(200)
  @Roles('controller')
  @ApiOkResponse({ type: ExerciseInjectView })
  @ApiErrorResponses(400, 403, 404, [409, INJECT_WRONG_STATE])
  hold(@Param('id', UuidPipe) id: string, @Param('injectId', UuidPipe) injectId: string, @CurrentActor() actor: Actor): Promise<ExerciseInjectView> {
    return this.exercises.controlInject(id, injectId, 'hold', actor);
  }

  /** Releases a held inject back onto the schedule. */
  @Post(':id/injects/:injectId/release')
  @HttpCode(200)
  @Roles('controller')
  @ApiOkResponse({ type: ExerciseInjectView })
  @ApiErrorResponses(400, 403, 404, [409, INJECT_WRONG_STATE])
  release(
    @Param('id', UuidPipe) id: string,
    @Param('injectId', UuidPipe) injectId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ExerciseInjectView> {
    return this.exercises.controlInject(id, injectId, 'release', actor);
  }

  /** Skips a pending or held inject: it never fires. */
  @Post(':id/injects/:injectId/skip')
  @HttpCode(200)
  @Roles('controller')
  @ApiOkResponse({ type: ExerciseInjectView })
  @ApiErrorResponses(400, 403, 404, [409, INJECT_WRONG_STATE])
  skip(@Param('id', UuidPipe) id: string, @Param('injectId', UuidPipe) injectId: string, @CurrentActor() actor: Actor): Promise<ExerciseInjectView> {
    return this.exercises.controlInject(id, injectId, 'skip', actor);
  }

  /** Moves a pending or held inject to another scenario time. */
  @Post(':id/injects/:injectId/retime')
  @HttpCode(200)
  @Roles('controller')
  @ApiOkResponse({ type: ExerciseInjectView })
  @ApiErrorResponses(400, 403, 404, [409, INJECT_WRONG_STATE], 413, 415)
  retime(
    @Param('id', UuidPipe) id: string,
    @Param('injectId', UuidPipe) injectId: string,
    @Body() dto: RetimeInjectDto,
    @CurrentActor() actor: Actor,
  ): Promise<ExerciseInjectView> {
    return this.exercises.controlInject(id, injectId, 'retime', actor, dto.offsetSeconds);
  }

  /** One per (inject, targeted post); an operator sees its own post's only. */
  @Get(':id/deliveries')
  @ApiOkResponse({ type: [DeliveryView] })
  @ApiErrorResponses(400, 404)
  deliveries(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<DeliveryView[]> {
    return this.exercises.deliveries(id, actor);
  }

  /** Who did what, oldest first. */
  @Get(':id/audit')
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  @ApiOkResponse({ type: [AuditEventView] })
  @ApiErrorResponses(400, 403, 404)
  audit(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<AuditEventView[]> {
    return this.exercises.auditTrail(id, actor);
  }
}
