import { ApiProperty } from '@nestjs/swagger';
import { CAPABILITY_ELEMENTS, FEEDBACK_QUESTION_KINDS, IMPROVEMENT_STATUSES, MINISTRIES, MISSION_AREAS, PRECEDENCES } from '@excon/domain';
import { DELIVERY_STATUSES, EXERCISE_INJECT_STATUSES, EXERCISE_STATUSES } from '@excon/domain';
import * as contract from '@excon/contracts';
import { BilingualNamesView } from '../common/bilingual-names.dto';
import { CommandPostView } from '../command-posts/command-post.view';
import { AuditEventView } from '../exercises/audit-event.view';
import { DutyMessageView } from '../duty-messages/duty-message.view';
import { Objective } from '../scenarios/scenario.view';
import { ObservationView } from '../evaluation/observations/observation.view';
import { ObjectiveRatingSummaryView, RatingView } from '../evaluation/ratings/rating.view';

/** The exercise, its scenario, the posts that took part and the objectives. */
export class ReportOverview implements contract.ReportOverview {
  /**
   * @example "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
   */
  exerciseId!: string;

  /**
   * @example "Spring flood 2027, day 1"
   */
  title!: string;

  /**
   * @example "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"
   */
  scenarioId!: string;

  /**
   * @example "Spring flood 2027"
   */
  scenarioTitle!: string;

  /**
   * @example "Joint command-post exercise of the emergency services"
   */
  scenarioDescription!: string;

  /**
   * @example "completed"
   */
  @ApiProperty({ enum: EXERCISE_STATUSES })
  status!: contract.ReportOverview['status'];

  /**
   * @example 1
   */
  speed!: number;

  /**
   * @example "2027-04-14T09:00:00.000Z"
   */
  startedAt!: string | null;

  /**
   * @example "2027-04-14T13:00:00.000Z"
   */
  completedAt!: string | null;

  /**
   * The exercise clock when the report was made (at ENDEX for a completed exercise).
   * @example 14400
   */
  scenarioSeconds!: number;

  /** Participating command posts, by code. */
  posts!: CommandPostView[];

  objectives!: Objective[];

  /**
   * What the exercise covers, as the controller wrote it ('' when not set).
   * @example "Alerting and first reports between the CRC duty shift and the emergency ministries"
   */
  scope!: string;

  @ApiProperty({ enum: MISSION_AREAS, nullable: true })
  missionArea!: contract.ReportOverview['missionArea'];
}

export class ReportTotals implements contract.ReportTotals {
  /**
   * @example 42
   */
  injects!: number;

  /**
   * @example 40
   */
  fired!: number;

  /**
   * @example 1
   */
  held!: number;

  /**
   * @example 1
   */
  skipped!: number;

  /**
   * @example 0
   */
  pending!: number;

  /**
   * @example 120
   */
  deliveries!: number;

  /**
   * @example 120
   */
  delivered!: number;

  /**
   * @example 117
   */
  acknowledged!: number;

  /**
   * @example 64
   */
  responded!: number;

  /**
   * Deliveries that missed their acknowledge deadline.
   * @example 5
   */
  overdue!: number;
}

/** One targeted post’s receipt, acknowledgement and response of a timeline inject. */
export class ReportDelivery implements contract.ReportDelivery {
  /**
   * @example "9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c"
   */
  deliveryId!: string;

  /**
   * @example "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  commandPostId!: string;

  /**
   * @example "BY-MCHS"
   */
  commandPostCode!: string;

  /**
   * @example 3
   */
  seq!: number;

  /**
   * @example "acknowledged"
   */
  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: contract.ReportDelivery['status'];

  /**
   * @example "2027-04-14T09:15:00.012Z"
   */
  firedAt!: string;

  /**
   * @example "2027-04-14T09:15:00.140Z"
   */
  deliveredAt!: string | null;

  /**
   * @example "2027-04-14T09:16:10.000Z"
   */
  acknowledgedAt!: string | null;

  /**
   * @example null
   */
  respondedAt!: string | null;

  /**
   * @example null
   */
  response!: string | null;

  /**
   * firedAt + the inject’s ackWithinSeconds; null when the inject sets no deadline.
   * @example "2027-04-14T09:20:00.012Z"
   */
  ackDeadlineAt!: string | null;

  /** The acknowledge deadline was missed (acknowledged late, or not at all once it had passed). */
  overdue!: boolean;

  /**
   * Seconds from firing, with millisecond precision.
   * @example 69.988
   */
  secondsToAcknowledge!: number | null;

  /**
   * @example null
   */
  secondsToRespond!: number | null;

  /**
   * For a contingency delivery: the delivery whose missed deadline released it.
   * @example null
   */
  releasedByDeliveryId!: string | null;

  /**
   * When an operator of the post first opened it (`inject:read`); null: never.
   * @example "2027-04-14T09:15:12.480Z"
   */
  readAt!: string | null;

  /**
   * Seconds from firing to the first read, with millisecond precision.
   * @example 12.468
   */
  secondsToRead!: number | null;
}

/** One inject of the exercise, in offset order, with what became of it at each targeted post. */
export class ReportTimelineEntry implements contract.ReportTimelineEntry {
  /**
   * @example "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b"
   */
  injectId!: string;

  /**
   * @example "INJ-1.2"
   */
  ref!: string;

  /**
   * @example 900
   */
  offsetSeconds!: number;

  /**
   * @example "Flood warning"
   */
  title!: string;

  /**
   * @example "immediate"
   */
  @ApiProperty({ enum: PRECEDENCES })
  precedence!: contract.ReportTimelineEntry['precedence'];

  /**
   * @example "Hydrometeorological centre"
   */
  from!: string;

  /**
   * @example "Warn the districts downstream"
   */
  expectedAction!: string;

  /**
   * @example "fired"
   */
  @ApiProperty({ enum: EXERCISE_INJECT_STATUSES })
  status!: contract.ReportTimelineEntry['status'];

  /**
   * @example "2027-04-14T09:15:00.000Z"
   */
  dueAt!: string | null;

  /**
   * @example "2027-04-14T09:15:00.012Z"
   */
  firedAt!: string | null;

  /**
   * Milliseconds between due time and firing (positive: late).
   * @example 12
   */
  latenessMs!: number | null;

  /**
   * @example 300
   */
  ackWithinSeconds!: number | null;

  /** Command post ids, as authored. */
  targets!: string[];

  /** The targets’ codes, in the same order. */
  targetCodes!: string[];

  contingency!: boolean;

  adHoc!: boolean;

  objectiveRefs!: string[];

  /**
   * @example 3
   */
  acknowledged!: number;

  /**
   * Posts that acknowledged by the deadline (any acknowledgement when the inject sets none).
   * @example 2
   */
  acknowledgedInTime!: number;

  /**
   * @example 1
   */
  responded!: number;

  /**
   * @example 1
   */
  overdue!: number;

  deliveries!: ReportDelivery[];
}

/** A post’s statistics (libs/domain/src/reports) with its code and name. */
export class ReportPostStatistics implements contract.ReportPostStatistics {
  /**
   * @example "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  commandPostId!: string;

  /**
   * @example "BY-MCHS"
   */
  code!: string;

  /**
   * @example "Ministry for Emergency Situations, duty service"
   */
  name!: string;

  /**
   * Injects released to the post (its deliveries).
   * @example 40
   */
  injects!: number;

  /**
   * @example 40
   */
  delivered!: number;

  /**
   * @example 39
   */
  acknowledged!: number;

  /**
   * @example 21
   */
  responded!: number;

  /**
   * Deliveries that missed their acknowledge deadline.
   * @example 2
   */
  overdue!: number;

  /**
   * @example 37
   */
  acknowledgedInTime!: number;

  /**
   * @example 48.5
   */
  medianSecondsToAcknowledge!: number | null;

  /**
   * @example 180.25
   */
  p90SecondsToAcknowledge!: number | null;

  /**
   * @example 600
   */
  medianSecondsToRespond!: number | null;

  /**
   * @example 1500.5
   */
  p90SecondsToRespond!: number | null;

  /**
   * @example 1800
   */
  maxSecondsToRespond!: number | null;

  /**
   * @example 240.5
   */
  maxSecondsToAcknowledge!: number | null;

  /**
   * Deliveries an operator of the post opened (`inject:read`).
   * @example 11
   */
  read!: number;

  /**
   * Firing to the first read (p50).
   * @example 8.5
   */
  medianSecondsToRead!: number | null;

  /**
   * @example 30.2
   */
  p90SecondsToRead!: number | null;

  /**
   * @example 95
   */
  maxSecondsToRead!: number | null;

  /**
   * Firing to the console's receipt (p50).
   * @example 0.042
   */
  medianSecondsToReceive!: number | null;

  /**
   * @example 0.08
   */
  p90SecondsToReceive!: number | null;

  /**
   * @example 1.2
   */
  maxSecondsToReceive!: number | null;

  /**
   * Contingency injects released to the post by its missed deadlines.
   * @example 1
   */
  contingenciesReleased!: number;
}

export class ReportMissedDeadline implements contract.ReportMissedDeadline {
  /**
   * @example "9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c"
   */
  deliveryId!: string;

  /**
   * @example "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b"
   */
  injectId!: string;

  /**
   * @example "INJ-1.2"
   */
  ref!: string;

  /**
   * @example 900
   */
  offsetSeconds!: number;

  /**
   * @example "Flood warning"
   */
  title!: string;

  /**
   * @example "immediate"
   */
  @ApiProperty({ enum: PRECEDENCES })
  precedence!: contract.ReportMissedDeadline['precedence'];

  /**
   * @example "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  commandPostId!: string;

  /**
   * @example "BY-MCHS"
   */
  commandPostCode!: string;

  /**
   * @example "2027-04-14T09:15:00.012Z"
   */
  firedAt!: string;

  /**
   * @example "2027-04-14T09:20:00.012Z"
   */
  deadlineAt!: string;

  /**
   * Null: never acknowledged.
   * @example "2027-04-14T09:22:30.000Z"
   */
  acknowledgedAt!: string | null;

  /**
   * How late the acknowledgement came; null when there was none.
   * @example 149.988
   */
  secondsLate!: number | null;
}

/** The analysis of one objective: its ratings per post, strengths and areas for improvement. */
export class ReportObjective implements contract.ReportObjective {
  /** @example "OBJ-1" */
  ref!: string;

  /** @example "Alert the duty services of every post within 15 minutes" */
  title!: string;

  /**
   * '' when the objective sets none.
   * @example "Within 15 minutes of the warning, every post has acknowledged it"
   */
  capabilityTarget!: string;

  /** @example ["Receive the warning", "Alert the posts"] */
  criticalTasks!: string[];

  /** Every current rating and the final ones, by post code (the final first), then evaluator. */
  ratings!: RatingView[];

  summary!: ObjectiveRatingSummaryView;

  /** Observations of kind strength naming the objective, in time order. */
  strengths!: ObservationView[];

  /** Observations of kind improvement naming the objective, in time order. */
  areasForImprovement!: ObservationView[];
}

/** One corrective action of the improvement plan. */
export class ReportImprovementAction implements contract.ImprovementActionView {
  /** @example "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" */
  id!: string;

  /** @example "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a" */
  exerciseId!: string;

  /** @example "Spring flood 2027, day 1" */
  exerciseTitle!: string;

  /** @example "OBJ-1" */
  objectiveRef!: string | null;

  /** @example "3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f" */
  observationId!: string | null;

  /** @example "Train the night duty shift on the alerting procedure" */
  action!: string;

  @ApiProperty({ enum: CAPABILITY_ELEMENTS, example: 'training' })
  capabilityElement!: contract.ImprovementActionView['capabilityElement'];

  /** @example "Ministry for Emergency Situations of Kazakhstan" */
  responsible!: string;

  /** @example "KZ" */
  memberState!: string | null;

  @ApiProperty({ enum: MINISTRIES, nullable: true, example: 'emergency' })
  ministry!: contract.ImprovementActionView['ministry'];

  /** @example null */
  commandPostId!: string | null;

  /** @example "Col. Ivanov, +7 717 000 00 00" */
  pointOfContact!: string | null;

  /** @example "2027-05-01" */
  startDate!: string | null;

  /** @example "2027-06-30" */
  dueDate!: string;

  @ApiProperty({ enum: IMPROVEMENT_STATUSES, example: 'open' })
  status!: contract.ImprovementActionView['status'];

  /**
   * Open or in progress past its due date (the server's UTC date).
   * @example false
   */
  overdue!: boolean;

  /** @example "2027-04-15T08:00:00.000Z" */
  createdAt!: string;

  /** @example "2027-04-15T08:00:00.000Z" */
  updatedAt!: string;
}

/** A text answer and the post that gave it. */
export class ReportFeedbackText {
  /** @example "KZ-MCHS" */
  commandPostCode!: string;

  /** @example "More injects for the night shift" */
  text!: string;
}

/** The question in the other language, when given. */
export class ReportFeedbackTranslations {
  /** @example "Насколько реалистичным был сценарий?" */
  ru?: string;

  /** @example "How realistic was the scenario?" */
  en?: string;
}

/** The answers to one question of the feedback form, aggregated. */
export class ReportFeedbackQuestion implements contract.FeedbackQuestionSummary {
  /** @example "realism" */
  questionId!: string;

  @ApiProperty({ enum: FEEDBACK_QUESTION_KINDS, example: 'rating' })
  kind!: contract.FeedbackQuestionSummary['kind'];

  /** @example "Насколько реалистичным был сценарий?" */
  text!: string;

  translations!: ReportFeedbackTranslations;

  /** @example 12 */
  answers!: number;

  /**
   * The mean of the ratings (three decimals); null without any.
   * @example 4.25
   */
  mean!: number | null;

  /** How many ratings of 1, 2, 3, 4 and 5. */
  @ApiProperty({ type: 'array', items: { type: 'number' }, minItems: 5, maxItems: 5, example: [0, 0, 2, 5, 5] })
  distribution!: number[];

  texts!: ReportFeedbackText[];
}

/** The participants' feedback, aggregated per question. */
export class ReportFeedback implements contract.ReportFeedback {
  /**
   * Operators who answered.
   * @example 12
   */
  responses!: number;

  /**
   * The posts they answered for.
   * @example 10
   */
  posts!: number;

  questions!: ReportFeedbackQuestion[];
}

export class ReportDutyWatch implements contract.ReportDutyWatch {
  /** @example "2027-04-14T05:00:00.000Z" */
  from!: string;

  /** @example "2027-04-14T17:00:00.000Z" */
  to!: string;
}

/** Which CRC duty shift handled what during the exercise. */
export class ReportDutyShift implements contract.ReportDutyShift {
  /** @example "3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d" */
  dutyShiftId!: string;

  /** @example "B" */
  code!: string;

  names!: BilingualNamesView;

  /**
   * Deliveries acknowledged while the shift was on duty.
   * @example 14
   */
  acknowledgements!: number;

  /**
   * Deliveries responded to while the shift was on duty.
   * @example 9
   */
  responses!: number;

  /**
   * Audit events of the exercise by a user while the shift was on duty.
   * @example 3
   */
  controlActions!: number;

  /** Its watches overlapping the exercise, in time order. */
  watches!: ReportDutyWatch[];
}

/**
 * The after-action report (`GET /api/exercises/:id/report?format=json`); the CSV and PDF forms are rendered from
 * the same model. Durations are seconds with millisecond precision, measured from the delivery’s firing.
 */
export class ExerciseReport implements contract.ExerciseReport {
  /**
   * The schema version of this JSON (docs/report-schema.md).
   * @example 2
   */
  @ApiProperty({ enum: [contract.REPORT_SCHEMA_VERSION] })
  schemaVersion!: typeof contract.REPORT_SCHEMA_VERSION;

  overview!: ReportOverview;

  totals!: ReportTotals;

  timeline!: ReportTimelineEntry[];

  postStatistics!: ReportPostStatistics[];

  /** In order of deadline. */
  missedDeadlines!: ReportMissedDeadline[];

  auditTrail!: AuditEventView[];

  /** The analysis per objective of the exercise. */
  objectives!: ReportObjective[];

  /** Every observation, in time order. */
  observations!: ObservationView[];

  improvementPlan!: ReportImprovementAction[];

  feedback!: ReportFeedback;

  /** Which CRC duty shift handled what, by code. */
  dutyShifts!: ReportDutyShift[];

  /** The duty communications between the CRC shift and the posts, in the order sent, with their receipts. */
  @ApiProperty({ type: [DutyMessageView] })
  dutyMessages!: DutyMessageView[];

  /**
   * @example "2027-04-14T13:05:00.000Z"
   */
  generatedAt!: string;
}
