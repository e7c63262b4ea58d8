import { Body, Controller, Get, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../api-docs/api-error-responses';
import { Roles } from '../../auth/access.decorators';
import { CurrentActor, type Actor } from '../../auth/actor';
import { UuidPipe } from '../../common/uuid.pipe';
import { StaffOnly } from '../staff-only';
import { VisibleExerciseGuard } from '../visible-exercise.guard';
import { FeedbackFormDto, SubmitFeedbackDto } from './feedback.dto';
import { FeedbackFormView, FeedbackResponseView } from './feedback.view';
import { FeedbackService } from './feedback.service';

/** Participants' feedback after ENDEX: the form, the operators' answers. */
@ApiTags('evaluation')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('exercises/:id')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  /** Staff always; an operator of a participating post once the exercise is completed (404 before ENDEX). */
  @Get('feedback-form')
  @ApiOkResponse({ type: FeedbackFormView })
  @ApiErrorResponses(400, [404, 'Unknown exercise, or (for an operator) one its post is not in or not yet completed'])
  form(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<FeedbackFormView> {
    return this.feedback.form(id, actor);
  }

  /** Replaces the form's questions, until the first operator has answered. */
  @Put('feedback-form')
  @StaffOnly('controller', 'admin')
  @ApiOkResponse({ type: FeedbackFormView })
  @ApiErrorResponses(400, 403, 404, [409, 'Operators have answered the form already'], 413, 415)
  replaceForm(@Param('id', UuidPipe) id: string, @Body() dto: FeedbackFormDto, @CurrentActor() actor: Actor): Promise<FeedbackFormView> {
    return this.feedback.replaceForm(id, dto, actor);
  }

  /**
   * An operator's answers, after ENDEX. 201 each time: sending again replaces its earlier answers (there is
   * one response per operator and exercise).
   */
  @Post('feedback')
  @Roles('operator')
  @UseGuards(VisibleExerciseGuard)
  @ApiCreatedResponse({ type: FeedbackResponseView })
  @ApiErrorResponses(400, 403, [404, 'Unknown exercise, or one the operator’s post is not in'], [409, 'The exercise is not completed yet'], 413, 415)
  submit(@Param('id', UuidPipe) id: string, @Body() dto: SubmitFeedbackDto, @CurrentActor() actor: Actor): Promise<FeedbackResponseView> {
    return this.feedback.submit(id, dto.answers, actor);
  }

  /** The calling operator's answers; 404 when it has sent none. */
  @Get('feedback/mine')
  @Roles('operator')
  @ApiOkResponse({ type: FeedbackResponseView })
  @ApiErrorResponses(400, 403, 404)
  mine(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<FeedbackResponseView> {
    return this.feedback.mine(id, actor);
  }

  /** Every operator's answers, by post code. Staff only: an operator gets 404. */
  @Get('feedback')
  @StaffOnly()
  @ApiOkResponse({ type: [FeedbackResponseView] })
  @ApiErrorResponses(400, 404)
  list(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<FeedbackResponseView[]> {
    return this.feedback.list(id, actor);
  }
}
