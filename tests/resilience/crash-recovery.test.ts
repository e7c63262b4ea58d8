import request from 'supertest';
import type { DeliveryView, ExerciseView } from '@excon/contracts';
import { ask, connectConsole, waitFor, type TestConsole } from '../support/consoles';
import { inject } from '../support/exercises';
import { createExerciseOverHttp, killRunning, seedOverHttp, serverEnv, startServer, stopRunning, type RunningServer } from '../support/remote-setup';
import { createTestDatabase, deleteRedisPrefix, uniqueName } from '../support/test-platform';

/**
 * Crashes mid-exercise: SIGKILL of the process that fires (the one-process PostgreSQL mode; the
 * worker process in the Redis mode) and a flush of the installation's Redis keys. Afterwards every
 * inject has been delivered to each of its posts exactly once: one delivery row per (inject, post),
 * seq 1..n without gaps and in MSEL order, and no console ever received the same delivery twice.
 */
const INJECTS = 16;
const SPEED = 4; // offsets 1..16 scenario seconds: one inject every 250 ms for 4 s

function plan(posts: string[]) {
  return Array.from({ length: INJECTS }, (_, i) => inject(`R-${String(i + 1).padStart(2, '0')}`, i + 1, i % 3 === 2 ? posts : [posts[i % 2]]));
}

async function exercise(url: string, token: string, id: string): Promise<ExerciseView> {
  return (await request(url).get(`/api/exercises/${id}`).set('Authorization', `Bearer ${token}`)).body as ExerciseView;
}

/** Live events plus a final sync: the complete, duplicate-free record of a console. */
async function completeRecord(console: TestConsole, exerciseId: string): Promise<{ seqs: number[]; liveDuplicates: number }> {
  const live = console.injects.filter((m) => m.exerciseId === exerciseId);
  const liveIds = live.map((m) => m.deliveryId);
  const liveDuplicates = liveIds.length - new Set(liveIds).size;
  const synced = await ask(console.socket, 'sync', { exerciseId, afterSeq: 0 });
  if (!synced.ok) throw new Error(synced.error);
  return { seqs: synced.injects.map((m) => m.seq), liveDuplicates };
}

async function expectExactlyOnce(url: string, controllerToken: string, exerciseId: string, posts: string[], consoles: TestConsole[]): Promise<void> {
  const view = await exercise(url, controllerToken, exerciseId);
  expect(view.injects?.filter((i) => i.status === 'fired')).toHaveLength(INJECTS);
  const deliveries = (await request(url).get(`/api/exercises/${exerciseId}/deliveries`).set('Authorization', `Bearer ${controllerToken}`))
    .body as DeliveryView[];
  const expected = plan(posts).reduce((n, i) => n + i.targets.length, 0);
  expect(deliveries).toHaveLength(expected);
  expect(new Set(deliveries.map((d) => `${d.injectId}/${d.commandPostId}`)).size).toBe(expected);
  for (const [k, post] of posts.entries()) {
    const own = deliveries
      .filter((d) => d.commandPostId === post)
      .map((d) => d.seq)
      .sort((a, b) => a - b);
    expect(own).toEqual(Array.from({ length: own.length }, (_, i) => i + 1));
    // In MSEL order: those that came due during the outage were fired together, sorted, not overtaken.
    const offsetOf = new Map(view.injects?.map((i) => [i.id, i.offsetSeconds]));
    const bySeq = deliveries
      .filter((d) => d.commandPostId === post)
      .sort((a, b) => a.seq - b.seq)
      .map((d) => offsetOf.get(d.injectId) as number);
    expect(bySeq).toEqual([...bySeq].sort((a, b) => a - b));
    const record = await completeRecord(consoles[k], exerciseId);
    expect(record.liveDuplicates).toBe(0);
    expect(record.seqs).toEqual(own);
  }
}

describe('one process on PostgreSQL queues: SIGKILL mid-exercise, restart', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: RunningServer | undefined;
  const consoles: TestConsole[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    if (server) await stopRunning(server);
    await database.drop();
  });

  it('delivers every inject exactly once across the crash', async () => {
    const env = serverEnv(database.url, uniqueName('excon-crash'), false);
    server = await startServer(env);
    const { posts, operatorTokens, controllerToken } = await seedOverHttp(server.url, 2);
    const created = await createExerciseOverHttp(server.url, controllerToken, plan(posts), SPEED);
    const before = await Promise.all(operatorTokens.map((token) => connectConsole(server!.url, token)));
    consoles.push(...before);
    await request(server.url).post(`/api/exercises/${created.id}/start`).set('Authorization', `Bearer ${controllerToken}`).send({}).expect(200);
    await waitFor(() => before[0].injects.length >= 2, 'the first injects before the crash');
    await killRunning(server);
    const firedBefore = before[0].injects.length + before[1].injects.length;
    await new Promise((r) => setTimeout(r, 1500));
    server = await startServer(env, { port: server.port });
    // The consoles come back and catch up from the last seq they saw, as the browser console does.
    const after = await Promise.all(operatorTokens.map((token) => connectConsole(server!.url, token)));
    consoles.push(...after);
    await waitFor(
      async () => (await exercise(server!.url, controllerToken, created.id)).injects?.every((i) => i.status === 'fired') ?? false,
      'every inject fired',
      30_000,
    );
    for (const [k, console] of after.entries()) {
      const lastSeen = Math.max(0, ...before[k].injects.map((m) => m.seq));
      const synced = await ask(console.socket, 'sync', { exerciseId: created.id, afterSeq: lastSeen });
      if (!synced.ok) throw new Error(synced.error);
      const seen = new Set(before[k].injects.map((m) => m.deliveryId));
      // Nothing the console had before the crash comes again through the catch-up.
      expect(synced.injects.filter((m) => seen.has(m.deliveryId))).toEqual([]);
    }
    expect(firedBefore).toBeGreaterThan(0);
    await expectExactlyOnce(server.url, controllerToken, created.id, posts, after);
    const late = (await exercise(server.url, controllerToken, created.id)).injects?.filter((i) => (i.latenessMs ?? 0) > 1000) ?? [];
    expect(late.length).toBeGreaterThan(0); // those due while it was down fired on restart, lateness recorded
  });
});

describe('Redis queues, API and worker processes apart', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const prefix = uniqueName('excon-crash');
  let api: RunningServer | undefined;
  let worker: RunningServer | undefined;
  const consoles: TestConsole[] = [];
  let seeded: Awaited<ReturnType<typeof seedOverHttp>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startServer(serverEnv(database.url, prefix, true), { entry: 'api' });
    worker = await startServer(serverEnv(database.url, prefix, true), { entry: 'worker' });
    seeded = await seedOverHttp(api.url, 2);
    consoles.push(...(await Promise.all(seeded.operatorTokens.map((token) => connectConsole(api!.url, token)))));
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await Promise.all([api, worker].map((s) => (s ? stopRunning(s) : Promise.resolve())));
    await database.drop();
    await deleteRedisPrefix(prefix);
  });

  it('SIGKILL of the worker mid-exercise loses and doubles nothing', async () => {
    const { posts, controllerToken } = seeded;
    const created = await createExerciseOverHttp(api!.url, controllerToken, plan(posts), SPEED);
    await request(api!.url).post(`/api/exercises/${created.id}/start`).set('Authorization', `Bearer ${controllerToken}`).send({}).expect(200);
    await waitFor(() => consoles[0].injects.filter((m) => m.exerciseId === created.id).length >= 2, 'the first injects');
    await killRunning(worker!);
    await new Promise((r) => setTimeout(r, 1500));
    worker = await startServer(serverEnv(database.url, prefix, true), { entry: 'worker' });
    await waitFor(
      async () => (await exercise(api!.url, controllerToken, created.id)).injects?.every((i) => i.status === 'fired') ?? false,
      'every inject fired',
      30_000,
    );
    await expectExactlyOnce(api!.url, controllerToken, created.id, posts, consoles);
  });

  it("a flush of the installation's Redis keys mid-exercise loses and doubles nothing", async () => {
    const { posts, controllerToken } = seeded;
    const created = await createExerciseOverHttp(api!.url, controllerToken, plan(posts), SPEED);
    await request(api!.url).post(`/api/exercises/${created.id}/start`).set('Authorization', `Bearer ${controllerToken}`).send({}).expect(200);
    await waitFor(() => consoles[0].injects.filter((m) => m.exerciseId === created.id).length >= 2, 'the first injects');
    await deleteRedisPrefix(prefix);
    await waitFor(
      async () => (await exercise(api!.url, controllerToken, created.id)).injects?.every((i) => i.status === 'fired') ?? false,
      'every inject fired',
      30_000,
    );
    await expectExactlyOnce(api!.url, controllerToken, created.id, posts, consoles);
  });
});
