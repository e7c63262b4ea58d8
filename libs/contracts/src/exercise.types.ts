/** Exercise, inject and delivery shapes of the REST API (CONTRACT.md v1 and its extensions). */
import type {
  AttachmentSummary,
  DeliveryStatus,
  ExerciseInjectStatus,
  ExerciseStatus,
  MissionArea,
  NormalizedInject,
  Objective,
} from '@excon/domain';
import type { InjectInput } from './rest.types';

/** One inject of a running exercise, as controllers, evaluators and reviewers see it. */
export interface ExerciseInjectView extends NormalizedInject {
  id: string;
  offsetSeconds: number;
  /** Added during the run (not from the scenario). */
  adHoc: boolean;
  /** The files it carries, as sent to its posts. */
  attachments: AttachmentSummary[];
  status: ExerciseInjectStatus;
  /** Null while unknown: draft, paused, held, or a contingency inject not yet released. */
  dueAt: string | null;
  firedAt: string | null;
  /** Milliseconds between dueAt and the firing (positive: late). */
  latenessMs: number | null;
}

export interface ExerciseView {
  id: string;
  scenarioId: string;
  title: string;
  status: ExerciseStatus;
  speed: number;
  /** Planned start of a scheduled exercise. */
  scheduledFor: string | null;
  startedAt: string | null;
  pausedAt: string | null;
  completedAt: string | null;
  /** The exercise clock now, in scenario seconds since STARTEX. */
  scenarioSeconds: number;
  /** Command posts that take part (targets of its injects). Staff only: it depends on unfired injects. */
  commandPostIds?: string[];
  /** Absent for operators: nothing of an unfired inject reaches them. */
  injects?: ExerciseInjectView[];
  /** Staff only: the frozen copy of the scenario's objectives (capability targets and critical tasks included). */
  objectives?: Objective[];
  /** Staff only: what the exercise covers, for the after-action report. */
  scope?: string;
  /** Staff only: HSEEP's mission area, null when not set. */
  missionArea?: MissionArea | null;
}

export interface ExerciseSummaryView {
  id: string;
  scenarioId: string;
  title: string;
  status: ExerciseStatus;
  speed: number;
  /** Planned start of a scheduled exercise. */
  scheduledFor: string | null;
  startedAt: string | null;
  scenarioSeconds: number;
  /** Staff only: it counts unfired injects. */
  injectCount?: number;
}

export interface DeliveryView {
  id: string;
  exerciseId: string;
  injectId: string;
  commandPostId: string;
  seq: number;
  status: DeliveryStatus;
  dueAt: string | null;
  firedAt: string;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  respondedAt: string | null;
  response: string | null;
  /** Set when the acknowledge deadline passed without an acknowledgement. */
  overdueAt: string | null;
  /** When an operator of the post first opened the inject (`inject:read`); null: not opened yet. */
  readAt: string | null;
  /**
   * The console's own clock when the operator acknowledged / answered, clamped to [firedAt, the server's receipt]: an
   * action queued offline reaches the server later (acknowledgedAt, respondedAt are the receipt); null when none was sent.
   */
  acknowledgedOnConsoleAt: string | null;
  respondedOnConsoleAt: string | null;
}

export interface CreateExerciseRequest {
  scenarioId: string;
  title?: string;
  speed?: number;
}

export interface StartExerciseRequest {
  /** ISO time of a scheduled start; omitted: start now. */
  at?: string;
}

export interface UpdateExerciseRequest {
  title?: string;
  speed?: number;
  /** At most 4000 characters. */
  scope?: string;
  missionArea?: MissionArea | null;
}

export interface RetimeInjectRequest {
  offsetSeconds: number;
}

/** An ad-hoc inject; without offsetSeconds it fires at once. */
export type AdHocInjectRequest = Omit<InjectInput, 'offsetSeconds' | 'contingency'> & { offsetSeconds?: number };

export interface AuditEventView {
  id: string;
  exerciseId: string | null;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  details: Record<string, unknown>;
  /** The CRC duty shift on the roster at `at` (null: none on duty). */
  dutyShiftId: string | null;
}
