/**
 * The after-action report: `GET /api/exercises/:id/report?format=json` returns an ExerciseReport; the CSV
 * and PDF forms are rendered from the same model. Durations are seconds with millisecond precision,
 * measured from the delivery's firing; times are ISO-8601 UTC strings.
 */
import type {
  BilingualNames,
  DeliveryStatus,
  ExerciseInjectStatus,
  ExerciseStatus,
  MissionArea,
  Objective,
  PostStatistics,
  Precedence,
} from '@excon/domain';
import type { FeedbackQuestionSummary, ImprovementActionView, ObjectiveRatingSummary, ObservationView, RatingView } from './evaluation.types';
import type { AuditEventView } from './exercise.types';
import type { CommandPostView } from './rest.types';
import type { DutyMessage } from './socket-events';

export const REPORT_FORMATS = ['json', 'csv', 'pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The JSON report's schema version (docs/report-schema.md); bumped by any change a reader could notice. */
export const REPORT_SCHEMA_VERSION = 2;

/** `?format=csv&table=`: one CSV file per table of the report; `deliveries` (the default) is one row per delivery. */
export const REPORT_CSV_TABLES = ['deliveries', 'posts', 'missed-deadlines', 'observations', 'ratings', 'improvement-plan', 'feedback'] as const;
export type ReportCsvTable = (typeof REPORT_CSV_TABLES)[number];

export interface ReportOverview {
  exerciseId: string;
  title: string;
  scenarioId: string;
  scenarioTitle: string;
  scenarioDescription: string;
  status: ExerciseStatus;
  speed: number;
  startedAt: string | null;
  completedAt: string | null;
  /** The exercise clock when the report was made (at ENDEX for a completed exercise). */
  scenarioSeconds: number;
  /** Participating command posts, by code. */
  posts: CommandPostView[];
  objectives: Objective[];
  /** What the exercise covers (free text set by the controller; '' when not set). */
  scope: string;
  missionArea: MissionArea | null;
}

export interface ReportTotals {
  injects: number;
  fired: number;
  held: number;
  skipped: number;
  pending: number;
  deliveries: number;
  delivered: number;
  acknowledged: number;
  responded: number;
  /** Deliveries that missed their acknowledge deadline. */
  overdue: number;
}

/** One delivery of a timeline inject: one targeted post's receipt, acknowledgement and response. */
export interface ReportDelivery {
  deliveryId: string;
  commandPostId: string;
  commandPostCode: string;
  seq: number;
  status: DeliveryStatus;
  firedAt: string;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  respondedAt: string | null;
  response: string | null;
  /** firedAt + the inject's ackWithinSeconds; null when the inject sets no deadline. */
  ackDeadlineAt: string | null;
  /** The acknowledge deadline was missed (acknowledged late, or not at all once it had passed). */
  overdue: boolean;
  secondsToAcknowledge: number | null;
  secondsToRespond: number | null;
  /** For a contingency delivery: the delivery whose missed deadline released it. */
  releasedByDeliveryId: string | null;
  /** When an operator of the post first opened it (`inject:read`); null: never. */
  readAt: string | null;
  secondsToRead: number | null;
}

/** One inject of the exercise, in offset order, with what became of it at each targeted post. */
export interface ReportTimelineEntry {
  injectId: string;
  ref: string;
  offsetSeconds: number;
  title: string;
  precedence: Precedence;
  from: string;
  expectedAction: string;
  status: ExerciseInjectStatus;
  dueAt: string | null;
  firedAt: string | null;
  /** Milliseconds between due time and firing (positive: late). */
  latenessMs: number | null;
  ackWithinSeconds: number | null;
  /** Command post ids, as authored. */
  targets: string[];
  targetCodes: string[];
  contingency: boolean;
  adHoc: boolean;
  objectiveRefs: string[];
  acknowledged: number;
  /** Posts that acknowledged by the deadline (any acknowledgement when the inject sets none). */
  acknowledgedInTime: number;
  responded: number;
  overdue: number;
  deliveries: ReportDelivery[];
}

/** A post's statistics (computed by libs/domain/src/reports) with its code and name. */
export interface ReportPostStatistics extends PostStatistics {
  code: string;
  name: string;
}

export interface ReportMissedDeadline {
  deliveryId: string;
  injectId: string;
  ref: string;
  offsetSeconds: number;
  title: string;
  precedence: Precedence;
  commandPostId: string;
  commandPostCode: string;
  firedAt: string;
  deadlineAt: string;
  /** Null: never acknowledged. */
  acknowledgedAt: string | null;
  /** How late the acknowledgement came; null when there was none. */
  secondsLate: number | null;
}

/** One objective's analysis: its ratings per post, strengths and areas for improvement with their observations. */
export interface ReportObjective {
  ref: string;
  title: string;
  capabilityTarget: string;
  criticalTasks: string[];
  /** Every current rating (one per post and evaluator) and the final ones, by post code then evaluator. */
  ratings: RatingView[];
  summary: ObjectiveRatingSummary;
  /** Observations of kind `strength` / `improvement` that name this objective, in time order. */
  strengths: ObservationView[];
  areasForImprovement: ObservationView[];
}

export interface ReportFeedback {
  /** Operators who answered, and the posts they answered for. */
  responses: number;
  posts: number;
  questions: FeedbackQuestionSummary[];
}

/** A watch of the duty roster, as the report shows it. */
export interface ReportDutyWatch {
  from: string;
  to: string;
}

/**
 * Which CRC duty shift handled what: a shift that was on duty during the exercise (a watch overlapping STARTEX →
 * ENDEX, or now while it runs) or that is recorded with any of its acknowledgements, responses or control actions.
 */
export interface ReportDutyShift {
  dutyShiftId: string;
  code: string;
  names: BilingualNames;
  /** Deliveries of the exercise acknowledged while this shift was on duty. */
  acknowledgements: number;
  /** Deliveries of the exercise responded to while this shift was on duty. */
  responses: number;
  /** Audit events of the exercise by a user (not the engine's own) while this shift was on duty. */
  controlActions: number;
  /** Its watches overlapping the exercise, in time order. */
  watches: ReportDutyWatch[];
}

export interface ExerciseReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  overview: ReportOverview;
  totals: ReportTotals;
  timeline: ReportTimelineEntry[];
  postStatistics: ReportPostStatistics[];
  /** In order of deadline. */
  missedDeadlines: ReportMissedDeadline[];
  auditTrail: AuditEventView[];
  objectives: ReportObjective[];
  /** Every observation, in time order. */
  observations: ObservationView[];
  improvementPlan: ImprovementActionView[];
  feedback: ReportFeedback;
  /** By code. */
  dutyShifts: ReportDutyShift[];
  /** The duty communications between the CRC shift and the posts, in the order sent, with their receipts. */
  dutyMessages: DutyMessage[];
  generatedAt: string;
}
