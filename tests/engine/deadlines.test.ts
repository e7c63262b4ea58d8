import type { AuditEventView, DeliveryOverdueMessage, DeliveryUpdateMessage, InjectMessage } from '@excon/contracts';
import { AckDeadlineService } from '@excon/engine';
import { queryDatabase } from '../support/database';
import { ask, eventsOf, sleep, waitFor, type TestConsole } from '../support/consoles';
import { control, createExercise, expectOnTime, getDeliveries, getExercise, inject, injectOf } from '../support/exercises';
import { injectsOf, startEngineSuite, type EngineSuite } from '../support/engine-suite';
import { QUEUE_MODES, type TestPlatform } from '../support/test-platform';

describe.each(QUEUE_MODES)('acknowledge deadlines and contingency injects (%s queues)', (queueMode) => {
  let suite: EngineSuite;
  let t: TestPlatform;
  let posts: { id: string }[];
  let operators: { token: string }[];
  let controller: { token: string };

  const open = (token: string) => suite.open(token);
  const overduesOf = (c: TestConsole, exerciseId: string) =>
    eventsOf<DeliveryOverdueMessage>(c, 'delivery:overdue').filter((o) => o.exerciseId === exerciseId);

  beforeAll(async () => {
    suite = await startEngineSuite(queueMode, { posts: 2, operators: [0, 1] });
    ({ t, posts, operators, controller } = suite);
  });

  afterAll(() => suite?.stop());

  it('flags to staff only the post that did not acknowledge in time', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('K1', 0, [posts[0].id, posts[1].id], { ackWithinSeconds: 2 })]);
    const [staff, onTime, late, watcher] = [
      await open(controller.token),
      await open(operators[0].token),
      await open(operators[1].token),
      await open(operators[0].token),
    ];
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => injectsOf(onTime, exercise.id).length === 1 && injectsOf(late, exercise.id).length === 1, 'K1 at both posts', 5000);
    const [metDelivery, missedDelivery] = [injectsOf(onTime, exercise.id)[0], injectsOf(late, exercise.id)[0]];
    expect(metDelivery.ackWithinSeconds).toBe(2);
    expect(await ask(onTime.socket, 'inject:acknowledge', { deliveryId: metDelivery.deliveryId })).toEqual({
      ok: true,
      acknowledgedAt: expect.any(String),
    });
    const deadlineAt = Date.parse(missedDelivery.firedAt) + 2000;

    await sleep(Math.max(0, deadlineAt - Date.now() - 300));
    expect(overduesOf(staff, exercise.id)).toEqual([]);
    await waitFor(() => overduesOf(staff, exercise.id).length === 1, 'delivery:overdue', 5000);
    await sleep(Math.max(0, deadlineAt + 2500 - Date.now()));
    const overdue = overduesOf(staff, exercise.id);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toEqual(
      expect.objectContaining({
        deliveryId: missedDelivery.deliveryId,
        exerciseId: exercise.id,
        injectId: missedDelivery.injectId,
        ref: 'K1',
        commandPostId: posts[1].id,
        contingencyInjectId: null,
      }),
    );
    expect(Date.parse(overdue[0].deadlineAt)).toBe(deadlineAt);
    expectOnTime('delivery:overdue', overdue[0].receivedAt, deadlineAt, { earlyMs: 5 });
    // Operators hear nothing of deadlines.
    for (const c of [onTime, late, watcher]) expect(eventsOf(c, 'delivery:overdue')).toEqual([]);

    const deliveries = await getDeliveries(t, controller.token, exercise.id);
    const met = deliveries.find((d) => d.id === metDelivery.deliveryId);
    const missed = deliveries.find((d) => d.id === missedDelivery.deliveryId);
    expect(met).toEqual(expect.objectContaining({ status: 'acknowledged', overdueAt: null }));
    expect(missed).toEqual(expect.objectContaining({ status: 'sent', acknowledgedAt: null, overdueAt: expect.any(String) }));
    expect(Date.parse(missed?.overdueAt as string)).toBeGreaterThanOrEqual(deadlineAt - 5);
    const updates = eventsOf<DeliveryUpdateMessage>(staff, 'delivery:update').filter((u) => u.deliveryId === missedDelivery.deliveryId);
    expect(updates.at(-1)?.overdueAt).toBe(missed?.overdueAt);

    // A late acknowledgement is still taken; the delivery stays flagged.
    expect((await ask(late.socket, 'inject:acknowledge', { deliveryId: missedDelivery.deliveryId })).ok).toBe(true);
    const after = (await getDeliveries(t, controller.token, exercise.id)).find((d) => d.id === missedDelivery.deliveryId);
    expect(after).toEqual(expect.objectContaining({ status: 'acknowledged', overdueAt: missed?.overdueAt }));
    expect(overduesOf(staff, exercise.id)).toHaveLength(1);
  });

  it('releases the named contingency inject to the late post only; contingency injects never fire on their own schedule', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('EV1', 0, [posts[0].id, posts[1].id], { ackWithinSeconds: 2, contingencyRef: 'CONT1' }),
      inject('CONT1', 1, [posts[0].id, posts[1].id], { contingency: true, title: 'Escalation: no acknowledgement received' }),
      inject('EV2', 0, [posts[0].id, posts[1].id], { ackWithinSeconds: 2, contingencyRef: 'CONT2' }),
      inject('CONT2', 1, [posts[0].id, posts[1].id], { contingency: true }),
    ]);
    const [staff, onTime, late] = [await open(controller.token), await open(operators[0].token), await open(operators[1].token)];
    const started = await control(t, controller.token, exercise.id, 'start');
    expect(injectOf(started, 'CONT1')).toEqual(expect.objectContaining({ contingency: true, status: 'pending', dueAt: null }));

    // Post A acknowledges both; post B only EV2.
    await waitFor(() => injectsOf(onTime, exercise.id).length === 2 && injectsOf(late, exercise.id).length === 2, 'EV1 and EV2 at both posts', 5000);
    for (const m of injectsOf(onTime, exercise.id))
      expect((await ask(onTime.socket, 'inject:acknowledge', { deliveryId: m.deliveryId })).ok).toBe(true);
    const ev2AtB = injectsOf(late, exercise.id).find((m) => m.ref === 'EV2') as InjectMessage;
    expect((await ask(late.socket, 'inject:acknowledge', { deliveryId: ev2AtB.deliveryId })).ok).toBe(true);
    const ev1AtB = injectsOf(late, exercise.id).find((m) => m.ref === 'EV1') as InjectMessage;
    const deadlineAt = Date.parse(ev1AtB.firedAt) + 2000;

    // At T+1 (the contingency injects' own offset) nothing is released.
    await sleep(Math.max(0, deadlineAt - Date.now() - 300));
    expect(
      injectsOf(onTime, exercise.id)
        .map((m) => m.ref)
        .sort(),
    ).toEqual(['EV1', 'EV2']);
    expect(
      injectsOf(late, exercise.id)
        .map((m) => m.ref)
        .sort(),
    ).toEqual(['EV1', 'EV2']);

    await waitFor(() => injectsOf(late, exercise.id).length === 3, 'CONT1 at the late post', 5000);
    const released = injectsOf(late, exercise.id)[2];
    expect(released).toEqual(expect.objectContaining({ ref: 'CONT1', title: 'Escalation: no acknowledgement received', seq: 3 }));
    expectOnTime('CONT1 released', released.receivedAt, deadlineAt, { earlyMs: 5 });

    await sleep(2500);
    expect(
      injectsOf(onTime, exercise.id)
        .map((m) => m.ref)
        .sort(),
    ).toEqual(['EV1', 'EV2']);
    expect(injectsOf(late, exercise.id).map((m) => m.ref)).toEqual([
      ...injectsOf(late, exercise.id)
        .slice(0, 2)
        .map((m) => m.ref),
      'CONT1',
    ]);

    const overdue = overduesOf(staff, exercise.id);
    expect(overdue).toHaveLength(1);
    const view = await getExercise(t, controller.token, exercise.id);
    expect(overdue[0]).toEqual(
      expect.objectContaining({
        deliveryId: ev1AtB.deliveryId,
        ref: 'EV1',
        commandPostId: posts[1].id,
        contingencyInjectId: injectOf(view, 'CONT1').id,
      }),
    );
    // Released to one post only: the inject itself stays pending, for the controller to fire to its own targets.
    expect(injectOf(view, 'CONT1')).toEqual(expect.objectContaining({ status: 'pending', firedAt: null }));
    expect(injectOf(view, 'CONT2')).toEqual(expect.objectContaining({ status: 'pending', firedAt: null, dueAt: null }));

    const deliveries = await getDeliveries(t, controller.token, exercise.id);
    expect(deliveries.filter((d) => d.injectId === injectOf(view, 'CONT1').id).map((d) => d.commandPostId)).toEqual([posts[1].id]);
    expect(deliveries.filter((d) => d.injectId === injectOf(view, 'CONT2').id)).toEqual([]);
    expect(deliveries.filter((d) => d.overdueAt !== null).map((d) => d.id)).toEqual([ev1AtB.deliveryId]);
    // The operator of the late post finds the contingency inject in its history; the other post does not.
    const replayB = await ask(late.socket, 'sync', { exerciseId: exercise.id, afterSeq: 0 });
    expect(replayB.ok && replayB.injects.map((m) => m.ref).sort()).toEqual(['CONT1', 'EV1', 'EV2']);
    const replayA = await ask(onTime.socket, 'sync', { exerciseId: exercise.id, afterSeq: 0 });
    expect(replayA.ok && replayA.injects.map((m) => m.ref).sort()).toEqual(['EV1', 'EV2']);
    expect((await getDeliveries(t, operators[0].token, exercise.id)).map((d) => d.injectId).sort()).toEqual(
      [injectOf(view, 'EV1').id, injectOf(view, 'EV2').id].sort(),
    );
  });

  it('refuses an ad-hoc inject whose contingencyRef names no contingency inject of the exercise', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('BASE', 3600, [posts[0].id]),
      inject('CONT5', 0, [posts[0].id], { contingency: true }),
    ]);
    await control(t, controller.token, exercise.id, 'start');
    const adHoc = (body: object) =>
      t.http().post(`/api/exercises/${exercise.id}/injects`).set('Authorization', `Bearer ${controller.token}`).send(body);
    for (const contingencyRef of ['NOPE', 'BASE']) {
      const refused = await adHoc({
        ref: `AH-${contingencyRef}`,
        title: 'x',
        body: 'y',
        targets: [posts[0].id],
        ackWithinSeconds: 1,
        contingencyRef,
      });
      expect({ contingencyRef, status: refused.status, fields: (refused.body.details ?? []).map((d: { field: string }) => d.field) }).toEqual({
        contingencyRef,
        status: 400,
        fields: ['contingencyRef'],
      });
    }
    expect((await getExercise(t, controller.token, exercise.id)).injects?.map((i) => i.ref)).toEqual(['CONT5', 'BASE']);
  });

  it('gives ad-hoc injects acknowledge deadlines and contingency injects too', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('BASE', 3600, [posts[0].id, posts[1].id]),
      inject('CONT4', 0, [posts[0].id], { contingency: true }),
    ]);
    const [staff, a, b] = [await open(controller.token), await open(operators[0].token), await open(operators[1].token)];
    await control(t, controller.token, exercise.id, 'start');
    const adHoc = (body: object) =>
      t.http().post(`/api/exercises/${exercise.id}/injects`).set('Authorization', `Bearer ${controller.token}`).send(body);
    const created = await adHoc({
      ref: 'AH4',
      title: 'Confirm readiness',
      body: 'Confirm',
      targets: [posts[0].id, posts[1].id],
      ackWithinSeconds: 1,
      contingencyRef: 'CONT4',
    });
    expect(created.status).toBe(201);
    await waitFor(() => injectsOf(a, exercise.id).length === 1 && injectsOf(b, exercise.id).length === 1, 'AH4 at both posts', 5000);
    expect((await ask(a.socket, 'inject:acknowledge', { deliveryId: injectsOf(a, exercise.id)[0].deliveryId })).ok).toBe(true);
    await waitFor(() => injectsOf(b, exercise.id).length === 2, 'CONT4 at the late post', 5000);
    expect(injectsOf(b, exercise.id).map((m) => m.ref)).toEqual(['AH4', 'CONT4']);
    await sleep(1500);
    expect(injectsOf(a, exercise.id).map((m) => m.ref)).toEqual(['AH4']);
    expect(overduesOf(staff, exercise.id).map((o) => [o.ref, o.commandPostId])).toEqual([['AH4', posts[1].id]]);
  });

  it('releases a contingency inject to each late post once, when several miss the deadline', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('EV3', 0, [posts[0].id, posts[1].id], { ackWithinSeconds: 1, contingencyRef: 'CONT3' }),
      inject('CONT3', 0, [posts[0].id], { contingency: true }),
    ]);
    const [staff, a, b] = [await open(controller.token), await open(operators[0].token), await open(operators[1].token)];
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => injectsOf(a, exercise.id).length === 2 && injectsOf(b, exercise.id).length === 2, 'CONT3 at both late posts', 6000);
    for (const c of [a, b])
      expect(injectsOf(c, exercise.id).map((m) => [m.ref, m.seq])).toEqual([
        ['EV3', 1],
        ['CONT3', 2],
      ]);
    await waitFor(() => overduesOf(staff, exercise.id).length === 2, 'two overdue flags', 3000);
    expect(
      overduesOf(staff, exercise.id)
        .map((o) => o.commandPostId)
        .sort(),
    ).toEqual([posts[0].id, posts[1].id].sort());
    await sleep(2500);
    for (const c of [a, b]) expect(injectsOf(c, exercise.id)).toHaveLength(2);
    expect(overduesOf(staff, exercise.id)).toHaveLength(2);
    expect(await getDeliveries(t, controller.token, exercise.id)).toHaveLength(4);
  });

  it('stops the deadline clock while paused: no overdue, no release, and the deadline moves by the pause (item 4)', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('PD1', 0, [posts[0].id], { ackWithinSeconds: 3, contingencyRef: 'PC1' }),
      inject('PC1', 0, [posts[0].id], { contingency: true }),
    ]);
    const [staff, a] = [await open(controller.token), await open(operators[0].token)];
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => injectsOf(a, exercise.id).length === 1, 'PD1', 5000);
    const first = injectsOf(a, exercise.id)[0];
    const deadlineAt = Date.parse(first.ackDeadlineAt as string);
    await sleep(1000);
    const pausedAt = Date.now();
    await control(t, controller.token, exercise.id, 'pause');
    // The old deadline passes during the pause: nothing happens.
    await sleep(Math.max(0, deadlineAt - Date.now()) + 2500);
    expect(overduesOf(staff, exercise.id)).toEqual([]);
    expect(injectsOf(a, exercise.id)).toHaveLength(1);
    expect((await getDeliveries(t, controller.token, exercise.id))[0].overdueAt).toBeNull();
    const resumedAt = Date.now();
    await control(t, controller.token, exercise.id, 'resume');
    const synced = await ask(a.socket, 'sync', { exerciseId: exercise.id, afterSeq: 0 });
    if (!synced.ok) throw new Error(synced.error);
    const moved = Date.parse(synced.injects[0].ackDeadlineAt as string);
    // Moved later by the time the clock stood (pause → resume), give or take the requests' own time.
    expect(Math.abs(moved - deadlineAt - (resumedAt - pausedAt))).toBeLessThan(400);
    await sleep(Math.max(0, moved - Date.now() - 500));
    expect(overduesOf(staff, exercise.id)).toEqual([]);
    await waitFor(() => overduesOf(staff, exercise.id).length === 1, 'overdue at the moved deadline', 5000);
    expect(Date.parse(overduesOf(staff, exercise.id)[0].deadlineAt)).toBe(moved);
    await waitFor(() => injectsOf(a, exercise.id).length === 2, 'PC1 released after the moved deadline', 5000);
    await control(t, controller.token, exercise.id, 'stop');
  });

  it('a deadline set by "fire now" during a pause starts to run at resume', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('PF1', 3600, [posts[1].id], { ackWithinSeconds: 2 })]);
    const [staff, b] = [await open(controller.token), await open(operators[1].token)];
    const started = await control(t, controller.token, exercise.id, 'start');
    await control(t, controller.token, exercise.id, 'pause');
    expect(
      (
        await t
          .http()
          .post(`/api/exercises/${exercise.id}/injects/${injectOf(started, 'PF1').id}/fire`)
          .set('Authorization', `Bearer ${controller.token}`)
          .send({})
      ).status,
    ).toBe(200);
    await waitFor(() => injectsOf(b, exercise.id).length === 1, 'PF1 fired while paused', 5000);
    await sleep(3000);
    expect(overduesOf(staff, exercise.id)).toEqual([]);
    const resumedAt = Date.now();
    await control(t, controller.token, exercise.id, 'resume');
    await waitFor(() => overduesOf(staff, exercise.id).length === 1, 'overdue 2 s after resume', 6000);
    expect(Math.abs(Date.parse(overduesOf(staff, exercise.id)[0].deadlineAt) - (resumedAt + 2000))).toBeLessThan(400);
    await control(t, controller.token, exercise.id, 'stop');
  });

  it('after a release to one late post the controller still fires the contingency inject to its own targets (item 5)', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('RV1', 0, [posts[1].id], { ackWithinSeconds: 1, contingencyRef: 'RC1' }),
      inject('RC1', 0, [posts[0].id, posts[1].id], { contingency: true }),
    ]);
    const [a, b] = [await open(operators[0].token), await open(operators[1].token)];
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => injectsOf(b, exercise.id).length === 2, 'RC1 released to the late post', 6000);
    const view = await getExercise(t, controller.token, exercise.id);
    expect(injectOf(view, 'RC1')).toEqual(expect.objectContaining({ status: 'pending', firedAt: null }));
    const fired = await t
      .http()
      .post(`/api/exercises/${exercise.id}/injects/${injectOf(view, 'RC1').id}/fire`)
      .set('Authorization', `Bearer ${controller.token}`)
      .send({});
    expect(fired.status).toBe(200);
    expect(fired.body.status).toBe('fired');
    await waitFor(() => injectsOf(a, exercise.id).length === 1, 'RC1 at the other target', 5000);
    await sleep(500);
    // The late post keeps its one copy; the other target gets its own.
    expect(injectsOf(b, exercise.id).map((m) => m.ref)).toEqual(['RV1', 'RC1']);
    expect(injectsOf(a, exercise.id).map((m) => [m.ref, m.seq])).toEqual([['RC1', 1]]);
    const deliveries = await getDeliveries(t, controller.token, exercise.id);
    expect(
      deliveries
        .filter((d) => d.injectId === injectOf(view, 'RC1').id)
        .map((d) => d.commandPostId)
        .sort(),
    ).toEqual([posts[0].id, posts[1].id].sort());
    await control(t, controller.token, exercise.id, 'stop');
  });

  it('two deadlines sharing a contingency that expire together release it once, and say so once (item 6)', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('TW1', 0, [posts[1].id], { ackWithinSeconds: 3600, contingencyRef: 'TWC' }),
      inject('TW2', 0, [posts[1].id], { ackWithinSeconds: 3600, contingencyRef: 'TWC' }),
      inject('TWC', 0, [posts[1].id], { contingency: true }),
    ]);
    const staff = await open(controller.token);
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(async () => (await getDeliveries(t, controller.token, exercise.id)).length === 2, 'TW1 and TW2 fired', 5000);
    const ids = (await getDeliveries(t, controller.token, exercise.id)).map((d) => d.id);
    await queryDatabase(t.databaseUrl, `update delivery set ack_deadline_at = now() where exercise_id = $1`, [exercise.id]);
    const deadlines = t.platform.app.get(AckDeadlineService);
    expect((await Promise.all(ids.map((id) => deadlines.check(id)))).sort()).toEqual([true, true]);
    await waitFor(() => overduesOf(staff, exercise.id).length === 2, 'two overdue flags', 5000);
    const released = overduesOf(staff, exercise.id).filter((o) => o.contingencyInjectId !== null);
    expect(released).toHaveLength(1);
    const trail = (await t.http().get(`/api/exercises/${exercise.id}/audit`).set('Authorization', `Bearer ${controller.token}`))
      .body as AuditEventView[];
    expect(trail.filter((e) => e.action === 'inject.contingency_released')).toHaveLength(1);
    const view = await getExercise(t, controller.token, exercise.id);
    expect((await getDeliveries(t, controller.token, exercise.id)).filter((d) => d.injectId === injectOf(view, 'TWC').id)).toHaveLength(1);
    await control(t, controller.token, exercise.id, 'stop');
  });
});
