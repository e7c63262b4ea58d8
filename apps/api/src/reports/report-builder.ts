import {
  computeReportStatistics,
  summariseFeedback,
  summariseRatings,
  type DeliveryOutcome,
  type DeliveryStatus,
  type ExerciseInjectStatus,
  type FeedbackAnswer,
  type FeedbackQuestion,
  type InjectStatistics,
  type Objective,
  type PostStatistics,
  type Precedence,
  type StatisticsDelivery,
} from '@excon/domain';
import {
  REPORT_SCHEMA_VERSION,
  type AuditEventView,
  type CommandPostView,
  type DutyMessage,
  type ExerciseReport,
  type ImprovementActionView,
  type ObservationView,
  type RatingView,
  type ReportDelivery,
  type ReportDutyShift,
  type ReportFeedback,
  type ReportMissedDeadline,
  type ReportObjective,
  type ReportPostStatistics,
  type ReportTimelineEntry,
} from '@excon/contracts';

/**
 * What the report is made of, in the compact form the main thread hands a render worker: plain
 * numbers for times (epoch ms, as PostgreSQL computed them), no Dates, only the columns the report uses.
 */
export interface ReportSourceInject {
  id: string;
  ref: string;
  offsetSeconds: number;
  title: string;
  precedence: Precedence;
  from: string;
  expectedAction: string;
  status: ExerciseInjectStatus;
  dueAt: number | null;
  firedAt: number | null;
  latenessMs: number | null;
  ackWithinSeconds: number | null;
  targets: string[];
  contingency: boolean;
  adHoc: boolean;
  objectiveRefs: string[];
}

/** One delivery: what the statistics read, plus what the timeline shows. */
export interface ReportSourceDelivery extends StatisticsDelivery {
  readAt: number | null;
  seq: number;
  status: DeliveryStatus;
  response: string | null;
  releasedByDeliveryId: string | null;
}

/** What the evaluation tables hold for the report (read by the main thread: a few thousand rows at most). */
export interface ReportEvaluationSources {
  /** Current and final ratings, in any order. */
  ratings: RatingView[];
  /** In time order. */
  observations: ObservationView[];
  improvementPlan: ImprovementActionView[];
  feedbackQuestions: FeedbackQuestion[];
  feedbackResponses: { commandPostId: string; answers: FeedbackAnswer[] }[];
}

/** Everything but the deliveries, which the render worker streams from PostgreSQL itself. */
export interface ReportHeader {
  overview: ExerciseReport['overview'];
  /** The time deadlines are judged against: ENDEX for a completed exercise, now otherwise (epoch ms). */
  asOf: number;
  generatedAt: string;
  /** In MSEL order (offset, then ref). */
  injects: ReportSourceInject[];
  auditTrail: AuditEventView[];
  /** Which duty shift handled what (by code); absent: none. */
  dutyShifts?: ReportDutyShift[];
  /** The duty messages in the order sent; absent: none. */
  dutyMessages?: DutyMessage[];
  /** Absent: no evaluation yet (empty sections). */
  evaluation?: ReportEvaluationSources;
}

/** The report's sections that come from the evaluation, ready to write. */
export type ReportEvaluationSections = Pick<ExerciseReport, 'objectives' | 'observations' | 'improvementPlan' | 'feedback'>;

export function isoOf(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Post id → code, falling back to the id for a post that is gone. */
export function postCoder(posts: readonly CommandPostView[]): (postId: string) => string {
  const codeOf = new Map(posts.map((p) => [p.id, p.code]));
  return (postId) => codeOf.get(postId) ?? postId;
}

/** One delivery as the timeline shows it. */
export function toReportDelivery(d: ReportSourceDelivery, commandPostCode: string, outcome: DeliveryOutcome | null | undefined): ReportDelivery {
  return {
    deliveryId: d.id,
    commandPostId: d.commandPostId,
    commandPostCode,
    seq: d.seq,
    status: d.status,
    firedAt: isoOf(d.firedAt) as string,
    deliveredAt: isoOf(d.deliveredAt),
    acknowledgedAt: isoOf(d.acknowledgedAt),
    respondedAt: isoOf(d.respondedAt),
    response: d.response,
    ackDeadlineAt: outcome ? isoOf(outcome.deadlineAt) : null,
    overdue: outcome?.missedDeadline ?? false,
    secondsToAcknowledge: outcome?.secondsToAcknowledge ?? null,
    secondsToRespond: outcome?.secondsToRespond ?? null,
    releasedByDeliveryId: d.releasedByDeliveryId,
    readAt: isoOf(d.readAt),
    secondsToRead: outcome?.secondsToRead ?? null,
  };
}

/** The timeline entry of one inject, with its counts and the deliveries given (all of them, or none in a document's report). */
export function toTimelineEntry(
  inject: ReportSourceInject,
  code: (postId: string) => string,
  perInject: InjectStatistics | undefined,
  deliveries: ReportDelivery[],
): ReportTimelineEntry {
  return {
    injectId: inject.id,
    ref: inject.ref,
    offsetSeconds: inject.offsetSeconds,
    title: inject.title,
    precedence: inject.precedence,
    from: inject.from,
    expectedAction: inject.expectedAction,
    status: inject.status,
    dueAt: isoOf(inject.dueAt),
    firedAt: isoOf(inject.firedAt),
    latenessMs: inject.latenessMs,
    ackWithinSeconds: inject.ackWithinSeconds,
    targets: inject.targets,
    targetCodes: inject.targets.map(code),
    contingency: inject.contingency,
    adHoc: inject.adHoc,
    objectiveRefs: inject.objectiveRefs,
    acknowledged: perInject?.acknowledged ?? 0,
    acknowledgedInTime: perInject?.acknowledgedInTime ?? 0,
    responded: perInject?.responded ?? 0,
    overdue: perInject?.overdue ?? 0,
    deliveries,
  };
}

/** A missed deadline of one delivery (its outcome says missedDeadline). */
export function toMissedDeadline(
  inject: ReportSourceInject,
  d: ReportSourceDelivery,
  commandPostCode: string,
  outcome: DeliveryOutcome,
): ReportMissedDeadline {
  return {
    deliveryId: d.id,
    injectId: inject.id,
    ref: inject.ref,
    offsetSeconds: inject.offsetSeconds,
    title: inject.title,
    precedence: inject.precedence,
    commandPostId: d.commandPostId,
    commandPostCode,
    firedAt: isoOf(d.firedAt) as string,
    deadlineAt: isoOf(outcome.deadlineAt) as string,
    acknowledgedAt: isoOf(d.acknowledgedAt),
    secondsLate: outcome.secondsLate,
  };
}

/** By deadline, then post code. */
export function compareMissedDeadlines(a: ReportMissedDeadline, b: ReportMissedDeadline): number {
  return a.deadlineAt.localeCompare(b.deadlineAt) || a.commandPostCode.localeCompare(b.commandPostCode);
}

/** The posts' figures with their codes and names. */
export function toPostStatistics(posts: readonly CommandPostView[], figures: readonly PostStatistics[]): ReportPostStatistics[] {
  const code = postCoder(posts);
  const nameOf = new Map(posts.map((p) => [p.id, p.name]));
  return figures.map(({ commandPostId, ...rest }) => ({ commandPostId, code: code(commandPostId), name: nameOf.get(commandPostId) ?? '', ...rest }));
}

/**
 * The evaluation's sections: per objective of the exercise (its frozen copy) the ratings by post code
 * (the final one first, then by evaluator), the summary across posts, and the strengths and areas for
 * improvement that name it; every observation in time order; the improvement plan; the feedback per question.
 */
export function evaluationSections(overview: ExerciseReport['overview'], sources: ReportEvaluationSources | undefined): ReportEvaluationSections {
  const code = postCoder(overview.posts);
  const ratings = [...(sources?.ratings ?? [])].sort(
    (a, b) =>
      code(a.commandPostId).localeCompare(code(b.commandPostId)) ||
      Number(b.final) - Number(a.final) ||
      a.evaluatorName.localeCompare(b.evaluatorName) ||
      a.evaluatorId.localeCompare(b.evaluatorId),
  );
  const observations = sources?.observations ?? [];
  const objectives: Objective[] = overview.objectives;
  const summaries = summariseRatings(
    objectives.map((o) => o.ref),
    ratings,
  );
  const naming = (ref: string, kind: ObservationView['kind']) => observations.filter((o) => o.kind === kind && o.objectiveRefs.includes(ref));
  const objectiveSections = objectives.map((objective, index): ReportObjective => ({
    ref: objective.ref,
    title: objective.title,
    capabilityTarget: objective.capabilityTarget ?? '',
    criticalTasks: objective.criticalTasks ?? [],
    ratings: ratings.filter((r) => r.objectiveRef === objective.ref),
    summary: summaries[index],
    strengths: naming(objective.ref, 'strength'),
    areasForImprovement: naming(objective.ref, 'improvement'),
  }));
  const responses = sources?.feedbackResponses ?? [];
  const feedback: ReportFeedback = {
    responses: responses.length,
    posts: new Set(responses.map((r) => r.commandPostId)).size,
    questions: summariseFeedback(
      sources?.feedbackQuestions ?? [],
      responses.map((r) => ({ commandPostCode: code(r.commandPostId), answers: r.answers })),
    ),
  };
  return { objectives: objectiveSections, observations, improvementPlan: sources?.improvementPlan ?? [], feedback };
}

/**
 * The after-action report from its sources: statistics by the domain (libs/domain/src/reports), the
 * timeline in MSEL order with each inject's deliveries by post code, the missed deadlines by deadline.
 * Pure, and linear in the deliveries. The model of what the render worker streams (report-stream.ts),
 * which gives the same JSON in one pass over deliveries read in timeline order.
 */
export function buildExerciseReport(header: ReportHeader, deliveries: readonly ReportSourceDelivery[]): ExerciseReport {
  const { overview, injects } = header;
  const posts = overview.posts;
  const code = postCoder(posts);
  const stats = computeReportStatistics(
    injects.map((i) => ({ id: i.id, status: i.status, targets: i.targets, ackWithinSeconds: i.ackWithinSeconds })),
    deliveries,
    { asOf: header.asOf, postIds: posts.map((p) => p.id) },
  );
  const injectStats = new Map(stats.injects.map((s) => [s.injectId, s]));
  const byInject = new Map<string, ReportSourceDelivery[]>();
  for (const d of deliveries) {
    const list = byInject.get(d.injectId);
    if (list) list.push(d);
    else byInject.set(d.injectId, [d]);
  }
  const missedDeadlines: ReportMissedDeadline[] = [];
  const timeline = injects.map((inject): ReportTimelineEntry => {
    const own = (byInject.get(inject.id) ?? [])
      .map((d) => {
        const outcome = stats.deliveries.get(d.id);
        if (outcome?.missedDeadline) missedDeadlines.push(toMissedDeadline(inject, d, code(d.commandPostId), outcome));
        return toReportDelivery(d, code(d.commandPostId), outcome);
      })
      .sort((a, b) => a.commandPostCode.localeCompare(b.commandPostCode));
    return toTimelineEntry(inject, code, injectStats.get(inject.id), own);
  });
  missedDeadlines.sort(compareMissedDeadlines);

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    overview,
    totals: stats.totals,
    timeline,
    postStatistics: toPostStatistics(posts, stats.posts),
    missedDeadlines,
    auditTrail: header.auditTrail,
    ...evaluationSections(overview, header.evaluation),
    dutyShifts: header.dutyShifts ?? [],
    dutyMessages: header.dutyMessages ?? [],
    generatedAt: header.generatedAt,
  };
}
