import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES } from '@excon/domain';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import {
  AttendanceDto,
  CalendarQueryDto,
  CreatePlanActivityDto,
  MinutesQueryDto,
  PlanQueryDto,
  PresenceDto,
  UpdatePlanActivityDto,
} from './plan-activity.dto';
import { PlanActivityView } from './plan-activity.view';
import { PlanActivitiesService } from './plan-activities.service';
import { PlanDocumentsService } from './plan-documents.service';

const ICS = 'text/calendar; charset=utf-8';

/** The year's joint-training plan: controllers and admins write it, staff read it all, operators what invites their post. */
@ApiTags('training plan')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('plan/activities')
export class PlanActivitiesController {
  constructor(
    private readonly plan: PlanActivitiesService,
    private readonly documents: PlanDocumentsService,
  ) {}

  /** A year (or a month of it) on Moscow's calendar, by start; operators get the activities inviting their post. */
  @Get()
  @ApiOkResponse({ type: [PlanActivityView], description: 'Ordered by start' })
  @ApiErrorResponses([400, 'A bad year, month or zone, or a month without a year'])
  async list(@Query() query: PlanQueryDto, @CurrentActor() actor: Actor): Promise<PlanActivityView[]> {
    return this.plan.list(await this.plan.viewer(actor, query.zone), query.year, query.month);
  }

  @Post()
  @Roles('admin', 'controller')
  @ApiCreatedResponse({ type: PlanActivityView })
  @ApiErrorResponses([400, 'Bad input, or participants, scenarioId or exerciseId naming nothing'], 403, 413, 415)
  create(@Body() dto: CreatePlanActivityDto, @CurrentActor() actor: Actor): Promise<PlanActivityView> {
    return this.plan.create(dto, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: PlanActivityView })
  @ApiErrorResponses(400, 404)
  async get(@Param('id', UuidPipe) id: string, @Query() query: PlanQueryDto, @CurrentActor() actor: Actor): Promise<PlanActivityView> {
    return this.plan.get(id, await this.plan.viewer(actor, query.zone));
  }

  /** Status (postponed with a reason and the new dates, cancelled with a reason), dates, participants, agenda, documents, minutes. */
  @Patch(':id')
  @Roles('admin', 'controller')
  @ApiOkResponse({ type: PlanActivityView })
  @ApiErrorResponses(400, 403, 404, 413, 415)
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdatePlanActivityDto, @CurrentActor() actor: Actor): Promise<PlanActivityView> {
    return this.plan.update(id, dto, actor);
  }

  /** An operator confirms attendance for its post, or declines with a reason. */
  @Post(':id/attendance')
  @HttpCode(200)
  @Roles('operator')
  @ApiOkResponse({ type: PlanActivityView })
  @ApiErrorResponses(
    400,
    403,
    [404, 'No such activity, or it does not invite your post'],
    [409, 'The activity is cancelled or has been held'],
    413,
    415,
  )
  answer(@Param('id', UuidPipe) id: string, @Body() dto: AttendanceDto, @CurrentActor() actor: Actor): Promise<PlanActivityView> {
    return this.plan.answer(id, dto, actor);
  }

  /** The organiser records which invited posts were there. */
  @Post(':id/presence')
  @HttpCode(200)
  @Roles('admin', 'controller')
  @ApiOkResponse({ type: PlanActivityView })
  @ApiErrorResponses([400, 'Bad input, or a post the activity does not invite'], 403, 404, 413, 415)
  presence(@Param('id', UuidPipe) id: string, @Body() dto: PresenceDto, @CurrentActor() actor: Actor): Promise<PlanActivityView> {
    return this.plan.presence(id, dto, actor);
  }

  /** The activity as an iCalendar file, in the operator's post's zone (staff: `zone`, else Moscow's). */
  @Get(':id/calendar.ics')
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) file with the event and its VTIMEZONE', content: { [ICS]: { schema: { type: 'string' } } } })
  @ApiErrorResponses(400, 404)
  async calendar(@Param('id', UuidPipe) id: string, @Query() query: CalendarQueryDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const file = await this.documents.activityCalendar(id, actor, query.zone, query.language);
    return new StreamableFile(Buffer.from(file.body, 'utf8'), { type: ICS, disposition: `attachment; filename="${file.name}"` });
  }

  /** A consultation's minutes: the agenda, the decisions and action items, attendance and the documents' status. */
  @Get(':id/minutes')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({
    description: 'The minutes as PDF or DOCX, in the language asked (default: yours)',
    content: {
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrorResponses(400, 403, 404, [409, 'The activity is not a consultation'])
  minutes(@Param('id', UuidPipe) id: string, @Query() query: MinutesQueryDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    return this.documents.minutes(id, query.format, query.language, actor);
  }
}
