import type { InjectMessage } from '@excon/contracts';
import { ask, eventsOf, sleep, waitFor, type TestConsole } from '../support/consoles';
import { queryDatabase } from '../support/database';
import { control, createExercise, expectOnTime, getDeliveries, inject } from '../support/exercises';
import { injectsOf, startEngineSuite, statesOf, type EngineSuite } from '../support/engine-suite';
import { QUEUE_MODES, type TestPlatform } from '../support/test-platform';

describe.each(QUEUE_MODES)('catching up through sync (%s queues)', (queueMode) => {
  let suite: EngineSuite;
  let t: TestPlatform;
  let posts: { id: string }[];
  let operators: { token: string }[];
  let controller: { token: string };

  const open = (token: string) => suite.open(token);
  async function sync(c: TestConsole, exerciseId: string, afterSeq: number): Promise<InjectMessage[]> {
    const answer = await ask(c.socket, 'sync', { exerciseId, afterSeq });
    if (!answer.ok) throw new Error(`sync: ${answer.error}`);
    return answer.injects;
  }
  /** Strips what a live push and a replay may legitimately differ in (the replay carries the stored state). */
  const content = (m: InjectMessage) => ({
    deliveryId: m.deliveryId,
    exerciseId: m.exerciseId,
    injectId: m.injectId,
    ref: m.ref,
    seq: m.seq,
    title: m.title,
    body: m.body,
    precedence: m.precedence,
    dueAt: m.dueAt,
    firedAt: m.firedAt,
  });

  beforeAll(async () => {
    suite = await startEngineSuite(queueMode, { posts: 2, operators: [0, 1, 0] });
    ({ t, posts, operators, controller } = suite);
  });

  afterAll(() => suite?.stop());

  it('gives a console that connects late every inject it missed, in seq order, without gaps or repeats', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('L1', 0, [posts[0].id]),
      inject('L2', 0, [posts[0].id, posts[1].id]),
      inject('L3', 1, [posts[0].id]),
      inject('L4', 1, [posts[1].id]),
      inject('L5', 1, [posts[0].id], { precedence: 'flash', translations: { en: { title: 'L5 in English', body: 'Body in English' } } }),
      inject('L6', 2, [posts[0].id]),
    ]);
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(async () => (await getDeliveries(t, controller.token, exercise.id)).length === 7, 'all seven deliveries', 10_000);
    const a = await open(operators[0].token);
    await sleep(200);
    expect(injectsOf(a, exercise.id)).toEqual([]);

    const all = await sync(a, exercise.id, 0);
    expect(all.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(all.map((i) => i.deliveryId)).size).toBe(5);
    expect(
      all
        .map((i) => i.ref)
        .slice(0, 2)
        .sort(),
    ).toEqual(['L1', 'L2']);
    expect(
      all
        .map((i) => i.ref)
        .slice(2, 4)
        .sort(),
    ).toEqual(['L3', 'L5']);
    expect(all[4].ref).toBe('L6');
    const l5 = all.find((i) => i.ref === 'L5') as InjectMessage;
    expect(l5).toEqual(
      expect.objectContaining({
        exerciseId: exercise.id,
        title: 'Inject L5',
        body: 'Body of L5',
        precedence: 'flash',
        translations: { en: { title: 'L5 in English', body: 'Body in English' } },
        status: 'sent',
        acknowledgedAt: null,
        respondedAt: null,
        response: null,
      }),
    );
    for (const m of all) {
      expect(m).not.toHaveProperty('expectedAction');
      expect(Date.parse(m.firedAt)).toBeGreaterThanOrEqual(Date.parse(m.dueAt as string) - 5);
    }
    // The same as the REST view of the post's deliveries.
    const rest = await getDeliveries(t, operators[0].token, exercise.id);
    expect(all.map((m) => [m.deliveryId, m.seq, m.injectId])).toEqual(rest.map((d) => [d.id, d.seq, d.injectId]));

    for (const k of [1, 2, 4]) expect((await sync(a, exercise.id, k)).map((i) => i.seq)).toEqual([1, 2, 3, 4, 5].filter((s) => s > k));
    expect(await sync(a, exercise.id, 5)).toEqual([]);
    expect(await sync(a, exercise.id, 1000)).toEqual([]);
    expect((await sync(a, exercise.id, 2)).map(content)).toEqual(all.slice(2).map(content));

    const b = await open(operators[1].token);
    const forB = await sync(b, exercise.id, 0);
    expect(forB.map((i) => [i.ref, i.seq])).toEqual([
      ['L2', 1],
      ['L4', 2],
    ]);
  });

  it('gives a console that drops out mid-exercise exactly what it missed, and the whole history on request', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('D1', 0, [posts[0].id]),
      inject('D2', 1, [posts[0].id]),
      inject('D3', 2, [posts[0].id]),
      inject('D4', 2, [posts[0].id]),
      inject('D5', 3, [posts[0].id]),
      inject('D6', 5, [posts[0].id]),
    ]);
    const first = await open(operators[0].token);
    const started = await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => injectsOf(first, exercise.id).length === 2, 'D1 and D2 live', 5000);
    first.close();
    const live = injectsOf(first, exercise.id);
    expect(live.map((i) => [i.ref, i.seq])).toEqual([
      ['D1', 1],
      ['D2', 2],
    ]);

    await waitFor(async () => (await getDeliveries(t, controller.token, exercise.id)).length === 5, 'D3 to D5 fired while offline', 8000);
    const again = await open(operators[0].token);
    const lastSeen = Math.max(...live.map((i) => i.seq));
    const missed = await sync(again, exercise.id, lastSeen);
    expect(missed.map((i) => i.seq)).toEqual([3, 4, 5]);
    expect(
      missed
        .map((i) => i.ref)
        .slice(0, 2)
        .sort(),
    ).toEqual(['D3', 'D4']);
    expect(missed[2].ref).toBe('D5');

    // Live delivery resumes on the new socket; the history is complete and in order.
    await waitFor(() => injectsOf(again, exercise.id).length === 1, 'D6 live on the new socket', 8000);
    const d6 = injectsOf(again, exercise.id)[0];
    expect([d6.ref, d6.seq]).toEqual(['D6', 6]);
    expectOnTime('D6', d6.receivedAt, Date.parse(started.startedAt as string) + 5000);
    const history = await sync(again, exercise.id, 0);
    expect(history.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(history.map(content)).toEqual([...live, ...missed, d6].map(content));
    expect(new Set(history.map((i) => i.injectId)).size).toBe(6);
  });

  it('replays the stored state: receipt, acknowledgement and response', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('R1', 0, [posts[0].id]),
      inject('R2', 0, [posts[0].id]),
      inject('R3', 0, [posts[0].id]),
      inject('R4', 0, [posts[0].id]),
    ]);
    const a = await open(operators[0].token);
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => injectsOf(a, exercise.id).length === 4, 'four injects', 5000);
    const byRef = (ref: string) => injectsOf(a, exercise.id).find((i) => i.ref === ref) as InjectMessage;
    const received = await ask(a.socket, 'inject:received', { deliveryId: byRef('R1').deliveryId });
    const acknowledged = await ask(a.socket, 'inject:acknowledge', { deliveryId: byRef('R2').deliveryId });
    const responded = await ask(a.socket, 'inject:respond', { deliveryId: byRef('R3').deliveryId, text: 'Силы и средства выдвинуты' });
    expect([received.ok, acknowledged.ok, responded.ok]).toEqual([true, true, true]);
    a.close();

    const later = await open(operators[0].token);
    const replay = await sync(later, exercise.id, 0);
    const at = (ref: string) => replay.find((i) => i.ref === ref) as InjectMessage;
    expect(at('R1')).toEqual(expect.objectContaining({ status: 'delivered', acknowledgedAt: null, respondedAt: null, response: null }));
    expect(at('R2')).toEqual(
      expect.objectContaining({
        status: 'acknowledged',
        acknowledgedAt: (acknowledged as { acknowledgedAt: string }).acknowledgedAt,
        respondedAt: null,
        response: null,
      }),
    );
    expect(at('R3')).toEqual(
      expect.objectContaining({
        status: 'responded',
        respondedAt: (responded as { respondedAt: string }).respondedAt,
        response: 'Силы и средства выдвинуты',
        acknowledgedAt: expect.any(String),
      }),
    );
    expect(at('R4')).toEqual(expect.objectContaining({ status: 'sent', acknowledgedAt: null, respondedAt: null, response: null }));
    expect(replay.map((i) => i.seq)).toEqual([1, 2, 3, 4]);
  });

  it('answers a repeated receipt, acknowledgement or response with the time first recorded, and records it once', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('I1', 0, [posts[0].id]), inject('I2', 0, [posts[0].id])]);
    const [a, staff] = [await open(operators[0].token), await open(controller.token)];
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => injectsOf(a, exercise.id).length === 2, 'two injects', 5000);
    const [one, two] = injectsOf(a, exercise.id);

    const firstReceipt = await ask(a.socket, 'inject:received', { deliveryId: one.deliveryId });
    expect(firstReceipt).toEqual({ ok: true, deliveredAt: expect.any(String) });
    await sleep(50);
    expect(await ask(a.socket, 'inject:received', { deliveryId: one.deliveryId })).toEqual(firstReceipt);

    const firstAck = await ask(a.socket, 'inject:acknowledge', { deliveryId: one.deliveryId });
    expect(firstAck).toEqual({ ok: true, acknowledgedAt: expect.any(String) });
    await sleep(50);
    expect(await ask(a.socket, 'inject:acknowledge', { deliveryId: one.deliveryId })).toEqual(firstAck);
    // A receipt after the acknowledgement keeps the first receipt time.
    expect(await ask(a.socket, 'inject:received', { deliveryId: one.deliveryId })).toEqual(firstReceipt);

    // Acknowledging before any receipt records the receipt too; a later receipt answers with that time.
    const ackFirst = await ask(a.socket, 'inject:acknowledge', { deliveryId: two.deliveryId });
    expect(ackFirst.ok).toBe(true);
    const lateReceipt = await ask(a.socket, 'inject:received', { deliveryId: two.deliveryId });
    expect(lateReceipt.ok).toBe(true);
    expect(Date.parse((lateReceipt as { deliveredAt: string }).deliveredAt)).toBeLessThanOrEqual(
      Date.parse((ackFirst as { acknowledgedAt: string }).acknowledgedAt),
    );

    const firstAnswer = await ask(a.socket, 'inject:respond', { deliveryId: one.deliveryId, text: 'Выполнено' });
    expect(firstAnswer).toEqual({ ok: true, respondedAt: expect.any(String) });
    await sleep(50);
    expect(await ask(a.socket, 'inject:respond', { deliveryId: one.deliveryId, text: 'Выполнено' })).toEqual(firstAnswer);
    // A different second answer does not overwrite the first.
    expect(await ask(a.socket, 'inject:respond', { deliveryId: one.deliveryId, text: 'Another answer' })).toEqual({
      ok: false,
      error: expect.any(String),
    });
    // Acknowledging after responding keeps the status and times.
    expect(await ask(a.socket, 'inject:acknowledge', { deliveryId: one.deliveryId })).toEqual(firstAck);

    const [row] = await queryDatabase<{ status: string; delivered_at: Date; acknowledged_at: Date; responded_at: Date; response: string }>(
      t.databaseUrl,
      `select status, delivered_at, acknowledged_at, responded_at, response from delivery where id = $1`,
      [one.deliveryId],
    );
    expect(row.status).toBe('responded');
    expect(row.response).toBe('Выполнено');
    expect(row.delivered_at.toISOString()).toBe((firstReceipt as { deliveredAt: string }).deliveredAt);
    expect(row.acknowledged_at.toISOString()).toBe((firstAck as { acknowledgedAt: string }).acknowledgedAt);
    expect(row.responded_at.toISOString()).toBe((firstAnswer as { respondedAt: string }).respondedAt);

    // Staff heard of each change once: delivered, acknowledged, responded (no echo of the repeats).
    await sleep(200);
    const updates = eventsOf<{ deliveryId: string; status: string }>(staff, 'delivery:update').filter((u) => u.deliveryId === one.deliveryId);
    expect(updates.map((u) => u.status)).toEqual(['sent', 'delivered', 'acknowledged', 'responded']);
  });

  it('gives two consoles of one post acknowledging at once the same acknowledgement', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('W1', 0, [posts[0].id])]);
    const [first, second, staff] = [await open(operators[0].token), await open(operators[2].token), await open(controller.token)];
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => injectsOf(first, exercise.id).length === 1 && injectsOf(second, exercise.id).length === 1, 'W1 at both consoles', 5000);
    const deliveryId = injectsOf(first, exercise.id)[0].deliveryId;
    expect(injectsOf(second, exercise.id)[0].deliveryId).toBe(deliveryId);
    const answers = await Promise.all([first, second, first, second].map((c) => ask(c.socket, 'inject:acknowledge', { deliveryId })));
    expect(answers.every((r) => r.ok)).toBe(true);
    expect(new Set(answers.map((r) => (r as { acknowledgedAt: string }).acknowledgedAt)).size).toBe(1);
    await sleep(200);
    const updates = eventsOf<{ deliveryId: string; status: string }>(staff, 'delivery:update').filter((u) => u.deliveryId === deliveryId);
    expect(updates.map((u) => u.status)).toEqual(['sent', 'acknowledged']);
  });

  it('sends each post its own highest seq with a state change (so a console that has it all need not sync), and staff none', async () => {
    const staff = await open(controller.token);
    const a = await open(operators[0].token);
    const b = await open(operators[1].token);
    const { exercise } = await createExercise(t, controller.token, [
      inject('H1', 0, [posts[0].id]),
      inject('H2', 0, [posts[0].id]),
      inject('H3', 0, [posts[1].id]),
      inject('H4', 600, [posts[1].id]),
    ]);
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(async () => (await getDeliveries(t, controller.token, exercise.id)).length === 3, 'three deliveries', 10_000);
    await control(t, controller.token, exercise.id, 'pause');
    await waitFor(() => [a, b, staff].every((c) => statesOf(c, exercise.id).length === 2), 'both states everywhere', 5000);
    const seqs = (c: TestConsole) => statesOf(c, exercise.id).map((s) => [s.status, s.lastSeq]);
    expect(seqs(a)).toEqual([
      ['running', 0],
      ['paused', 2],
    ]);
    expect(seqs(b)).toEqual([
      ['running', 0],
      ['paused', 1],
    ]);
    expect(statesOf(staff, exercise.id).map((s) => 'lastSeq' in s)).toEqual([false, false]);
    await control(t, controller.token, exercise.id, 'stop');
  });
});
