import IORedis from 'ioredis';
import { connectConsole, sleep, waitFor, type TestConsole } from '../support/consoles';
import { inject } from '../support/exercises';
import { SentinelGroup, waitForFailover } from '../support/redis-sentinel';
import { createExerciseOverHttp, seedOverHttp, serverEnv, startServer, stopRunning, type RunningServer } from '../support/remote-setup';
import { createTestDatabase, uniqueName } from '../support/test-platform';
import { allFired, expectEveryInjectOnceInMselOrder } from './delivery-checks';
import { act, expectAnsweredWell, type ActionResult } from './outage-support';

/**
 * Redis behind Debian's redis-sentinel: a primary, a replica and one sentinel on loopback; the platform
 * (API and worker in one process) is given only the sentinel (EXCON_REDIS_SENTINELS). The primary is
 * SIGKILLed mid-exercise, the sentinel promotes the replica, and the platform's queues, socket.io
 * adapter and health check move to it by themselves. Injects fall due before, during and after the
 * failover; afterwards every inject reached every targeted post exactly once, in MSEL order, and the
 * consoles got none twice. (Replication is asynchronous, so jobs written just before the kill may be
 * lost with the primary: PostgreSQL holds the plan and the reconciler fires what is due.)
 */
const INJECTS = 16;
const SPEED = 2; // offsets 2, 4, … 32 scenario seconds: one inject a second at speed 2
/** Far enough after the others that it falls due after the failover (at speed 10). */
const TAIL_OFFSET = 150;

function plan(posts: string[]) {
  return [
    ...Array.from({ length: INJECTS }, (_, i) => inject(`F-${String(i + 1).padStart(2, '0')}`, 2 * (i + 1), i % 3 === 2 ? posts : [posts[i % 2]])),
    inject('F-TAIL', TAIL_OFFSET, posts),
  ];
}

describe('Redis Sentinel failover mid-exercise (primary SIGKILLed, replica promoted)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let group: SentinelGroup | undefined;
  let server: RunningServer | undefined;
  const consoles: TestConsole[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    group = await SentinelGroup.start();
  }, 90_000);

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    if (server) await stopRunning(server);
    await group?.stop();
    await database?.drop();
  }, 60_000);

  it('delivers every inject once, in MSEL order, across the failover', async () => {
    const sentinels = group as SentinelGroup;
    const prefix = uniqueName('excon-sentinel');
    server = await startServer(serverEnv((database as { url: string }).url, prefix, false, sentinels.env));
    const url = server.url;
    const { posts, operatorTokens, controllerToken: token } = await seedOverHttp(url, 2);
    consoles.push(...(await Promise.all(operatorTokens.map((t) => connectConsole(url, t)))));
    const injects = plan(posts);
    const created = await createExerciseOverHttp(url, token, injects, SPEED);
    const path = `/api/exercises/${created.id}`;
    const results: ActionResult[] = [];
    const started = await act(url, token, 'start', 'post', `${path}/start`);
    expect(started.status).toBe(200);
    await waitFor(() => consoles.every((c) => c.injects.some((m) => m.exerciseId === created.id)), 'an inject at each post before the failover');

    const killedAt = Date.now();
    await sentinels.kill(sentinels.primaryPort);
    const promoted = await waitForFailover(sentinels, sentinels.primaryPort);
    expect(promoted).toBe(sentinels.replicaPort);
    await waitFor(
      async () => (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) }).catch(() => null))?.status === 200,
      'health 200 on the promoted replica',
      30_000,
    );
    // Control actions go through the queues on the new primary; the tail inject is still to come.
    for (const [action, to] of [
      ['pause', 'pause'],
      ['resume', 'resume'],
    ]) {
      const result = await act(url, token, action, 'post', `${path}/${to}`);
      results.push(result);
      expect({ action, status: result.status }).toEqual({ action, status: 200 });
    }
    await sleep(2000);
    results.push(await act(url, token, 'speed 10', 'patch', path, { speed: 10 }));
    await waitFor(() => allFired(url, token, created.id), 'every inject fired', 90_000);
    expectAnsweredWell(results, [200]);
    await expectEveryInjectOnceInMselOrder(url, token, created.id, injects, posts, consoles);

    // Injects reached the consoles before and after the kill (the adapter's subscriber moved too).
    const firedAt = consoles
      .flatMap((c) => c.injects)
      .filter((m) => m.exerciseId === created.id)
      .map((m) => Date.parse(m.firedAt));
    expect(firedAt.some((t) => t < killedAt)).toBe(true);
    expect(firedAt.some((t) => t > killedAt)).toBe(true);
    // The queues run on the promoted replica: jobs completed there.
    const probe = new IORedis(promoted, '127.0.0.1');
    try {
      expect(await probe.zcard(`${prefix}:exercise-events:completed`)).toBeGreaterThan(0);
    } finally {
      probe.disconnect();
    }
  }, 240_000);
});
