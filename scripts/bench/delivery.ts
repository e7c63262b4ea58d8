/**
 * npm run bench:delivery — how late injects reach consoles.
 *
 * For each queue mode (PostgreSQL, Redis) it starts the built server (dist/apps/standalone, one process with both
 * roles) on a fresh database, connects N socket.io consoles from THIS process (13 command posts,
 * N/13 consoles each), fires K injects one second apart to every post and records, for every
 * receipt, (console receive time − due time). N = 1,000 and 10,000; then a burst of 1,000 injects
 * due in the same second with 1,000 consoles. The baseline is a bare socket.io server (no queue, no
 * database) broadcasting the same way from a timer. It prints p50/p99/max, the server's RSS and our
 * p99 over the baseline's.
 *
 * Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (BENCH_POSTGRES_URL, BENCH_REDIS_URL).
 * BENCH_SIZES=1000,10000, BENCH_INJECTS=10, BENCH_BURST=1000, BENCH_MODES=postgres,redis and
 * BENCH_BASELINE=1 change the plan.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import { api, rssKb, startProcess, stopProcess } from './bench-process';
import { connectSwarm, summary, waitUntil } from './swarm';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'standalone', 'src', 'main.js');
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const INJECTS = Number(process.env.BENCH_INJECTS ?? 10);
const BURST = Number(process.env.BENCH_BURST ?? 1000);
const MODES = (process.env.BENCH_MODES ?? 'postgres,redis').split(',').filter(Boolean) as ('postgres' | 'redis')[];
const BASELINE = process.env.BENCH_BASELINE !== '0';
const POSTS = 13;
const ADMIN = { username: 'admin', password: 'bench-admin-password' };

type Row = {
  run: string;
  consoles: number;
  receipts: string;
  p50: number;
  p99: number;
  max: number;
  rssMb: number;
  kbPerConsole: number | null;
  fireLatenessP99?: number;
};
const rows: Row[] = [];

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `excon_bench_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: POSTGRES });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function seed(url: string): Promise<{ posts: string[]; operatorTokens: string[]; controller: string }> {
  const login = async (username: string, password: string) =>
    (await api<{ accessToken: string }>(url, '/api/auth/login', null, { username, password })).accessToken;
  const admin = await login(ADMIN.username, ADMIN.password);
  const posts: string[] = [];
  const operatorTokens: string[] = [];
  for (let i = 0; i < POSTS; i++) {
    const post = await api<{ id: string }>(url, '/api/command-posts', admin, {
      code: `B-${i}`,
      name: `Bench post ${i}`,
      memberState: 'KZ',
      ministry: 'emergency',
      timeZone: 'Asia/Almaty',
    });
    posts.push(post.id);
    await api(url, '/api/users', admin, { username: `op-b${i}`, password: 'bench-password', role: 'operator', commandPostId: post.id });
    operatorTokens.push(await login(`op-b${i}`, 'bench-password'));
  }
  await api(url, '/api/users', admin, { username: 'ctl', password: 'bench-password', role: 'controller' });
  return { posts, operatorTokens, controller: await login('ctl', 'bench-password') };
}

async function runExercise(
  url: string,
  controller: string,
  injects: { ref: string; offsetSeconds: number; title: string; body: string; targets: string[] }[],
): Promise<string> {
  const scenario = await api<{ id: string }>(url, '/api/scenarios', controller, { title: 'Bench', injects });
  const exercise = await api<{ id: string }>(url, '/api/exercises', controller, { scenarioId: scenario.id });
  await api(url, `/api/exercises/${exercise.id}/start`, controller, {});
  return exercise.id;
}

async function fireLatenessP99(url: string, controller: string, exerciseId: string): Promise<number> {
  const view = await api<{ injects: { latenessMs: number | null }[] }>(url, `/api/exercises/${exerciseId}`, controller);
  return summary(view.injects.map((i) => i.latenessMs ?? NaN).filter((n) => !Number.isNaN(n))).p99;
}

const BODY = 'УЧЕНИЯ УЧЕНИЯ УЧЕНИЯ. ' + 'Обстановка: '.repeat(20);

async function benchExcon(mode: 'postgres' | 'redis'): Promise<void> {
  for (const consoles of SIZES) {
    await withDatabase(async (databaseUrl) => {
      const env: Record<string, string> = {
        PORT: '0',
        DATABASE_URL: databaseUrl,
        EXCON_ADMIN_USERNAME: ADMIN.username,
        EXCON_ADMIN_PASSWORD: ADMIN.password,
        EXCON_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
        EXCON_LOG_LEVEL: 'warn',
        // Benchmark clients keep one token for the whole run; they do not refresh it as the browser consoles do.
        EXCON_JWT_TTL_SECONDS: '86400',
        EXCON_REDIS_PREFIX: `excon-bench-${Date.now().toString(36)}`,
        EXCON_DATA_DIR: '/tmp/excon-bench',
        // The swarm shares a few operator tokens among thousands of consoles.
        EXCON_SOCKETS_PER_USER: '1000000',
        ...(mode === 'redis' ? { REDIS_URL: REDIS } : {}),
      };
      const server = await startProcess([MAIN], env, /listening on http:\/\/localhost:(\d+)/);
      const port = Number(/listening on http:\/\/localhost:(\d+)/.exec(server.output())?.[1]);
      const url = `http://127.0.0.1:${port}`;
      try {
        const { posts, operatorTokens, controller } = await seed(url);
        const rssBefore = rssKb(server.child.pid as number);
        const swarm = await connectSwarm(url, '/console', operatorTokens, consoles);
        await new Promise((r) => setTimeout(r, 2000));
        const rssConnected = rssKb(server.child.pid as number);
        const injects = Array.from({ length: INJECTS }, (_, i) => ({
          ref: `L-${i}`,
          offsetSeconds: 3 + i,
          title: `Bench ${i}`,
          body: BODY,
          targets: posts,
        }));
        const exerciseId = await runExercise(url, controller, injects);
        const expected = consoles * INJECTS;
        await waitUntil(() => swarm.latencies.length >= expected, (INJECTS + 30) * 1000);
        const latency = summary(swarm.latencies);
        rows.push({
          run: `excon/${mode}`,
          consoles,
          receipts: `${latency.n}/${expected}`,
          ...latency,
          rssMb: Math.round(rssKb(server.child.pid as number) / 102.4) / 10,
          kbPerConsole: Math.round(((rssConnected - rssBefore) / consoles) * 10) / 10,
          fireLatenessP99: await fireLatenessP99(url, controller, exerciseId),
        });
        printRow(rows[rows.length - 1]);
        if (consoles === 1000 && BURST > 0) {
          swarm.reset();
          const burst = Array.from({ length: BURST }, (_, i) => ({
            ref: `B-${i}`,
            offsetSeconds: 5,
            title: `Burst ${i}`,
            body: BODY,
            targets: [posts[i % POSTS]],
          }));
          const burstId = await runExercise(url, controller, burst);
          const burstExpected = burstReceipts(consoles);
          await waitUntil(() => swarm.latencies.length >= burstExpected, 60_000);
          const b = summary(swarm.latencies);
          rows.push({
            run: `excon/${mode} burst ${BURST} injects due in one second`,
            consoles,
            receipts: `${b.n}/${burstExpected}`,
            ...b,
            rssMb: Math.round(rssKb(server.child.pid as number) / 102.4) / 10,
            kbPerConsole: null,
            fireLatenessP99: await fireLatenessP99(url, controller, burstId),
          });
          printRow(rows[rows.length - 1]);
        }
        swarm.close();
      } finally {
        await stopProcess(server.child);
      }
    });
  }
}

async function benchBaseline(): Promise<void> {
  for (const consoles of SIZES) {
    const server = await startProcess(
      ['-r', 'ts-node/register/transpile-only', join(__dirname, 'baseline-server.ts')],
      { TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      /listening (\d+)/,
    );
    const port = Number(/listening (\d+)/.exec(server.output())?.[1]);
    try {
      const rssBefore = rssKb(server.child.pid as number);
      const swarm = await connectSwarm(
        `http://127.0.0.1:${port}`,
        '/console',
        Array.from({ length: POSTS }, (_, p) => `post-${p}`),
        consoles,
      );
      await new Promise((r) => setTimeout(r, 2000));
      const rssConnected = rssKb(server.child.pid as number);
      const control = io(`http://127.0.0.1:${port}/console`, { auth: { token: 'bench-control' }, transports: ['websocket'] });
      await new Promise((r) => control.once('connect', () => r(undefined)));
      const start = Date.now() + 3000;
      control.emit('fire', { dueAt: Array.from({ length: INJECTS }, (_, i) => start + i * 1000) });
      await waitUntil(() => swarm.latencies.length >= consoles * INJECTS, (INJECTS + 30) * 1000);
      const latency = summary(swarm.latencies);
      rows.push({
        run: 'baseline (bare socket.io)',
        consoles,
        receipts: `${latency.n}/${consoles * INJECTS}`,
        ...latency,
        rssMb: Math.round(rssKb(server.child.pid as number) / 102.4) / 10,
        kbPerConsole: Math.round(((rssConnected - rssBefore) / consoles) * 10) / 10,
      });
      printRow(rows[rows.length - 1]);
      if (consoles === 1000 && BURST > 0) {
        swarm.reset();
        const at = Date.now() + 3000;
        control.emit('fire', { dueAt: Array.from({ length: BURST }, () => at), posts: POSTS });
        const expected = burstReceipts(consoles);
        await waitUntil(() => swarm.latencies.length >= expected, 60_000);
        const b = summary(swarm.latencies);
        rows.push({
          run: `baseline burst ${BURST} messages due in one second`,
          consoles,
          receipts: `${b.n}/${expected}`,
          ...b,
          rssMb: Math.round(rssKb(server.child.pid as number) / 102.4) / 10,
          kbPerConsole: null,
        });
        printRow(rows[rows.length - 1]);
      }
      control.close();
      swarm.close();
    } finally {
      await stopProcess(server.child);
    }
  }
}

/** Consoles are spread over the posts round-robin; burst message i goes to post i mod POSTS. */
function burstReceipts(consoles: number): number {
  const perPost = Array.from({ length: POSTS }, (_, p) => Math.floor(consoles / POSTS) + (p < consoles % POSTS ? 1 : 0));
  return Array.from({ length: BURST }, (_, i) => perPost[i % POSTS]).reduce((a, b) => a + b, 0);
}

function printRow(row: Row): void {
  process.stdout.write(`  ${JSON.stringify(row)}\n`);
}

async function main(): Promise<void> {
  process.stdout.write(`bench:delivery on ${cpus().length} cores, node ${process.version}; ${INJECTS} injects per run, ${POSTS} posts\n`);
  if (BASELINE) await benchBaseline();
  for (const mode of MODES) await benchExcon(mode);
  process.stdout.write(
    '\n| run | consoles | receipts | p50 ms | p99 ms | max ms | server RSS MB | RSS KB/console | p99 over baseline |\n|---|---|---|---|---|---|---|---|---|\n',
  );
  for (const row of rows) {
    const baseline = rows.find(
      (r) => r.run.startsWith('baseline') && r.consoles === row.consoles && r.run.includes('burst') === row.run.includes('burst'),
    );
    const ratio = baseline && !row.run.startsWith('baseline') ? `${(row.p99 / Math.max(1, baseline.p99)).toFixed(1)}×` : '';
    process.stdout.write(
      `| ${row.run} | ${row.consoles} | ${row.receipts} | ${row.p50} | ${row.p99} | ${row.max} | ${row.rssMb} | ${row.kbPerConsole ?? ''} | ${ratio} |\n`,
    );
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
