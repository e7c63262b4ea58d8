import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../api-docs/api-error-responses';
import { CurrentActor, type Actor } from '../../auth/actor';
import { UuidPipe } from '../../common/uuid.pipe';
import { StaffOnly } from '../staff-only';
import { SetRatingDto } from './rating.dto';
import { ObjectiveRatingSummaryView, RatingView } from './rating.view';
import { RatingsService } from './ratings.service';

/** P/S/M/U ratings per objective and post. Staff only: an operator gets 404 on every route, whatever the id. */
@ApiTags('evaluation')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('exercises/:id/ratings')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  /**
   * The caller's current rating of (objective, post), replacing its earlier one; with `final`, the final
   * rating (lead evaluator, controller, admin). Staff consoles get `rating:updated`.
   */
  @Put()
  @StaffOnly('evaluator', 'controller', 'admin')
  @ApiOkResponse({ type: RatingView })
  @ApiErrorResponses(
    400,
    [
      403,
      'A final rating by someone other than the lead evaluator, a controller or an admin; a post or objective outside the evaluator’s assignment',
    ],
    404,
    [409, 'The exercise is a draft'],
    413,
    415,
  )
  set(@Param('id', UuidPipe) id: string, @Body() dto: SetRatingDto, @CurrentActor() actor: Actor): Promise<RatingView> {
    return this.ratings.set(id, dto, actor);
  }

  /** Every rating of the exercise: by objective ref, post code, the final one first. */
  @Get()
  @StaffOnly()
  @ApiOkResponse({ type: [RatingView] })
  @ApiErrorResponses(400, 404)
  list(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<RatingView[]> {
    return this.ratings.list(id, actor);
  }

  /** Per objective of the exercise: how many of each letter, the final rating per post, and the overall (worst) one. */
  @Get('summary')
  @StaffOnly()
  @ApiOkResponse({ type: [ObjectiveRatingSummaryView] })
  @ApiErrorResponses(400, 404)
  summary(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<ObjectiveRatingSummaryView[]> {
    return this.ratings.summary(id, actor);
  }
}
