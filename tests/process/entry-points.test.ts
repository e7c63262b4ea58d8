import request from 'supertest';
import { connectConsole, sleep, waitFor, type TestConsole } from '../support/consoles';
import { inject } from '../support/exercises';
import { createExerciseOverHttp, seedOverHttp, serverEnv, startServer, stopRunning, type RunningServer } from '../support/remote-setup';
import { assertServerBuilt, cleanUpServers, makeDataDir, runUntilExit, type ServerEntry } from '../support/server-process';
import { createTestDatabase, deleteRedisPrefix, uniqueName } from '../support/test-platform';

jest.setTimeout(180_000);

/** No unsafe default (no warning at start): the refusals below are about their one error line. */
const QUIET = { EXCON_ADMIN_PASSWORD: 'entry-test-password', EXCON_JWT_SECRET: 'entry-test-secret-entry-test-secret-0123456' };

/**
 * Each role from its own built entry: dist/apps/api/src/main.js serves HTTP and the consoles and fires
 * nothing; dist/apps/worker/src/main.js fires the timed events and serves only /api/health;
 * dist/apps/standalone/src/main.js (`npm start`) is both.
 */
describe('the entry points of the built server', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const prefix = uniqueName('excon-entries');
  const dataDirs: string[] = [];
  const servers: RunningServer[] = [];
  const consoles: TestConsole[] = [];

  beforeAll(async () => {
    assertServerBuilt();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await Promise.all(servers.map((s) => stopRunning(s)));
    await cleanUpServers(dataDirs);
    await database?.drop();
    await deleteRedisPrefix(prefix);
  });

  function dataDir(): string {
    const dir = makeDataDir();
    dataDirs.push(dir);
    return dir;
  }

  it.each<ServerEntry>(['api', 'worker'])('the %s alone refuses to start without REDIS_URL, in one line naming it', async (entry) => {
    const result = await runUntilExit({ ...QUIET, DATABASE_URL: database.url, EXCON_DATA_DIR: dataDir(), PORT: '0' }, { entry });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect({ lines: result.stderr.trimEnd().split('\n') }).toEqual({
      lines: [
        expect.stringMatching(
          /^excon: Invalid configuration: REDIS_URL \(or EXCON_REDIS_SENTINELS, EXCON_REDIS_CLUSTER_NODES\) must be set to run the (API|worker) alone/,
        ),
      ],
    });
  });

  it('refuses EXCON_ROLES, which the entry points replaced, in one line naming it', async () => {
    const result = await runUntilExit({ ...QUIET, DATABASE_URL: database.url, EXCON_DATA_DIR: dataDir(), PORT: '0', EXCON_ROLES: 'api' });
    expect(result.code).not.toBe(0);
    expect({ lines: result.stderr.trimEnd().split('\n') }).toEqual({
      lines: [expect.stringMatching(/^excon: Invalid configuration: EXCON_ROLES is no longer read/)],
    });
  });

  it('an API process fires nothing by itself; a worker process started beside it fires the inject to its console', async () => {
    const api = await startServer(serverEnv(database.url, prefix, true), { entry: 'api' });
    servers.push(api);
    const { posts, operatorTokens, controllerToken } = await seedOverHttp(api.url, 1);
    const operator = await connectConsole(api.url, operatorTokens[0]);
    consoles.push(operator);
    const exercise = await createExerciseOverHttp(api.url, controllerToken, [inject('E-1', 1, posts)], 1);
    await request(api.url).post(`/api/exercises/${exercise.id}/start`).set('Authorization', `Bearer ${controllerToken}`).send({}).expect(200);
    // Due after 1 s; a process holding the worker would have fired it well within 4 s.
    await sleep(4000);
    const waiting = await request(api.url).get(`/api/exercises/${exercise.id}`).set('Authorization', `Bearer ${controllerToken}`).expect(200);
    expect(waiting.body.injects.map((i: { status: string }) => i.status)).toEqual(['pending']);
    expect(operator.injects).toHaveLength(0);

    const worker = await startServer(serverEnv(database.url, prefix, true), { entry: 'worker' });
    servers.push(worker);
    await waitFor(() => operator.injects.length === 1, 'the inject fired by the worker process', 30_000);
    expect(operator.injects.map((m) => m.ref)).toEqual(['E-1']);

    // The worker's HTTP is /api/health alone: no REST routes, no socket.io, no console pages.
    const health = await request(worker.url).get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', database: 'up', queue: { mode: 'redis', status: 'up' } });
    await request(worker.url).post('/api/auth/login').send({ username: 'admin', password: 'whatever-it-is' }).expect(404);
    await request(worker.url).get('/socket.io/').query({ EIO: '4', transport: 'polling' }).expect(404);
    await request(worker.url).get('/').expect(404);
  });
});
