import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { DutyMessageView, DutyShiftRefView } from './duty-message.view';
import { DutyMessagesService } from './duty-messages.service';

/** The exercise's duty communications as a record (they are sent and read over the /console socket). */
@ApiTags('exercises')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@ApiExtraModels(DutyShiftRefView)
@Controller('exercises')
export class DutyMessagesController {
  constructor(private readonly messages: DutyMessagesService) {}

  /** Staff: every channel; an operator: its post's channel and the broadcast. */
  @Get(':id/duty-messages')
  @ApiOkResponse({ type: [DutyMessageView], description: 'In the order they were sent' })
  @ApiErrorResponses(400, [404, 'No such exercise, or your post is not in it'])
  list(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<DutyMessageView[]> {
    return this.messages.list(actor, id);
  }
}
