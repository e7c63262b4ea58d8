import fc from 'fast-check';
import type { AuditEventView, DeliveryView, ExerciseInjectView, ExerciseView, InjectInput } from '@excon/contracts';
import { dueAtMs, type ExerciseClock, type ExerciseInjectStatus, type ExerciseStatus } from '@excon/domain';
import { inject } from '../support/exercises';
import { clockAt, deadlineWithPauses, FIRINGS, pausedAt, previousStep, stepAt, timeline, TIMED_FIRINGS } from '../support/exercise-timeline';
import { createExerciseOverHttp, killRunning, seedOverHttp, serverEnv, startServer, stopRunning, type RunningServer } from '../support/remote-setup';
import { createTestDatabase, deleteRedisPrefix, uniqueName, type QueueMode } from '../support/test-platform';

/**
 * The engine against a model. Each fast-check run creates an exercise (6-10 injects over 3 posts, some with
 * acknowledge deadlines, some naming a contingency inject) at a high speed and drives it through a random
 * sequence of control actions on a real built server, SIGKILL and restart included. The model predicts the
 * answer of every action (200/201 or 409) from its own state and the test asserts it. At the end:
 *   1. every fired inject has exactly one delivery per target post;
 *   2. seq per (exercise, post) is 1..n;
 *   3. nothing fired by the clock, and no deadline ran out, while paused; nothing at all after ENDEX;
 *   4. due times, read during the run and recorded in each timed delivery, are those of the pure clock
 *      replayed from the audit trail's transitions, and no timed inject fired before its due time;
 *   5. acknowledge deadlines run in exercise-running wall time, contingency injects reach exactly the posts
 *      that missed a deadline (or all targets on "fire now").
 * Fewer runs: MODEL_RUNS=n. Shrink a failure (slow: every run is seconds): MODEL_SHRINK=1. Replay: MODEL_SEED, MODEL_PATH.
 */
const RUNS = Number(process.env.MODEL_RUNS ?? 6);
/** A transition takes its time (`now`) before its transaction; a firing that began just before its commit may carry a later time. */
const BOUNDARY_MS = 50;
/** Due times are stored to the microsecond and shown to the millisecond. */
const DUE_TOLERANCE_MS = 2;
const CONTINGENCY_REF = 'C-1';
/** An audit entry's inject ref, for the log of a failing run. */
const refOf = (e: AuditEventView): string => (typeof e.details.ref === 'string' ? e.details.ref : '');

type InjectCommand = { kind: 'hold' | 'release' | 'skip' | 'fire'; pick: number } | { kind: 'retime'; pick: number; offset: number };
type Command = (
  | { kind: 'start' | 'pause' | 'resume' | 'stop' | 'restart' }
  | { kind: 'speed'; speed: number }
  | InjectCommand
  | { kind: 'adhoc'; offset: number | null; targets: number[]; ack: number | null }
) & { waitMs: number };

interface PlannedInject {
  offset: number;
  targets: number[];
  ack: number | null;
  contingency: boolean;
}

interface Plan {
  speed: number;
  injects: PlannedInject[];
}

interface ModelInject {
  id: string;
  ref: string;
  offset: number;
  status: ExerciseInjectStatus;
  contingency: boolean;
  /** Had a due time while the clock ran: the clock may have fired it at any moment since. */
  everDue: boolean;
}

interface Model {
  exerciseId: string;
  status: ExerciseStatus;
  clock: ExerciseClock | null;
  injects: ModelInject[];
  adHoc: number;
}

interface Snapshot {
  readAt: number;
  view: ExerciseView;
}

interface Shared {
  server: RunningServer;
  env: Record<string, string>;
  posts: string[];
  controllerToken: string;
}

const plannedInject = fc.record({
  offset: fc.integer({ min: 0, max: 60 }),
  targets: fc.subarray([0, 1, 2], { minLength: 1 }),
  ack: fc.option(fc.integer({ min: 1, max: 2 }), { freq: 3, nil: null }),
  contingency: fc.boolean(),
});
const plan: fc.Arbitrary<Plan> = fc.record({
  speed: fc.integer({ min: 20, max: 60 }),
  injects: fc.array(plannedInject, { minLength: 6, maxLength: 10 }),
});

const waitMs = fc.integer({ min: 0, max: 800 });
const pick = fc.nat(100);
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('start' as const), waitMs }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pause' as const), waitMs }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('resume' as const), waitMs }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stop' as const), waitMs }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restart' as const), waitMs }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('speed' as const), speed: fc.integer({ min: 10, max: 60 }), waitMs }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('hold' as const, 'release' as const, 'skip' as const, 'fire' as const), pick, waitMs }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retime' as const), pick, offset: fc.integer({ min: 0, max: 60 }), waitMs }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('adhoc' as const),
      offset: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
      targets: fc.subarray([0, 1, 2], { minLength: 1 }),
      ack: fc.option(fc.integer({ min: 1, max: 2 }), { freq: 3, nil: null }),
      waitMs,
    }),
  },
);
// At most one SIGKILL restart per run: a restart costs seconds, and one already leaves the clock running through an outage.
const commands = fc.array(command, { minLength: 4, maxLength: 10 }).filter((cmds) => cmds.filter((c) => c.kind === 'restart').length <= 1);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describeCommand(c: Command): string {
  const { waitMs: wait, kind, ...rest } = c;
  return `${kind}${Object.keys(rest).length ? JSON.stringify(rest) : ''} +${wait}ms`;
}

describe.each<QueueMode>(['postgres', 'redis'])('the engine against its model, %s queues', (mode) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const prefix = uniqueName('excon-model');
  let shared: Shared;
  const stats = { runs: 0, commands: 0, refused: 0, restarts: 0, firings: 0, startedAt: Date.now() };

  beforeAll(async () => {
    stats.startedAt = Date.now();
    database = await createTestDatabase();
    const env = serverEnv(database.url, prefix, mode === 'redis');
    const server = await startServer(env);
    const seeded = await seedOverHttp(server.url, 3);
    shared = { server, env, posts: seeded.posts, controllerToken: seeded.controllerToken };
  });

  afterAll(async () => {
    process.stdout.write(
      `engine model (${mode} queues): ${stats.runs} runs, ${stats.commands} commands (${stats.refused} refused as predicted, ${stats.restarts} SIGKILL restarts), ${stats.firings} timed firings checked, ${Math.round((Date.now() - stats.startedAt) / 1000)} s\n`,
    );
    if (shared) await stopRunning(shared.server);
    await database?.drop();
    await deleteRedisPrefix(prefix);
  });

  async function api<T = unknown>(method: string, path: string, body?: object): Promise<{ status: number; body: T }> {
    const response = await fetch(`${shared.server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${shared.controllerToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async function read<T>(path: string): Promise<T> {
    const response = await api<T>('GET', path);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  it(`keeps every promise under random control sequences (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(plan, commands, async (p, cmds) => {
        stats.runs += 1;
        const log: string[] = [];
        try {
          await runOnce(p, cmds, log);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await sleep(2000); // the server's log lines arrive a moment later
          const output = `${shared.server.process.stderr()}${shared.server.process.stdout()}`.slice(-3000);
          throw new Error(`${message}\n--- what the run did ---\n${log.join('\n')}\n--- the server's output (tail) ---\n${output}`, { cause: error });
        }
      }),
      {
        numRuns: RUNS,
        endOnFailure: process.env.MODEL_SHRINK !== '1',
        ...(process.env.MODEL_SEED ? { seed: Number(process.env.MODEL_SEED) } : {}),
        ...(process.env.MODEL_PATH ? { path: process.env.MODEL_PATH } : {}),
      },
    );
    expect(stats.runs).toBeGreaterThanOrEqual(RUNS);
  }, 600_000);

  async function runOnce(p: Plan, cmds: Command[], log: string[]): Promise<void> {
    const injects: InjectInput[] = p.injects.map((planned, k) =>
      inject(
        `K${String(k).padStart(2, '0')}`,
        planned.offset,
        planned.targets.map((t) => shared.posts[t]),
        {
          ackWithinSeconds: planned.ack,
          contingencyRef: planned.ack !== null && planned.contingency ? CONTINGENCY_REF : null,
        },
      ),
    );
    injects.push(inject(CONTINGENCY_REF, 30, shared.posts, { contingency: true }));
    const created = await createExerciseOverHttp(shared.server.url, shared.controllerToken, injects, p.speed);
    const model: Model = {
      exerciseId: created.id,
      status: 'draft',
      clock: null,
      adHoc: 0,
      injects: (created.injects ?? []).map((i) => ({
        id: i.id,
        ref: i.ref,
        offset: i.offsetSeconds,
        status: i.status,
        contingency: i.contingency,
        everDue: false,
      })),
    };
    log.push(
      `exercise ${created.id} at speed ${p.speed}: ${injects.map((i) => `${i.ref}@${i.offsetSeconds}s→[${i.targets.map((t) => shared.posts.indexOf(t)).join(',')}]${i.ackWithinSeconds ? ` ack ${i.ackWithinSeconds}s` : ''}${i.contingencyRef ? ` ⇒${i.contingencyRef}` : ''}${i.contingency ? ' (contingency)' : ''}`).join(', ')}`,
    );
    const snapshots: Snapshot[] = [];
    const ctx = { model, log, snapshots, initialSpeed: p.speed };

    for (const c of cmds) {
      await perform(ctx, c);
      stats.commands += 1;
      await snapshot(ctx);
      await sleep(c.waitMs);
    }
    // The end: let the clock run out, then ENDEX.
    if (model.status === 'draft') await perform(ctx, { kind: 'start', waitMs: 0 });
    if (model.status === 'paused') await perform(ctx, { kind: 'resume', waitMs: 0 });
    await waitForQuiet(ctx);
    await snapshot(ctx);
    if (model.status !== 'completed') await perform(ctx, { kind: 'stop', waitMs: 0 });
    await sleep(500);
    await snapshot(ctx);
    await checkRun(ctx);
  }

  type Ctx = { model: Model; log: string[]; snapshots: Snapshot[]; initialSpeed: number };

  /** Runs one command and asserts the answer the model predicts. */
  async function perform(ctx: Ctx, c: Command): Promise<void> {
    const { model } = ctx;
    const base = `/api/exercises/${model.exerciseId}`;
    const note = (status: number, extra = '', body?: unknown) =>
      ctx.log.push(`${new Date().toISOString()} ${describeCommand(c)} → ${status}${extra}${status >= 500 ? ` ${JSON.stringify(body)}` : ''}`);
    const expectAnswer = (what: string, actual: number, predicted: number) => {
      expect({ command: what, modelState: model.status, answer: actual }).toEqual({ command: what, modelState: model.status, answer: predicted });
      if (predicted === 409) stats.refused += 1;
    };
    switch (c.kind) {
      case 'start':
      case 'pause':
      case 'resume':
      case 'stop': {
        const allowed: Record<typeof c.kind, ExerciseStatus[]> = {
          start: ['draft', 'scheduled'],
          pause: ['running'],
          resume: ['paused'],
          stop: ['scheduled', 'running', 'paused'],
        };
        const response = await api('POST', `${base}/${c.kind}`, {});
        note(response.status, '', response.body);
        expectAnswer(describeCommand(c), response.status, allowed[c.kind].includes(model.status) ? 200 : 409);
        if (response.status === 200) {
          model.status = c.kind === 'pause' ? 'paused' : c.kind === 'stop' ? 'completed' : 'running';
          await syncClock(ctx);
        }
        return;
      }
      case 'speed': {
        const response = await api('PATCH', base, { speed: c.speed });
        note(response.status, '', response.body);
        expectAnswer(describeCommand(c), response.status, model.status === 'completed' ? 409 : 200);
        if (response.status === 200) await syncClock(ctx);
        return;
      }
      case 'restart': {
        await killRunning(shared.server);
        shared.server = await startServer(shared.env, { port: shared.server.port });
        stats.restarts += 1;
        note(0, ' (SIGKILL, restarted)');
        return;
      }
      case 'adhoc': {
        model.adHoc += 1;
        const ref = `A${model.adHoc}`;
        const body = {
          ref,
          title: `Ad hoc ${ref}`,
          body: `Body of ${ref}`,
          targets: c.targets.map((t) => shared.posts[t]),
          ...(c.offset === null ? {} : { offsetSeconds: c.offset }),
          ...(c.ack === null ? {} : { ackWithinSeconds: c.ack }),
        };
        const response = await api<ExerciseInjectView>('POST', `${base}/injects`, body);
        note(response.status, ` ${ref}`, response.body);
        const refused = model.status === 'completed' || (c.offset === null && model.status !== 'running' && model.status !== 'paused');
        expectAnswer(`${describeCommand(c)} (${ref})`, response.status, refused ? 409 : 201);
        if (response.status === 201) {
          const status: ExerciseInjectStatus = c.offset === null ? 'fired' : 'pending';
          expect({ ref, status: response.body.status }).toEqual({ ref, status });
          model.injects.push({
            id: response.body.id,
            ref,
            offset: response.body.offsetSeconds,
            status,
            contingency: false,
            everDue: status === 'pending' && model.status === 'running',
          });
        }
        return;
      }
      default:
        return performOnInject(ctx, c);
    }
  }

  async function performOnInject(ctx: Ctx, c: InjectCommand & { waitMs: number }): Promise<void> {
    const { model } = ctx;
    const target = model.injects[c.pick % model.injects.length];
    const predict = (status: ExerciseInjectStatus): number => {
      if (model.status === 'completed') return 409;
      const allowed: Record<InjectCommand['kind'], ExerciseInjectStatus[]> = {
        hold: ['pending'],
        release: ['held'],
        skip: ['pending', 'held'],
        retime: ['pending', 'held'],
        fire: ['pending', 'held'],
      };
      if (c.kind === 'fire' && model.status !== 'running' && model.status !== 'paused') return 409;
      return allowed[c.kind].includes(status) ? 200 : 409;
    };
    const response = await api(
      'POST',
      `/api/exercises/${model.exerciseId}/injects/${target.id}/${c.kind}`,
      c.kind === 'retime' ? { offsetSeconds: c.offset } : {},
    );
    ctx.log.push(
      `${new Date().toISOString()} ${describeCommand(c)} on ${target.ref} (model: ${target.status}) → ${response.status}${response.status >= 500 ? ` ${JSON.stringify(response.body)}` : ''}`,
    );
    let predicted = predict(target.status);
    // A pending inject the clock had a due time for may have fired meanwhile: then the answer is the fired one's.
    if (
      response.status !== predicted &&
      target.status === 'pending' &&
      !target.contingency &&
      target.everDue &&
      predict('fired') === response.status
    ) {
      ctx.log.push(`  (${target.ref} had fired by the clock meanwhile)`);
      target.status = 'fired';
      predicted = predict('fired');
    }
    expect({
      command: describeCommand(c),
      inject: target.ref,
      modelInject: target.status,
      modelExercise: model.status,
      answer: response.status,
    }).toEqual({
      command: describeCommand(c),
      inject: target.ref,
      modelInject: target.status,
      modelExercise: model.status,
      answer: predicted,
    });
    if (predicted === 409) stats.refused += 1;
    if (response.status !== 200) return;
    if (c.kind === 'hold') target.status = 'held';
    if (c.kind === 'skip') target.status = 'skipped';
    if (c.kind === 'fire') target.status = 'fired';
    if (c.kind === 'release') target.status = 'pending';
    if (c.kind === 'retime') target.offset = c.offset;
    if (target.status === 'pending' && !target.contingency && model.status === 'running') target.everDue = true;
  }

  /** The model's clock from the audit trail: the transitions as the engine recorded them. */
  async function syncClock(ctx: Ctx): Promise<void> {
    const audit = await read<AuditEventView[]>(`/api/exercises/${ctx.model.exerciseId}/audit`);
    const t = timeline(audit, ctx.initialSpeed);
    ctx.model.clock = clockAt(t, Infinity);
    expect({ clockStatus: ctx.model.clock.status }).toEqual({ clockStatus: ctx.model.status });
    if (ctx.model.status === 'running') for (const i of ctx.model.injects) if (i.status === 'pending' && !i.contingency) i.everDue = true;
  }

  /** Reads the staff view and compares it with the model; keeps it for the due-time check. */
  async function snapshot(ctx: Ctx): Promise<void> {
    const { model } = ctx;
    const readAt = Date.now();
    const view = await read<ExerciseView>(`/api/exercises/${model.exerciseId}`);
    ctx.snapshots.push({ readAt, view });
    expect({ exerciseStatus: view.status }).toEqual({ exerciseStatus: model.status });
    const seen = new Map((view.injects ?? []).map((i) => [i.id, i]));
    expect({ injects: seen.size }).toEqual({ injects: model.injects.length });
    for (const i of model.injects) {
      const actual = seen.get(i.id)?.status;
      if (i.status === 'pending' && !i.contingency && i.everDue && actual === 'fired') i.status = 'fired';
      expect({ inject: i.ref, status: actual }).toEqual({ inject: i.ref, status: i.status });
    }
  }

  /** Until no timed inject is left pending and every deadline has run out (or the exercise was stopped). */
  async function waitForQuiet(ctx: Ctx): Promise<void> {
    const deadline = Date.now() + 45_000;
    let last = '';
    while (Date.now() < deadline) {
      const view = await read<ExerciseView>(`/api/exercises/${ctx.model.exerciseId}`);
      if (view.status === 'completed') return;
      const pending = (view.injects ?? []).filter((i) => i.status === 'pending' && !i.contingency);
      const ack = new Map((view.injects ?? []).map((i) => [i.id, i.ackWithinSeconds]));
      const deliveries = await read<DeliveryView[]>(`/api/exercises/${ctx.model.exerciseId}/deliveries`);
      const outstanding = deliveries.filter((d) => ack.get(d.injectId) && d.overdueAt === null);
      if (pending.length === 0 && outstanding.length === 0) return;
      last = `pending: ${pending.map((i) => `${i.ref} due ${i.dueAt}`).join(', ')}; deadlines outstanding: ${outstanding.length}`;
      await sleep(250);
    }
    throw new Error(`the exercise did not come to rest within 45 s (${last})`);
  }

  async function checkRun(ctx: Ctx): Promise<void> {
    const id = ctx.model.exerciseId;
    const view = await read<ExerciseView>(`/api/exercises/${id}`);
    const deliveries = await read<DeliveryView[]>(`/api/exercises/${id}/deliveries`);
    const audit = await read<AuditEventView[]>(`/api/exercises/${id}/audit`);
    const t = timeline(audit, ctx.initialSpeed);
    const injects = view.injects ?? [];
    const byId = new Map(injects.map((i) => [i.id, i]));
    const deliveriesOf = (injectId: string) => deliveries.filter((d) => d.injectId === injectId);
    const at = (e: AuditEventView) => Date.parse(e.at);
    ctx.log.push(
      `pauses: ${t.pauses.map((q) => `${new Date(q.from).toISOString()}..${Number.isFinite(q.to) ? new Date(q.to).toISOString() : '∞'}`).join(', ') || 'none'}; ENDEX ${t.stoppedAt ? new Date(t.stoppedAt).toISOString() : 'none'}`,
    );
    ctx.log.push(
      `firings: ${audit
        .filter((e) => FIRINGS.includes(e.action) || e.action === 'delivery.overdue')
        .map((e) => `${e.at} ${e.action} ${refOf(e)}`)
        .join('; ')}`,
    );

    // 1. Every fired inject: exactly one delivery per target post. Nothing else delivered but contingency releases.
    for (const i of injects) {
      const posts = deliveriesOf(i.id)
        .map((d) => d.commandPostId)
        .sort();
      if (i.status === 'fired')
        expect({ inject: i.ref, status: i.status, deliveredTo: posts }).toEqual({
          inject: i.ref,
          status: i.status,
          deliveredTo: [...new Set(i.targets)].sort(),
        });
      else if (!i.contingency)
        expect({ inject: i.ref, status: i.status, deliveredTo: posts }).toEqual({ inject: i.ref, status: i.status, deliveredTo: [] });
      expect({ inject: i.ref, deliveries: posts.length }).toEqual({ inject: i.ref, deliveries: new Set(posts).size });
    }

    // 2. seq per post is 1..n.
    for (const post of new Set(deliveries.map((d) => d.commandPostId))) {
      const seqs = deliveries
        .filter((d) => d.commandPostId === post)
        .map((d) => d.seq)
        .sort((a, b) => a - b);
      expect({ post: shared.posts.indexOf(post), seqs }).toEqual({ post: shared.posts.indexOf(post), seqs: seqs.map((_, k) => k + 1) });
    }

    // 3. No timed firing, no deadline running out, no contingency release while paused; nothing at all after ENDEX.
    for (const e of audit) {
      const clockDriven = TIMED_FIRINGS.includes(e.action) || e.action === 'delivery.overdue' || e.action === 'inject.contingency_released';
      const pause = clockDriven ? pausedAt(t, at(e), BOUNDARY_MS) : null;
      expect({ event: `${e.action} ${refOf(e)} at ${e.at}`, insidePause: pause ? `${new Date(pause.from).toISOString()}..` : null }).toEqual({
        event: `${e.action} ${refOf(e)} at ${e.at}`,
        insidePause: null,
      });
      const afterEndex = (FIRINGS.includes(e.action) || e.action === 'delivery.overdue') && t.stoppedAt !== null && at(e) > t.stoppedAt + BOUNDARY_MS;
      expect({ event: `${e.action} ${refOf(e)} at ${e.at}`, afterEndex }).toEqual({ event: `${e.action} ${refOf(e)} at ${e.at}`, afterEndex: false });
    }

    // 4a. Every due time read during the run is the pure clock's.
    for (const { readAt, view: seen } of ctx.snapshots) {
      const clock = clockAt(t, readAt);
      for (const i of seen.injects ?? []) {
        if (i.status !== 'pending' && i.status !== 'held') continue;
        const expected = i.status === 'pending' && !i.contingency ? dueAtMs(clock, i.offsetSeconds) : null;
        const actual = i.dueAt === null ? null : Date.parse(i.dueAt);
        const close = expected === null || actual === null ? expected === actual : Math.abs(actual - expected) <= DUE_TOLERANCE_MS;
        expect({
          inject: i.ref,
          status: i.status,
          readAt: new Date(readAt).toISOString(),
          dueAt: i.dueAt,
          pureClock: expected === null ? null : new Date(expected).toISOString(),
          close,
        }).toEqual({
          inject: i.ref,
          status: i.status,
          readAt: new Date(readAt).toISOString(),
          dueAt: i.dueAt,
          pureClock: expected === null ? null : new Date(expected).toISOString(),
          close: true,
        });
      }
    }

    // 4b. Every timed firing was due when the pure clock says, and not fired before it.
    for (const e of audit.filter((x) => TIMED_FIRINGS.includes(x.action))) {
      stats.firings += 1;
      const i = byId.get(String(e.details.injectId)) as ExerciseInjectView;
      const firedAt = at(e);
      const candidates = [dueAtMs(clockAt(t, firedAt), i.offsetSeconds)];
      // A firing whose transaction began just before a transition committed still had the due time before it.
      const before = previousStep(t, firedAt);
      if (before && firedAt - stepAt(t, firedAt).at <= BOUNDARY_MS) candidates.push(dueAtMs(before.clock, i.offsetSeconds));
      for (const d of deliveriesOf(i.id)) {
        const due = Date.parse(d.dueAt as string);
        const matches = candidates.some((c) => c !== null && Math.abs(c - due) <= DUE_TOLERANCE_MS);
        expect({
          inject: i.ref,
          firedAt: e.at,
          deliveryDueAt: d.dueAt,
          pureClock: candidates.map((c) => (c === null ? null : new Date(c).toISOString())),
          matches,
          early: firedAt < due - 1,
        }).toEqual({
          inject: i.ref,
          firedAt: e.at,
          deliveryDueAt: d.dueAt,
          pureClock: candidates.map((c) => (c === null ? null : new Date(c).toISOString())),
          matches: true,
          early: false,
        });
      }
    }

    // 4c. No timed firing overtakes, at a post, an inject that was pending then with an earlier due time.
    const firedAtOf = new Map(audit.filter((e) => FIRINGS.includes(e.action)).map((e) => [String(e.details.injectId), at(e)]));
    const touchedNear = (injectId: string, when: number) =>
      audit.some(
        (e) =>
          e.details.injectId === injectId &&
          ['inject.held', 'inject.released', 'inject.skipped', 'inject.retimed', 'inject.added'].includes(e.action) &&
          at(e) >= when - BOUNDARY_MS,
      );
    const pendingAt = (injectId: string, when: number) => {
      let status: string | null = byId.get(injectId)?.adHoc ? null : 'pending';
      for (const e of audit) {
        if (at(e) > when || e.details.injectId !== injectId) continue;
        if (e.action === 'inject.added') status = 'pending';
        if (e.action === 'inject.held') status = 'held';
        if (e.action === 'inject.released') status = 'pending';
        if (e.action === 'inject.skipped') status = 'skipped';
      }
      return status === 'pending';
    };
    for (const e of audit.filter((x) => TIMED_FIRINGS.includes(x.action))) {
      const x = byId.get(String(e.details.injectId)) as ExerciseInjectView;
      const firedAt = at(e);
      const clock = clockAt(t, firedAt);
      for (const dx of deliveriesOf(x.id)) {
        for (const dy of deliveries.filter((d) => d.commandPostId === dx.commandPostId && d.seq > dx.seq)) {
          const y = byId.get(dy.injectId) as ExerciseInjectView;
          if (y.contingency || !pendingAt(y.id, firedAt) || touchedNear(y.id, firedAt) || (firedAtOf.get(y.id) ?? Infinity) < firedAt - BOUNDARY_MS)
            continue;
          const yDue = dueAtMs(clock, y.offsetSeconds);
          if (yDue === null) continue;
          const overtaken = yDue < Date.parse(dx.dueAt as string) - DUE_TOLERANCE_MS;
          expect({
            post: shared.posts.indexOf(dx.commandPostId),
            fired: `${x.ref} seq ${dx.seq} due ${dx.dueAt}`,
            later: `${y.ref} seq ${dy.seq} due then ${new Date(yDue).toISOString()}`,
            overtaken,
          }).toEqual({
            post: shared.posts.indexOf(dx.commandPostId),
            fired: `${x.ref} seq ${dx.seq} due ${dx.dueAt}`,
            later: `${y.ref} seq ${dy.seq} due then ${new Date(yDue).toISOString()}`,
            overtaken: false,
          });
        }
      }
    }

    // 5a. A deadline runs out no earlier than its seconds of running exercise after the firing.
    for (const d of deliveries.filter((x) => x.overdueAt !== null)) {
      const i = byId.get(d.injectId) as ExerciseInjectView;
      const expected = deadlineWithPauses(t, Date.parse(d.firedAt), (i.ackWithinSeconds ?? 0) * 1000);
      const early = Date.parse(d.overdueAt as string) < expected - BOUNDARY_MS;
      expect({
        inject: i.ref,
        post: shared.posts.indexOf(d.commandPostId),
        firedAt: d.firedAt,
        overdueAt: d.overdueAt,
        deadlineInRunningTime: new Date(expected).toISOString(),
        early,
      }).toEqual({
        inject: i.ref,
        post: shared.posts.indexOf(d.commandPostId),
        firedAt: d.firedAt,
        overdueAt: d.overdueAt,
        deadlineInRunningTime: new Date(expected).toISOString(),
        early: false,
      });
    }

    // 5b. The contingency inject reaches a post only by "fire now" or by a deadline that post missed.
    const contingency = injects.find((i) => i.ref === CONTINGENCY_REF) as ExerciseInjectView;
    const firedNowAt = audit.filter((e) => e.action === 'inject.fired_now' && e.details.injectId === contingency.id).map(at);
    const missed = deliveries.filter((d) => d.overdueAt !== null && byId.get(d.injectId)?.contingencyRef === CONTINGENCY_REF);
    for (const d of deliveriesOf(contingency.id)) {
      const byFireNow = firedNowAt.includes(Date.parse(d.firedAt));
      const byMissedDeadline = missed.some((m) => m.commandPostId === d.commandPostId && m.overdueAt === d.firedAt);
      expect({ contingencyTo: shared.posts.indexOf(d.commandPostId), at: d.firedAt, explained: byFireNow || byMissedDeadline }).toEqual({
        contingencyTo: shared.posts.indexOf(d.commandPostId),
        at: d.firedAt,
        explained: true,
      });
    }
    // ... and every post that missed a deadline while the contingency was releasable got it.
    const statusAt = (when: number): string => {
      let status = 'pending';
      for (const e of audit) {
        if (at(e) > when || e.details.injectId !== contingency.id) continue;
        if (e.action === 'inject.held') status = 'held';
        if (e.action === 'inject.released') status = 'pending';
        if (e.action === 'inject.skipped') status = 'skipped';
        if (e.action === 'inject.fired_now') status = 'fired';
      }
      return status;
    };
    for (const m of missed) {
      if (statusAt(Date.parse(m.overdueAt as string)) === 'held' || statusAt(Date.parse(m.overdueAt as string)) === 'skipped') continue;
      const got = deliveriesOf(contingency.id).some((d) => d.commandPostId === m.commandPostId);
      expect({ missedDeadline: `${byId.get(m.injectId)?.ref} at post ${shared.posts.indexOf(m.commandPostId)}`, contingencyDelivered: got }).toEqual({
        missedDeadline: `${byId.get(m.injectId)?.ref} at post ${shared.posts.indexOf(m.commandPostId)}`,
        contingencyDelivered: true,
      });
    }
  }
});
