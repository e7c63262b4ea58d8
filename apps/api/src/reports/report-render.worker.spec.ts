import type { FromRenderWorker } from './report-worker.messages';
import { RenderSession } from './report-render.worker';
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
    posts: [{ id: 'p', code: 'P', name: 'Post', memberState: 'KZ', ministry: 'crc', timeZone: 'UTC' }],
    objectives: [],
    scope: '',
    missionArea: null,
  },
  asOf: 0,
  generatedAt: '2026-12-20T06:00:00.000Z',
  injects: [],
  auditTrail: [],
};

describe('RenderSession', () => {
  it('renders what it was sent once it hears end, and hands back an ArrayBuffer of its own to transfer', async () => {
    const replies: { message: FromRenderWorker; transfer?: ArrayBuffer[] }[] = [];
    const session = new RenderSession('json', (message, transfer) => replies.push({ message, transfer }));
    expect(session.receive({ kind: 'header', header })).toBeUndefined();
    expect(session.receive({ kind: 'deliveries', rows: [] })).toBeUndefined();
    expect(replies).toEqual([]);
    await session.receive({ kind: 'end' });
    expect(replies).toHaveLength(1);
    const [{ message, transfer }] = replies;
    if (message.kind !== 'done') throw new Error(`failed: ${message.message}`);
    expect(transfer).toEqual([message.bytes]);
    expect(message.bytes.byteLength).toBe(Buffer.from(message.bytes).length);
    expect(JSON.parse(Buffer.from(message.bytes).toString('utf8'))).toEqual(
      expect.objectContaining({ generatedAt: header.generatedAt, timeline: [] }),
    );
  });

  it('answers failed, not a crash, when the data is incomplete', async () => {
    const replies: FromRenderWorker[] = [];
    await new RenderSession('pdf', (message) => replies.push(message)).receive({ kind: 'end' });
    expect(replies).toEqual([{ kind: 'failed', message: expect.stringContaining('no header') }]);
  });
});
