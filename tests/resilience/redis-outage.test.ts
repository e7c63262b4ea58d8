import IORedis from 'ioredis';
import type { ExerciseView } from '@excon/contracts';
import { connectConsole, sleep, waitFor, type TestConsole } from '../support/consoles';
import { inject } from '../support/exercises';
import { createExerciseOverHttp, seedOverHttp, serverEnv, startServer, stopRunning, type RunningServer } from '../support/remote-setup';
import { freePort } from '../support/server-process';
import { createTestDatabase, uniqueName } from '../support/test-platform';
import { allFired, exerciseOverHttp, expectEveryInjectOnceInMselOrder } from './delivery-checks';
import { OwnRedis, act, expectAnsweredWell, expectStatePushed, type ActionResult } from './outage-support';

/**
 * Redis down (killed, not flushed) for 20 s in the middle of an exercise whose injects fall due
 * throughout the outage, on a platform (API and worker in one process) whose queues and socket.io
 * adapter are on a Redis of the test's own. Throughout, control actions answer within 5 s with 200
 * (the state is in PostgreSQL and pushed) and `exercise:state` reaches the consoles; afterwards every
 * inject reached every targeted post exactly once, in MSEL order.
 */
const INJECTS = 20;
const SPEED = 2; // offsets 3, 6, … 60 scenario seconds: one inject every 1.5 s at speed 2
const OUTAGE_MS = 20_000;

/** Far enough after the others that, however long Redis takes to come back, it falls due afterwards (at speed 10). */
const TAIL_OFFSET = 200;

function plan(posts: string[]) {
  return [
    ...Array.from({ length: INJECTS }, (_, i) => inject(`O-${String(i + 1).padStart(2, '0')}`, 3 * (i + 1), i % 3 === 2 ? posts : [posts[i % 2]])),
    inject('O-TAIL', TAIL_OFFSET, posts),
  ];
}

describe('Redis outage mid-exercise (Redis killed for 20 s, then restarted empty)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let redis: OwnRedis;
  let server: RunningServer | undefined;
  const consoles: TestConsole[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = new OwnRedis(await freePort());
    await redis.start();
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    if (server) await stopRunning(server);
    await redis.kill();
    await database.drop();
  });

  it('answers control actions within 5 s throughout and delivers every inject once, in MSEL order', async () => {
    const prefix = uniqueName('excon-outage');
    server = await startServer(serverEnv(database.url, prefix, false, { REDIS_URL: redis.url }));
    const url = server.url;
    const { posts, operatorTokens, controllerToken: token } = await seedOverHttp(url, 2);
    consoles.push(...(await Promise.all(operatorTokens.map((t) => connectConsole(url, t)))));
    const injects = plan(posts);
    const created = await createExerciseOverHttp(url, token, injects, SPEED);
    const path = `/api/exercises/${created.id}`;
    const results: ActionResult[] = [];
    const started = await act(url, token, 'start', 'post', `${path}/start`);
    expect(started.status).toBe(200);
    await waitFor(() => consoles.every((c) => c.injects.some((m) => m.exerciseId === created.id)), 'an inject at each post before the outage');

    await redis.kill();
    const outageEnds = Date.now() + OUTAGE_MS;
    const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
    expect(health.status).toBe(503);

    // State changes: each answers 200 within 5 s and its exercise:state reaches both consoles.
    const transition = async (action: string, method: 'post' | 'patch', to: string, body: object, expected: { status?: string; speed?: number }) => {
      const since = Date.now();
      const result = await act(url, token, action, method, to, body);
      results.push(result);
      expect({ action, status: result.status, body: result.body }).toMatchObject({ action, status: 200 });
      await expectStatePushed(consoles, created.id, since, expected);
    };
    // Fire now of the first pending inject in MSEL order: 200, or 409 if it fired meanwhile.
    const fireNow = async () => {
      const view: ExerciseView = await exerciseOverHttp(url, token, created.id);
      const next = [...(view.injects ?? [])]
        .filter((i) => i.status === 'pending')
        .sort((a, b) => a.offsetSeconds - b.offsetSeconds || a.ref.localeCompare(b.ref))[0];
      if (!next) return;
      const result = await act(url, token, `fire ${next.ref}`, 'post', `${path}/injects/${next.id}/fire`);
      results.push(result);
      expectAnsweredWell([result], [200, 409]);
    };

    await sleep(1000);
    await transition('pause', 'post', `${path}/pause`, {}, { status: 'paused' });
    await sleep(1500);
    await transition('resume', 'post', `${path}/resume`, {}, { status: 'running' });
    await sleep(2000);
    await transition('speed 3', 'patch', path, { speed: 3 }, { speed: 3 });
    await sleep(1500);
    await fireNow();
    await sleep(2000);
    await transition('speed 2', 'patch', path, { speed: 2 }, { speed: 2 });
    await sleep(1500);
    await transition('pause again', 'post', `${path}/pause`, {}, { status: 'paused' });
    await sleep(1000);
    await transition('resume again', 'post', `${path}/resume`, {}, { status: 'running' });
    // Injects kept firing from PostgreSQL while Redis was away (the reconciler times them in-process).
    const firedDuringOutage = () =>
      consoles.flatMap((c) => c.injects).filter((m) => m.exerciseId === created.id && Date.parse(m.firedAt) > outageEnds - OUTAGE_MS).length;
    await sleep(Math.max(0, outageEnds - Date.now()));
    expect(firedDuringOutage()).toBeGreaterThan(0);
    expectAnsweredWell(results, [200, 409]);

    await redis.start();
    await waitFor(
      async () => (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) })).status === 200,
      'health 200 once Redis is back',
      30_000,
    );
    // A pause and resume after the outage go through the queue again; the tail inject is still to come.
    await transition('pause after', 'post', `${path}/pause`, {}, { status: 'paused' });
    await transition('resume after', 'post', `${path}/resume`, {}, { status: 'running' });
    const tail = (await exerciseOverHttp(url, token, created.id)).injects?.find((i) => i.ref === 'O-TAIL');
    expect(tail?.status).toBe('pending');
    await transition('speed 10 after', 'patch', path, { speed: 10 }, { speed: 10 });
    await waitFor(() => allFired(url, token, created.id), 'every inject fired', 90_000);
    await expectEveryInjectOnceInMselOrder(url, token, created.id, injects, posts, consoles);
    expectAnsweredWell(results, [200, 409]);
    // The worker reconnected by itself: the restarted Redis was empty, so every completed job in it was
    // queued and processed after the outage (at least the tail's, which fell due long after Redis was back).
    const probe = new IORedis(redis.url);
    try {
      expect(await probe.zcard(`${prefix}:exercise-events:completed`)).toBeGreaterThan(0);
    } finally {
      probe.disconnect();
    }
  });
});
