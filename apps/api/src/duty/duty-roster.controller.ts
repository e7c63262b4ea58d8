import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { CreateDutyRosterEntryDto, CreateDutyRotationDto, DutyRosterQueryDto } from './duty.dto';
import { DutyHandoversService } from './duty-handovers.service';
import { DutyRosterService } from './duty-roster.service';
import { DutyHandoverView, DutyOnDutyView, DutyRosterEntryView, DutyShiftView } from './duty.view';

/** The rotation calendar: watches over [from, to) that never overlap. Staff read it; admins and controllers write. */
@ApiTags('duty')
@ApiBearerAuth()
@ApiErrorResponses(401, [403, 'Operators see no duty roster'], 500, 503)
@ApiExtraModels(DutyRosterEntryView, DutyShiftView, DutyHandoverView)
@Controller('duty-roster')
export class DutyRosterController {
  constructor(
    private readonly roster: DutyRosterService,
    private readonly handovers: DutyHandoversService,
  ) {}

  /** The watches overlapping [from, to) (either bound may be left out), in time order. */
  @Get()
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  @ApiOkResponse({ type: [DutyRosterEntryView] })
  @ApiErrorResponses([400, 'A bad instant, or `to` not after `from` (named)'])
  list(@Query() query: DutyRosterQueryDto): Promise<DutyRosterEntryView[]> {
    return this.roster.roster(query);
  }

  /** The watch on duty now, its shift and the latest handover to it; nulls when no watch covers now. */
  @Get('current')
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  @ApiOkResponse({ type: DutyOnDutyView })
  current(): Promise<DutyOnDutyView> {
    return this.handovers.current();
  }

  @Post()
  @Roles('admin', 'controller')
  @ApiCreatedResponse({ type: DutyRosterEntryView })
  @ApiErrorResponses([400, 'Bad input, an unknown or inactive shift, or `to` not after `from` (named)'], [409, 'It overlaps another watch'], 413, 415)
  create(@Body() dto: CreateDutyRosterEntryDto, @CurrentActor() actor: Actor): Promise<DutyRosterEntryView> {
    return this.roster.createWatch(dto, actor);
  }

  /** Appends `watches` watches of `watchHours` from `startAt`, the shifts taking turns in order: all of them or, on any overlap, none. */
  @Post('rotation')
  @Roles('admin', 'controller')
  @ApiCreatedResponse({ type: [DutyRosterEntryView] })
  @ApiErrorResponses([400, 'Bad input, or an unknown or inactive shift (named)'], [409, 'A watch overlaps another; nothing was added'], 413, 415)
  rotation(@Body() dto: CreateDutyRotationDto, @CurrentActor() actor: Actor): Promise<DutyRosterEntryView[]> {
    return this.roster.createRotation(dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'controller')
  @ApiNoContentResponse({ description: 'Removed from the roster' })
  @ApiErrorResponses(400, [404, 'No such watch'])
  remove(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    return this.roster.deleteWatch(id, actor);
  }
}
