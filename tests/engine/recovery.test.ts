import { Client } from 'pg';
import type { AuditEventView, DeliveryView, ExerciseView } from '@excon/contracts';
import { MSEL_LIMITS } from '@excon/domain';
import { ExerciseEventsProducer, FULL_REQUEUE_MS, InjectFiringService, ScheduleReconciler } from '@excon/engine';
import { QueueConnections, QueueName, jobIds, type FireInjectJob } from '@excon/queue';
import { ask, sleep, waitFor } from '../support/consoles';
import { queryDatabase } from '../support/database';
import { control, createExercise, getDeliveries, getExercise, inject, injectAction, injectOf } from '../support/exercises';
import { startEngineSuite, type EngineSuite } from '../support/engine-suite';
import { QUEUE_MODES, type TestPlatform } from '../support/test-platform';

/**
 * The recovery path of the engine, each finding of the review caused on purpose: a scheduled exercise
 * beside a lost job, a row that cannot fire, offsets past 24.8 days, order after lost jobs, deadlocks
 * against transitions, ad-hoc "fire now" against timed sweeps, and "fire now" racing ENDEX.
 * A lost job is made by moving an inject's due time into the past and bumping its generation in the
 * database, so that its queued job is stale: exactly what the reconciler finds after a crash or a flush.
 */
describe.each(QUEUE_MODES)('engine recovery (%s queues)', (queueMode) => {
  let suite: EngineSuite;
  let t: TestPlatform;
  let posts: { id: string }[];
  let controller: { token: string };
  let operators: { token: string }[];

  const loseJob = (injectId: string, dueAt: Date) =>
    queryDatabase(t.databaseUrl, `update exercise_inject set due_at = $2, generation = generation + 1 where id = $1`, [injectId, dueAt]);
  const audit = async (exerciseId: string): Promise<AuditEventView[]> =>
    (await t.http().get(`/api/exercises/${exerciseId}/audit`).set('Authorization', `Bearer ${controller.token}`).expect(200))
      .body as AuditEventView[];
  const reconciler = () => t.platform.app.get(ScheduleReconciler);
  /** Each post's deliveries in seq order, as refs. */
  const refsBySeq = (exercise: ExerciseView, deliveries: DeliveryView[], post: string) =>
    deliveries
      .filter((d) => d.commandPostId === post)
      .sort((a, b) => a.seq - b.seq)
      .map((d) => exercise.injects?.find((i) => i.id === d.injectId)?.ref);

  beforeAll(async () => {
    suite = await startEngineSuite(queueMode, { posts: 2, operators: [0, 1] });
    ({ t, posts, controller, operators } = suite);
  });

  afterAll(() => suite?.stop());

  it('keeps recovering lost jobs while another exercise is scheduled to start (item 1)', async () => {
    const scheduled = await createExercise(t, controller.token, [inject('S1', 0, [posts[0].id])]);
    const startAt = new Date(Date.now() + 40_000).toISOString();
    expect((await control(t, controller.token, scheduled.exercise.id, 'start', { at: startAt })).status).toBe('scheduled');
    const { exercise } = await createExercise(t, controller.token, [inject('L1', 600, [posts[0].id])]);
    const started = await control(t, controller.token, exercise.id, 'start');
    await loseJob(injectOf(started, 'L1').id, new Date(Date.now() - 5000));
    // The scheduled exercise is within the reconciler's horizon on every pass: passes must still go through.
    await expect(reconciler().pass()).resolves.toEqual(expect.objectContaining({ fired: expect.any(Number) }));
    await waitFor(
      async () => injectOf(await getExercise(t, controller.token, exercise.id), 'L1').status === 'fired',
      'the lost inject re-fired',
      10_000,
    );
    const fired = injectOf(await getExercise(t, controller.token, exercise.id), 'L1');
    expect(fired.latenessMs).toBeGreaterThan(4000);
    expect((await audit(exercise.id)).map((e) => e.action)).toContain('inject.fired_late');
    await control(t, controller.token, scheduled.exercise.id, 'stop');
  });

  it('skips an inject that cannot fire, fires everything else, and retries it later (item 2)', async () => {
    const bad = await createExercise(t, controller.token, [
      inject('B1', 600, [posts[0].id]),
      inject('B2', 600, [posts[1].id]),
      inject('B3', 601, [posts[1].id]),
    ]);
    const good = await createExercise(t, controller.token, [inject('G1', 600, [posts[0].id]), inject('G2', 601, [posts[1].id])]);
    const [badRun, goodRun] = [
      await control(t, controller.token, bad.exercise.id, 'start'),
      await control(t, controller.token, good.exercise.id, 'start'),
    ];
    const b1 = injectOf(badRun, 'B1');
    // B1 targets a post that does not exist any more: its delivery cannot be written (foreign key).
    await queryDatabase(t.databaseUrl, `update exercise_inject set targets = $2 where id = $1`, [
      b1.id,
      JSON.stringify(['00000000-0000-4000-8000-000000000000']),
    ]);
    const past = Date.now() - 10_000;
    // B1 is the earliest due of all: before the fix its failure ended the pass before anything else fired.
    await loseJob(b1.id, new Date(past));
    await loseJob(injectOf(badRun, 'B2').id, new Date(past + 1));
    await loseJob(injectOf(badRun, 'B3').id, new Date(past + 2));
    await loseJob(injectOf(goodRun, 'G1').id, new Date(past + 3));
    await loseJob(injectOf(goodRun, 'G2').id, new Date(past + 4));
    await reconciler().pass();
    const statuses = async (id: string) =>
      Object.fromEntries((await getExercise(t, controller.token, id)).injects?.map((i) => [i.ref, i.status]) ?? []);
    await waitFor(
      async () => (await statuses(good.exercise.id)).G2 === 'fired' && (await statuses(bad.exercise.id)).B3 === 'fired',
      'the other injects fired',
      10_000,
    );
    expect(await statuses(good.exercise.id)).toEqual({ G1: 'fired', G2: 'fired' });
    expect(await statuses(bad.exercise.id)).toEqual({ B1: 'pending', B2: 'fired', B3: 'fired' });
    expect((await getDeliveries(t, controller.token, bad.exercise.id)).map((d) => d.seq)).toEqual([1, 2]);
    // Repaired, it fires on a later pass (after its pause), and takes the next seq of its post.
    await queryDatabase(t.databaseUrl, `update exercise_inject set targets = $2 where id = $1`, [b1.id, JSON.stringify([posts[0].id])]);
    await waitFor(async () => (await statuses(bad.exercise.id)).B1 === 'fired', 'the repaired inject fired', 15_000);
    const deliveries = await getDeliveries(t, controller.token, bad.exercise.id);
    expect(deliveries.find((d) => d.injectId === b1.id)).toEqual(expect.objectContaining({ commandPostId: posts[0].id, seq: 1 }));
  });

  it('runs scenarios with offsets up to the largest accepted, and records lateness past 24.8 days (item 3)', async () => {
    const max = MSEL_LIMITS.maxOffsetSeconds;
    const { exercise } = await createExercise(t, controller.token, [
      inject('O1', 0, [posts[0].id]),
      inject('O2', max, [posts[1].id]),
      inject('O3', max - 1, [posts[1].id]),
    ]);
    const started = await control(t, controller.token, exercise.id, 'start');
    expect(started.status).toBe('running');
    expect(Date.parse(injectOf(started, 'O2').dueAt as string)).toBe(Date.parse(started.startedAt as string) + max * 1000);
    expect((await control(t, controller.token, exercise.id, 'pause')).status).toBe('paused');
    const resumed = await control(t, controller.token, exercise.id, 'resume');
    expect(resumed.status).toBe('running');
    expect(Date.parse(injectOf(resumed, 'O2').dueAt as string)).toBeGreaterThan(Date.parse(started.startedAt as string) + max * 1000);
    // A scheduled start of the same scenario goes through too.
    const later = await createExercise(t, controller.token, [inject('P1', max, [posts[0].id])]);
    await control(t, controller.token, later.exercise.id, 'start', { at: new Date(Date.now() + 1500).toISOString() });
    await waitFor(async () => (await getExercise(t, controller.token, later.exercise.id)).status === 'running', 'the scheduled start', 10_000);
    // Lateness beyond int range: an inject found 40 days overdue.
    await loseJob(injectOf(resumed, 'O3').id, new Date(Date.now() - 40 * 24 * 3600_000));
    await reconciler().pass();
    const late = injectOf(await getExercise(t, controller.token, exercise.id), 'O3');
    expect(late.status).toBe('fired');
    expect(late.latenessMs).toBeGreaterThan(40 * 24 * 3600_000 - 60_000);
    for (const id of [exercise.id, later.exercise.id]) await control(t, controller.token, id, 'stop');
  });

  it('fires overdue injects together in MSEL order, and no timed firing overtakes an earlier-due one (item 10)', async () => {
    const refs = ['K1', 'K2', 'K3', 'K4', 'K5', 'K6'];
    const { exercise } = await createExercise(
      t,
      controller.token,
      refs.map((ref, i) => inject(ref, 600 + i, i % 2 ? [posts[0].id, posts[1].id] : [posts[0].id])),
    );
    const started = await control(t, controller.token, exercise.id, 'start');
    void reconciler().onModuleDestroy(); // no pass in between: the timed firing alone must keep the order
    try {
      const now = Date.now();
      // K1..K5 lost their jobs and are overdue; K6's job fires now.
      for (const [i, ref] of refs.slice(0, 5).entries()) await loseJob(injectOf(started, ref).id, new Date(now - 5000 + i * 100));
      const [k6] = await queryDatabase<{ id: string; generation: number }>(
        t.databaseUrl,
        `update exercise_inject set due_at = $2, generation = generation + 1 where id = $1 returning id, generation`,
        [injectOf(started, 'K6').id, new Date(now)],
      );
      expect(
        await t.platform.app
          .get(InjectFiringService)
          .fireWhenDue({ exerciseId: exercise.id, injectId: k6.id, generation: k6.generation, dueAt: now }),
      ).toBe('fired');
    } finally {
      reconciler().start();
    }
    const view = await getExercise(t, controller.token, exercise.id);
    expect(view.injects?.map((i) => i.status)).toEqual(refs.map(() => 'fired'));
    const deliveries = await getDeliveries(t, controller.token, exercise.id);
    expect(refsBySeq(view, deliveries, posts[0].id)).toEqual(refs);
    expect(refsBySeq(view, deliveries, posts[1].id)).toEqual(['K2', 'K4', 'K6']);
    const late = (await audit(exercise.id)).filter((e) => e.action === 'inject.fired_late').map((e) => e.details.ref);
    expect(late.sort()).toEqual(['K1', 'K2', 'K3', 'K4', 'K5']);
  });

  it('retries a pause that loses a deadlock instead of answering 500 (item 12)', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('D1', 600, [posts[0].id])]);
    const started = await control(t, controller.token, exercise.id, 'start');
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query('select 1 from exercise_inject where id = $1 for update', [injectOf(started, 'D1').id]);
      const pause = t
        .http()
        .post(`/api/exercises/${exercise.id}/pause`)
        .set('Authorization', `Bearer ${controller.token}`)
        .send({})
        .then((r) => r);
      await sleep(300); // the pause holds the exercise row and waits for the inject row
      // Taking the exercise row now closes the cycle: PostgreSQL aborts the pause (it waited first) with 40P01.
      const ours = client.query('select 1 from exercise where id = $1 for update', [exercise.id]);
      await ours;
      await sleep(200);
      await client.query('rollback');
      const answer = await pause;
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe('paused');
    } finally {
      await client.end();
    }
    await control(t, controller.token, exercise.id, 'stop');
  });

  it('creates and fires an ad-hoc "fire now" inject in one transaction, never as a late engine firing (item 13)', async () => {
    // Timed injects every 100 ms: each of their firings sweeps whatever pending inject is due.
    const { exercise } = await createExercise(
      t,
      controller.token,
      Array.from({ length: 40 }, (_, i) => inject(`T${i}`, i, [posts[0].id])),
      10,
    );
    await control(t, controller.token, exercise.id, 'start');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t
          .http()
          .post(`/api/exercises/${exercise.id}/injects`)
          .set('Authorization', `Bearer ${controller.token}`)
          .send({ ref: `AH${i}`, title: `Ad hoc ${i}`, body: 'Now', targets: [posts[1].id] }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(answers.map((a) => a.body.status)).toEqual(answers.map(() => 'fired'));
    const firings = (await audit(exercise.id)).filter(
      (e) => typeof e.details.ref === 'string' && e.details.ref.startsWith('AH') && e.action.startsWith('inject.fired'),
    );
    expect(firings).toHaveLength(20);
    expect(new Set(firings.map((e) => `${e.action} by ${e.actorName}`))).toEqual(new Set([`inject.fired_now by ${firings[0].actorName}`]));
    expect(firings[0].actorName).not.toBe('engine');
    const deliveries = (await getDeliveries(t, controller.token, exercise.id)).filter((d) => d.commandPostId === posts[1].id);
    expect(deliveries.map((d) => d.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await control(t, controller.token, exercise.id, 'stop');
  });

  it('after ENDEX nothing fires: "fire now" of held injects racing the stop (item 14)', async () => {
    const refs = Array.from({ length: 20 }, (_, i) => `H${i}`);
    const { exercise } = await createExercise(
      t,
      controller.token,
      refs.map((ref) => inject(ref, 3600, [posts[0].id, posts[1].id])),
    );
    const started = await control(t, controller.token, exercise.id, 'start');
    for (const ref of refs) expect((await injectAction(t, controller.token, exercise.id, injectOf(started, ref).id, 'hold')).status).toBe(200);
    const fires = refs.map((ref) => injectAction(t, controller.token, exercise.id, injectOf(started, ref).id, 'fire').then((r) => r));
    const stop = t
      .http()
      .post(`/api/exercises/${exercise.id}/stop`)
      .set('Authorization', `Bearer ${controller.token}`)
      .send({})
      .then((r) => r);
    const [stopped, ...answers] = await Promise.all([stop, ...fires]);
    expect(stopped.status).toBe(200);
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    const completedAt = Date.parse(
      (
        await queryDatabase<{ completed_at: Date }>(t.databaseUrl, `select completed_at from exercise where id = $1`, [exercise.id])
      )[0].completed_at.toISOString(),
    );
    const deliveries = await getDeliveries(t, controller.token, exercise.id);
    for (const d of deliveries) expect(Date.parse(d.firedAt)).toBeLessThanOrEqual(completedAt);
    const firedRefs = new Set(answers.filter((a) => a.status === 200).map((a) => a.body.ref as string));
    expect(new Set(deliveries.map((d) => refs.find((r) => injectOf(started, r).id === d.injectId)))).toEqual(firedRefs);
    const trail = await audit(exercise.id);
    const stopIndex = trail.findIndex((e) => e.action === 'exercise.stopped');
    expect(trail.slice(stopIndex + 1).filter((e) => e.action.startsWith('inject.fired'))).toEqual([]);
    // And afterwards every "fire now" is refused.
    const after = await injectAction(t, controller.token, exercise.id, injectOf(started, refs[0]).id, 'fire');
    expect(after.status).toBe(409);
  });

  it('sync answers every inject after afterSeq, past a thousand (item 9)', async () => {
    const count = 1100;
    const { exercise } = await createExercise(
      t,
      controller.token,
      Array.from({ length: count }, (_, i) => inject(`M${String(i).padStart(4, '0')}`, 0, [posts[1].id])),
    );
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(
      async () =>
        (await queryDatabase<{ n: string }>(t.databaseUrl, `select count(*) as n from delivery where exercise_id = $1`, [exercise.id]))[0].n ===
        String(count),
      'every inject fired',
      30_000,
    );
    const console = await suite.open(operators[1].token);
    const all = await ask(console.socket, 'sync', { exerciseId: exercise.id, afterSeq: 0 });
    if (!all.ok) throw new Error(all.error);
    expect(all.injects.map((m) => m.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    const rest = await ask(console.socket, 'sync', { exerciseId: exercise.id, afterSeq: 50 });
    if (!rest.ok) throw new Error(rest.error);
    expect(rest.injects.map((m) => m.seq)).toEqual(Array.from({ length: count - 50 }, (_, i) => i + 51));
    await control(t, controller.token, exercise.id, 'stop');
  });

  it('re-queues only the firing jobs the queue is missing; all of them once the queue lost jobs (item 15)', async () => {
    const producer = t.platform.app.get(ExerciseEventsProducer);
    const queue = t.platform.app.get(QueueConnections).inspectQueue(QueueName.ExerciseEvents);
    // Right after the periodic full re-queue, so that none falls inside the checks below.
    await waitFor(() => Date.now() - producer.lastFullRequeueAt < FULL_REQUEUE_MS - 20_000, 'a full re-queue', FULL_REQUEUE_MS + 5000);
    const { exercise } = await createExercise(t, controller.token, [inject('Q1', 30, [posts[0].id]), inject('Q2', 45, [posts[1].id])]);
    await control(t, controller.token, exercise.id, 'start');
    const rows = await queryDatabase<{ id: string; generation: number }>(
      t.databaseUrl,
      `select id, generation from exercise_inject where exercise_id = $1`,
      [exercise.id],
    );
    const ids = rows.map((r) => jobIds.fireInject(r.id, r.generation));
    const scheduled = jest.spyOn(producer, 'scheduleFirings');
    const ours = () =>
      scheduled.mock.calls
        .flatMap(([jobs]: [FireInjectJob[]]) => jobs)
        .filter((j) => j.exerciseId === exercise.id)
        .map((j) => jobIds.fireInject(j.injectId, j.generation))
        .sort();
    try {
      // STARTEX queued both: the passes leave them alone.
      await reconciler().pass();
      await reconciler().pass();
      expect(ours()).toEqual([]);
      // Every delayed job gone, as after a flush: the next pass puts ours back.
      for (const job of await queue.getJobs(['delayed'])) await job.remove();
      expect(await Promise.all(ids.map((id) => queue.getJob(id)))).toEqual([undefined, undefined]);
      await reconciler().pass();
      expect(ours()).toEqual([...ids].sort());
      expect((await Promise.all(ids.map((id) => queue.getJob(id)))).map((job) => job?.id)).toEqual(ids);
      scheduled.mockClear();
      await reconciler().pass();
      expect(ours()).toEqual([]);
    } finally {
      scheduled.mockRestore();
      await control(t, controller.token, exercise.id, 'stop');
    }
  });
});
