import type { ExerciseView } from '@excon/contracts';
import { sleep, waitFor, type TestConsole } from '../support/consoles';
import { injectsOf, startEngineSuite, statesOf, type EngineSuite } from '../support/engine-suite';
import { ON_TIME, control, createExercise, expectOnTime, getExercise, inject, injectOf, plannedAt } from '../support/exercises';
import { QUEUE_MODES, type TestPlatform } from '../support/test-platform';

const { earlyMs: EARLY_MS } = ON_TIME;

describe.each(QUEUE_MODES)('pause and resume (%s queues)', (queueMode) => {
  let suite: EngineSuite;
  let t: TestPlatform;
  let posts: { id: string }[];
  let operators: { token: string }[];
  let controller: { token: string };

  const open = (token: string) => suite.open(token);

  /** Pauses, checks that the clock stands and nothing arrives for `ms`, resumes; returns the pause as the server measured it. */
  async function pauseFor(exerciseId: string, ms: number, watched: TestConsole[]): Promise<{ pausedAt: number; resumedAt: number; length: number }> {
    const counts = watched.map((c) => injectsOf(c, exerciseId).length);
    const paused = await control(t, controller.token, exerciseId, 'pause');
    expect(paused.status).toBe('paused');
    expect(paused.pausedAt).not.toBeNull();
    for (const pending of (paused.injects ?? []).filter((i) => i.status === 'pending'))
      expect({ ref: pending.ref, dueAt: pending.dueAt }).toEqual({ ref: pending.ref, dueAt: null });
    await sleep(ms / 2);
    const midway = await getExercise(t, controller.token, exerciseId);
    expect(midway.status).toBe('paused');
    expect(midway.scenarioSeconds).toBe(paused.scenarioSeconds);
    await sleep(ms / 2);
    expect(watched.map((c) => injectsOf(c, exerciseId).length)).toEqual(counts);
    const resumed = await control(t, controller.token, exerciseId, 'resume');
    expect(resumed.status).toBe('running');
    expect(resumed.pausedAt).toBeNull();
    expect(resumed.scenarioSeconds).toBeGreaterThanOrEqual(paused.scenarioSeconds);
    // The response is read a moment after the resume (more on a loaded machine), but the pause itself never counts.
    expect((resumed.scenarioSeconds - paused.scenarioSeconds) / resumed.speed).toBeLessThan(ms / 1000);
    // The exact pause is the one the server applied: the `at` of its paused and resumed state messages.
    await waitFor(
      () =>
        statesOf(watched[0], exerciseId).filter((s) => s.status === 'running').length >= 2 &&
        statesOf(watched[0], exerciseId).at(-1)?.status === 'running',
      'the resumed state',
    );
    const states = statesOf(watched[0], exerciseId);
    const [pauseState, resumeState] = states.slice(-2);
    expect(pauseState.status).toBe('paused');
    expect(resumeState.scenarioSeconds).toBe(pauseState.scenarioSeconds);
    const pausedAt = Date.parse(pauseState.at);
    const resumedAt = Date.parse(resumeState.at);
    expect(resumedAt - pausedAt).toBeGreaterThanOrEqual(ms);
    return { pausedAt, resumedAt, length: resumedAt - pausedAt };
  }

  function expectArrival(received: { ref: string; receivedAt: number; dueAt: string | null }, expectedAt: number): void {
    expectOnTime(received.ref, received.receivedAt, expectedAt);
    expect({ ref: received.ref, dueAtError: Math.abs(Date.parse(received.dueAt as string) - expectedAt) <= 2 }).toEqual({
      ref: received.ref,
      dueAtError: true,
    });
  }

  beforeAll(async () => {
    suite = await startEngineSuite(queueMode, { posts: 2, operators: [0, 1] });
    ({ t, posts, operators, controller } = suite);
  });

  afterAll(() => suite?.stop());

  it('holds every inject during a pause and moves the later ones by its length, twice over', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('P1', 1, [posts[0].id]),
      inject('P2', 2, [posts[0].id, posts[1].id]),
      inject('P3', 3, [posts[0].id]),
      inject('P4', 5, [posts[1].id]),
      inject('P5', 6, [posts[0].id]),
    ]);
    const [staff, a, b] = [await open(controller.token), await open(operators[0].token), await open(operators[1].token)];
    const started = await control(t, controller.token, exercise.id, 'start');

    await waitFor(() => injectsOf(a, exercise.id).length === 1, 'P1', 5000);
    expectArrival(injectsOf(a, exercise.id)[0], plannedAt(started, 1));

    // First pause, from about T+1: P2 (due at T+2, inside the pause) is the first inject after it.
    const first = await pauseFor(exercise.id, 2500, [staff, a, b]);
    expect(first.length).toBeGreaterThanOrEqual(2500);
    const afterFirst = await getExercise(t, controller.token, exercise.id);
    for (const [ref, offset] of [
      ['P2', 2],
      ['P3', 3],
      ['P4', 5],
      ['P5', 6],
    ] as const) {
      expect({
        ref,
        shift: Math.abs(Date.parse(injectOf(afterFirst, ref).dueAt as string) - (plannedAt(started, offset) + first.length)) <= 2,
      }).toEqual({ ref, shift: true });
    }
    await waitFor(() => injectsOf(a, exercise.id).length === 3, 'P2 and P3 after the first pause', 8000);
    expect(injectsOf(a, exercise.id).map((i) => i.ref)).toEqual(['P1', 'P2', 'P3']);
    await waitFor(() => injectsOf(b, exercise.id).length === 1, 'P2 at the second post', 2000);
    expectArrival(injectsOf(a, exercise.id)[1], plannedAt(started, 2) + first.length);
    expectArrival(injectsOf(b, exercise.id)[0], plannedAt(started, 2) + first.length);
    expectArrival(injectsOf(a, exercise.id)[2], plannedAt(started, 3) + first.length);
    for (const received of [injectsOf(a, exercise.id)[1], injectsOf(a, exercise.id)[2]]) {
      expect(received.receivedAt - plannedAt(started, received.ref === 'P2' ? 2 : 3)).toBeGreaterThanOrEqual(2500 - EARLY_MS);
    }

    // Second pause, from about T+3: P4 and P5 move by both pauses.
    const second = await pauseFor(exercise.id, 2000, [staff, a, b]);
    await waitFor(() => injectsOf(b, exercise.id).length === 2 && injectsOf(a, exercise.id).length === 4, 'P4 and P5 after the second pause', 10_000);
    expectArrival(injectsOf(b, exercise.id)[1], plannedAt(started, 5) + first.length + second.length);
    expectArrival(injectsOf(a, exercise.id)[3], plannedAt(started, 6) + first.length + second.length);
    expect(injectsOf(a, exercise.id).map((i) => [i.ref, i.seq])).toEqual([
      ['P1', 1],
      ['P2', 2],
      ['P3', 3],
      ['P5', 4],
    ]);
    expect(injectsOf(b, exercise.id).map((i) => [i.ref, i.seq])).toEqual([
      ['P2', 1],
      ['P4', 2],
    ]);

    const end = await getExercise(t, controller.token, exercise.id);
    expect(end.injects?.every((i) => i.status === 'fired')).toBe(true);
    for (const i of end.injects ?? [])
      expectOnTime(`${i.ref} (latenessMs recorded)`, Date.parse(i.dueAt as string) + (i.latenessMs as number), Date.parse(i.dueAt as string));
    // The clock counts scenario time only: about T+6 plus the time since P5, not the wall time since STARTEX.
    const wallSinceStart = (Date.now() - Date.parse(started.startedAt as string)) / 1000;
    expect(end.scenarioSeconds).toBeLessThan(wallSinceStart - 4);
    expect(end.scenarioSeconds).toBeGreaterThanOrEqual(6);
    for (const c of [staff, a, b])
      expect(statesOf(c, exercise.id).map((s) => s.status)).toEqual(['running', 'paused', 'running', 'paused', 'running']);
  });

  it('does not advance scenarioSeconds while paused, and keeps them across resume', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('C1', 600, [posts[0].id])]);
    // The clock is bracketed by the wall time measured around the requests, not by a fixed allowance, so a slow
    // machine cannot fail it: scenario time may not exceed the wall time from the request that started the
    // clock to the answer that read it, nor fall short of the time from that answer to the reading request.
    const beforeStart = Date.now();
    await control(t, controller.token, exercise.id, 'start');
    const afterStart = Date.now();
    await sleep(1200);
    const beforePause = Date.now();
    const paused = await control(t, controller.token, exercise.id, 'pause');
    const afterPause = Date.now();
    expect(paused.scenarioSeconds).toBeGreaterThanOrEqual((beforePause - afterStart) / 1000 - 0.01);
    expect(paused.scenarioSeconds).toBeLessThanOrEqual((afterPause - beforeStart) / 1000 + 0.01);
    await sleep(1500);
    const still = await getExercise(t, controller.token, exercise.id);
    expect(still.scenarioSeconds).toBe(paused.scenarioSeconds);
    expect(injectOf(still, 'C1').dueAt).toBeNull();
    const beforeResume = Date.now();
    await control(t, controller.token, exercise.id, 'resume');
    const afterResume = Date.now();
    await sleep(1000);
    const beforeRead = Date.now();
    const running: ExerciseView = await getExercise(t, controller.token, exercise.id);
    const afterRead = Date.now();
    const advanced = running.scenarioSeconds - paused.scenarioSeconds;
    expect(advanced).toBeGreaterThanOrEqual((beforeRead - afterResume) / 1000 - 0.01);
    expect(advanced).toBeLessThanOrEqual((afterRead - beforeResume) / 1000 + 0.01);
  });

  it('fires an inject now while paused, and never again after resume', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('F1', 2, [posts[0].id]), inject('F2', 3, [posts[0].id])]);
    const a = await open(operators[0].token);
    const started = await control(t, controller.token, exercise.id, 'start');
    const paused = await control(t, controller.token, exercise.id, 'pause');
    const before = Date.now();
    const fired = await t
      .http()
      .post(`/api/exercises/${exercise.id}/injects/${injectOf(started, 'F1').id}/fire`)
      .set('Authorization', `Bearer ${controller.token}`)
      .send({});
    expect(fired.status).toBe(200);
    await waitFor(() => injectsOf(a, exercise.id).length === 1, 'F1 fired while paused', 5000);
    expectOnTime('F1 fired now', injectsOf(a, exercise.id)[0].receivedAt, before, { earlyMs: 0 });
    expect((await getExercise(t, controller.token, exercise.id)).scenarioSeconds).toBe(paused.scenarioSeconds);
    await sleep(1000);
    await control(t, controller.token, exercise.id, 'resume');
    // F1's own (shifted) time comes a second before F2's: by F2 plus a reconciler pass, a second firing would show.
    await waitFor(() => injectsOf(a, exercise.id).length === 2, 'F2 after resume', 8000);
    await sleep(2500);
    expect(injectsOf(a, exercise.id).map((i) => [i.ref, i.seq])).toEqual([
      ['F1', 1],
      ['F2', 2],
    ]);
  });

  it('changing the speed mid-run re-times what is left of the scenario', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('S1', 4, [posts[0].id]), inject('S2', 7, [posts[0].id])]);
    const a = await open(operators[0].token);
    await control(t, controller.token, exercise.id, 'start');
    await sleep(1000);
    const response = await t.http().patch(`/api/exercises/${exercise.id}`).set('Authorization', `Bearer ${controller.token}`).send({ speed: 3 });
    expect(response.status).toBe(200);
    const changed = response.body as ExerciseView;
    expect(changed.speed).toBe(3);
    const states = () => statesOf(a, exercise.id);
    await waitFor(() => states().length === 2, 'the speed change state', 5000);
    const change = states()[1];
    expect(change).toEqual(expect.objectContaining({ status: 'running', speed: 3 }));
    // From the change on, 3 scenario seconds pass per wall second.
    const changedAt = Date.parse(change.at);
    const dueOf = (offset: number) => changedAt + ((offset - change.scenarioSeconds) * 1000) / 3;
    expect(Math.abs(Date.parse(injectOf(changed, 'S1').dueAt as string) - dueOf(4))).toBeLessThanOrEqual(2);
    await waitFor(() => injectsOf(a, exercise.id).length === 2, 'S1 and S2 at the new speed', 6000);
    expectArrival(injectsOf(a, exercise.id)[0], dueOf(4));
    expectArrival(injectsOf(a, exercise.id)[1], dueOf(7));
  });

  it('at speed 4, shifts the rest by the wall-clock length of the pause', async () => {
    const { exercise } = await createExercise(
      t,
      controller.token,
      [inject('Q1', 4, [posts[0].id]), inject('Q2', 8, [posts[0].id]), inject('Q3', 12, [posts[0].id])],
      4,
    );
    const a = await open(operators[0].token);
    const started = await control(t, controller.token, exercise.id, 'start');
    expect(started.speed).toBe(4);
    await waitFor(() => injectsOf(a, exercise.id).length === 1, 'Q1', 5000);
    expectArrival(injectsOf(a, exercise.id)[0], plannedAt(started, 4));
    const pause = await pauseFor(exercise.id, 2000, [a]);
    await waitFor(() => injectsOf(a, exercise.id).length === 3, 'Q2 and Q3', 8000);
    expectArrival(injectsOf(a, exercise.id)[1], plannedAt(started, 8) + pause.length);
    expectArrival(injectsOf(a, exercise.id)[2], plannedAt(started, 12) + pause.length);
  });
});
