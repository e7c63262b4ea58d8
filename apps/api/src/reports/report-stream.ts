import { formatScenarioTime, ReportStatisticsAccumulator, type DeliveryOutcome } from '@excon/domain';
import {
  REPORT_SCHEMA_VERSION,
  type ExerciseReport,
  type ReportCsvTable,
  type ReportDelivery,
  type ReportFormat,
  type ReportMissedDeadline,
  type ReportTimelineEntry,
} from '@excon/contracts';
import {
  compareMissedDeadlines,
  evaluationSections,
  isoOf,
  postCoder,
  toMissedDeadline,
  toPostStatistics,
  toReportDelivery,
  toTimelineEntry,
  type ReportHeader,
  type ReportSourceDelivery,
  type ReportSourceInject,
} from './report-builder';
import { CSV_EOL, csvField, csvHead, evaluationRecords, missedDeadlineRecord, postStatisticsRecord } from './report-csv';

/** Where the streamed text goes: `push` takes a piece, `drain` is awaited between batches (it may flush and wait). */
export interface ReportOutput {
  push(text: string): void;
  drain(): Promise<void>;
}

/** Past this many deliveries, a document's report (PDF, DOCX) lists none of them: only the counts per inject. */
export const DOCUMENT_DELIVERY_LIMIT = 20_000;

/** What a render produces: text streamed to `output` (JSON, CSV), or a report model for a document. */
export type StreamResult = { kind: 'streamed' } | { kind: 'model'; report: ExerciseReport };

/**
 * One pass over an exercise's deliveries, read in timeline order (inject offset, ref, id, then post code:
 * the order the worker's query gives), that writes the JSON report or a CSV table as it goes and keeps only
 * what cannot be written before the end: the statistics (ReportStatisticsAccumulator) and the missed
 * deadlines. The JSON is the one buildExerciseReport models (the same values), with its keys in another
 * order: everything known up front, then `timeline` (each entry's counts after its deliveries), then
 * `totals`, `postStatistics` and `missedDeadlines`.
 *
 * For `pdf`/`docx` it writes nothing and gives back the report model with each timeline entry's counts;
 * the deliveries themselves are listed only up to DOCUMENT_DELIVERY_LIMIT (missedDeadlines stays complete).
 */
export async function streamReport(
  header: ReportHeader,
  format: ReportFormat,
  table: ReportCsvTable,
  batches: AsyncIterable<readonly ReportSourceDelivery[]>,
  output: ReportOutput,
): Promise<StreamResult> {
  const { overview, injects } = header;
  const code = postCoder(overview.posts);
  const evaluation = evaluationSections(overview, header.evaluation);
  const csv = format === 'csv';
  const json = format === 'json';
  const documents = !csv && !json;

  if (csv) output.push(csvHead(table));
  if (csv && table !== 'deliveries' && table !== 'posts' && table !== 'missed-deadlines') {
    // The evaluation's tables need no delivery.
    const records = evaluationRecords({ overview, ...evaluation, timeline: injects.map((i) => toTimelineEntry(i, code, undefined, [])) }, table);
    for (const record of records) output.push(record + CSV_EOL);
    await output.drain();
    return { kind: 'streamed' };
  }
  const csvDeliveries = csv && table === 'deliveries';

  const stats = new ReportStatisticsAccumulator(
    injects.map((i) => ({ id: i.id, status: i.status, targets: i.targets, ackWithinSeconds: i.ackWithinSeconds })),
    { asOf: header.asOf, postIds: overview.posts.map((p) => p.id) },
  );
  const missed: ReportMissedDeadline[] = [];
  const entries: ReportTimelineEntry[] = [];
  let documentDeliveries = 0;
  const listDeliveries = () => documents && documentDeliveries <= DOCUMENT_DELIVERY_LIMIT;

  if (json) {
    const { objectives, observations, improvementPlan, feedback } = evaluation;
    output.push(
      `{"schemaVersion":${REPORT_SCHEMA_VERSION},"overview":${JSON.stringify(overview)},"generatedAt":${JSON.stringify(header.generatedAt)},` +
        `"auditTrail":${JSON.stringify(header.auditTrail)},"objectives":${JSON.stringify(objectives)},"observations":${JSON.stringify(observations)},` +
        `"improvementPlan":${JSON.stringify(improvementPlan)},"feedback":${JSON.stringify(feedback)},"dutyShifts":${JSON.stringify(header.dutyShifts ?? [])},` +
        `"dutyMessages":${JSON.stringify(header.dutyMessages ?? [])},"timeline":[`,
    );
  }

  // Per post: its code as JSON and as a CSV field, worked out once.
  const jsonCode = new Map<string, string>();
  const csvCode = new Map<string, string>();
  const cached = (cache: Map<string, string>, postId: string, make: (code: string) => string): string => {
    let value = cache.get(postId);
    if (value === undefined) {
      value = make(code(postId));
      cache.set(postId, value);
    }
    return value;
  };
  const codeJson = (postId: string) => cached(jsonCode, postId, (c) => JSON.stringify(c));
  const codeCsv = (postId: string) => cached(csvCode, postId, csvField);

  let next = 0; // the next inject of `injects` to open
  let current: ReportSourceInject | null = null;
  let currentDeliveries: ReportDelivery[] = [];
  let csvPrefix = '';
  let firstDelivery = true;

  const open = (inject: ReportSourceInject) => {
    current = inject;
    currentDeliveries = [];
    firstDelivery = true;
    if (json) {
      const { acknowledged, acknowledgedInTime, responded, overdue, deliveries, ...fixed } = toTimelineEntry(inject, code, undefined, []);
      void [acknowledged, acknowledgedInTime, responded, overdue, deliveries];
      const text = JSON.stringify(fixed);
      output.push(`${next > 0 ? ',' : ''}${text.slice(0, -1)},"deliveries":[`);
    }
    if (csvDeliveries)
      csvPrefix = `${csvField(inject.ref)},${csvField(formatScenarioTime(inject.offsetSeconds))},${csvField(inject.title)},${inject.precedence},`;
    next += 1;
  };
  const close = () => {
    const inject = current;
    if (!inject) return;
    const counts = stats.injectFigures(inject.id);
    if (json)
      output.push(
        `],"acknowledged":${counts?.acknowledged ?? 0},"acknowledgedInTime":${counts?.acknowledgedInTime ?? 0},"responded":${counts?.responded ?? 0},"overdue":${counts?.overdue ?? 0}}`,
      );
    if (documents) entries.push(toTimelineEntry(inject, code, counts, currentDeliveries));
    current = null;
  };
  /** Opens (and closes) injects up to the one with this id; false when it is not among those left. */
  const advanceTo = (injectId: string): boolean => {
    if (current?.id === injectId) return true;
    let k = next;
    while (k < injects.length && injects[k].id !== injectId) k += 1;
    if (k >= injects.length) return false;
    while (next <= k) {
      close();
      open(injects[next]);
    }
    return true;
  };

  const writeDelivery = (d: ReportSourceDelivery, outcome: DeliveryOutcome) => {
    if (json) {
      output.push(
        `${firstDelivery ? '' : ','}{"deliveryId":"${d.id}","commandPostId":"${d.commandPostId}","commandPostCode":${codeJson(d.commandPostId)},"seq":${d.seq},"status":"${d.status}",` +
          `"firedAt":"${isoOf(d.firedAt)}","deliveredAt":${quoted(isoOf(d.deliveredAt))},"acknowledgedAt":${quoted(isoOf(d.acknowledgedAt))},` +
          `"respondedAt":${quoted(isoOf(d.respondedAt))},"response":${d.response === null ? 'null' : JSON.stringify(d.response)},` +
          `"ackDeadlineAt":${quoted(isoOf(outcome.deadlineAt))},"overdue":${outcome.missedDeadline},"secondsToAcknowledge":${outcome.secondsToAcknowledge},` +
          `"secondsToRespond":${outcome.secondsToRespond},"releasedByDeliveryId":${quoted(d.releasedByDeliveryId)},` +
          `"readAt":${quoted(isoOf(d.readAt))},"secondsToRead":${outcome.secondsToRead}}`,
      );
      firstDelivery = false;
    } else if (csvDeliveries) {
      output.push(
        `${csvPrefix}${codeCsv(d.commandPostId)},${isoOf(d.firedAt)},${isoOf(d.deliveredAt) ?? ''},${isoOf(d.acknowledgedAt) ?? ''},${isoOf(d.respondedAt) ?? ''},` +
          `${outcome.missedDeadline ? 'yes' : 'no'},${outcome.secondsToAcknowledge ?? ''},${outcome.secondsToRespond ?? ''},${d.response === null ? '' : csvField(d.response)},` +
          `${outcome.secondsToReceive ?? ''},${d.releasedByDeliveryId ?? ''},${isoOf(d.readAt) ?? ''},${outcome.secondsToRead ?? ''}${CSV_EOL}`,
      );
    } else if (documents) {
      documentDeliveries += 1;
      if (listDeliveries()) currentDeliveries.push(toReportDelivery(d, code(d.commandPostId), outcome));
    }
  };

  for await (const batch of batches) {
    for (const d of batch) {
      // A delivery out of timeline order or of an inject not in the header would break the one pass: refuse it.
      if (!advanceTo(d.injectId)) throw new Error(`delivery ${d.id} is not in timeline order (inject ${d.injectId})`);
      const outcome = stats.add(d) as DeliveryOutcome;
      if (outcome.missedDeadline) missed.push(toMissedDeadline(current as unknown as ReportSourceInject, d, code(d.commandPostId), outcome));
      writeDelivery(d, outcome);
    }
    await output.drain();
  }
  while (next < injects.length) {
    close();
    open(injects[next]);
  }
  close();
  missed.sort(compareMissedDeadlines);
  const figures = stats.finish();
  const postStatistics = toPostStatistics(overview.posts, figures.posts);

  if (json) {
    output.push(`],"totals":${JSON.stringify(figures.totals)},"postStatistics":${JSON.stringify(postStatistics)},"missedDeadlines":[`);
    missed.forEach((m, i) => output.push((i ? ',' : '') + JSON.stringify(m)));
    output.push(']}');
  } else if (csv && table === 'posts') for (const p of postStatistics) output.push(postStatisticsRecord(p) + CSV_EOL);
  else if (csv && table === 'missed-deadlines') for (const m of missed) output.push(missedDeadlineRecord(m) + CSV_EOL);
  await output.drain();
  if (!documents) return { kind: 'streamed' };
  if (!listDeliveries()) for (const entry of entries) entry.deliveries = [];
  return {
    kind: 'model',
    report: {
      schemaVersion: REPORT_SCHEMA_VERSION,
      overview,
      totals: figures.totals,
      timeline: entries,
      postStatistics,
      missedDeadlines: missed,
      auditTrail: header.auditTrail,
      ...evaluation,
      dutyShifts: header.dutyShifts ?? [],
      dutyMessages: header.dutyMessages ?? [],
      generatedAt: header.generatedAt,
    },
  };
}

function quoted(value: string | null): string {
  return value === null ? 'null' : `"${value}"`;
}
