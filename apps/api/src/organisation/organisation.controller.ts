import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { CountryCodePipe, UuidPipe } from '../common/uuid.pipe';
import { MemberStatesService } from './member-states.service';
import { MinistriesService } from './ministries.service';
import { CreateMemberStateDto, CreateMinistryDto, MinistryQueryDto, UpdateMemberStateDto, UpdateMinistryDto } from './organisation.dto';
import { MemberStateView, MinistryView } from './organisation.view';

@ApiTags('organisation')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('member-states')
export class MemberStatesController {
  constructor(private readonly memberStates: MemberStatesService) {}

  /** A member state by its ISO code, named in both languages. */
  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: MemberStateView })
  @ApiErrorResponses(400, 403, [409, 'The state exists'], 413, 415)
  create(@Body() dto: CreateMemberStateDto, @CurrentActor() actor: Actor): Promise<MemberStateView> {
    return this.memberStates.create(dto, actor);
  }

  /** Every role: consoles name states in the user's language. */
  @Get()
  @ApiOkResponse({ type: [MemberStateView], description: 'Ordered by code' })
  list(): Promise<MemberStateView[]> {
    return this.memberStates.list();
  }

  /** Renames or (de)activates it; a state is never deleted. */
  @Patch(':code')
  @Roles('admin')
  @ApiOkResponse({ type: MemberStateView })
  @ApiErrorResponses(400, 403, 404, 413, 415)
  update(@Param('code', CountryCodePipe) code: string, @Body() dto: UpdateMemberStateDto, @CurrentActor() actor: Actor): Promise<MemberStateView> {
    return this.memberStates.update(code, dto, actor);
  }
}

@ApiTags('organisation')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('ministries')
export class MinistriesController {
  constructor(private readonly ministries: MinistriesService) {}

  /** A ministry of an active member state: one of each kind per state. */
  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: MinistryView })
  @ApiErrorResponses([400, 'Bad input, or memberState names no active state'], 403, [409, 'The state has that kind already'], 413, 415)
  create(@Body() dto: CreateMinistryDto, @CurrentActor() actor: Actor): Promise<MinistryView> {
    return this.ministries.create(dto, actor);
  }

  /** Every role; `memberState` narrows it to one state. */
  @Get()
  @ApiOkResponse({ type: [MinistryView], description: 'Ordered by member state, then kind' })
  @ApiErrorResponses(400)
  list(@Query() query: MinistryQueryDto): Promise<MinistryView[]> {
    return this.ministries.list(query);
  }

  /** Renames or (de)activates it; a ministry is never deleted. */
  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: MinistryView })
  @ApiErrorResponses(400, 403, 404, 413, 415)
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateMinistryDto, @CurrentActor() actor: Actor): Promise<MinistryView> {
    return this.ministries.update(id, dto, actor);
  }
}
