import { ApiProperty } from '@nestjs/swagger';
import { MISSION_AREAS, PRECEDENCES } from '@excon/domain';
import { DELIVERY_STATUSES, EXERCISE_INJECT_STATUSES, EXERCISE_STATUSES } from '@excon/domain';
import * as contract from '@excon/contracts';
import { CommandPostView } from '../command-posts/command-post.view';
import { AuditEventView } from '../exercises/audit-event.view';
import { Objective } from '../scenarios/scenario.view';

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

  objectives!: contract.ReportObjective[];

  observations!: contract.ObservationView[];

  improvementPlan!: contract.ImprovementActionView[];

  feedback!: contract.ReportFeedback;

  /**
   * @example "2027-04-14T13:05:00.000Z"
   */
  generatedAt!: string;
}
