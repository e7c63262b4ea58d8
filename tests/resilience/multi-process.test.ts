import request from 'supertest';
import { connectConsole, waitFor, type TestConsole } from '../support/consoles';
import { inject } from '../support/exercises';
import { createExerciseOverHttp, seedOverHttp, serverEnv, startServer, stopRunning, type RunningServer } from '../support/remote-setup';
import { createTestDatabase, deleteRedisPrefix, uniqueName } from '../support/test-platform';

/**
 * Several processes behind one Redis, each from its own entry (dist/apps/api and dist/apps/worker): injects
 * fired by the worker process reach consoles on every API process.
 */
describe('two API processes and one worker on Redis', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const prefix = uniqueName('excon-multi');
  const servers: RunningServer[] = [];
  const consoles: TestConsole[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // The first API process applies the migrations; the others start on a migrated database.
    servers.push(await startServer(serverEnv(database.url, prefix, true), { entry: 'api' }));
    servers.push(...(await Promise.all((['api', 'worker'] as const).map((entry) => startServer(serverEnv(database.url, prefix, true), { entry })))));
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await Promise.all(servers.map((s) => stopRunning(s)));
    await database.drop();
    await deleteRedisPrefix(prefix);
  });

  it('a console on each API process gets exactly its injects; staff on either see every delivery', async () => {
    const [api1, api2] = servers;
    const { posts, operatorTokens, controllerToken } = await seedOverHttp(api1.url, 2);
    const exercise = await createExerciseOverHttp(
      api1.url,
      controllerToken,
      [inject('M-1', 1, [posts[0]]), inject('M-2', 1, [posts[1]]), inject('M-3', 2, posts)],
      2,
    );
    const [onApi1, onApi2, staffOnApi2] = await Promise.all([
      connectConsole(api1.url, operatorTokens[0]),
      connectConsole(api2.url, operatorTokens[1]),
      connectConsole(api2.url, controllerToken),
    ]);
    consoles.push(onApi1, onApi2, staffOnApi2);
    await request(api2.url).post(`/api/exercises/${exercise.id}/start`).set('Authorization', `Bearer ${controllerToken}`).send({}).expect(200);
    await waitFor(() => onApi1.injects.length === 2 && onApi2.injects.length === 2, 'injects on both API processes');
    expect(onApi1.injects.map((m) => m.ref)).toEqual(['M-1', 'M-3']);
    expect(onApi2.injects.map((m) => m.ref)).toEqual(['M-2', 'M-3']);
    await waitFor(() => staffOnApi2.events.filter((e) => e.event === 'delivery:update').length >= 4, 'delivery updates on the other API process');
    // A "fire now" handled by one API process reaches a console on the other one.
    const adHoc = await request(api1.url)
      .post(`/api/exercises/${exercise.id}/injects`)
      .set('Authorization', `Bearer ${controllerToken}`)
      .send({ ref: 'M-X', title: 'Ad hoc', body: 'Now', targets: [posts[1]], precedence: 'flash' });
    expect(adHoc.status).toBe(201);
    await waitFor(() => onApi2.injects.some((m) => m.ref === 'M-X'), 'the ad-hoc inject across processes');
    expect(onApi1.injects.some((m) => m.ref === 'M-X')).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(onApi2.injects.filter((m) => m.ref === 'M-X')).toHaveLength(1);
  });

  it('an ended session answers 401 on the next request to either API process, and its sockets on both close within a second', async () => {
    const [api1, api2] = servers;
    const { operatorTokens } = await seedOverHttp(api1.url, 1);
    const token = operatorTokens[0];
    const sockets = await Promise.all([connectConsole(api1.url, token), connectConsole(api2.url, token)]);
    consoles.push(...sockets);
    // Both processes have the session in their caches.
    for (const api of [api1, api2]) await request(api.url).get('/api/users/me').set('Authorization', `Bearer ${token}`).expect(200);
    const closed = sockets.map((c) => new Promise<number>((resolve) => c.socket.once('disconnect', () => resolve(Date.now()))));
    const sentAt = Date.now();
    await request(api1.url).post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
    // The logout returned only after the other process forgot the session: no window in which it still answers 200.
    await request(api2.url).get('/api/users/me').set('Authorization', `Bearer ${token}`).expect(401);
    await request(api1.url).get('/api/users/me').set('Authorization', `Bearer ${token}`).expect(401);
    for (const at of await Promise.all(closed)) expect(at - sentAt).toBeLessThan(1000);
    expect(sockets.map((c) => c.events.some((e) => e.event === 'session:ended'))).toEqual([true, true]);
  });
});
