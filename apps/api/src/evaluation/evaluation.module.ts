import { Module } from '@nestjs/common';
import { ExercisesModule } from '../exercises/exercises.module';
import { EvaluatorAssignmentsController } from './assignments/evaluator-assignments.controller';
import { EvaluatorAssignmentsService } from './assignments/evaluator-assignments.service';
import { FeedbackController } from './feedback/feedback.controller';
import { FeedbackService } from './feedback/feedback.service';
import { ObservationsController } from './observations/observations.controller';
import { ObservationsService } from './observations/observations.service';
import { RatingsController } from './ratings/ratings.controller';
import { RatingsService } from './ratings/ratings.service';
import { StaffOnlyGuard } from './staff-only';
import { VisibleExerciseGuard } from './visible-exercise.guard';

/** Evaluation of an exercise: evaluator assignments, observations, P/S/M/U ratings and the participants' feedback. */
@Module({
  imports: [ExercisesModule],
  controllers: [EvaluatorAssignmentsController, ObservationsController, RatingsController, FeedbackController],
  providers: [EvaluatorAssignmentsService, ObservationsService, RatingsService, FeedbackService, StaffOnlyGuard, VisibleExerciseGuard],
})
export class EvaluationModule {}
