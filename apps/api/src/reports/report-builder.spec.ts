import { buildExerciseReport, type ReportHeader, type ReportSourceDelivery, type ReportSourceInject } from './report-builder';

const T0 = Date.parse('2026-12-20T06:00:00.000Z');
const A = {
  id: 'a-id',
  code: 'A-POST',
  name: 'Пост A',
  memberState: 'KZ',
  ministry: 'emergency' as const,
  timeZone: 'Asia/Almaty',
  names: { ru: 'Пост A', en: 'Пост A' },
  ministryId: 'ministry-1',
  active: true,
};
const B = {
  id: 'b-id',
  code: 'B-POST',
  name: 'Пост B',
  memberState: 'KG',
  ministry: 'defense' as const,
  timeZone: 'Asia/Bishkek',
  names: { ru: 'Пост B', en: 'Пост B' },
  ministryId: 'ministry-1',
  active: true,
};

function inject(ref: string, offsetSeconds: number, fields: Partial<ReportSourceInject> = {}): ReportSourceInject {
  return {
    id: `i-${ref}`,
    ref,
    offsetSeconds,
    title: `Inject ${ref}`,
    precedence: 'routine',
    from: '',
    expectedAction: '',
    status: 'fired',
    dueAt: T0 + offsetSeconds * 1000,
    firedAt: T0 + offsetSeconds * 1000 + 15,
    latenessMs: 15,
    ackWithinSeconds: 10,
    targets: [B.id, A.id],
    contingency: false,
    adHoc: false,
    objectiveRefs: [],
    ...fields,
  };
}

function delivery(ref: string, post: { id: string }, fields: Partial<ReportSourceDelivery> = {}): ReportSourceDelivery {
  return {
    id: `d-${ref}-${post.id}`,
    injectId: `i-${ref}`,
    commandPostId: post.id,
    seq: 1,
    status: 'sent',
    firedAt: T0,
    deliveredAt: null,
    acknowledgedAt: null,
    respondedAt: null,
    response: null,
    ackDeadlineAt: null,
    overdueAt: null,
    releasedByDeliveryId: null,
    readAt: null,
    ...fields,
  };
}

const header: ReportHeader = {
  overview: {
    exerciseId: 'e',
    title: 'Учения',
    scenarioId: 's',
    scenarioTitle: 'Сценарий',
    scenarioDescription: '',
    status: 'running',
    speed: 1,
    startedAt: new Date(T0).toISOString(),
    completedAt: null,
    scenarioSeconds: 60,
    posts: [A, B],
    objectives: [],
    scope: '',
    missionArea: null,
  },
  asOf: T0 + 60_000,
  generatedAt: new Date(T0 + 60_000).toISOString(),
  injects: [inject('R1', 0), inject('R2', 5, { ackWithinSeconds: null, status: 'pending', dueAt: null, firedAt: null, latenessMs: null })],
  auditTrail: [],
};

describe('buildExerciseReport', () => {
  const deliveries = [
    // Out of order, as pages by post and seq bring them: the timeline sorts each inject's deliveries by post code.
    delivery('R1', B, { seq: 1 }),
    delivery('R1', A, {
      seq: 1,
      status: 'acknowledged',
      deliveredAt: T0 + 300,
      readAt: T0 + 4_250,
      acknowledgedAt: T0 + 12_500,
      response: 'Принято',
    }),
    delivery('GONE', A, { seq: 2 }),
  ];
  const report = buildExerciseReport(header, deliveries);

  it('lays out the timeline in the header’s order, each inject with its own deliveries by post code, times as ISO', () => {
    expect(report.timeline.map((e) => [e.ref, e.status, e.dueAt, e.targetCodes, e.deliveries.map((d) => d.commandPostCode)])).toEqual([
      ['R1', 'fired', '2026-12-20T06:00:00.000Z', ['B-POST', 'A-POST'], ['A-POST', 'B-POST']],
      ['R2', 'pending', null, ['B-POST', 'A-POST'], []],
    ]);
    expect(report.timeline[0].firedAt).toBe('2026-12-20T06:00:00.015Z');
    expect(report.timeline[0].deliveries[0]).toEqual({
      deliveryId: 'd-R1-a-id',
      commandPostId: A.id,
      commandPostCode: 'A-POST',
      seq: 1,
      status: 'acknowledged',
      firedAt: '2026-12-20T06:00:00.000Z',
      deliveredAt: '2026-12-20T06:00:00.300Z',
      acknowledgedAt: '2026-12-20T06:00:12.500Z',
      respondedAt: null,
      response: 'Принято',
      ackDeadlineAt: '2026-12-20T06:00:10.000Z',
      overdue: true,
      secondsToAcknowledge: 12.5,
      secondsToRespond: null,
      releasedByDeliveryId: null,
      readAt: '2026-12-20T06:00:04.250Z',
      secondsToRead: 4.25,
    });
  });

  it('lists the missed deadlines by deadline and post code, with how late an acknowledgement came', () => {
    expect(report.missedDeadlines.map((m) => [m.ref, m.commandPostCode, m.deadlineAt, m.secondsLate])).toEqual([
      ['R1', 'A-POST', '2026-12-20T06:00:10.000Z', 2.5],
      ['R1', 'B-POST', '2026-12-20T06:00:10.000Z', null],
    ]);
  });

  it('names every participating post in the statistics and ignores deliveries of unknown injects', () => {
    expect(report.postStatistics.map((p) => [p.code, p.name, p.injects, p.acknowledged, p.overdue])).toEqual([
      ['A-POST', 'Пост A', 1, 1, 1],
      ['B-POST', 'Пост B', 1, 0, 1],
    ]);
    expect(report.totals).toEqual(expect.objectContaining({ injects: 2, fired: 1, pending: 1, deliveries: 2, acknowledged: 1, overdue: 2 }));
    expect(report.overview).toBe(header.overview);
    expect(report.generatedAt).toBe(header.generatedAt);
  });
});
