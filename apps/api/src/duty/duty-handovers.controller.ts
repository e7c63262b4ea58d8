import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { CreateDutyHandoverDto, DutyHandoverQueryDto } from './duty.dto';
import { DutyHandoversService } from './duty-handovers.service';
import { DutyHandoverView } from './duty.view';

/** Shift changes: the outgoing shift's note and open items, taken over by the incoming shift. */
@ApiTags('duty')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('duty-handovers')
export class DutyHandoversController {
  constructor(private readonly handovers: DutyHandoversService) {}

  /** Newest first. */
  @Get()
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  @ApiOkResponse({ type: [DutyHandoverView] })
  @ApiErrorResponses([400, 'A bad limit'], [403, 'Operators see no duty roster'])
  list(@Query() query: DutyHandoverQueryDto): Promise<DutyHandoverView[]> {
    return this.handovers.list(query);
  }

  /**
   * From the shift on duty now (null when none is) to `toShiftId`; its open items are the free-text ones, then the
   * CRC posts' deliveries of running or paused exercises not yet responded to, then the overdue improvement actions.
   */
  @Post()
  @Roles('admin', 'controller')
  @ApiCreatedResponse({ type: DutyHandoverView })
  @ApiErrorResponses([400, 'Bad input, or an unknown or inactive shift (named)'], [403, 'Only admins and controllers'], 413, 415)
  create(@Body() dto: CreateDutyHandoverDto, @CurrentActor() actor: Actor): Promise<DutyHandoverView> {
    return this.handovers.create(dto, actor);
  }

  /** The incoming shift takes the items over: a member of it, an admin or a controller; once. */
  @Post(':id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: DutyHandoverView })
  @ApiErrorResponses(400, [403, 'Not a member of the incoming shift, an admin or a controller'], [404, 'No such handover'], [409, 'Accepted already'])
  accept(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<DutyHandoverView> {
    return this.handovers.accept(id, actor);
  }
}
