import type { DeliveryView } from '@excon/contracts';
import { ask, waitFor } from '../support/consoles';
import { startEngineSuite, type EngineSuite } from '../support/engine-suite';
import { control, createExercise, inject } from '../support/exercises';
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
});
