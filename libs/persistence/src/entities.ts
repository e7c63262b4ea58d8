import { CommandPost } from './organisation/command-post.entity';
import { User } from './organisation/user.entity';
import { MemberState } from './organisation/member-state.entity';
import { Ministry } from './organisation/ministry.entity';
import { PostGroup } from './organisation/post-group.entity';
import { UserSession } from './accounts/user-session.entity';
import { DutyShift } from './duty/duty-shift.entity';
import { DutyRosterEntry } from './duty/duty-roster-entry.entity';
import { DutyHandover } from './duty/duty-handover.entity';
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
import { PlanActivity } from './plan/plan-activity.entity';
import { PlanAttendance } from './plan/plan-attendance.entity';
import { CalendarFeed } from './plan/calendar-feed.entity';
import { DutyMessage } from './exercises/duty-message.entity';
import { DutyMessageRead } from './exercises/duty-message-read.entity';
import { Attachment } from './attachments/attachment.entity';
import { AttachmentChunk } from './attachments/attachment-chunk.entity';

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
  MemberState,
  Ministry,
  PostGroup,
  UserSession,
  DutyShift,
  DutyRosterEntry,
  DutyHandover,
  PlanActivity,
  PlanAttendance,
  CalendarFeed,
  DutyMessage,
  DutyMessageRead,
  Attachment,
  AttachmentChunk,
] as const;
