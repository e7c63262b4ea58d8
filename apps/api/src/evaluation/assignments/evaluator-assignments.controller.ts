import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../api-docs/api-error-responses';
import { CurrentActor, type Actor } from '../../auth/actor';
import { UuidPipe } from '../../common/uuid.pipe';
import { StaffOnly } from '../staff-only';
import { ReplaceAssignmentsDto } from './evaluator-assignment.dto';
import { EvaluatorAssignmentView } from './evaluator-assignment.view';
import { EvaluatorAssignmentsService } from './evaluator-assignments.service';

/** Which evaluator watches which posts and objectives. Staff only: an operator gets 404. */
@ApiTags('evaluation')
@ApiBearerAuth()
@ApiErrorResponses(401, 500, 503)
@Controller('exercises/:id/evaluators')
export class EvaluatorAssignmentsController {
  constructor(private readonly assignments: EvaluatorAssignmentsService) {}

  /** The exercise's evaluators, by name. */
  @Get()
  @StaffOnly()
  @ApiOkResponse({ type: [EvaluatorAssignmentView] })
  @ApiErrorResponses(400, 404)
  list(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<EvaluatorAssignmentView[]> {
    return this.assignments.list(id, actor);
  }

  /** Replaces every assignment of the exercise with these (an empty list removes them all). */
  @Put()
  @StaffOnly('controller', 'admin')
  @ApiOkResponse({ type: [EvaluatorAssignmentView] })
  @ApiErrorResponses([400, 'Bad input: a user that is not an evaluator, a post or objective not of the exercise'], 403, 404, 413, 415)
  replace(@Param('id', UuidPipe) id: string, @Body() dto: ReplaceAssignmentsDto, @CurrentActor() actor: Actor): Promise<EvaluatorAssignmentView[]> {
    return this.assignments.replace(id, dto, actor);
  }
}
