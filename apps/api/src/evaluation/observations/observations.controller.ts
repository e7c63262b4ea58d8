import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../api-docs/api-error-responses';
import { CurrentActor, type Actor } from '../../auth/actor';
import { UuidPipe } from '../../common/uuid.pipe';
import { StaffOnly } from '../staff-only';
import { CreateObservationDto, ObservationQueryDto, UpdateObservationDto } from './observation.dto';
import { ObservationView } from './observation.view';
import { ObservationsService } from './observations.service';

const DRAFT = 'The exercise is a draft: observations start once it is scheduled or running';
const NOT_AUTHOR = 'Not the author of the observation (or a role that may not write them)';

/** Evaluators' observations. Staff only: an operator gets 404 on every route, whatever the id. */
@ApiTags('evaluation')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('exercises/:id/observations')
export class ObservationsController {
  constructor(private readonly observations: ObservationsService) {}

  /** Records an observation; staff consoles get `observation:created`. */
  @Post()
  @StaffOnly('evaluator', 'controller')
  @ApiCreatedResponse({ type: ObservationView })
  @ApiErrorResponses(400, 403, 404, [409, DRAFT], 413, 415)
  create(@Param('id', UuidPipe) id: string, @Body() dto: CreateObservationDto, @CurrentActor() actor: Actor): Promise<ObservationView> {
    return this.observations.create(id, dto, actor);
  }

  /** The exercise's observations in the order observed, optionally of one kind, objective or post. */
  @Get()
  @StaffOnly()
  @ApiOkResponse({ type: [ObservationView] })
  @ApiErrorResponses(400, 404)
  list(@Param('id', UuidPipe) id: string, @Query() query: ObservationQueryDto, @CurrentActor() actor: Actor): Promise<ObservationView[]> {
    return this.observations.list(id, query, actor);
  }

  /** Its author changes it; staff consoles get `observation:updated`. */
  @Patch(':observationId')
  @StaffOnly('evaluator', 'controller')
  @ApiOkResponse({ type: ObservationView })
  @ApiErrorResponses(400, [403, NOT_AUTHOR], 404, [409, DRAFT], 413, 415)
  update(
    @Param('id', UuidPipe) id: string,
    @Param('observationId', UuidPipe) observationId: string,
    @Body() dto: UpdateObservationDto,
    @CurrentActor() actor: Actor,
  ): Promise<ObservationView> {
    return this.observations.update(id, observationId, dto, actor);
  }

  /** Its author deletes it; staff consoles get `observation:deleted`. */
  @Delete(':observationId')
  @HttpCode(204)
  @StaffOnly('evaluator', 'controller')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, [403, NOT_AUTHOR], 404, [409, DRAFT])
  remove(@Param('id', UuidPipe) id: string, @Param('observationId', UuidPipe) observationId: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.observations.remove(id, observationId, actor);
  }
}
