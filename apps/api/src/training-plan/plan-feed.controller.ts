import { Controller, Delete, Get, HttpCode, Param, Post, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Public } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { CalendarFeedStatusView, CalendarFeedView } from './plan-activity.view';
import { PlanFeedService } from './plan-feed.service';

/** Each user's calendar feed of the plan, for Outlook and Thunderbird to subscribe to. */
@ApiTags('training plan')
@ApiErrorResponses(500, 503)
@Controller('plan/feed')
export class PlanFeedController {
  constructor(private readonly feeds: PlanFeedService) {}

  /** Whether you have a feed (its URL was shown once, when it was made). */
  @Get()
  @ApiBearerAuth()
  @ApiOkResponse({ type: CalendarFeedStatusView })
  @ApiErrorResponses(401)
  status(@CurrentActor() actor: Actor): Promise<CalendarFeedStatusView> {
    return this.feeds.status(actor);
  }

  /** A new secret URL for your feed, shown this once; the previous one stops answering. */
  @Post('rotate')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: CalendarFeedView })
  @ApiErrorResponses(401)
  rotate(@CurrentActor() actor: Actor, @Req() request: Request): Promise<CalendarFeedView> {
    return this.feeds.rotate(actor, `${request.protocol}://${request.get('host') ?? 'localhost'}`);
  }

  /** Revokes your feed: its URL answers 404 from now on. */
  @Delete()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrorResponses(401, [404, 'You have no feed'])
  revoke(@CurrentActor() actor: Actor): Promise<void> {
    return this.feeds.revoke(actor);
  }

  /** The feed a secret opens, without a login: your activities from a year back on. */
  @Get(':secret.ics')
  @Public()
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) feed', content: { 'text/calendar; charset=utf-8': { schema: { type: 'string' } } } })
  @ApiErrorResponses([404, 'No such feed: never made, rotated, revoked, or its user deactivated'])
  async feed(@Param('secret') secret: string): Promise<StreamableFile> {
    const file = await this.feeds.feed(secret);
    return new StreamableFile(Buffer.from(file.body, 'utf8'), {
      type: 'text/calendar; charset=utf-8',
      disposition: `inline; filename="${file.name}"`,
    });
  }
}
