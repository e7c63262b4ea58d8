import { computeReportStatistics, type DeliveryStatus, type ExerciseInjectStatus, type Precedence, type StatisticsDelivery } from '@excon/domain';
import {
  REPORT_SCHEMA_VERSION,
  type AuditEventView,
  type ExerciseReport,
  type ReportDelivery,
  type ReportMissedDeadline,
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
  seq: number;
  status: DeliveryStatus;
  response: string | null;
  releasedByDeliveryId: string | null;
}

/** Everything but the deliveries, which follow in pages. */
export interface ReportHeader {
  overview: ExerciseReport['overview'];
  /** The time deadlines are judged against: ENDEX for a completed exercise, now otherwise (epoch ms). */
  asOf: number;
  generatedAt: string;
  /** In MSEL order (offset, then ref). */
  injects: ReportSourceInject[];
  auditTrail: AuditEventView[];
}

function isoOf(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * The after-action report from its sources: statistics by the domain (libs/domain/src/reports), the
 * timeline in MSEL order with each inject's deliveries by post code, the missed deadlines by deadline.
 * Pure, and linear in the deliveries: it runs in a render worker, never on the loop that fires injects.
 */
export function buildExerciseReport(header: ReportHeader, deliveries: readonly ReportSourceDelivery[]): ExerciseReport {
  const { overview, injects } = header;
  const posts = overview.posts;
  const codeOf = new Map(posts.map((p) => [p.id, p.code]));
  const nameOf = new Map(posts.map((p) => [p.id, p.name]));
  const code = (postId: string) => codeOf.get(postId) ?? postId;
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

  const timeline = injects.map((inject): ReportTimelineEntry => {
    const perInject = injectStats.get(inject.id);
    const own = (byInject.get(inject.id) ?? [])
      .map((d): ReportDelivery => {
        const outcome = stats.deliveries.get(d.id);
        return {
          deliveryId: d.id,
          commandPostId: d.commandPostId,
          commandPostCode: code(d.commandPostId),
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
        };
      })
      .sort((a, b) => a.commandPostCode.localeCompare(b.commandPostCode));
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
      deliveries: own,
    };
  });

  const missedDeadlines = timeline
    .flatMap((entry) =>
      entry.deliveries
        .filter((d) => d.overdue)
        .map((d): ReportMissedDeadline => ({
          deliveryId: d.deliveryId,
          injectId: entry.injectId,
          ref: entry.ref,
          offsetSeconds: entry.offsetSeconds,
          title: entry.title,
          precedence: entry.precedence,
          commandPostId: d.commandPostId,
          commandPostCode: d.commandPostCode,
          firedAt: d.firedAt,
          deadlineAt: d.ackDeadlineAt as string,
          acknowledgedAt: d.acknowledgedAt,
          secondsLate: stats.deliveries.get(d.deliveryId)?.secondsLate ?? null,
        })),
    )
    .sort((a, b) => a.deadlineAt.localeCompare(b.deadlineAt) || a.commandPostCode.localeCompare(b.commandPostCode));

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    overview,
    totals: stats.totals,
    timeline,
    postStatistics: stats.posts.map(({ commandPostId, ...figures }) => ({
      commandPostId,
      code: code(commandPostId),
      name: nameOf.get(commandPostId) ?? '',
      ...figures,
    })),
    missedDeadlines,
    auditTrail: header.auditTrail,
    // Filled from the evaluation tables by the report pipeline (issue 11).
    objectives: [],
    observations: [],
    improvementPlan: [],
    feedback: { responses: 0, posts: 0, questions: [] },
    generatedAt: header.generatedAt,
  };
}
