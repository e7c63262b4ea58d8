import type { AuditEventView, ExerciseInjectView, ExerciseView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { eventsOf, sleep, waitFor } from '../support/consoles';
import { injectsOf, startEngineSuite, statesOf, type EngineSuite } from '../support/engine-suite';
import {
  ON_TIME,
  control,
  createExercise,
  expectOnTime,
  getDeliveries,
  getExercise,
  inject,
  injectAction,
  injectOf,
  plannedAt,
} from '../support/exercises';
import { fieldsOf } from '../support/fixtures';
import { QUEUE_MODES, type TestPlatform } from '../support/test-platform';

const { earlyMs: EARLY_MS, lateMs: LATE_MS } = ON_TIME;

type User = { token: string; username: string; user: { id: string; displayName: string } };

describe.each(QUEUE_MODES)('exercise control over REST (%s queues)', (queueMode) => {
  let suite: EngineSuite<'evaluator' | 'reviewer'>;
  let t: TestPlatform;
  let posts: { id: string }[];
  let controller: User;
  let evaluator: User;
  let reviewer: User;
  let operators: User[];

  const post = (token: string, path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body);
  const patch = (token: string, path: string, body: object) => t.http().patch(path).set('Authorization', `Bearer ${token}`).send(body);
  const open = (token: string) => suite.open(token);

  beforeAll(async () => {
    suite = await startEngineSuite(queueMode, { posts: 3, operators: [0, 1, 2], staff: ['evaluator', 'reviewer'] });
    ({ t, posts, controller, evaluator, reviewer, operators } = suite);
  });

  afterAll(() => suite?.stop());

  it('creates a draft exercise holding a frozen copy of the scenario', async () => {
    const { scenario, exercise } = await createExercise(t, controller.token, [inject('F1', 30, [posts[0].id]), inject('F2', 60, [posts[1].id])]);
    expect(exercise).toEqual(
      expect.objectContaining({
        scenarioId: scenario.id,
        status: 'draft',
        speed: 1,
        startedAt: null,
        scenarioSeconds: 0,
        commandPostIds: expect.arrayContaining([posts[0].id, posts[1].id]),
      }),
    );
    expect(exercise.injects?.map((i) => [i.ref, i.offsetSeconds, i.title, i.status, i.dueAt, i.firedAt])).toEqual([
      ['F1', 30, 'Inject F1', 'pending', null, null],
      ['F2', 60, 'Inject F2', 'pending', null, null],
    ]);

    const scenarioInject = scenario.injects.find((i) => i.ref === 'F1') as { id: string };
    const edit = await patch(controller.token, `/api/scenarios/${scenario.id}/injects/${scenarioInject.id}`, {
      title: 'Edited after the exercise was made',
      offsetSeconds: 5,
      body: 'Edited body',
    });
    expect(edit.status).toBe(200);
    const edited = await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', `Bearer ${controller.token}`);
    expect(edited.body.injects.find((i: { ref: string }) => i.ref === 'F1')).toEqual(
      expect.objectContaining({ title: 'Edited after the exercise was made', offsetSeconds: 5 }),
    );

    const frozen = injectOf(await getExercise(t, controller.token, exercise.id), 'F1');
    expect(frozen).toEqual(expect.objectContaining({ title: 'Inject F1', body: 'Body of F1', offsetSeconds: 30 }));
  });

  it('answers 409 to transitions the exercise state does not allow, and changes nothing', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('T1', 600, [posts[0].id])]);
    const id = exercise.id;
    const expectConflict = async (action: string, status: ExerciseView['status']) => {
      expectApiError(await post(controller.token, `/api/exercises/${id}/${action}`), 409);
      expect((await getExercise(t, controller.token, id)).status).toBe(status);
    };
    await expectConflict('pause', 'draft');
    await expectConflict('resume', 'draft');
    await expectConflict('stop', 'draft');

    expect((await control(t, controller.token, id, 'start')).status).toBe('running');
    await expectConflict('start', 'running');
    await expectConflict('resume', 'running');
    expectApiError(await post(controller.token, `/api/exercises/${id}/start`, { at: new Date(Date.now() + 60_000).toISOString() }), 409);
    expect((await getExercise(t, controller.token, id)).status).toBe('running');

    expect((await control(t, controller.token, id, 'pause')).status).toBe('paused');
    await expectConflict('pause', 'paused');
    await expectConflict('start', 'paused');

    const stopped = await control(t, controller.token, id, 'stop');
    expect(stopped.status).toBe('completed');
    expect(stopped.completedAt).not.toBeNull();
    for (const action of ['start', 'pause', 'resume', 'stop']) await expectConflict(action, 'completed');
    expectApiError(await patch(controller.token, `/api/exercises/${id}`, { speed: 2 }), 409);
    const t1 = injectOf(stopped, 'T1');
    for (const action of ['fire', 'hold', 'skip'] as const) expectApiError(await injectAction(t, controller.token, id, t1.id, action), 409);
    expectApiError(await injectAction(t, controller.token, id, t1.id, 'retime', { offsetSeconds: 1 }), 409);
    expectApiError(await post(controller.token, `/api/exercises/${id}/injects`, inject('LATE', 1, [posts[0].id])), 409);
    const after = await getExercise(t, controller.token, id);
    expect(after.status).toBe('completed');
    expect(after.injects?.map((i) => [i.ref, i.status])).toEqual([['T1', 'pending']]);
    expect(await getDeliveries(t, controller.token, id)).toEqual([]);
  });

  it('writes none of a PATCH that is refused (title and speed of a completed exercise)', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('U1', 600, [posts[0].id])]);
    await control(t, controller.token, exercise.id, 'start');
    await control(t, controller.token, exercise.id, 'stop');
    expectApiError(await patch(controller.token, `/api/exercises/${exercise.id}`, { title: 'Renamed by a refused change', speed: 2 }), 409);
    expect(await getExercise(t, controller.token, exercise.id)).toEqual(
      expect.objectContaining({ title: exercise.title, speed: 1, status: 'completed' }),
    );
  });

  it('validates the speed (0.01 to 60, a number) on create and on change', async () => {
    const { scenario, exercise } = await createExercise(t, controller.token, [inject('V1', 600, [posts[0].id])]);
    for (const speed of [0, -1, 61, '2', 'fast', true, 1e-300, 0.0099]) {
      const response = await post(controller.token, '/api/exercises', { scenarioId: scenario.id, speed });
      expectApiError(response, 400, ['speed']);
      expect([...new Set(fieldsOf(response.body))]).toEqual(['speed']);
    }
    const fastest = await post(controller.token, '/api/exercises', { scenarioId: scenario.id, speed: 60 });
    expect(fastest.status).toBe(201);
    expect(fastest.body).toEqual(expect.objectContaining({ status: 'draft', speed: 60 }));
    const fractional = await post(controller.token, '/api/exercises', { scenarioId: scenario.id, speed: 0.5 });
    expect(fractional.status).toBe(201);
    expect(fractional.body.speed).toBe(0.5);

    for (const speed of [0, -1, 61, '2', 1e-300])
      expectApiError(await patch(controller.token, `/api/exercises/${exercise.id}`, { speed }), 400, ['speed']);
    expect((await getExercise(t, controller.token, exercise.id)).speed).toBe(1);
    // The slowest accepted speed starts and times its injects (1e-300 made start a 500 before).
    const slowest = await post(controller.token, '/api/exercises', { scenarioId: scenario.id, speed: 0.01 });
    expect(slowest.status).toBe(201);
    const slowRun = await control(t, controller.token, slowest.body.id, 'start');
    expect(Date.parse(injectOf(slowRun, 'V1').dueAt as string)).toBe(Date.parse(slowRun.startedAt as string) + 600 * 100 * 1000);
    await control(t, controller.token, slowest.body.id, 'stop');
    const changed = await patch(controller.token, `/api/exercises/${exercise.id}`, { speed: 60 });
    expect(changed.status).toBe(200);
    expect(changed.body.speed).toBe(60);
  });

  it('accepts for `at` only an instant with Z or an offset; anything else is a 400 naming `at` and starts nothing (item 7)', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('Z1', 600, [posts[0].id])]);
    for (const at of ['20261220T060000Z', '2026-W51-4', '2099-12-20T06:00:00', '2099-12-20', '2099-02-30T06:00:00Z', 'tomorrow', '', 1766210400000]) {
      const response = await post(controller.token, `/api/exercises/${exercise.id}/start`, { at });
      expectApiError(response, 400, ['at']);
    }
    expect((await getExercise(t, controller.token, exercise.id)).status).toBe('draft');
    const withOffset = await control(t, controller.token, exercise.id, 'start', { at: '2099-12-20T09:00:00+03:00' });
    expect(withOffset.status).toBe('scheduled');
    const trail = (await t.http().get(`/api/exercises/${exercise.id}/audit`).set('Authorization', `Bearer ${controller.token}`))
      .body as AuditEventView[];
    expect(trail.find((e) => e.action === 'exercise.scheduled')?.details.scheduledFor).toBe('2099-12-20T06:00:00.000Z');
    await control(t, controller.token, exercise.id, 'stop');
  });

  it('starts a scheduled exercise on its own at `at`, and times its injects from that start', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('S1', 1, [posts[0].id]), inject('S2', 2, [posts[0].id])]);
    const [staff, a] = [await open(controller.token), await open(operators[0].token)];
    // First planned an hour ahead, then moved to two seconds from now: only the second plan counts.
    expect((await control(t, controller.token, exercise.id, 'start', { at: new Date(Date.now() + 3600_000).toISOString() })).status).toBe(
      'scheduled',
    );
    const at = Date.now() + 2000;
    const scheduled = await control(t, controller.token, exercise.id, 'start', { at: new Date(at).toISOString() });
    expect(scheduled.status).toBe('scheduled');
    expect(scheduled.startedAt).toBeNull();
    expect(scheduled.scheduledFor).toBe(new Date(at).toISOString());
    expect(scheduled.scenarioSeconds).toBe(0);
    expect(injectOf(scheduled, 'S1').dueAt).toBeNull();

    await sleep(1000);
    expect((await getExercise(t, controller.token, exercise.id)).status).toBe('scheduled');
    expect(injectsOf(a, exercise.id)).toHaveLength(0);

    await waitFor(() => injectsOf(a, exercise.id).length === 2, 'both injects after the scheduled start', 10_000);
    const running = await getExercise(t, controller.token, exercise.id);
    expect(running.status).toBe('running');
    const startedAt = Date.parse(running.startedAt as string);
    expectOnTime('STARTEX', startedAt, at);
    for (const received of injectsOf(a, exercise.id)) {
      const offset = received.ref === 'S1' ? 1 : 2;
      expectOnTime(received.ref, received.receivedAt, at + offset * 1000);
      expect(Math.abs(Date.parse(received.dueAt as string) - plannedAt(running, offset))).toBeLessThanOrEqual(1);
    }
    for (const c of [staff, a]) expect(statesOf(c, exercise.id).map((s) => s.status)).toEqual(['scheduled', 'scheduled', 'running']);
  });

  it('starts at once for an `at` already past, and refuses an `at` that is not an ISO time', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('Q1', 600, [posts[0].id])]);
    for (const at of ['tomorrow', '2026-13-45T00:00:00Z', 12345]) {
      expectApiError(await post(controller.token, `/api/exercises/${exercise.id}/start`, { at }), 400, ['at']);
    }
    expectApiError(await post(controller.token, `/api/exercises/${exercise.id}/start`, { when: 'now' }), 400, ['when']);
    expect((await getExercise(t, controller.token, exercise.id)).status).toBe('draft');
    const before = Date.now();
    const started = await control(t, controller.token, exercise.id, 'start', { at: new Date(Date.now() - 60_000).toISOString() });
    expect(started.status).toBe('running');
    expect(Date.parse(started.startedAt as string)).toBeGreaterThanOrEqual(before - EARLY_MS);
    expectApiError(await post(controller.token, '/api/exercises/3f1c2b8e-8a5e-4c1e-9d7e-0b9f5b0a1c2d/start'), 404);
  });

  it('stops a scheduled exercise before its start: it never starts', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('Z1', 0, [posts[0].id])]);
    const a = await open(operators[0].token);
    await control(t, controller.token, exercise.id, 'start', { at: new Date(Date.now() + 1500).toISOString() });
    const stopped = await control(t, controller.token, exercise.id, 'stop');
    expect(stopped).toEqual(expect.objectContaining({ status: 'completed', startedAt: null }));
    await sleep(3000);
    expect(await getExercise(t, controller.token, exercise.id)).toEqual(
      expect.objectContaining({ status: 'completed', startedAt: null, scenarioSeconds: 0 }),
    );
    expect(injectsOf(a, exercise.id)).toEqual([]);
  });

  it('stops an exercise: completed, the clock stands, and pending injects never fire', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('E1', 0, [posts[0].id]),
      inject('E2', 2, [posts[0].id]),
      inject('E3', 3, [posts[1].id]),
    ]);
    const [a, b] = [await open(operators[0].token), await open(operators[1].token)];
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => injectsOf(a, exercise.id).length === 1, 'E1');
    const stopped = await control(t, controller.token, exercise.id, 'stop');
    expect(stopped.status).toBe('completed');
    expect(injectOf(stopped, 'E2')).toEqual(expect.objectContaining({ status: 'pending', dueAt: null }));
    await sleep(3500);
    expect(injectsOf(a, exercise.id).map((i) => i.ref)).toEqual(['E1']);
    expect(injectsOf(b, exercise.id)).toEqual([]);
    const later = await getExercise(t, controller.token, exercise.id);
    expect(later.scenarioSeconds).toBe(stopped.scenarioSeconds);
    expect(later.injects?.map((i) => [i.ref, i.status])).toEqual([
      ['E1', 'fired'],
      ['E2', 'pending'],
      ['E3', 'pending'],
    ]);
    expect((await getDeliveries(t, controller.token, exercise.id)).map((d) => d.injectId)).toEqual([injectOf(later, 'E1').id]);
  });

  it('answers 403 to evaluators, reviewers and operators on every controller-only route, and changes nothing', async () => {
    const { scenario, exercise } = await createExercise(t, controller.token, [inject('R1', 600, [posts[0].id])]);
    const id = exercise.id;
    const injectId = injectOf(exercise, 'R1').id;
    const routes: [string, string, object][] = [
      ['post', '/api/exercises', { scenarioId: scenario.id }],
      ['patch', `/api/exercises/${id}`, { speed: 2 }],
      ['post', `/api/exercises/${id}/start`, {}],
      ['post', `/api/exercises/${id}/pause`, {}],
      ['post', `/api/exercises/${id}/resume`, {}],
      ['post', `/api/exercises/${id}/stop`, {}],
      ['post', `/api/exercises/${id}/injects`, inject('X1', 1, [posts[0].id])],
      ['post', `/api/exercises/${id}/injects/${injectId}/fire`, {}],
      ['post', `/api/exercises/${id}/injects/${injectId}/hold`, {}],
      ['post', `/api/exercises/${id}/injects/${injectId}/release`, {}],
      ['post', `/api/exercises/${id}/injects/${injectId}/skip`, {}],
      ['post', `/api/exercises/${id}/injects/${injectId}/retime`, { offsetSeconds: 1 }],
    ];
    for (const who of [evaluator, reviewer, operators[0]]) {
      for (const [method, path, body] of routes) {
        const response = method === 'post' ? await post(who.token, path, body) : await patch(who.token, path, body);
        expect({ who: who.username, method, path, status: response.status }).toEqual({ who: who.username, method, path, status: 403 });
        expectApiError(response, 403);
      }
    }
    const after = await getExercise(t, controller.token, id);
    expect(after).toEqual(expect.objectContaining({ status: 'draft', speed: 1 }));
    expect(after.injects?.map((i) => [i.ref, i.status, i.offsetSeconds])).toEqual([['R1', 'pending', 600]]);
    const list = await t.http().get('/api/exercises').set('Authorization', `Bearer ${controller.token}`);
    expect(list.body.filter((e: { scenarioId: string }) => e.scenarioId === scenario.id)).toHaveLength(1);
  });

  it('pushes every exercise:state change to staff and the posts taking part, and to no other post', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('W1', 600, [posts[0].id]), inject('W2', 900, [posts[1].id])]);
    const [staff, watcher, a, b, c] = [
      await open(controller.token),
      await open(evaluator.token),
      await open(operators[0].token),
      await open(operators[1].token),
      await open(operators[2].token),
    ];
    const steps: [string, () => Promise<unknown>][] = [
      ['scheduled', () => control(t, controller.token, exercise.id, 'start', { at: new Date(Date.now() + 120_000).toISOString() })],
      ['running', () => control(t, controller.token, exercise.id, 'start')],
      ['paused', () => control(t, controller.token, exercise.id, 'pause')],
      ['running', () => control(t, controller.token, exercise.id, 'resume')],
      ['running', async () => expect((await patch(controller.token, `/api/exercises/${exercise.id}`, { speed: 2 })).status).toBe(200)],
      ['completed', () => control(t, controller.token, exercise.id, 'stop')],
    ];
    for (const [k, [status, act]] of steps.entries()) {
      await act();
      await waitFor(
        () => [staff, watcher, a, b].every((x) => statesOf(x, exercise.id).length === k + 1),
        `exercise:state ${status} everywhere`,
        5000,
      );
      for (const x of [staff, watcher, a, b]) expect(statesOf(x, exercise.id)[k].status).toBe(status);
    }
    for (const x of [staff, watcher, a, b]) {
      const states = statesOf(x, exercise.id);
      expect(states.map((s) => s.speed)).toEqual([1, 1, 1, 1, 2, 2]);
      for (const s of states) {
        expect(s).toEqual(expect.objectContaining({ exerciseId: exercise.id, scenarioSeconds: expect.any(Number), at: expect.any(String) }));
        expect(Math.abs(Date.parse(s.at) - s.receivedAt)).toBeLessThan(LATE_MS);
      }
      expect(states[0].scenarioSeconds).toBe(0);
      expect(states[3].scenarioSeconds).toBe(states[2].scenarioSeconds);
    }
    await sleep(300);
    expect(eventsOf(c, 'exercise:state')).toEqual([]);
    expect(c.events.filter((e) => JSON.stringify(e.payload).includes(exercise.id))).toEqual([]);
  });

  it('fires an inject now, once; a second fire answers 409', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('N1', 600, [posts[0].id, posts[1].id])]);
    const [a, b] = [await open(operators[0].token), await open(operators[1].token)];
    await control(t, controller.token, exercise.id, 'start');
    const n1 = injectOf(exercise, 'N1');
    const { exercise: other } = await createExercise(t, controller.token, [inject('N9', 600, [posts[0].id])]);
    await control(t, controller.token, other.id, 'start');
    // An inject id of another exercise is not an inject of this one.
    for (const action of ['fire', 'hold', 'skip'] as const)
      expectApiError(await injectAction(t, controller.token, exercise.id, injectOf(other, 'N9').id, action), 404);
    expect(injectOf(await getExercise(t, controller.token, other.id), 'N9').status).toBe('pending');
    const before = Date.now();
    // A double click (five, at once): one firing, the rest 409.
    const answers = await Promise.all(Array.from({ length: 5 }, () => injectAction(t, controller.token, exercise.id, n1.id, 'fire')));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const fired = answers.find((r) => r.status === 200) as (typeof answers)[number];
    expect(fired.body).toEqual(expect.objectContaining({ id: n1.id, status: 'fired', firedAt: expect.any(String) }));
    await waitFor(() => injectsOf(a, exercise.id).length === 1 && injectsOf(b, exercise.id).length === 1, 'N1 at both posts', 5000);
    for (const x of [a, b]) expectOnTime('N1 fired now', injectsOf(x, exercise.id)[0].receivedAt, before, { earlyMs: 0 });
    expectApiError(await injectAction(t, controller.token, exercise.id, n1.id, 'fire'), 409);
    for (const action of ['hold', 'skip', 'release'] as const)
      expectApiError(await injectAction(t, controller.token, exercise.id, n1.id, action), 409);
    expectApiError(await injectAction(t, controller.token, exercise.id, n1.id, 'retime', { offsetSeconds: 1 }), 409);
    await sleep(300);
    expect(injectsOf(a, exercise.id)).toHaveLength(1);
    expect(await getDeliveries(t, controller.token, exercise.id)).toHaveLength(2);
  });

  it('holds, releases, skips and retimes single injects', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('HOLD', 2, [posts[0].id]),
      inject('REL', 1, [posts[0].id]),
      inject('SKIP', 2, [posts[0].id]),
      inject('RETIME', 600, [posts[0].id]),
      inject('EARLY', 600, [posts[0].id]),
      inject('ON', 2, [posts[0].id]),
    ]);
    const a = await open(operators[0].token);
    const started = await control(t, controller.token, exercise.id, 'start');
    const id = (ref: string) => injectOf(started, ref).id;

    const held = await injectAction(t, controller.token, exercise.id, id('HOLD'), 'hold');
    expect(held.status).toBe(200);
    expect(held.body).toEqual(expect.objectContaining({ status: 'held', dueAt: null }));
    expect((await injectAction(t, controller.token, exercise.id, id('REL'), 'hold')).status).toBe(200);
    expectApiError(await injectAction(t, controller.token, exercise.id, id('SKIP'), 'release'), 409);
    const skipped = await injectAction(t, controller.token, exercise.id, id('SKIP'), 'skip');
    expect(skipped.status).toBe(200);
    expect(skipped.body).toEqual(expect.objectContaining({ status: 'skipped', dueAt: null }));
    const retimed = await injectAction(t, controller.token, exercise.id, id('RETIME'), 'retime', { offsetSeconds: 3 });
    expect(retimed.status).toBe(200);
    expect(retimed.body).toEqual(expect.objectContaining({ status: 'pending', offsetSeconds: 3 }));
    expect(Math.abs(Date.parse(retimed.body.dueAt) - plannedAt(started, 3))).toBeLessThanOrEqual(1);
    for (const offsetSeconds of [-1, 1.5, '3'])
      expectApiError(await injectAction(t, controller.token, exercise.id, id('EARLY'), 'retime', { offsetSeconds }), 400, ['offsetSeconds']);

    await waitFor(() => injectsOf(a, exercise.id).some((i) => i.ref === 'RETIME'), 'the retimed inject', 8000);
    const refs = () => injectsOf(a, exercise.id).map((i) => i.ref);
    expect(refs()).toEqual(['ON', 'RETIME']);
    const retimedArrival = injectsOf(a, exercise.id)[1];
    expectOnTime('RETIME at its new offset', retimedArrival.receivedAt, plannedAt(started, 3));

    // REL was due at T+1 while held: released, it fires at once.
    await sleep(Math.max(0, plannedAt(started, 2) + 1500 - Date.now()));
    expect(refs()).toEqual(['ON', 'RETIME']);
    const releaseAt = Date.now();
    const released = await injectAction(t, controller.token, exercise.id, id('REL'), 'release');
    expect(released.status).toBe(200);
    await waitFor(() => refs().includes('REL'), 'the released inject', 5000);
    expectOnTime('REL on release', injectsOf(a, exercise.id).find((i) => i.ref === 'REL')?.receivedAt as number, releaseAt, { earlyMs: 0 });

    // A retime to a time already past fires at once too.
    const retimeAt = Date.now();
    expect((await injectAction(t, controller.token, exercise.id, id('EARLY'), 'retime', { offsetSeconds: 0 })).status).toBe(200);
    await waitFor(() => refs().includes('EARLY'), 'the inject retimed into the past', 5000);
    expectOnTime('EARLY on retime into the past', injectsOf(a, exercise.id).find((i) => i.ref === 'EARLY')?.receivedAt as number, retimeAt, {
      earlyMs: 0,
    });

    await sleep(2500);
    expect(refs()).toEqual(['ON', 'RETIME', 'REL', 'EARLY']);
    const view = await getExercise(t, controller.token, exercise.id);
    const status = (ref: string) => [ref, injectOf(view, ref).status];
    expect(['HOLD', 'REL', 'SKIP', 'RETIME', 'EARLY', 'ON'].map(status)).toEqual([
      ['HOLD', 'held'],
      ['REL', 'fired'],
      ['SKIP', 'skipped'],
      ['RETIME', 'fired'],
      ['EARLY', 'fired'],
      ['ON', 'fired'],
    ]);
    expect(injectOf(view, 'HOLD').dueAt).toBeNull();
    expect(injectOf(view, 'RETIME').offsetSeconds).toBe(3);
    expectApiError(await injectAction(t, controller.token, exercise.id, id('SKIP'), 'release'), 409);
    expectApiError(await injectAction(t, controller.token, exercise.id, id('SKIP'), 'hold'), 409);
    expect((await getDeliveries(t, controller.token, exercise.id)).map((d) => d.seq)).toEqual([1, 2, 3, 4]);
  });

  it('holds, releases and retimes injects while the exercise is paused; they fire after resume at their (shifted) times', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('PH', 2, [posts[0].id]),
      inject('PR', 600, [posts[0].id]),
      inject('PX', 600, [posts[0].id]),
    ]);
    const a = await open(operators[0].token);
    const started = await control(t, controller.token, exercise.id, 'start');
    await control(t, controller.token, exercise.id, 'pause');
    const id = (ref: string) => injectOf(started, ref).id;
    const hold = await injectAction(t, controller.token, exercise.id, id('PH'), 'hold');
    expect({ status: hold.status, body: hold.body }).toEqual({ status: 200, body: expect.objectContaining({ status: 'held', dueAt: null }) });
    const release = await injectAction(t, controller.token, exercise.id, id('PH'), 'release');
    expect({ status: release.status, body: release.body }).toEqual({
      status: 200,
      body: expect.objectContaining({ status: 'pending', dueAt: null }),
    });
    const retime = await injectAction(t, controller.token, exercise.id, id('PR'), 'retime', { offsetSeconds: 3 });
    expect({ status: retime.status, body: retime.body }).toEqual({
      status: 200,
      body: expect.objectContaining({ status: 'pending', offsetSeconds: 3, dueAt: null }),
    });
    await sleep(1000);
    expect(injectsOf(a, exercise.id)).toEqual([]);
    await control(t, controller.token, exercise.id, 'resume');
    await waitFor(() => injectsOf(a, exercise.id).length === 2, 'PH and PR after resume', 8000);
    const states = statesOf(a, exercise.id);
    expect(states.map((s) => s.status)).toEqual(['running', 'paused', 'running']);
    const pausedMs = Date.parse(states[2].at) - Date.parse(states[1].at);
    for (const received of injectsOf(a, exercise.id)) {
      const due = plannedAt(started, received.ref === 'PH' ? 2 : 3) + pausedMs;
      expectOnTime(received.ref, received.receivedAt, due);
    }
  });

  it('adds ad-hoc injects: at once without an offset, at that scenario time with one; unknown targets and taken refs are 400', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('M1', 600, [posts[0].id, posts[1].id])]);
    const [a, b, c] = [await open(operators[0].token), await open(operators[1].token), await open(operators[2].token)];
    const started = await control(t, controller.token, exercise.id, 'start');
    const adHoc = (body: object) => post(controller.token, `/api/exercises/${exercise.id}/injects`, body);

    const sentAt = Date.now();
    const now = await adHoc({ ref: 'AH-NOW', title: 'Flash report', body: 'A flood at the dam', targets: [posts[0].id], precedence: 'flash' });
    expect(now.status).toBe(201);
    expect(now.body).toEqual(
      expect.objectContaining({ ref: 'AH-NOW', status: 'fired', adHoc: true, firedAt: expect.any(String), targets: [posts[0].id] }),
    );
    await waitFor(() => injectsOf(a, exercise.id).length === 1, 'the immediate ad-hoc inject', 5000);
    expect(injectsOf(a, exercise.id)[0]).toEqual(
      expect.objectContaining({ ref: 'AH-NOW', title: 'Flash report', body: 'A flood at the dam', precedence: 'flash', seq: 1 }),
    );
    expectOnTime('AH-NOW', injectsOf(a, exercise.id)[0].receivedAt, sentAt, { earlyMs: 0 });

    const offsetSeconds = Math.ceil((Date.now() - Date.parse(started.startedAt as string)) / 1000) + 2;
    const timed = await adHoc({ ref: 'AH-LATER', title: 'Later', body: 'Timed', targets: [posts[1].id, posts[2].id], offsetSeconds });
    expect(timed.status).toBe(201);
    expect(timed.body).toEqual(expect.objectContaining({ ref: 'AH-LATER', status: 'pending', offsetSeconds, firedAt: null }));
    expect(Math.abs(Date.parse(timed.body.dueAt) - plannedAt(started, offsetSeconds))).toBeLessThanOrEqual(1);
    // The post that was not taking part now is: it sees the exercise and gets its inject.
    expect((await getExercise(t, controller.token, exercise.id)).commandPostIds).toEqual(expect.arrayContaining([posts[2].id]));
    expect((await t.http().get(`/api/exercises/${exercise.id}`).set('Authorization', `Bearer ${operators[2].token}`)).status).toBe(200);
    await waitFor(() => injectsOf(b, exercise.id).length === 1 && injectsOf(c, exercise.id).length === 1, 'the timed ad-hoc inject', 8000);
    for (const x of [b, c]) {
      const received = injectsOf(x, exercise.id)[0];
      expect(received.ref).toBe('AH-LATER');
      expectOnTime('AH-LATER', received.receivedAt, plannedAt(started, offsetSeconds));
    }
    expect(injectsOf(a, exercise.id)).toHaveLength(1);

    const unknown = await adHoc({ ref: 'AH-BAD', title: 'x', body: 'y', targets: ['3f1c2b8e-8a5e-4c1e-9d7e-0b9f5b0a1c2d'] });
    expectApiError(unknown, 400, ['targets[0]']);
    const secondUnknown = await adHoc({ ref: 'AH-BAD', title: 'x', body: 'y', targets: [posts[0].id, '3f1c2b8e-8a5e-4c1e-9d7e-0b9f5b0a1c2d'] });
    expectApiError(secondUnknown, 400, ['targets[1]']);
    expectApiError(await adHoc({ ref: 'M1', title: 'x', body: 'y', targets: [posts[0].id] }), 400, ['ref']);
    expectApiError(await adHoc({ ref: 'AH-NOW', title: 'x', body: 'y', targets: [posts[0].id] }), 400, ['ref']);
    expectApiError(await adHoc({ ref: 'AH-C', title: 'x', body: 'y', targets: [posts[0].id], contingency: true }), 400, ['contingency']);
    const refs = (await getExercise(t, controller.token, exercise.id)).injects?.map((i: ExerciseInjectView) => i.ref).sort();
    expect(refs).toEqual(['AH-LATER', 'AH-NOW', 'M1']);
    await sleep(200);
    expect(injectsOf(a, exercise.id)).toHaveLength(1);
    // The post that joined through the ad-hoc inject now hears the exercise's state changes too.
    expect((await patch(controller.token, `/api/exercises/${exercise.id}`, { speed: 2 })).status).toBe(200);
    await waitFor(() => statesOf(c, exercise.id).some((st) => st.speed === 2), 'exercise:state at the post that joined', 5000);
  });

  it('refuses an immediate ad-hoc inject on a draft exercise without writing it', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('D1', 600, [posts[0].id])]);
    const response = await post(controller.token, `/api/exercises/${exercise.id}/injects`, {
      ref: 'AH-DRAFT',
      title: 'x',
      body: 'y',
      targets: [posts[0].id],
    });
    expectApiError(response, 409);
    expect((await getExercise(t, controller.token, exercise.id)).injects?.map((i) => i.ref)).toEqual(['D1']);
    // With an offset it is part of the plan, under the ref the failed attempt must not have taken.
    const planned = await post(controller.token, `/api/exercises/${exercise.id}/injects`, {
      ref: 'AH-DRAFT',
      title: 'x',
      body: 'y',
      targets: [posts[0].id],
      offsetSeconds: 30,
    });
    expect(planned.status).toBe(201);
    expect(planned.body).toEqual(expect.objectContaining({ status: 'pending', dueAt: null, offsetSeconds: 30 }));
  });

  it('keeps an audit trail of the control actions with the names of who did them', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('A1', 600, [posts[0].id]), inject('A2', 600, [posts[0].id])]);
    const id = exercise.id;
    await control(t, controller.token, id, 'start');
    await control(t, controller.token, id, 'pause');
    await control(t, controller.token, id, 'resume');
    expect((await injectAction(t, controller.token, id, injectOf(exercise, 'A1').id, 'hold')).status).toBe(200);
    expect((await injectAction(t, controller.token, id, injectOf(exercise, 'A2').id, 'retime', { offsetSeconds: 700 })).status).toBe(200);
    expect((await injectAction(t, controller.token, id, injectOf(exercise, 'A2').id, 'fire')).status).toBe(200);
    expect((await post(controller.token, `/api/exercises/${id}/injects`, { ref: 'A3', title: 'x', body: 'y', targets: [posts[0].id] })).status).toBe(
      201,
    );
    expect((await patch(controller.token, `/api/exercises/${id}`, { speed: 2 })).status).toBe(200);
    await control(t, controller.token, id, 'stop');

    for (const reader of [controller, evaluator, reviewer]) {
      const response = await t.http().get(`/api/exercises/${id}/audit`).set('Authorization', `Bearer ${reader.token}`);
      expect(response.status).toBe(200);
      const trail = response.body as AuditEventView[];
      const byController = trail.filter((e) => e.actorId === controller.user.id);
      expect(byController.map((e) => e.action)).toEqual([
        'exercise.created',
        'exercise.started',
        'exercise.paused',
        'exercise.resumed',
        'inject.held',
        'inject.retimed',
        'inject.fired_now',
        'inject.added',
        'inject.fired_now',
        'exercise.speed_changed',
        'exercise.stopped',
      ]);
      for (const e of byController) expect([controller.username, controller.user.displayName]).toContain(e.actorName);
      const times = trail.map((e) => Date.parse(e.at));
      expect([...times].sort((x, y) => x - y)).toEqual(times);
      expect(trail.find((e) => e.action === 'inject.retimed')?.details).toEqual(expect.objectContaining({ ref: 'A2', from: 600, to: 700 }));
    }
    expectApiError(await t.http().get(`/api/exercises/${id}/audit`).set('Authorization', `Bearer ${operators[0].token}`), 403);
  });
});
