import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { CreateDutyShiftDto, UpdateDutyShiftDto } from './duty.dto';
import { DutyRosterService } from './duty-roster.service';
import { DutyShiftView } from './duty.view';

/** The CRC's duty shifts (CONTRACT.md "Accounts and administration"): staff read them, admins and controllers write. */
@ApiTags('duty')
@ApiBearerAuth()
@ApiErrorResponses(401, [403, 'Operators see no duty roster'], 500, 503)
@Controller('duty-shifts')
export class DutyShiftsController {
  constructor(private readonly roster: DutyRosterService) {}

  /** By code. */
  @Get()
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  @ApiOkResponse({ type: [DutyShiftView] })
  list(): Promise<DutyShiftView[]> {
    return this.roster.shifts();
  }

  @Post()
  @Roles('admin', 'controller')
  @ApiCreatedResponse({ type: DutyShiftView })
  @ApiErrorResponses(
    [400, 'Bad input (named), or a member who is not an existing active user (`memberUserIds`)'],
    [409, 'The code is taken'],
    413,
    415,
  )
  create(@Body() dto: CreateDutyShiftDto, @CurrentActor() actor: Actor): Promise<DutyShiftView> {
    return this.roster.createShift(dto, actor);
  }

  /** Names, members (replaced) or whether it is active; the code stays. */
  @Patch(':id')
  @Roles('admin', 'controller')
  @ApiOkResponse({ type: DutyShiftView })
  @ApiErrorResponses([400, 'Bad input (named)'], [404, 'No such shift'], 413, 415)
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateDutyShiftDto, @CurrentActor() actor: Actor): Promise<DutyShiftView> {
    return this.roster.updateShift(id, dto, actor);
  }
}
