import { REPORT_CSV_TABLES, type ExerciseReport } from '@excon/contracts';
import { buildExerciseReport, type ReportHeader, type ReportSourceDelivery, type ReportSourceInject } from './report-builder';
import { renderReportCsv } from './report-csv';
import { DOCUMENT_DELIVERY_LIMIT, streamReport, type ReportOutput } from './report-stream';

const T0 = Date.parse('2026-12-20T06:00:00.000Z');
const posts = ['A', 'B', 'C'].map((c, k) => ({
  id: `p-${c}`,
  code: `${c}-POST`,
  name: `Пост ${c}`,
  memberState: 'KZ',
  ministry: 'crc' as const,
  timeZone: 'UTC',
  k,
}));

function inject(k: number, fields: Partial<ReportSourceInject> = {}): ReportSourceInject {
  return {
    id: `i-${k}`,
    ref: `R${k}`,
    offsetSeconds: k * 60,
    title: k % 2 ? `Вводная ${k}, "срочно"` : `=Inject ${k}`,
    precedence: 'routine',
    from: 'ЦРК',
    expectedAction: '',
    status: k === 4 ? 'pending' : 'fired',
    dueAt: T0 + k * 60_000,
    firedAt: k === 4 ? null : T0 + k * 60_000 + 7,
    latenessMs: 7,
    ackWithinSeconds: k === 2 ? null : 30,
    targets: posts.map((p) => p.id),
    contingency: k === 3,
    adHoc: false,
    objectiveRefs: k % 2 ? ['O1'] : [],
    ...fields,
  };
}

const injects = [0, 1, 2, 3, 4].map((k) => inject(k));

/** Every fired inject reaches every post; times vary by inject and post, some never come. */
const deliveries: ReportSourceDelivery[] = injects
  .filter((i) => i.firedAt !== null)
  .flatMap((i, n) =>
    posts.map((p): ReportSourceDelivery => {
      const fired = i.firedAt as number;
      const silent = (n + p.k) % 4 === 3;
      return {
        id: `d-${i.ref}-${p.code}`,
        injectId: i.id,
        commandPostId: p.id,
        seq: n + 1,
        status: silent ? 'sent' : 'acknowledged',
        firedAt: fired,
        deliveredAt: silent ? null : fired + 100 * (p.k + 1),
        acknowledgedAt: silent ? null : fired + 10_000 * (n + p.k + 1),
        respondedAt: silent || p.k === 2 ? null : fired + 50_000 + 1000 * n,
        response: silent || p.k === 2 ? null : `Принято; "${i.ref}",\r\nвыполняем`,
        ackDeadlineAt: null,
        overdueAt: null,
        releasedByDeliveryId: i.contingency && p.k === 0 ? 'd-R1-A-POST' : null,
        readAt: silent ? null : fired + 2_000 * (p.k + 1),
      };
    }),
  );

const header: ReportHeader = {
  overview: {
    exerciseId: 'e',
    title: 'Учения',
    scenarioId: 's',
    scenarioTitle: 'Сценарий',
    scenarioDescription: '',
    status: 'completed',
    speed: 1,
    startedAt: new Date(T0).toISOString(),
    completedAt: new Date(T0 + 3_600_000).toISOString(),
    scenarioSeconds: 3600,
    posts: posts.map(({ k, ...p }) => (void k, { ...p, names: { ru: p.name, en: p.name }, ministryId: 'ministry-1', active: true })),
    objectives: [
      { ref: 'O1', title: 'Оповещение', capabilityTarget: 'За 15 минут', criticalTasks: ['Оповестить'] },
      { ref: 'O2', title: 'Ответ' },
    ],
    scope: 'Паводок',
    missionArea: 'response',
  },
  asOf: T0 + 3_600_000,
  generatedAt: '2026-12-20T07:05:00.000Z',
  injects,
  auditTrail: [],
  evaluation: {
    ratings: [
      {
        exerciseId: 'e',
        objectiveRef: 'O1',
        commandPostId: 'p-B',
        rating: 'S',
        rationale: 'Задержка',
        evaluatorId: 'u1',
        evaluatorName: 'Оценщик 1',
        final: false,
        updatedAt: '2026-12-20T07:00:00.000Z',
      },
      {
        exerciseId: 'e',
        objectiveRef: 'O1',
        commandPostId: 'p-A',
        rating: 'P',
        rationale: '',
        evaluatorId: 'u1',
        evaluatorName: 'Оценщик 1',
        final: false,
        updatedAt: '2026-12-20T07:00:00.000Z',
      },
      {
        exerciseId: 'e',
        objectiveRef: 'O1',
        commandPostId: 'p-A',
        rating: 'S',
        rationale: '=1+1',
        evaluatorId: 'u9',
        evaluatorName: 'Ведущий',
        final: true,
        updatedAt: '2026-12-20T07:01:00.000Z',
      },
    ],
    observations: [
      {
        id: 'o1',
        exerciseId: 'e',
        authorId: 'u1',
        authorName: 'Оценщик 1',
        text: 'Быстро, чётко',
        kind: 'strength',
        objectiveRefs: ['O1'],
        commandPostIds: ['p-A'],
        exerciseInjectId: 'i-1',
        deliveryId: null,
        scenarioSeconds: 75.5,
        observedAt: '2026-12-20T06:01:15.500Z',
        createdAt: '2026-12-20T06:01:15.500Z',
        updatedAt: '2026-12-20T06:01:15.500Z',
      },
    ],
    improvementPlan: [],
    feedbackQuestions: [{ id: 'q', kind: 'rating', text: 'Реализм?' }],
    feedbackResponses: [{ commandPostId: 'p-C', answers: [{ questionId: 'q', rating: 4, text: 'Хорошо' }] }],
  },
};

async function* inBatches(rows: readonly ReportSourceDelivery[], size: number): AsyncGenerator<ReportSourceDelivery[]> {
  for (let at = 0; at < rows.length; at += size) {
    await Promise.resolve();
    yield rows.slice(at, at + size);
  }
}

/** Timeline order, as the worker's query gives it: inject (header order), then post code. */
function timelineOrder(rows: readonly ReportSourceDelivery[]): ReportSourceDelivery[] {
  const injectIndex = new Map(injects.map((i, k) => [i.id, k]));
  const codeOf = new Map(posts.map((p) => [p.id, p.code]));
  return [...rows].sort(
    (a, b) =>
      (injectIndex.get(a.injectId) as number) - (injectIndex.get(b.injectId) as number) ||
      (codeOf.get(a.commandPostId) as string).localeCompare(codeOf.get(b.commandPostId) as string),
  );
}

async function collect(format: 'json' | 'csv' | 'pdf', table: (typeof REPORT_CSV_TABLES)[number] = 'deliveries', batch = 4) {
  const pieces: string[] = [];
  let drains = 0;
  const output: ReportOutput = {
    push: (text) => pieces.push(text),
    drain: () => {
      drains += 1;
      return Promise.resolve();
    },
  };
  const result = await streamReport(header, format, table, inBatches(timelineOrder(deliveries), batch), output);
  return { text: pieces.join(''), drains, result };
}

describe('streamReport', () => {
  const model = buildExerciseReport(header, deliveries);

  it('writes, in one pass, the JSON that buildExerciseReport models', async () => {
    const { text, drains } = await collect('json');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(model)));
    // Drained after every batch, so a chunk can leave before the end.
    expect(drains).toBeGreaterThanOrEqual(Math.ceil(deliveries.length / 4));
  });

  it('fills the evaluation sections: objectives with ratings by post (final first), observations and feedback', () => {
    expect(
      model.objectives.map((o) => [o.ref, o.capabilityTarget, o.criticalTasks, o.ratings.map((r) => [r.commandPostId, r.rating, r.final])]),
    ).toEqual([
      [
        'O1',
        'За 15 минут',
        ['Оповестить'],
        [
          ['p-A', 'S', true],
          ['p-A', 'P', false],
          ['p-B', 'S', false],
        ],
      ],
      ['O2', '', [], []],
    ]);
    expect(model.objectives[0].summary).toEqual({ objectiveRef: 'O1', counts: { P: 1, S: 1, M: 0, U: 0 }, final: { 'p-A': 'S' }, overall: 'S' });
    expect(model.objectives[0].strengths.map((o) => o.id)).toEqual(['o1']);
    expect(model.feedback).toEqual({
      responses: 1,
      posts: 1,
      questions: [
        {
          questionId: 'q',
          kind: 'rating',
          text: 'Реализм?',
          translations: {},
          answers: 1,
          mean: 4,
          distribution: [0, 0, 0, 1, 0],
          texts: [{ commandPostCode: 'C-POST', text: 'Хорошо' }],
        },
      ],
    });
  });

  it.each(REPORT_CSV_TABLES)('writes the CSV table %s as the in-memory model does', async (table) => {
    const { text } = await collect('csv', table);
    expect(text).toBe(renderReportCsv(model, table).toString('utf8'));
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('gives a document the model with its deliveries while they are few', async () => {
    const { text, result } = await collect('pdf');
    expect(text).toBe('');
    if (result.kind !== 'model') throw new Error('no model');
    expect(JSON.parse(JSON.stringify(result.report))).toEqual(JSON.parse(JSON.stringify(model)));
  });

  it('refuses deliveries out of timeline order', async () => {
    const output: ReportOutput = { push: () => undefined, drain: () => Promise.resolve() };
    const reversed = timelineOrder(deliveries).reverse();
    await expect(streamReport(header, 'json', 'deliveries', inBatches(reversed, 100), output)).rejects.toThrow(/timeline order/);
  });

  it('lists no deliveries in a document past DOCUMENT_DELIVERY_LIMIT, but keeps every count and missed deadline', async () => {
    const many: ReportSourceDelivery[] = [];
    const big = { ...header, injects: [inject(0, { ackWithinSeconds: 1 })], overview: { ...header.overview, posts: [header.overview.posts[0]] } };
    for (let k = 0; k <= DOCUMENT_DELIVERY_LIMIT; k += 1)
      many.push({ ...deliveries[0], id: `d${k}`, injectId: 'i-0', commandPostId: 'p-A', acknowledgedAt: k % 2 ? T0 + 5000 : null });
    const output: ReportOutput = { push: () => undefined, drain: () => Promise.resolve() };
    const result = await streamReport(big, 'pdf', 'deliveries', inBatches(many, 5000), output);
    if (result.kind !== 'model') throw new Error('no model');
    const report: ExerciseReport = result.report;
    expect(report.timeline[0].deliveries).toEqual([]);
    expect(report.totals.deliveries).toBe(DOCUMENT_DELIVERY_LIMIT + 1);
    expect(report.missedDeadlines).toHaveLength(DOCUMENT_DELIVERY_LIMIT + 1);
    expect(report.timeline[0].overdue).toBe(DOCUMENT_DELIVERY_LIMIT + 1);
  });
});
