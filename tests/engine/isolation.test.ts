import type { DeliveryView, ExerciseView, InjectMessage } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { ask, askRaw, connectRefused, sleep, waitFor, type TestConsole } from '../support/consoles';
import { queryDatabase } from '../support/database';
import { startEngineSuite, type EngineSuite } from '../support/engine-suite';
import { control, createExercise, getDeliveries, inject, injectOf } from '../support/exercises';
import { signToken } from '../support/tokens';
import { QUEUE_MODES, type TestPlatform } from '../support/test-platform';

const UNKNOWN_ID = '3f1c2b8e-8a5e-4c1e-9d7e-0b9f5b0a1c2d';
const SECRET = 'UNFIRED-SECRET-TEXT';
/** Controller notes of a fired inject: staff only. */
const NOTES = 'Controller notes: the dam operator is unreachable until T+00:40';

type Row = Record<string, unknown>;

describe.each(QUEUE_MODES)('isolation between command posts (%s queues)', (queueMode) => {
  let suite: EngineSuite<'evaluator'>;
  let t: TestPlatform;
  let posts: { id: string }[];
  let operators: { token: string }[];
  let controller: { token: string };
  let evaluator: { token: string };
  /** Exercise X: posts A and B take part. Exercise Y: only post B. */
  let x: { id: string };
  let y: { id: string };
  let a: TestConsole;
  let b: TestConsole;
  let a2: TestConsole;

  const open = (token: string) => suite.open(token);
  const get = (token: string, path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`);
  const deliveryRow = async (id: string): Promise<Row> => {
    const [row] = await queryDatabase<Row>(
      t.databaseUrl,
      `select status, delivered_at, read_at, acknowledged_at, responded_at, response, overdue_at, seq from delivery where id = $1`,
      [id],
    );
    return row;
  };
  const allRows = () => queryDatabase<Row>(t.databaseUrl, `select * from delivery order by id`);

  beforeAll(async () => {
    suite = await startEngineSuite(queueMode, { posts: 3, operators: [0, 1, 0], staff: ['evaluator'] });
    ({ t, posts, operators, controller, evaluator } = suite);
    [a, b, a2] = [await open(operators[0].token), await open(operators[1].token), await open(operators[2].token)];
    x = (
      await createExercise(t, controller.token, [
        inject('XA', 0, [posts[0].id]),
        inject('XB', 0, [posts[1].id], { expectedAction: 'Report to the duty officer', controllerNotes: NOTES }),
        inject('XAB', 1, [posts[0].id, posts[1].id]),
        inject('XLATE', 3600, [posts[1].id], { title: SECRET, body: SECRET }),
      ])
    ).exercise;
    y = (await createExercise(t, controller.token, [inject('YB', 0, [posts[1].id]), inject('YLATE', 3600, [posts[1].id], { title: SECRET })]))
      .exercise;
    await control(t, controller.token, x.id, 'start');
    await control(t, controller.token, y.id, 'start');
    await waitFor(() => b.injects.length === 3 && a.injects.length === 2 && a2.injects.length === 2, 'the injects of both exercises');
  });

  afterAll(() => suite?.stop());

  it('pushes a post only its own injects, to every console of that post', async () => {
    await sleep(300);
    expect(a.injects.map((i) => [i.exerciseId, i.ref]).sort()).toEqual([
      [x.id, 'XA'],
      [x.id, 'XAB'],
    ]);
    expect(a2.injects.map((i) => i.deliveryId).sort()).toEqual(a.injects.map((i) => i.deliveryId).sort());
    expect(b.injects.map((i) => i.ref).sort()).toEqual(['XAB', 'XB', 'YB']);
    const bDeliveries = new Set(b.injects.map((i) => i.deliveryId));
    for (const c of [a, a2]) {
      expect(c.events.filter((e) => e.event === 'inject' && bDeliveries.has((e.payload as InjectMessage).deliveryId))).toEqual([]);
      expect(c.events.some((e) => JSON.stringify(e.payload).includes(y.id))).toBe(false);
      expect(c.events.some((e) => ['delivery:update', 'inject:update', 'delivery:overdue'].includes(e.event))).toBe(false);
    }
    for (const i of [...a.injects, ...b.injects]) {
      expect(i).not.toHaveProperty('expectedAction');
      expect(i).not.toHaveProperty('objectiveRefs');
      expect(i).not.toHaveProperty('controllerNotes');
    }
    // The controller notes of XB, fired to b's post, reach no operator, in any event, by any name.
    for (const c of [a, a2, b]) expect(c.events.some((e) => JSON.stringify(e.payload).includes(NOTES))).toBe(false);
    const synced = await ask(b.socket, 'sync', { exerciseId: x.id, afterSeq: 0 });
    expect(JSON.stringify(synced)).not.toContain(NOTES);
    const asOperator = await t.http().get(`/api/exercises/${x.id}/deliveries`).set('Authorization', `Bearer ${operators[1].token}`);
    expect(asOperator.status).toBe(200);
    expect(JSON.stringify(asOperator.body)).not.toContain(NOTES);
    // Staff see them.
    const asController = await t.http().get(`/api/exercises/${x.id}`).set('Authorization', `Bearer ${controller.token}`);
    expect((asController.body as ExerciseView).injects?.find((i) => i.ref === 'XB')?.controllerNotes).toBe(NOTES);
  });

  it("refuses to mark received, read, acknowledge or respond to another post's delivery, and leaves its row as it was", async () => {
    const foreign = b.injects.filter((i) => i.exerciseId === x.id);
    const before = await Promise.all(foreign.map((i) => deliveryRow(i.deliveryId)));
    for (const target of foreign) {
      for (const event of ['inject:received', 'inject:read', 'inject:acknowledge'] as const) {
        const answer = await ask(a.socket, event, { deliveryId: target.deliveryId });
        expect(answer).toEqual({ ok: false, error: expect.any(String) });
      }
      expect(await ask(a.socket, 'inject:respond', { deliveryId: target.deliveryId, text: 'Not mine to answer' })).toEqual({
        ok: false,
        error: expect.any(String),
      });
    }
    // Unknown ids answer the same way as foreign ones: nothing tells them apart.
    const unknown = await ask(a.socket, 'inject:acknowledge', { deliveryId: UNKNOWN_ID });
    const foreignAnswer = await ask(a.socket, 'inject:acknowledge', { deliveryId: foreign[0].deliveryId });
    expect(foreignAnswer).toEqual(unknown);
    expect(await Promise.all(foreign.map((i) => deliveryRow(i.deliveryId)))).toEqual(before);
    for (const row of before)
      expect(row).toEqual(
        expect.objectContaining({ status: 'sent', delivered_at: null, read_at: null, acknowledged_at: null, responded_at: null, response: null }),
      );
  });

  it("syncs only the operator's own post, whatever exercise id it names", async () => {
    const own = await ask(a.socket, 'sync', { exerciseId: x.id, afterSeq: 0 });
    expect(own.ok).toBe(true);
    const ownInjects = (own as { injects: InjectMessage[] }).injects;
    expect(ownInjects.map((i) => i.ref)).toEqual(['XA', 'XAB']);
    expect(ownInjects.map((i) => i.seq)).toEqual([1, 2]);
    const bIds = new Set(b.injects.map((i) => i.deliveryId));
    expect(ownInjects.some((i) => bIds.has(i.deliveryId))).toBe(false);
    for (const exerciseId of [y.id, UNKNOWN_ID]) {
      const other = await ask(a.socket, 'sync', { exerciseId, afterSeq: 0 });
      expect(other.ok === false || (other as { injects: InjectMessage[] }).injects.length === 0).toBe(true);
    }
  });

  it("shows an operator its own post's deliveries only, and hides exercises its post does not take part in", async () => {
    const own = await getDeliveries(t, operators[0].token, x.id);
    expect(own).toHaveLength(2);
    expect(own.every((d) => d.commandPostId === posts[0].id)).toBe(true);
    expect(own.map((d) => d.seq)).toEqual([1, 2]);
    const all = await getDeliveries(t, controller.token, x.id);
    expect(all).toHaveLength(4);
    const forB = await getDeliveries(t, operators[1].token, x.id);
    expect(forB.every((d: DeliveryView) => d.commandPostId === posts[1].id)).toBe(true);
    expect(forB).toHaveLength(2);

    for (const path of [
      `/api/exercises/${y.id}`,
      `/api/exercises/${y.id}/deliveries`,
      `/api/exercises/${UNKNOWN_ID}`,
      `/api/exercises/${UNKNOWN_ID}/deliveries`,
    ]) {
      expectApiError(await get(operators[0].token, path), 404);
    }
    // A guessed id of another post's exercise and an id that does not exist look the same.
    const hidden = await get(operators[0].token, `/api/exercises/${y.id}`);
    const missing = await get(operators[0].token, `/api/exercises/${UNKNOWN_ID}`);
    expect(hidden.body.message).toBe(missing.body.message);

    const list = await get(operators[0].token, '/api/exercises');
    expect(list.status).toBe(200);
    expect(list.body.map((e: { id: string }) => e.id)).toEqual([x.id]);
  });

  it('gives an operator an exercise without its injects, and nothing of an unfired inject by any route', async () => {
    const response = await get(operators[1].token, `/api/exercises/${x.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ id: x.id, status: 'running' }));
    expect(response.body).not.toHaveProperty('injects');
    expect(response.text).not.toContain(SECRET);
    expect(response.text).not.toContain('XLATE');
    const staffView = await get(controller.token, `/api/exercises/${x.id}`);
    const unfired = injectOf(staffView.body, 'XLATE');
    for (const path of ['/api/exercises', `/api/exercises/${x.id}/deliveries`, `/api/exercises/${y.id}`, `/api/exercises/${y.id}/deliveries`]) {
      const r = await get(operators[1].token, path);
      expect(r.text).not.toContain(SECRET);
      expect(r.text).not.toContain(unfired.id);
    }
    const sync = await ask(b.socket, 'sync', { exerciseId: x.id, afterSeq: 0 });
    expect(JSON.stringify(sync)).not.toContain(SECRET);
    expect(JSON.stringify(sync)).not.toContain('Report to the duty officer');
  });

  it('tells an operator nothing that depends on unfired injects: no inject count, no participating posts (issue 8 item 9)', async () => {
    // Post C takes part in exercise Z only through an inject that has not fired.
    const z = (await createExercise(t, controller.token, [inject('ZA', 0, [posts[0].id]), inject('ZC', 3600, [posts[2].id])])).exercise;
    await control(t, controller.token, z.id, 'start');
    const list = await get(operators[0].token, '/api/exercises');
    for (const line of list.body as Record<string, unknown>[]) expect(line).not.toHaveProperty('injectCount');
    const one = await get(operators[0].token, `/api/exercises/${z.id}`);
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('commandPostIds');
    expect(one.text).not.toContain(posts[2].id);
    // Staff still see both.
    expect((await get(controller.token, '/api/exercises')).body.find((e: { id: string }) => e.id === z.id)).toEqual(
      expect.objectContaining({ injectCount: 2 }),
    );
    expect((await get(controller.token, `/api/exercises/${z.id}`)).body.commandPostIds).toEqual(expect.arrayContaining([posts[0].id, posts[2].id]));
    await control(t, controller.token, z.id, 'stop');
  });

  it('refuses acknowledgements and responses after ENDEX, and records nothing (issue 8 item 4)', async () => {
    const w = (await createExercise(t, controller.token, [inject('WA', 0, [posts[0].id])])).exercise;
    await control(t, controller.token, w.id, 'start');
    await waitFor(() => a.injects.some((m) => m.exerciseId === w.id), 'WA at post A');
    const delivery = a.injects.find((m) => m.exerciseId === w.id) as InjectMessage;
    await control(t, controller.token, w.id, 'stop');
    const before = await deliveryRow(delivery.deliveryId);
    expect(await ask(a.socket, 'inject:acknowledge', { deliveryId: delivery.deliveryId })).toEqual({
      ok: false,
      error: expect.stringMatching(/ENDEX/),
    });
    expect(await ask(a.socket, 'inject:respond', { deliveryId: delivery.deliveryId, text: 'Too late' })).toEqual({
      ok: false,
      error: expect.stringMatching(/ENDEX/),
    });
    expect(await deliveryRow(delivery.deliveryId)).toEqual(before);
  });

  it('answers 403 to operators on the scenarios and the audit trail', async () => {
    const scenarios = await get(controller.token, '/api/scenarios');
    expect(scenarios.status).toBe(200);
    const scenarioId = scenarios.body[0].id as string;
    expectApiError(await get(operators[0].token, '/api/scenarios'), 403);
    expectApiError(await get(operators[0].token, `/api/scenarios/${scenarioId}`), 403);
    expectApiError(await get(operators[0].token, `/api/scenarios/${UNKNOWN_ID}`), 403);
    expectApiError(await t.http().post('/api/scenarios').set('Authorization', `Bearer ${operators[0].token}`).send({ title: 'x', injects: [] }), 403);
    expectApiError(await get(operators[0].token, `/api/exercises/${x.id}/audit`), 403);
  });

  it("refuses a socket handshake without a token or with a bad one with 'unauthorized'", async () => {
    expect(await connectRefused(t.url, undefined)).toBe('unauthorized');
    expect(await connectRefused(t.url, '')).toBe('unauthorized');
    expect(await connectRefused(t.url, 'not-a-token')).toBe('unauthorized');
    expect(await connectRefused(t.url, `${operators[0].token}x`)).toBe('unauthorized');
    expect(await connectRefused(t.url, undefined, { token: 12345 })).toBe('unauthorized');
    const claims = JSON.parse(Buffer.from(operators[0].token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(await connectRefused(t.url, signToken({ ...claims, commandPostId: posts[1].id }, 'a-guessed-secret'))).toBe('unauthorized');
    expect(await connectRefused(t.url, signToken({ ...claims }, '', { alg: 'none', typ: 'JWT' }))).toBe('unauthorized');
  });

  it('answers malformed operator messages with {ok:false, error} and changes nothing', async () => {
    const own = a.injects.find((i) => i.ref === 'XA') as InjectMessage;
    const rowsBefore = await allRows();
    const bad: [string, unknown][] = [
      ['inject:received', { deliveryId: 5 }],
      ['inject:received', { deliveryId: 'not-a-uuid' }],
      ['inject:received', null],
      ['inject:received', 'text'],
      ['inject:received', [own.deliveryId]],
      ['inject:received', {}],
      ['inject:acknowledge', { deliveryId: { $ne: null } }],
      ['inject:acknowledge', { deliveryId: `${own.deliveryId}' or '1'='1` }],
      ['inject:acknowledge', { deliveryId: 42 }],
      ['inject:acknowledge', 17],
      ['inject:respond', { deliveryId: own.deliveryId, text: 'x'.repeat(10_001) }],
      ['inject:respond', { deliveryId: own.deliveryId, text: '' }],
      ['inject:respond', { deliveryId: own.deliveryId, text: '   ' }],
      ['inject:respond', { deliveryId: own.deliveryId, text: 42 }],
      ['inject:respond', { deliveryId: own.deliveryId }],
      ['inject:respond', { deliveryId: 'nope', text: 'Fine' }],
      ['sync', { exerciseId: 'not-a-uuid', afterSeq: 0 }],
      ['sync', { exerciseId: 5, afterSeq: 0 }],
      ['sync', { exerciseId: x.id, afterSeq: -1 }],
      ['sync', { exerciseId: x.id, afterSeq: 1.5 }],
      ['sync', { exerciseId: x.id, afterSeq: '0' }],
      ['sync', null],
    ];
    for (const [event, payload] of bad) {
      const answer = (await askRaw(a.socket, event, payload)) as { ok: boolean; error?: unknown };
      expect({ event, payload, answer }).toEqual({ event, payload, answer: { ok: false, error: expect.any(String) } });
      expect((answer.error as string).length).toBeGreaterThan(0);
    }
    expect(a.socket.connected).toBe(true);
    expect(await allRows()).toEqual(rowsBefore);
    // The console still works, and a response of exactly 10,000 characters is accepted.
    const answer = await ask(a.socket, 'inject:respond', { deliveryId: own.deliveryId, text: 'y'.repeat(10_000) });
    expect(answer).toEqual({ ok: true, respondedAt: expect.any(String) });
    expect((await deliveryRow(own.deliveryId)).response).toBe('y'.repeat(10_000));
  });

  it('answers {ok:false} to staff sockets calling operator events, and changes nothing', async () => {
    const [staff, watcher] = [await open(controller.token), await open(evaluator.token)];
    const target = b.injects.find((i) => i.ref === 'XB') as InjectMessage;
    const before = await deliveryRow(target.deliveryId);
    for (const c of [staff, watcher]) {
      expect(await ask(c.socket, 'inject:received', { deliveryId: target.deliveryId })).toEqual({ ok: false, error: expect.any(String) });
      expect(await ask(c.socket, 'inject:acknowledge', { deliveryId: target.deliveryId })).toEqual({ ok: false, error: expect.any(String) });
      expect(await ask(c.socket, 'inject:read', { deliveryId: target.deliveryId })).toEqual({ ok: false, error: expect.any(String) });
      expect(await ask(c.socket, 'inject:respond', { deliveryId: target.deliveryId, text: 'Staff cannot answer for a post' })).toEqual({
        ok: false,
        error: expect.any(String),
      });
      expect(await ask(c.socket, 'sync', { exerciseId: x.id, afterSeq: 0 })).toEqual({ ok: false, error: expect.any(String) });
    }
    expect(await deliveryRow(target.deliveryId)).toEqual(before);
  });
});
