import { CommandPost } from './organisation/command-post.entity';
import { User } from './organisation/user.entity';
import { Scenario } from './scenarios/scenario.entity';
import { ScenarioInject } from './scenarios/scenario-inject.entity';
import { ImportPreset } from './scenarios/import-preset.entity';
import { Exercise } from './exercises/exercise.entity';
import { ExerciseInject } from './exercises/exercise-inject.entity';
import { Delivery } from './exercises/delivery.entity';
import { ExercisePostSequence } from './exercises/exercise-post-sequence.entity';
import { AuditEvent } from './audit/audit-event.entity';
import { EvaluatorAssignment } from './evaluation/evaluator-assignment.entity';
import { Observation } from './evaluation/observation.entity';
import { ObjectiveRating } from './evaluation/rating.entity';
import { ImprovementAction } from './evaluation/improvement-action.entity';
import { FeedbackResponse } from './evaluation/feedback-response.entity';

/** Every entity of ExCon; migrations are generated against this list. */
export const ENTITIES = [
  CommandPost,
  User,
  Scenario,
  ScenarioInject,
  Exercise,
  ExerciseInject,
  Delivery,
  ExercisePostSequence,
  AuditEvent,
  ImportPreset,
  EvaluatorAssignment,
  Observation,
  ObjectiveRating,
  ImprovementAction,
  FeedbackResponse,
] as const;
