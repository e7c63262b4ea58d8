import type { DeliveryUpdateMessage, DeliveryView, ExerciseReport } from '@excon/contracts';
import { randomUUID } from 'node:crypto';
import { ask, eventsOf, sleep, waitFor } from '../support/consoles';
import { startEngineSuite, type EngineSuite } from '../support/engine-suite';
import { control, createExercise, getDeliveries, inject } from '../support/exercises';
import { QUEUE_MODES, type TestPlatform } from '../support/test-platform';

describe.each(QUEUE_MODES)('delivery to consoles (%s queues)', (queueMode) => {
  let suite: EngineSuite;
  let t: TestPlatform;
  let posts: { id: string }[];
  let operators: { token: string }[];
  let controller: { token: string };
  const open = (token: string) => suite.open(token);

  beforeAll(async () => {
    suite = await startEngineSuite(queueMode, { posts: 2, operators: [0, 1] });
    ({ t, posts, operators, controller } = suite);
  });

  afterAll(() => suite?.stop());

  it('gives each console exactly its own injects, in order, with gap-free seq, on time', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('A1', 1, [posts[0].id]),
      inject('B1', 1, [posts[1].id]),
      inject('AB2', 2, [posts[0].id, posts[1].id]),
      inject('A3', 3, [posts[0].id], { precedence: 'flash' }),
    ]);
    const [a, b, staff] = await Promise.all([open(operators[0].token), open(operators[1].token), open(controller.token)]);
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => a.injects.length === 3 && b.injects.length === 2, 'all injects');
    expect(a.injects.map((i) => i.ref)).toEqual(['A1', 'AB2', 'A3']);
    expect(a.injects.map((i) => i.seq)).toEqual([1, 2, 3]);
    expect(b.injects.map((i) => i.ref)).toEqual(['B1', 'AB2']);
    expect(b.injects.map((i) => i.seq)).toEqual([1, 2]);
    for (const received of [...a.injects, ...b.injects]) {
      const late = received.receivedAt - Date.parse(received.dueAt as string);
      expect(late).toBeGreaterThanOrEqual(-5);
      expect(late).toBeLessThan(500);
      expect(received).not.toHaveProperty('expectedAction');
    }
    const ack = await ask(a.socket, 'inject:acknowledge', { deliveryId: a.injects[0].deliveryId });
    expect(ack.ok).toBe(true);
    const answer = await ask(a.socket, 'inject:respond', { deliveryId: a.injects[0].deliveryId, text: 'Принято, выполняем' });
    expect(answer.ok).toBe(true);
    await waitFor(
      () => staff.events.some((e) => e.event === 'delivery:update' && (e.payload as { status: string }).status === 'responded'),
      'responded pushed to staff',
    );
    const deliveries = (await t.http().get(`/api/exercises/${exercise.id}/deliveries`).set('Authorization', `Bearer ${controller.token}`))
      .body as DeliveryView[];
    expect(deliveries).toHaveLength(5);
    const first = deliveries.find((d) => d.id === a.injects[0].deliveryId) as DeliveryView;
    expect(first.status).toBe('responded');
    expect(first.response).toBe('Принято, выполняем');
    expect(first.acknowledgedAt).not.toBeNull();
  });

  it("stores the post's first read once, pushes it to staff, and reports the time to read", async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('R1', 1, [posts[0].id]), inject('R2', 1, [posts[0].id])]);
    const [a, second, staff] = await Promise.all([open(operators[0].token), open(operators[0].token), open(controller.token)]);
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => a.injects.length === 2, 'both injects');
    const [r1, r2] = a.injects;
    const read = await ask(a.socket, 'inject:read', { deliveryId: r1.deliveryId });
    expect(read).toEqual({ ok: true, readAt: expect.any(String) });
    const readAt = (read as { readAt: string }).readAt;
    expect(Date.parse(readAt)).toBeGreaterThanOrEqual(Date.parse(r1.firedAt));
    // Again, from this console or another of the post: the stored time, nothing changed.
    await sleep(20);
    expect(await ask(second.socket, 'inject:read', { deliveryId: r1.deliveryId })).toEqual({ ok: true, readAt });
    await waitFor(
      () => eventsOf<DeliveryUpdateMessage>(staff, 'delivery:update').some((u) => u.deliveryId === r1.deliveryId && u.readAt === readAt),
      'the read pushed to staff',
    );
    expect(eventsOf<DeliveryUpdateMessage>(staff, 'delivery:update').filter((u) => u.deliveryId === r1.deliveryId && u.readAt !== null)).toHaveLength(
      1,
    );
    const deliveries = await getDeliveries(t, controller.token, exercise.id);
    expect(deliveries.find((d) => d.id === r1.deliveryId)).toEqual(expect.objectContaining({ readAt, deliveredAt: expect.any(String) }));
    expect(deliveries.find((d) => d.id === r2.deliveryId)?.readAt).toBeNull();
    // A reloaded console is told it was read.
    const reloaded = await open(operators[0].token);
    const replay = await ask(reloaded.socket, 'sync', { exerciseId: exercise.id, afterSeq: 0 });
    expect((replay as { injects: { deliveryId: string; readAt: string | null }[] }).injects.map((i) => [i.deliveryId, i.readAt])).toEqual([
      [r1.deliveryId, readAt],
      [r2.deliveryId, null],
    ]);
    await control(t, controller.token, exercise.id, 'stop');
    // After ENDEX a first read is refused and stored nowhere; the one made before is still answered.
    expect(await ask(a.socket, 'inject:read', { deliveryId: r2.deliveryId })).toEqual({ ok: false, error: expect.stringMatching(/ENDEX/) });
    expect(await ask(a.socket, 'inject:read', { deliveryId: r1.deliveryId })).toEqual({ ok: true, readAt });
    const report = (await t.http().get(`/api/exercises/${exercise.id}/report`).set('Authorization', `Bearer ${controller.token}`))
      .body as ExerciseReport;
    const reported = report.timeline.flatMap((e) => e.deliveries);
    const seconds = (Date.parse(readAt) - Date.parse(r1.firedAt)) / 1000;
    expect(reported.find((d) => d.deliveryId === r1.deliveryId)).toEqual(
      expect.objectContaining({ readAt, secondsToRead: expect.closeTo(seconds, 2) }),
    );
    expect(reported.find((d) => d.deliveryId === r2.deliveryId)).toEqual(expect.objectContaining({ readAt: null, secondsToRead: null }));
    expect(report.postStatistics.find((p) => p.commandPostId === posts[0].id)).toEqual(expect.objectContaining({ read: 1 }));
  });

  it('stores an action queued offline once, with the console time of the action beside the receipt', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('Q1', 1, [posts[1].id])]);
    const b = await open(operators[1].token);
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => b.injects.length === 1, 'the inject');
    const [q1] = b.injects;
    await sleep(300);
    // The operator acted 100 ms after the firing; the console sends it now, twice with one key (a retry).
    const actedAt = new Date(Date.parse(q1.firedAt) + 100).toISOString();
    const ackKey = randomUUID();
    const first = await ask(b.socket, 'inject:acknowledge', { deliveryId: q1.deliveryId, key: ackKey, actedAt });
    const again = await ask(b.socket, 'inject:acknowledge', { deliveryId: q1.deliveryId, key: ackKey, actedAt });
    expect(first).toEqual({ ok: true, acknowledgedAt: expect.any(String) });
    expect(again).toEqual(first);
    // A console clock ahead of the server's is clamped to the receipt; the same response key with other text is the same action.
    const respondKey = randomUUID();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const answered = await ask(b.socket, 'inject:respond', { deliveryId: q1.deliveryId, text: 'Принято', key: respondKey, actedAt: future });
    expect(answered).toEqual({ ok: true, respondedAt: expect.any(String) });
    expect(await ask(b.socket, 'inject:respond', { deliveryId: q1.deliveryId, text: 'Принято!', key: respondKey, actedAt: future })).toEqual(
      answered,
    );
    expect(await ask(b.socket, 'inject:respond', { deliveryId: q1.deliveryId, text: 'Другое' })).toEqual({ ok: false, error: expect.any(String) });
    const stored = (await getDeliveries(t, controller.token, exercise.id))[0];
    expect(stored).toEqual(
      expect.objectContaining({
        status: 'responded',
        response: 'Принято',
        acknowledgedAt: (first as { acknowledgedAt: string }).acknowledgedAt,
        acknowledgedOnConsoleAt: actedAt,
        respondedAt: (answered as { respondedAt: string }).respondedAt,
        respondedOnConsoleAt: (answered as { respondedAt: string }).respondedAt,
      }),
    );
    expect(Date.parse(stored.acknowledgedAt as string) - Date.parse(actedAt)).toBeGreaterThanOrEqual(200);
    // Bad stamps are refused by name and change nothing.
    expect(await ask(b.socket, 'inject:acknowledge', { deliveryId: q1.deliveryId, key: 'nope' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^key/),
    });
  });
});
