import request from 'supertest';
import { connectConsole, waitFor, type TestConsole } from '../support/consoles';
import { inject } from '../support/exercises';
import { createExerciseOverHttp, seedOverHttp, serverEnv, startServer, stopRunning, type RunningServer } from '../support/remote-setup';
import { stopServer } from '../support/server-process';
import { createTestDatabase, deleteRedisPrefix, uniqueName } from '../support/test-platform';
import { allFired, expectEveryInjectOnceInMselOrder } from './delivery-checks';

/**
 * SIGTERM of a worker-only process (dist/apps/worker/src/main.js, Redis) while it fires an inject every ~200 ms:
 * jobs wait in-process up to 1.5 s before their due time and the reconciler passes every 2 s, so both
 * still publish through the Redis emitter while the process shuts down. It must exit 0 without an
 * unhandled rejection, and a new worker finishes the exercise with every inject delivered exactly once.
 */
const INJECTS = 40;
const SPEED = 5; // offsets 1..40 scenario seconds: one inject every 200 ms for 8 s

function plan(posts: string[]) {
  return Array.from({ length: INJECTS }, (_, i) => inject(`W-${String(i + 1).padStart(2, '0')}`, i + 1, i % 4 === 3 ? posts : [posts[i % 2]]));
}

describe('worker-only process: SIGTERM mid-exercise', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const prefix = uniqueName('excon-shutdown');
  let api: RunningServer | undefined;
  let worker: RunningServer | undefined;
  const consoles: TestConsole[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await Promise.all([api, worker].map((s) => (s ? stopRunning(s) : Promise.resolve())));
    await database.drop();
    await deleteRedisPrefix(prefix);
  });

  it('exits 0 with no unhandled rejection, and a new worker completes the exercise exactly once', async () => {
    api = await startServer(serverEnv(database.url, prefix, true), { entry: 'api' });
    worker = await startServer(serverEnv(database.url, prefix, true, { EXCON_LOG_LEVEL: 'info' }), { entry: 'worker' });
    const { posts, operatorTokens, controllerToken } = await seedOverHttp(api.url, 2);
    consoles.push(...(await Promise.all(operatorTokens.map((token) => connectConsole(api!.url, token)))));
    const injects = plan(posts);
    const created = await createExerciseOverHttp(api.url, controllerToken, injects, SPEED);
    await request(api.url).post(`/api/exercises/${created.id}/start`).set('Authorization', `Bearer ${controllerToken}`).send({}).expect(200);
    await waitFor(() => consoles[0].injects.filter((m) => m.exerciseId === created.id).length >= 4, 'the first injects from the worker');

    const stopped = await stopServer(worker.process, 'SIGTERM', 30_000);
    const stderr = worker.process.stderr();
    expect({ code: stopped.code, signal: stopped.signal }).toEqual({ code: 0, signal: null });
    expect(stderr).not.toMatch(/unhandled/i);
    expect(stderr).not.toMatch(/Connection is closed/);

    worker = await startServer(serverEnv(database.url, prefix, true), { entry: 'worker' });
    await waitFor(() => allFired(api!.url, controllerToken, created.id), 'every inject fired after the new worker started', 60_000);
    await expectEveryInjectOnceInMselOrder(api.url, controllerToken, created.id, injects, posts, consoles);
  });
});
