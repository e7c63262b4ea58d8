import { Module } from '@nestjs/common';
import { ExercisesModule } from '../exercises/exercises.module';
import { EvaluatorAssignmentsController } from './assignments/evaluator-assignments.controller';
import { EvaluatorAssignmentsService } from './assignments/evaluator-assignments.service';
import { ObservationsController } from './observations/observations.controller';
import { ObservationsService } from './observations/observations.service';
import { RatingsController } from './ratings/ratings.controller';
import { RatingsService } from './ratings/ratings.service';
import { StaffOnlyGuard } from './staff-only';

/** Evaluation of an exercise: evaluator assignments, observations, P/S/M/U ratings and the participants' feedback. */
@Module({
  imports: [ExercisesModule],
  controllers: [EvaluatorAssignmentsController, ObservationsController, RatingsController],
  providers: [EvaluatorAssignmentsService, ObservationsService, RatingsService, StaffOnlyGuard],
})
export class EvaluationModule {}
