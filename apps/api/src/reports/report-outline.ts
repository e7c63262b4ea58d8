import { formatScenarioTime, type Rating } from '@excon/domain';
import type { ExerciseReport, ObservationView, ReportObjective } from '@excon/contracts';
import {
  RATING_COLOR,
  RATING_LABEL,
  objectiveRatingsChart,
  postRatings,
  responseTimesChart,
  timelineBuckets,
  timelineChart,
  type Chart,
} from './report-charts';

/**
 * The after-action report in HSEEP's AAR/IP structure as a list of document-neutral blocks (headings,
 * paragraphs, label–value facts, tables, charts), which the PDF (report-pdf.ts) and the DOCX
 * (report-docx.ts) renderers each draw in their own way: one place decides what the AAR says, in which
 * order and how much of it. Long lists are capped (the CSV carries every row), so a report of a million
 * deliveries stays a document of sane length. Written in English; names and texts keep their language.
 */
export type OutlineBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; tone?: 'muted' | 'bold' | 'warning' }
  | { kind: 'facts'; rows: readonly (readonly [string, string])[] }
  | { kind: 'bullets'; items: readonly string[] }
  | { kind: 'table'; columns: readonly OutlineColumn[]; rows: readonly (readonly OutlineCell[])[]; size?: 'small' | 'normal' }
  | { kind: 'chart'; chart: Chart }
  | { kind: 'pageBreak' };

export interface OutlineColumn {
  header: string;
  /** Relative width. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface OutlineCell {
  text: string;
  bold?: boolean;
  /** Text colour, '#rrggbb'. */
  color?: string;
  /** Cell shading, '#rrggbb'. */
  fill?: string;
}

/** How many rows the documents list at most, per table; what is left out is counted in a line below. */
export const OUTLINE_LIMITS = {
  missedDeadlines: 200,
  timelineInjects: 150,
  feedbackTexts: 60,
  observationsPerList: 100,
  auditEvents: 200,
  ratingRows: 400,
  improvementActions: 500,
  dutyMessages: 500,
} as const;

/** The top-level section headings, in order (the tests look for each). */
export const OUTLINE_SECTIONS = [
  '1. Exercise overview',
  '2. Analysis of objectives',
  '3. Response per command post',
  '4. Timeline',
  '5. Participants’ feedback',
  'Appendix A: Improvement plan',
  'Appendix B: Audit trail',
] as const;

const MINISTRY: Record<string, string> = { defense: 'Defence', emergency: 'Emergency', crc: 'CRC' };
const MISSION_AREA: Record<string, string> = {
  prevention: 'Prevention',
  protection: 'Protection',
  mitigation: 'Mitigation',
  response: 'Response',
  recovery: 'Recovery',
};
const CAPABILITY_ELEMENT: Record<string, string> = {
  planning: 'Planning',
  organization: 'Organisation',
  equipment: 'Equipment',
  training: 'Training',
  exercises: 'Exercises',
};
const STATUS: Record<string, string> = { open: 'Open', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' };

/** 2026-11-28 06:00:01 UTC */
export function dateTime(value: string | null): string {
  return value === null ? '–' : `${value.slice(0, 10)} ${value.slice(11, 19)} UTC`;
}

function wallClock(value: string): string {
  return value.slice(11, 19);
}

export function formatSeconds(value: number | null): string {
  if (value === null) return '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function more(shown: number, total: number, what: string): OutlineBlock[] {
  return total > shown ? [{ kind: 'paragraph', tone: 'muted', text: `… and ${total - shown} more ${what} (see the CSV export).` }] : [];
}

function ratingCell(rating: Rating | null): OutlineCell {
  return rating === null ? { text: '–', color: '#5b6472' } : { text: rating, bold: true, color: '#ffffff', fill: RATING_COLOR[rating] };
}

function overview(report: ExerciseReport): OutlineBlock[] {
  const { overview: o } = report;
  return [
    { kind: 'heading', level: 1, text: OUTLINE_SECTIONS[0] },
    {
      kind: 'facts',
      rows: [
        ['Exercise', o.title],
        ['Scenario', o.scenarioTitle],
        ['STARTEX', dateTime(o.startedAt)],
        ['ENDEX', dateTime(o.completedAt)],
        ['Exercise clock', `${formatScenarioTime(o.scenarioSeconds)} at speed ${o.speed}×`],
        ['Scope', o.scope || '–'],
        ['Mission area', o.missionArea ? (MISSION_AREA[o.missionArea] ?? o.missionArea) : '–'],
        ['Status', o.status],
      ],
    },
    { kind: 'heading', level: 2, text: 'Scenario summary' },
    { kind: 'paragraph', text: o.scenarioDescription || 'The scenario has no description.', tone: o.scenarioDescription ? undefined : 'muted' },
    { kind: 'heading', level: 2, text: 'Participating command posts' },
    {
      kind: 'table',
      columns: [
        { header: 'Code', width: 70 },
        { header: 'Name', width: 200 },
        { header: 'State', width: 40 },
        { header: 'Ministry', width: 70 },
        { header: 'Time zone', width: 95 },
      ],
      rows: o.posts.map((p) => [
        { text: p.code, bold: true },
        { text: p.name },
        { text: p.memberState },
        { text: MINISTRY[p.ministry] ?? p.ministry },
        { text: p.timeZone },
      ]),
    },
    { kind: 'heading', level: 2, text: 'Objectives' },
    ...(o.objectives.length === 0
      ? [{ kind: 'paragraph', text: 'The exercise names no objectives.', tone: 'muted' } as const]
      : [
          {
            kind: 'table',
            columns: [
              { header: 'Ref', width: 40 },
              { header: 'Objective', width: 150 },
              { header: 'Capability target', width: 150 },
              { header: 'Critical tasks', width: 160 },
            ],
            rows: o.objectives.map((x) => [
              { text: x.ref, bold: true },
              { text: x.title },
              { text: x.capabilityTarget || '–' },
              { text: x.criticalTasks?.length ? x.criticalTasks.map((t, i) => `${i + 1}. ${t}`).join('\n') : '–' },
            ]),
          } as const,
        ]),
  ];
}

function observationLine(report: ExerciseReport, observation: ObservationView): string {
  const codes = observation.commandPostIds.map((id) => report.overview.posts.find((p) => p.id === id)?.code ?? id);
  const where = codes.length ? ` · ${codes.join(', ')}` : '';
  return `${observation.text} (${formatScenarioTime(observation.scenarioSeconds)}, ${wallClock(observation.observedAt)} UTC · ${observation.authorName}${where})`;
}

function objectiveAnalysis(report: ExerciseReport, objective: ReportObjective, index: number): OutlineBlock[] {
  const posts = report.overview.posts;
  const ratings = postRatings(objective, posts);
  const rationale = (postId: string) =>
    objective.ratings
      .filter((r) => r.commandPostId === postId && r.rationale)
      .sort((a, b) => Number(b.final) - Number(a.final))
      .map((r) => `${r.evaluatorName}${r.final ? ' (final)' : ''}: ${truncate(r.rationale, 300)}`)
      .join('\n');
  const currentText = (postId: string) =>
    objective.ratings
      .filter((r) => r.commandPostId === postId && !r.final)
      .map((r) => `${r.rating} (${r.evaluatorName})`)
      .join(', ');
  const listed = ratings.filter((r) => r.shown !== null || posts.length <= 30).slice(0, OUTLINE_LIMITS.ratingRows);
  const { counts, overall } = objective.summary;
  const blocks: OutlineBlock[] = [
    { kind: 'heading', level: 2, text: `2.${index + 1} ${objective.ref}: ${objective.title}` },
    {
      kind: 'facts',
      rows: [
        ['Capability target', objective.capabilityTarget || '–'],
        ['Overall rating', overall ? RATING_LABEL[overall] : 'not rated'],
        ['Evaluators’ ratings', `P ${counts.P} · S ${counts.S} · M ${counts.M} · U ${counts.U}`],
      ],
    },
  ];
  if (objective.criticalTasks.length)
    blocks.push({ kind: 'paragraph', text: 'Critical tasks', tone: 'bold' }, { kind: 'bullets', items: objective.criticalTasks });
  blocks.push({ kind: 'heading', level: 3, text: 'Rating per command post' });
  if (objective.ratings.length === 0) blocks.push({ kind: 'paragraph', text: 'No post was rated on this objective.', tone: 'muted' });
  else {
    blocks.push(
      { kind: 'chart', chart: objectiveRatingsChart(objective, posts) },
      {
        kind: 'table',
        size: 'small',
        columns: [
          { header: 'Post', width: 60 },
          { header: 'Rating', width: 40, align: 'center' },
          { header: 'Final', width: 40, align: 'center' },
          { header: 'Evaluators’ ratings', width: 130 },
          { header: 'Rationale', width: 230 },
        ],
        rows: listed.map((r) => [
          { text: r.code, bold: true },
          ratingCell(r.shown),
          { text: r.final ? 'yes' : 'no' },
          { text: currentText(r.commandPostId) || '–' },
          { text: rationale(r.commandPostId) || '–' },
        ]),
      },
      ...more(listed.length, ratings.filter((r) => r.shown !== null).length, 'rated posts'),
    );
  }
  for (const [title, list, none] of [
    ['Strengths', objective.strengths, 'No strength was observed.'],
    ['Areas for improvement', objective.areasForImprovement, 'No area for improvement was observed.'],
  ] as const) {
    blocks.push({ kind: 'heading', level: 3, text: title });
    if (list.length === 0) blocks.push({ kind: 'paragraph', text: none, tone: 'muted' });
    else {
      const shown = list.slice(0, OUTLINE_LIMITS.observationsPerList);
      blocks.push({ kind: 'bullets', items: shown.map((x) => observationLine(report, x)) }, ...more(shown.length, list.length, 'observations'));
    }
  }
  return blocks;
}

function analysis(report: ExerciseReport): OutlineBlock[] {
  const blocks: OutlineBlock[] = [
    { kind: 'pageBreak' },
    { kind: 'heading', level: 1, text: OUTLINE_SECTIONS[1] },
    {
      kind: 'paragraph',
      tone: 'muted',
      text: `Ratings: ${(['P', 'S', 'M', 'U'] as const).map((r) => RATING_LABEL[r]).join('; ')}. A post's rating is its final one where the lead evaluator or a controller set it, else the worst of the evaluators' current ratings.`,
    },
  ];
  if (report.objectives.length === 0) blocks.push({ kind: 'paragraph', text: 'The exercise names no objectives to analyse.', tone: 'muted' });
  report.objectives.forEach((o, i) => blocks.push(...objectiveAnalysis(report, o, i)));
  const notes = report.observations.filter((o) => o.kind === 'note' || o.objectiveRefs.length === 0);
  if (notes.length) {
    const shown = notes.slice(0, OUTLINE_LIMITS.observationsPerList);
    blocks.push(
      { kind: 'heading', level: 2, text: `2.${report.objectives.length + 1} Other observations` },
      { kind: 'bullets', items: shown.map((x) => observationLine(report, x)) },
      ...more(shown.length, notes.length, 'observations'),
    );
  }
  return blocks;
}

function response(report: ExerciseReport): OutlineBlock[] {
  const missed = report.missedDeadlines.slice(0, OUTLINE_LIMITS.missedDeadlines);
  return [
    { kind: 'pageBreak' },
    { kind: 'heading', level: 1, text: OUTLINE_SECTIONS[2] },
    { kind: 'chart', chart: responseTimesChart(report.postStatistics) },
    { kind: 'heading', level: 2, text: 'Response figures' },
    {
      kind: 'table',
      size: 'small',
      columns: [
        { header: 'Post', width: 52 },
        { header: 'Injects', width: 34, align: 'right' },
        { header: 'Receive p50 / p90 / max s', width: 78, align: 'right' },
        { header: 'Acknowledge p50 / p90 / max s', width: 84, align: 'right' },
        { header: 'Respond p50 / p90 / max s', width: 84, align: 'right' },
        { header: 'Ack. in time', width: 40, align: 'right' },
        { header: 'Missed deadlines', width: 44, align: 'right' },
        { header: 'Contin­gencies released', width: 48, align: 'right' },
      ],
      rows: report.postStatistics.map((p) => [
        { text: p.code, bold: true },
        { text: String(p.injects) },
        { text: `${formatSeconds(p.medianSecondsToReceive)} / ${formatSeconds(p.p90SecondsToReceive)} / ${formatSeconds(p.maxSecondsToReceive)}` },
        {
          text: `${formatSeconds(p.medianSecondsToAcknowledge)} / ${formatSeconds(p.p90SecondsToAcknowledge)} / ${formatSeconds(p.maxSecondsToAcknowledge)}`,
        },
        { text: `${formatSeconds(p.medianSecondsToRespond)} / ${formatSeconds(p.p90SecondsToRespond)} / ${formatSeconds(p.maxSecondsToRespond)}` },
        { text: `${p.acknowledgedInTime}/${p.injects}` },
        p.overdue > 0 ? { text: String(p.overdue), bold: true, color: '#b3261e' } : { text: '0' },
        { text: String(p.contingenciesReleased) },
      ]),
    },
    {
      kind: 'paragraph',
      tone: 'muted',
      text: 'Seconds from the firing of the inject: to the console’s receipt, to the acknowledgement, to the response. Missed deadlines: acknowledged late or not at all. Contingencies released: contingency injects the post’s missed deadlines released.',
    },
    { kind: 'heading', level: 2, text: 'Missed acknowledge deadlines' },
    ...(missed.length === 0
      ? [{ kind: 'paragraph', text: 'No acknowledge deadline was missed.', tone: 'muted' } as const]
      : [
          {
            kind: 'table',
            size: 'small',
            columns: [
              { header: 'Offset', width: 56 },
              { header: 'Ref', width: 42 },
              { header: 'Inject', width: 150 },
              { header: 'Post', width: 60 },
              { header: 'Fired (UTC)', width: 52 },
              { header: 'Deadline', width: 52 },
              { header: 'Acknowledged', width: 90 },
            ],
            rows: missed.map((m) => [
              { text: formatScenarioTime(m.offsetSeconds) },
              { text: m.ref, bold: true },
              { text: truncate(m.title, 120) },
              { text: m.commandPostCode, bold: true, color: '#b3261e' },
              { text: wallClock(m.firedAt) },
              { text: wallClock(m.deadlineAt) },
              m.acknowledgedAt === null
                ? { text: 'never', color: '#b3261e' }
                : { text: `${wallClock(m.acknowledgedAt)} (${formatSeconds(m.secondsLate)} s late)` },
            ]),
          } as const,
          ...more(missed.length, report.missedDeadlines.length, 'missed deadlines'),
        ]),
    ...dutyShifts(report),
    ...dutyMessages(report),
  ];
}

/** The duty communications, oldest first: when, on which channel, from whom (with the shift on duty), and who read it. */
function dutyMessages(report: ExerciseReport): OutlineBlock[] {
  if (report.dutyMessages.length === 0) return [];
  const codeOf = new Map(report.postStatistics.map((p) => [p.commandPostId, p.code]));
  const shown = report.dutyMessages.slice(0, OUTLINE_LIMITS.dutyMessages);
  return [
    { kind: 'heading', level: 2, text: 'Duty communications' },
    {
      kind: 'table',
      size: 'small',
      columns: [
        { header: 'Sent', width: 60 },
        { header: 'Channel', width: 55 },
        { header: 'From', width: 80 },
        { header: 'Message', width: 200 },
        { header: 'Read by', width: 80 },
      ],
      rows: shown.map((m) => [
        { text: `${dateTime(m.sentAt)} (${formatScenarioTime(m.scenarioSeconds)})` },
        { text: m.channel === 'broadcast' ? 'all posts' : (codeOf.get(m.channel) ?? m.channel), bold: m.channel === 'broadcast' },
        { text: `${m.from.displayName} (${m.from.role}${m.from.dutyShift ? `, shift ${m.from.dutyShift.code}` : ''})` },
        { text: m.text },
        {
          text:
            m.readBy
              .map(
                (r) =>
                  `${r.reader.commandPostId ? (codeOf.get(r.reader.commandPostId) ?? r.reader.displayName) : r.reader.displayName} ${dateTime(r.readAt)}`,
              )
              .join('; ') || '—',
        },
      ]),
    },
    ...more(shown.length, report.dutyMessages.length, 'duty messages'),
  ];
}

/** Which CRC duty shift handled what; nothing when no shift was on duty. */
function dutyShifts(report: ExerciseReport): OutlineBlock[] {
  if (report.dutyShifts.length === 0) return [];
  return [
    { kind: 'heading', level: 2, text: 'CRC duty shifts' },
    {
      kind: 'table',
      size: 'small',
      columns: [
        { header: 'Shift', width: 40 },
        { header: 'Name', width: 120 },
        { header: 'Acknow­ledge­ments', width: 50, align: 'right' },
        { header: 'Responses', width: 50, align: 'right' },
        { header: 'Control actions', width: 50, align: 'right' },
        { header: 'Watches', width: 150 },
      ],
      rows: report.dutyShifts.map((s) => [
        { text: s.code, bold: true },
        { text: s.names.ru === s.names.en ? s.names.ru : `${s.names.ru} / ${s.names.en}` },
        { text: String(s.acknowledgements) },
        { text: String(s.responses) },
        { text: String(s.controlActions) },
        { text: s.watches.map((w) => `${dateTime(w.from)} – ${dateTime(w.to)}`).join('; ') },
      ]),
    },
  ];
}

function timeline(report: ExerciseReport): OutlineBlock[] {
  const blocks: OutlineBlock[] = [
    { kind: 'pageBreak' },
    { kind: 'heading', level: 1, text: OUTLINE_SECTIONS[3] },
    { kind: 'chart', chart: timelineChart(report.timeline) },
  ];
  if (report.timeline.length === 0) return [...blocks, { kind: 'paragraph', text: 'The exercise has no injects.', tone: 'muted' }];
  const ackColumns = [
    { header: 'Targets', width: 40, align: 'right' },
    { header: 'In time', width: 40, align: 'right' },
    { header: 'Late', width: 36, align: 'right' },
    { header: 'Not ack.', width: 40, align: 'right' },
    { header: 'Responded', width: 48, align: 'right' },
  ] as const;
  if (report.timeline.length <= OUTLINE_LIMITS.timelineInjects) {
    blocks.push(
      { kind: 'heading', level: 2, text: 'Injects' },
      {
        kind: 'table',
        size: 'small',
        columns: [
          { header: 'Offset', width: 56 },
          { header: 'Ref', width: 44 },
          { header: 'Inject', width: 150 },
          { header: 'Status', width: 46 },
          ...ackColumns,
        ],
        rows: report.timeline.map((e) => [
          { text: formatScenarioTime(e.offsetSeconds) },
          { text: e.ref, bold: true },
          { text: truncate(e.title, 120) + (e.contingency ? ' (contingency)' : '') + (e.adHoc ? ' (ad hoc)' : '') },
          { text: e.status },
          { text: String(e.targets.length) },
          { text: String(e.acknowledgedInTime) },
          { text: String(Math.max(0, e.acknowledged - e.acknowledgedInTime)) },
          { text: String(e.firedAt === null ? 0 : Math.max(0, e.targets.length - e.acknowledged)) },
          { text: String(e.responded) },
        ]),
      },
    );
  } else {
    const buckets = timelineBuckets(report.timeline);
    blocks.push(
      { kind: 'heading', level: 2, text: 'Injects by exercise time' },
      {
        kind: 'paragraph',
        tone: 'muted',
        text: `${report.timeline.length} injects, grouped by exercise time; the CSV lists every inject and delivery.`,
      },
      {
        kind: 'table',
        size: 'small',
        columns: [
          { header: 'From', width: 70 },
          { header: 'To', width: 70 },
          { header: 'Injects fired', width: 56, align: 'right' },
          ...ackColumns.slice(1, 4),
        ],
        rows: buckets.map((b) => [
          { text: formatScenarioTime(b.fromSeconds) },
          { text: formatScenarioTime(b.toSeconds) },
          { text: String(b.injects) },
          { text: String(b.inTime) },
          { text: String(b.late) },
          { text: String(b.notAcknowledged) },
        ]),
      },
    );
  }
  return blocks;
}

function feedback(report: ExerciseReport): OutlineBlock[] {
  const { feedback: f } = report;
  const blocks: OutlineBlock[] = [
    { kind: 'heading', level: 1, text: OUTLINE_SECTIONS[4] },
    { kind: 'paragraph', text: `${f.responses} operators of ${f.posts} command posts answered the questionnaire.` },
  ];
  if (f.questions.length === 0) return [...blocks, { kind: 'paragraph', text: 'The exercise asked no questions.', tone: 'muted' }];
  const rated = f.questions.filter((q) => q.kind === 'rating');
  if (rated.length)
    blocks.push({
      kind: 'table',
      columns: [
        { header: 'Question', width: 220 },
        { header: 'Answers', width: 45, align: 'right' },
        { header: 'Mean (1–5)', width: 50, align: 'right' },
        ...[1, 2, 3, 4, 5].map((n) => ({ header: String(n), width: 30, align: 'right' as const })),
      ],
      rows: rated.map((q) => [
        { text: q.translations.en && q.translations.en !== q.text ? `${q.text}\n${q.translations.en}` : q.text },
        { text: String(q.answers) },
        { text: q.mean === null ? '–' : q.mean.toFixed(2), bold: true },
        ...q.distribution.map((n) => ({ text: String(n) })),
      ]),
    });
  for (const q of f.questions.filter((x) => x.texts.length > 0)) {
    const shown = q.texts.slice(0, OUTLINE_LIMITS.feedbackTexts);
    blocks.push(
      { kind: 'heading', level: 3, text: q.translations.en && q.translations.en !== q.text ? `${q.text} / ${q.translations.en}` : q.text },
      { kind: 'bullets', items: shown.map((t) => `${t.commandPostCode}: ${truncate(t.text, 1000)}`) },
      ...more(shown.length, q.texts.length, 'answers'),
    );
  }
  return blocks;
}

function improvementPlan(report: ExerciseReport): OutlineBlock[] {
  const plan = report.improvementPlan.slice(0, OUTLINE_LIMITS.improvementActions);
  const observations = new Map(report.observations.map((o) => [o.id, o]));
  const observation = (id: string | null) => (id === null ? undefined : observations.get(id));
  return [
    { kind: 'pageBreak' },
    { kind: 'heading', level: 1, text: OUTLINE_SECTIONS[5] },
    ...(plan.length === 0
      ? [{ kind: 'paragraph', text: 'No corrective action was recorded.', tone: 'muted' } as const]
      : [
          {
            kind: 'table',
            size: 'small',
            columns: [
              { header: 'Obj.', width: 28 },
              { header: 'Area for improvement', width: 84 },
              { header: 'Corrective action', width: 92 },
              { header: 'Capability element', width: 58 },
              { header: 'Responsible', width: 64 },
              { header: 'Point of contact', width: 58 },
              { header: 'Start', width: 66 },
              { header: 'Due', width: 66 },
              { header: 'Status', width: 46 },
            ],
            rows: plan.map((a) => [
              { text: a.objectiveRef ?? '–', bold: true },
              { text: truncate(observation(a.observationId)?.text ?? '–', 300) },
              { text: a.action },
              { text: CAPABILITY_ELEMENT[a.capabilityElement] ?? a.capabilityElement },
              { text: [a.responsible, a.memberState, a.ministry ? MINISTRY[a.ministry] : null].filter(Boolean).join(' · ') },
              { text: a.pointOfContact ?? '–' },
              { text: a.startDate ?? '–' },
              a.overdue ? { text: `${a.dueDate}\noverdue`, bold: true, color: '#b3261e' } : { text: a.dueDate },
              { text: STATUS[a.status] ?? a.status },
            ]),
          } as const,
          ...more(plan.length, report.improvementPlan.length, 'corrective actions'),
        ]),
  ];
}

function auditTrail(report: ExerciseReport): OutlineBlock[] {
  const events = report.auditTrail.slice(0, OUTLINE_LIMITS.auditEvents);
  return [
    { kind: 'heading', level: 1, text: OUTLINE_SECTIONS[6] },
    ...(events.length === 0
      ? [{ kind: 'paragraph', text: 'No control action was recorded.', tone: 'muted' } as const]
      : [
          {
            kind: 'table',
            size: 'small',
            columns: [
              { header: 'Time (UTC)', width: 100 },
              { header: 'Actor', width: 70 },
              { header: 'Action', width: 110 },
              { header: 'Details', width: 215 },
            ],
            rows: events.map((e) => [
              { text: dateTime(e.at) },
              { text: e.actorName },
              { text: e.action },
              { text: truncate(JSON.stringify(e.details), 300) },
            ]),
          } as const,
          ...more(events.length, report.auditTrail.length, 'audit events'),
        ]),
  ];
}

/** The AAR's body, after its title page. */
export function reportOutline(report: ExerciseReport): OutlineBlock[] {
  return [
    ...overview(report),
    ...analysis(report),
    ...response(report),
    ...timeline(report),
    ...feedback(report),
    ...improvementPlan(report),
    ...auditTrail(report),
  ];
}

/** The title page's label–value lines. */
export function titleFacts(report: ExerciseReport): [string, string][] {
  const { overview: o, totals } = report;
  return [
    ['STARTEX', dateTime(o.startedAt)],
    ['ENDEX', dateTime(o.completedAt)],
    ['Mission area', o.missionArea ? (MISSION_AREA[o.missionArea] ?? o.missionArea) : '–'],
    ['Command posts', String(o.posts.length)],
    ['Injects', `${totals.injects}: ${totals.fired} fired, ${totals.held} held, ${totals.skipped} skipped, ${totals.pending} pending`],
    [
      'Deliveries',
      `${totals.deliveries}: ${totals.acknowledged} acknowledged, ${totals.responded} responded, ${totals.overdue} missed the acknowledge deadline`,
    ],
    ['Generated', dateTime(report.generatedAt)],
    ['Exercise id', o.exerciseId],
  ];
}
