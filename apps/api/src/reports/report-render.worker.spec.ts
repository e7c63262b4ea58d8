import type { ExerciseReport } from '@excon/contracts';
import type { FromRenderWorker, RenderWorkerData } from './report-worker.messages';
import { CHUNKS_IN_FLIGHT, RenderSession } from './report-render.worker';
import type { ReportHeader } from './report-builder';

const header: ReportHeader = {
  overview: {
    exerciseId: 'e',
    title: 'Учения',
    scenarioId: 's',
    scenarioTitle: '',
    scenarioDescription: '',
    status: 'completed',
    speed: 1,
    startedAt: null,
    completedAt: null,
    scenarioSeconds: 0,
    posts: [
      {
        id: 'p',
        code: 'P',
        name: 'Post',
        memberState: 'KZ',
        ministry: 'crc',
        timeZone: 'UTC',
        names: { ru: 'Post', en: 'Post' },
        ministryId: 'ministry-1',
        active: true,
      },
    ],
    objectives: [],
    scope: '',
    missionArea: null,
  },
  asOf: 0,
  generatedAt: '2026-12-20T06:00:00.000Z',
  injects: [],
  auditTrail: [],
};

const data = (fields: Partial<RenderWorkerData> = {}): RenderWorkerData => ({
  format: 'json',
  table: 'deliveries',
  exerciseId: 'e',
  databaseUrl: null,
  chunkBytes: 16,
  ...fields,
});

/** Ten batches of one delivery each, of the one inject of `withInject`. */
const tenBatches = () =>
  Promise.resolve({
    batches: (async function* () {
      for (let k = 0; k < 10; k += 1) {
        await Promise.resolve();
        yield [
          {
            id: `d${k}`,
            injectId: 'i',
            commandPostId: 'p',
            seq: k + 1,
            status: 'sent' as const,
            firedAt: 0,
            deliveredAt: null,
            acknowledgedAt: null,
            respondedAt: null,
            response: null,
            ackDeadlineAt: null,
            overdueAt: null,
            releasedByDeliveryId: null,
            readAt: null,
          },
        ];
      }
    })(),
    close: () => Promise.resolve(),
  });

const withInject: ReportHeader = {
  ...header,
  injects: [
    {
      id: 'i',
      ref: 'R1',
      offsetSeconds: 0,
      title: 'Вводная',
      precedence: 'routine',
      from: '',
      expectedAction: '',
      status: 'fired',
      dueAt: 0,
      firedAt: 0,
      latenessMs: 0,
      ackWithinSeconds: null,
      targets: ['p'],
      contingency: false,
      adHoc: false,
      objectiveRefs: [],
    },
  ],
};

describe('RenderSession', () => {
  it('streams the report back in chunks it transfers, waits while too many are not taken, then says done', async () => {
    const replies: { message: FromRenderWorker; transfer?: ArrayBuffer[] }[] = [];
    const session = new RenderSession(data(), (message, transfer) => replies.push({ message, transfer }), tenBatches);
    const rendering = session.receive({ kind: 'header', header: withInject });
    // With 16-byte chunks the worker stops after CHUNKS_IN_FLIGHT of them until the main thread takes one.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(replies.length).toBe(CHUNKS_IN_FLIGHT);
    expect(replies.some((r) => r.message.kind === 'done')).toBe(false);
    for (let i = 0; i < 20 && !replies.some((r) => r.message.kind === 'done'); i += 1) {
      void session.receive({ kind: 'ack' });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await rendering;
    expect(replies.at(-1)?.message).toEqual({ kind: 'done' });
    const chunks = replies.filter((r) => r.message.kind === 'chunk');
    for (const { message, transfer } of chunks) {
      if (message.kind !== 'chunk') throw new Error('not a chunk');
      expect(transfer).toEqual([message.bytes]);
    }
    const text = Buffer.concat(chunks.map((r) => Buffer.from((r.message as { bytes: ArrayBuffer }).bytes))).toString('utf8');
    const report = JSON.parse(text) as ExerciseReport;
    expect(report.generatedAt).toBe(header.generatedAt);
    expect(report.timeline[0].deliveries.map((d) => d.deliveryId)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9']);
    expect(report.totals.deliveries).toBe(10);
  });

  it('reads no deliveries for a table of the evaluation', async () => {
    const replies: FromRenderWorker[] = [];
    const refuse = () => Promise.reject(new Error('read the deliveries'));
    await new RenderSession(data({ format: 'csv', table: 'ratings', chunkBytes: 1 << 20 }), (message) => replies.push(message), refuse).receive({
      kind: 'header',
      header,
    });
    expect(replies.map((r) => r.kind)).toEqual(['chunk', 'done']);
  });

  it('answers failed, not a crash, when the deliveries cannot be read', async () => {
    const replies: FromRenderWorker[] = [];
    await new RenderSession(
      data({ format: 'pdf' }),
      (message) => replies.push(message),
      () => Promise.reject(new Error('no database')),
    ).receive({
      kind: 'header',
      header,
    });
    expect(replies).toEqual([{ kind: 'failed', message: expect.stringContaining('no database') }]);
  });
});
