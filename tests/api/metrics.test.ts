import IORedis from 'ioredis';
import request from 'supertest';
import { METRIC, MetricsPortServer } from '@excon/observability';
import { ask, connectConsole, waitFor, type TestConsole } from '../support/consoles';
import { queryDatabase } from '../support/database';
import { control, createExercise, inject } from '../support/exercises';
import { createCommandPost, createUser } from '../support/fixtures';
import { freePort } from '../support/server-process';
import { QUEUE_MODES, startTestPlatform, type TestPlatform } from '../support/test-platform';
import { OwnRedis } from '../resilience/outage-support';

/** How long the Redis of the stall test stops answering. */
const STALL_MS = 6000;

/** The metrics of CONTRACT.md ("Metrics"), with the type each is exported as. */
const CONTRACT_METRICS: Record<string, 'histogram' | 'counter' | 'gauge'> = {
  excon_inject_fire_lateness_seconds: 'histogram',
  excon_inject_push_seconds: 'histogram',
  excon_deliveries_total: 'gauge',
  excon_deliveries_overdue_total: 'gauge',
  excon_consoles_connected: 'gauge',
  excon_queue_jobs: 'gauge',
  excon_reconciler_passes_total: 'counter',
  excon_reconciler_late_fired_total: 'counter',
};

/** prom-client's default process metrics, event-loop lag among them, and the database pool. */
const OTHER_METRICS = [
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
  'nodejs_heap_size_used_bytes',
  'nodejs_eventloop_lag_seconds',
  'nodejs_eventloop_lag_p99_seconds',
  'excon_db_pool_connections',
  'excon_db_pool_max_connections',
];

interface Scrape {
  text: string;
  /** `# TYPE` of each metric. */
  types: Map<string, string>;
  /** The value of one sample, or undefined when it is absent; labels must match exactly. */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

/** Parses Prometheus' text format (the subset prom-client writes). */
function parse(text: string): Scrape {
  const types = new Map<string, string>();
  const samples = new Map<string, number>();
  const key = (name: string, labels: Record<string, string>) =>
    `${name}{${Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k]}`)
      .join(',')}}`;
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1], type[2]);
    if (line === '' || line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    samples.set(key(sample[1], labels), Number(sample[3]));
  }
  return { text, types, value: (name, labels = {}) => samples.get(key(name, labels)) };
}

async function scrape(t: TestPlatform, token?: string): Promise<Scrape> {
  const response = await t
    .http()
    .get('/metrics')
    .set('Authorization', `Bearer ${token ?? (await t.adminToken())}`);
  if (response.status !== 200) throw new Error(`GET /metrics: ${response.status} ${response.text}`);
  return parse(response.text);
}

/** Polls /metrics until `check` holds (the figures change a little after what a console sees). */
async function scrapeUntil(t: TestPlatform, check: (s: Scrape) => boolean, what: string): Promise<Scrape> {
  let last: Scrape | undefined;
  await waitFor(async () => check((last = await scrape(t))), what);
  return last as Scrape;
}

describe.each(QUEUE_MODES)('metrics (%s queues)', (queueMode) => {
  let t: TestPlatform;
  let post: { id: string };
  let operator: { token: string };
  let controller: { token: string };
  const consoles: TestConsole[] = [];

  beforeAll(async () => {
    t = await startTestPlatform({ queueMode, env: { EXCON_METRICS_PORT: '0' } });
    post = await createCommandPost(t);
    operator = await createUser(t, 'operator', post.id);
    controller = await createUser(t, 'controller');
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await t?.stop();
  });

  it('answers an admin only: 401 without a token or with a bad one, 403 for other roles', async () => {
    expect((await t.http().get('/metrics')).status).toBe(401);
    expect((await t.http().get('/metrics').set('Authorization', 'Bearer not-a-token')).status).toBe(401);
    for (const token of [controller.token, operator.token]) {
      const refused = await t.http().get('/metrics').set('Authorization', `Bearer ${token}`);
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain('excon_');
    }
    const answered = await t
      .http()
      .get('/metrics')
      .set('Authorization', `Bearer ${await t.adminToken()}`);
    expect(answered.status).toBe(200);
    expect(answered.headers['content-type']).toMatch(/^text\/plain; (charset=utf-8; )?version=0\.0\.4/);
    expect(answered.headers['cache-control']).toBe('no-store');
    // Served outside the /api prefix only.
    expect(
      (
        await t
          .http()
          .get('/api/metrics')
          .set('Authorization', `Bearer ${await t.adminToken()}`)
      ).status,
    ).toBe(404);
  });

  it('exports every metric of CONTRACT.md with its type, the process defaults, event-loop lag and the database pool', async () => {
    const s = await scrape(t);
    for (const [name, type] of Object.entries(CONTRACT_METRICS)) expect({ name, type: s.types.get(name) }).toEqual({ name, type });
    for (const name of OTHER_METRICS) expect({ name, exported: s.types.has(name) }).toEqual({ name, exported: true });
    expect(s.value(METRIC.dbPoolMax)).toBe(10);
    // The scrape itself holds no connection: whatever is in use is the app's, and never more than the pool.
    const used = s.value(METRIC.dbPoolConnections, { state: 'used' }) as number;
    expect(used).toBeGreaterThanOrEqual(0);
    expect(used + (s.value(METRIC.dbPoolConnections, { state: 'free' }) as number)).toBeLessThanOrEqual(10);
    expect(s.value(METRIC.collectorUp, { collector: 'database' })).toBe(1);
    expect(s.value(METRIC.collectorUp, { collector: 'queue' })).toBe(1);
    // A fresh installation: nothing fired, nothing delivered, nothing queued.
    expect(s.value(`${METRIC.fireLateness}_count`)).toBe(0);
    expect(s.value(METRIC.deliveries, { status: 'sent' })).toBe(0);
    for (const state of ['waiting', 'delayed', 'active']) expect(s.value(METRIC.queueJobs, { queue: 'exercise-events', state })).toBe(0);
  });

  it('counts the consoles connected to this process by role', async () => {
    expect((await scrape(t)).value(METRIC.consolesConnected, { role: 'operator' })).toBe(0);
    const [op, staff] = await Promise.all([connectConsole(t.url, operator.token), connectConsole(t.url, controller.token)]);
    const connected = await scrape(t);
    expect(connected.value(METRIC.consolesConnected, { role: 'operator' })).toBe(1);
    expect(connected.value(METRIC.consolesConnected, { role: 'controller' })).toBe(1);
    expect(connected.value(METRIC.consolesConnected, { role: 'evaluator' })).toBe(0);
    op.close();
    staff.close();
    await scrapeUntil(
      t,
      (s) => s.value(METRIC.consolesConnected, { role: 'operator' }) === 0 && s.value(METRIC.consolesConnected, { role: 'controller' }) === 0,
      'both consoles counted out',
    );
  });

  it('records a timed firing (lateness, push, deliveries by status, overdue) and the queue jobs from the backend', async () => {
    const before = await scrape(t);
    const { exercise } = await createExercise(t, controller.token, [
      inject('M1', 1, [post.id], { ackWithinSeconds: 1 }),
      inject('M2', 3600, [post.id]),
    ]);
    const op = await connectConsole(t.url, operator.token);
    consoles.push(op);
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => op.injects.length === 1, 'M1 at the operator');

    const fired = await scrapeUntil(t, (s) => s.value(`${METRIC.fireLateness}_count`) === 1, 'the firing counted');
    expect(fired.value(`${METRIC.pushDelay}_count`)).toBe((before.value(`${METRIC.pushDelay}_count`) as number) + 1);
    // Seconds, not milliseconds: a timed firing is well within a minute of its due time.
    expect(fired.value(`${METRIC.fireLateness}_sum`)).toBeLessThan(60);
    expect(fired.value(METRIC.deliveries, { status: 'sent' })).toBe(1);
    // M2's job waits in the queue's own store (Redis, or BullMQ's tables in PostgreSQL).
    expect(fired.value(METRIC.queueJobs, { queue: 'exercise-events', state: 'delayed' })).toBeGreaterThanOrEqual(1);

    // M1's acknowledge deadline (1 s) passes unacknowledged; a late acknowledgement moves it on.
    await scrapeUntil(t, (s) => s.value(METRIC.deliveriesOverdue) === 1, 'M1 overdue');
    expect((await ask(op.socket, 'inject:acknowledge', { deliveryId: op.injects[0].deliveryId })).ok).toBe(true);
    const acknowledged = await scrape(t);
    expect(acknowledged.value(METRIC.deliveries, { status: 'sent' })).toBe(0);
    expect(acknowledged.value(METRIC.deliveries, { status: 'acknowledged' })).toBe(1);
    expect(acknowledged.value(METRIC.deliveriesOverdue)).toBe(1);
  });

  it("counts the reconciler's passes and the overdue injects it fires, with their lateness", async () => {
    const before = await scrapeUntil(t, (s) => (s.value(METRIC.reconcilerPasses) as number) > 0, 'a reconciler pass');
    expect(before.value(METRIC.reconcilerLateFired)).toBe(0);
    // M2's job is an hour away; its due time moved 5 s into the past stands for a lost job.
    const op = consoles[0];
    const [m2] = await queryDatabase<{ id: string }>(
      t.databaseUrl,
      `update exercise_inject set due_at = now() - interval '5 seconds' where ref = 'M2' and status = 'pending' returning id`,
    );
    expect(m2).toBeDefined();
    await waitFor(() => op.injects.some((i) => i.ref === 'M2'), 'M2 fired by the reconciler');
    const after = await scrapeUntil(t, (s) => s.value(METRIC.reconcilerLateFired) === 1, 'the late firing counted');
    expect(after.value(`${METRIC.fireLateness}_count`)).toBe((before.value(`${METRIC.fireLateness}_count`) as number) + 1);
    expect((after.value(`${METRIC.fireLateness}_sum`) as number) - (before.value(`${METRIC.fireLateness}_sum`) as number)).toBeGreaterThanOrEqual(5);
    // Not within a second: the 5-second bucket has it, the 1-second one does not.
    expect(after.value(`${METRIC.fireLateness}_bucket`, { le: '1' })).toBe(before.value(`${METRIC.fireLateness}_bucket`, { le: '1' }));
    expect(after.value(METRIC.reconcilerPasses)).toBeGreaterThan(before.value(METRIC.reconcilerPasses) as number);
  });

  it('serves the same figures on EXCON_METRICS_PORT without a token, and nothing else there', async () => {
    const port = t.platform.app.get(MetricsPortServer).port as number;
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(t.platform.port);
    const direct = await request(`http://127.0.0.1:${port}`).get('/metrics');
    expect(direct.status).toBe(200);
    expect(direct.headers['content-type']).toMatch(/^text\/plain; (charset=utf-8; )?version=0\.0\.4/);
    const viaPort = parse(direct.text);
    const viaApi = await scrape(t);
    expect([...viaPort.types.keys()].sort()).toEqual([...viaApi.types.keys()].sort());
    // The same registry: the counted figures agree.
    expect(viaPort.value(`${METRIC.fireLateness}_count`)).toBe(viaApi.value(`${METRIC.fireLateness}_count`));
    expect(viaPort.value(METRIC.deliveries, { status: 'acknowledged' })).toBe(1);
    expect((await request(`http://127.0.0.1:${port}`).get('/')).status).toBe(404);
    expect((await request(`http://127.0.0.1:${port}`).get('/api/health')).status).toBe(404);
    expect((await request(`http://127.0.0.1:${port}`).post('/metrics')).status).toBe(405);
  });
});

describe('metrics of a worker-only process', () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform({ queueMode: 'redis', only: 'worker', env: { EXCON_METRICS_PORT: '0' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('serves them on EXCON_METRICS_PORT (there is no /metrics route without the API)', async () => {
    const port = t.platform.app.get(MetricsPortServer).port as number;
    const s = parse((await request(`http://127.0.0.1:${port}`).get('/metrics').expect(200)).text);
    for (const name of Object.keys(CONTRACT_METRICS)) expect({ name, exported: s.types.has(name) }).toEqual({ name, exported: true });
    expect(s.value(METRIC.queueJobs, { queue: 'exercise-events', state: 'delayed' })).toBe(0);
    await waitFor(
      async () => (parse((await request(`http://127.0.0.1:${port}`).get('/metrics')).text).value(METRIC.reconcilerPasses) as number) > 0,
      'a reconciler pass',
    );
    expect((await t.http().get('/metrics')).status).toBe(404);
  });
});

describe('metrics while Redis does not answer', () => {
  let redis: OwnRedis;
  let t: TestPlatform;

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    t = await startTestPlatform({ queueMode: 'redis', env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await t?.stop();
    await redis?.kill();
  });

  it('still answers, without the queue figures and saying so, and has them again once Redis is back', async () => {
    expect((await scrape(t)).value(METRIC.queueJobs, { queue: 'exercise-events', state: 'waiting' })).toBe(0);
    // A Redis of the test's own stops answering every client for a few seconds (the connections stay up).
    const admin = new IORedis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      await admin.call('CLIENT', 'PAUSE', String(STALL_MS), 'ALL');
    } finally {
      admin.disconnect();
    }
    const s = await scrape(t);
    // The scrape gave up on the queue (its bound is 1.5 s) instead of waiting for Redis: had it waited, it would have the figures.
    expect(s.value(METRIC.collectorUp, { collector: 'queue' })).toBe(0);
    expect(s.text).not.toMatch(/^excon_queue_jobs\{/m);
    // PostgreSQL still answers: its figures are there.
    expect(s.value(METRIC.collectorUp, { collector: 'database' })).toBe(1);
    expect(s.value(METRIC.deliveries, { status: 'sent' })).toBe(0);
    await scrapeUntil(
      t,
      (back) =>
        back.value(METRIC.collectorUp, { collector: 'queue' }) === 1 &&
        back.value(METRIC.queueJobs, { queue: 'exercise-events', state: 'waiting' }) === 0,
      'the queue figures back',
    );
  });
});
