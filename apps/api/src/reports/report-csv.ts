import { formatScenarioTime } from '@excon/domain';
import type { ExerciseReport, ReportCsvTable, ReportMissedDeadline, ReportPostStatistics } from '@excon/contracts';

/** The columns of `table=deliveries` (the default), one row per delivery in timeline order. */
export const REPORT_CSV_COLUMNS = [
  'inject_ref',
  'offset',
  'title',
  'precedence',
  'post_code',
  'fired_at',
  'delivered_at',
  'acknowledged_at',
  'responded_at',
  'overdue',
  'seconds_to_acknowledge',
  'seconds_to_respond',
  'response',
  'seconds_to_receive',
  'contingency_released_by',
  'read_at',
  'seconds_to_read',
] as const;

/** The columns of every CSV table (docs/report-schema.md). */
export const REPORT_CSV_TABLE_COLUMNS: Record<ReportCsvTable, readonly string[]> = {
  deliveries: REPORT_CSV_COLUMNS,
  posts: [
    'post_code',
    'post_name',
    'injects',
    'delivered',
    'acknowledged',
    'acknowledged_in_time',
    'responded',
    'missed_deadlines',
    'contingencies_released',
    'p50_seconds_to_receive',
    'p90_seconds_to_receive',
    'max_seconds_to_receive',
    'p50_seconds_to_acknowledge',
    'p90_seconds_to_acknowledge',
    'max_seconds_to_acknowledge',
    'p50_seconds_to_respond',
    'p90_seconds_to_respond',
    'max_seconds_to_respond',
    'read',
    'p50_seconds_to_read',
    'p90_seconds_to_read',
    'max_seconds_to_read',
  ],
  'missed-deadlines': ['inject_ref', 'offset', 'title', 'precedence', 'post_code', 'fired_at', 'deadline_at', 'acknowledged_at', 'seconds_late'],
  observations: ['observed_at', 'scenario_time', 'kind', 'author', 'objective_refs', 'post_codes', 'inject_ref', 'text'],
  ratings: ['objective_ref', 'objective_title', 'post_code', 'rating', 'final', 'evaluator', 'rationale', 'updated_at'],
  'improvement-plan': [
    'objective_ref',
    'action',
    'capability_element',
    'responsible',
    'member_state',
    'ministry',
    'post_code',
    'point_of_contact',
    'start_date',
    'due_date',
    'status',
    'overdue',
  ],
  feedback: ['question_id', 'kind', 'question', 'answers', 'mean', 'rated_1', 'rated_2', 'rated_3', 'rated_4', 'rated_5', 'texts'],
};

/** Byte order mark: without it Excel reads UTF-8 as the local code page and garbles Cyrillic. */
export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

/**
 * One field as RFC 4180 wants it, safe in Excel whatever its list separator: quoted when it holds a
 * comma, a semicolon (the separator of ru, kz, de locales), a quote or a line break, quotes doubled.
 * Text that a spreadsheet would take for a formula gets an apostrophe in front: at the start of the
 * field (=, +, -, @, tab or CR first), and after every "," or ";" that (past white space and quotes) is followed by
 * =, +, - or @: an Excel that splits this comma file on semicolons (and does not honour the quotes across
 * them) still finds no cell that starts a formula.
 * Numbers are written as they are.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = value.replace(/^(?=[\t\r])/, "'").replace(/(^|[,;])(?=["\t\r\n ]*[=+\-@])/g, "$1'");
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record (no line end). */
export function csvRecord(values: readonly (string | number | boolean | null)[]): string {
  return values.map(csvField).join(',');
}

/** The first line of a table: the BOM and the column names. */
export function csvHead(table: ReportCsvTable): string {
  return CSV_BOM + REPORT_CSV_TABLE_COLUMNS[table].join(',') + CSV_EOL;
}

export function postStatisticsRecord(p: ReportPostStatistics): string {
  return csvRecord([
    p.code,
    p.name,
    p.injects,
    p.delivered,
    p.acknowledged,
    p.acknowledgedInTime,
    p.responded,
    p.overdue,
    p.contingenciesReleased,
    p.medianSecondsToReceive,
    p.p90SecondsToReceive,
    p.maxSecondsToReceive,
    p.medianSecondsToAcknowledge,
    p.p90SecondsToAcknowledge,
    p.maxSecondsToAcknowledge,
    p.medianSecondsToRespond,
    p.p90SecondsToRespond,
    p.maxSecondsToRespond,
    p.read,
    p.medianSecondsToRead,
    p.p90SecondsToRead,
    p.maxSecondsToRead,
  ]);
}

export function missedDeadlineRecord(m: ReportMissedDeadline): string {
  return csvRecord([
    m.ref,
    formatScenarioTime(m.offsetSeconds),
    m.title,
    m.precedence,
    m.commandPostCode,
    m.firedAt,
    m.deadlineAt,
    m.acknowledgedAt,
    m.secondsLate,
  ]);
}

/**
 * The records of a table that needs no pass over the deliveries (observations, ratings, improvement plan,
 * feedback), from the report's evaluation sections.
 */
export function evaluationRecords(
  report: Pick<ExerciseReport, 'overview' | 'objectives' | 'observations' | 'improvementPlan' | 'feedback' | 'timeline'>,
  table: ReportCsvTable,
): string[] {
  const codeOf = new Map(report.overview.posts.map((p) => [p.id, p.code]));
  const code = (id: string | null) => (id === null ? null : (codeOf.get(id) ?? id));
  const refOf = new Map(report.timeline.map((e) => [e.injectId, e.ref]));
  switch (table) {
    case 'observations':
      return report.observations.map((o) =>
        csvRecord([
          o.observedAt,
          formatScenarioTime(Math.floor(o.scenarioSeconds)),
          o.kind,
          o.authorName,
          o.objectiveRefs.join('; '),
          o.commandPostIds.map((id) => code(id) as string).join('; '),
          o.exerciseInjectId === null ? null : (refOf.get(o.exerciseInjectId) ?? o.exerciseInjectId),
          o.text,
        ]),
      );
    case 'ratings':
      return report.objectives.flatMap((objective) =>
        objective.ratings.map((r) =>
          csvRecord([r.objectiveRef, objective.title, code(r.commandPostId), r.rating, r.final, r.evaluatorName, r.rationale, r.updatedAt]),
        ),
      );
    case 'improvement-plan':
      return report.improvementPlan.map((a) =>
        csvRecord([
          a.objectiveRef,
          a.action,
          a.capabilityElement,
          a.responsible,
          a.memberState,
          a.ministry,
          code(a.commandPostId),
          a.pointOfContact,
          a.startDate,
          a.dueDate,
          a.status,
          a.overdue,
        ]),
      );
    case 'feedback':
      return report.feedback.questions.map((q) =>
        csvRecord([
          q.questionId,
          q.kind,
          q.text,
          q.answers,
          q.mean,
          ...q.distribution,
          q.texts.map((x) => `${x.commandPostCode}: ${x.text}`).join('\n'),
        ]),
      );
    default:
      throw new Error(`the ${table} table is written from the deliveries`);
  }
}

/** A whole CSV table of a report built in memory (the model the stream follows; tests and small reports). */
export function renderReportCsv(report: ExerciseReport, table: ReportCsvTable = 'deliveries'): Buffer {
  const lines: string[] = [];
  switch (table) {
    case 'deliveries':
      for (const entry of report.timeline) {
        const offset = formatScenarioTime(entry.offsetSeconds);
        for (const d of entry.deliveries) {
          lines.push(
            csvRecord([
              entry.ref,
              offset,
              entry.title,
              entry.precedence,
              d.commandPostCode,
              d.firedAt,
              d.deliveredAt,
              d.acknowledgedAt,
              d.respondedAt,
              d.overdue,
              d.secondsToAcknowledge,
              d.secondsToRespond,
              d.response,
              d.deliveredAt === null ? null : Math.round(Date.parse(d.deliveredAt) - Date.parse(d.firedAt)) / 1000,
              d.releasedByDeliveryId,
              d.readAt,
              d.secondsToRead,
            ]),
          );
        }
      }
      break;
    case 'posts':
      lines.push(...report.postStatistics.map(postStatisticsRecord));
      break;
    case 'missed-deadlines':
      lines.push(...report.missedDeadlines.map(missedDeadlineRecord));
      break;
    default:
      lines.push(...evaluationRecords(report, table));
  }
  return Buffer.from(csvHead(table) + lines.map((l) => l + CSV_EOL).join(''), 'utf8');
}
