/**
 * npm run bench:cluster — how late injects reach consoles when ExCon runs as docker/compose.yaml lays it out:
 * API processes behind HAProxy and a worker apart, against a bare socket.io pair behind the same balancer.
 *
 * Four cases, each on processes of its own started for it and stopped after it:
 *  - `excon ×2`: two API processes (`node dist/apps/api/src/main.js`, each on its own port) and one worker
 *    (`node dist/apps/worker/src/main.js`) on one fresh PostgreSQL database, one Redis (REDIS_URL) under a
 *    unique EXCON_REDIS_PREFIX, one EXCON_JWT_SECRET, EXCON_TRUST_PROXY=1 (the balancer is the one trusted
 *    hop, as compose.yaml sets it), EXCON_SOCKETS_PER_USER=1000000 (the swarm shares 13 operator tokens),
 *    EXCON_JWT_TTL_SECONDS=86400 (its tokens are never refreshed) and EXCON_LOG_LEVEL=warn. The first API
 *    process starts alone and applies the migrations; the second and the worker start once it is up.
 *    Debian's HAProxy (/usr/sbin/haproxy) runs docker/haproxy.cfg in front of both, changed only in its
 *    listening and server addresses (tests/support/load-balancer.ts balancerConfig): `balance leastconn`,
 *    the sticky EXCON_LB cookie, its health checks. Seeded through the balancer as bench:delivery does:
 *    13 command posts with one operator each, and a controller.
 *  - `excon ×1`: the same with one API process (and the worker): docker/haproxy.cfg with its `server api-2`
 *    line removed.
 *  - `baseline ×2`: two processes of scripts/bench/baseline-server.ts (bare socket.io on
 *    @socket.io/redis-adapter, the same Redis, a unique key) behind the same HAProxy configuration. The
 *    bench's control socket connects straight to the first process; its emits (one per post, as ExCon's) reach the consoles of
 *    both through Redis, as ExCon's worker → API fan-out goes through Redis.
 *  - `baseline ×1`: one such process behind the one-server configuration.
 *
 * In each case N consoles connect from THIS process through the balancer (scripts/bench/swarm.ts: socket.io's
 * wire protocol straight on a WebSocket, so each console stays on the API process HAProxy gave its
 * connection; console i uses post i mod 13), and how many landed on each server is read from HAProxy's
 * statistics (current sessions per server of the backend excon-api). Then K injects one second apart,
 * the first 3 s ahead, go to every post (ExCon: a scenario started through the balancer; the baseline: one
 * `fire` with K due times), and every receipt records (console receive time − due time). A case's
 * receipts are complete when N × K arrived within K + 30 s.
 *
 * The cases run over R rounds, their order rotated by one each round. Per case it reports the medians over
 * the rounds of p50, p99 and max, the min–max spread of p99, each process's RSS (median, after the
 * injects), ExCon's median p99 over the matching baseline's (×2 against ×2, ×1 against ×1; the goal: ≤ 1.1
 * for ×2), and each kind's ×2 figures against its ×1 figures. A Markdown table goes to stdout, the raw
 * figures of every run as JSON to BENCH_OUT. Everything started (processes, HAProxy, databases, Redis keys)
 * is stopped or removed at the end of each case, also when it fails.
 *
 * Needs PostgreSQL on 127.0.0.1:5432 (BENCH_POSTGRES_URL), Redis on 127.0.0.1:6379 (BENCH_REDIS_URL), the
 * build (`npm run build`) and /usr/sbin/haproxy. Each console takes a file descriptor here and two in
 * HAProxy, which derives its maxconn from the open-file limit: 10,000 consoles need `ulimit -n` above 20,000.
 * BENCH_CONSOLES=10000, BENCH_INJECTS=10, BENCH_ROUNDS=3, BENCH_CASES=excon×2,… (a subset, by the names
 * above with x for ×), BENCH_OUT=/tmp/bench-cluster.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import { balancerConfig, HAPROXY, readBalancerConfig } from '../../tests/support/load-balancer';
import { freePort } from '../../tests/support/server-process';
import { BENCH_ADMIN, api, rssKb, seedPosts, startProcess, stopProcess } from './bench-process';
import { connectSwarm, summary, waitUntil } from './swarm';

const ROOT = join(__dirname, '..', '..');
const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const WORKER_MAIN = join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONSOLES = Number(process.env.BENCH_CONSOLES ?? 10000);
const INJECTS = Number(process.env.BENCH_INJECTS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const OUT = process.env.BENCH_OUT ?? '/tmp/bench-cluster.json';
const POSTS = 13;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const BODY = 'УЧЕНИЯ УЧЕНИЯ УЧЕНИЯ. ' + 'Обстановка: '.repeat(20);
const SERVERS = ['api-1', 'api-2'] as const;

type Kind = 'excon' | 'baseline';
interface Case {
  name: string;
  kind: Kind;
  apis: 1 | 2;
}
const ALL_CASES: Case[] = [
  { name: 'excon ×2', kind: 'excon', apis: 2 },
  { name: 'baseline ×2', kind: 'baseline', apis: 2 },
  { name: 'excon ×1', kind: 'excon', apis: 1 },
  { name: 'baseline ×1', kind: 'baseline', apis: 1 },
];
const CASES = process.env.BENCH_CASES
  ? process.env.BENCH_CASES.split(',').map((name) => {
      const found = ALL_CASES.find((c) => c.name === name.trim().replace(/x(\d)$/, '×$1'));
      if (!found) throw new Error(`BENCH_CASES: no case "${name}" (${ALL_CASES.map((c) => c.name).join(', ')})`);
      return found;
    })
  : ALL_CASES;

/** One case in one round. */
interface Run {
  case: string;
  round: number;
  consoles: number;
  expected: number;
  receipts: number;
  complete: boolean;
  p50: number;
  p99: number;
  max: number;
  /** Consoles per server of the backend, from HAProxy's statistics once all had connected. */
  placement: Record<string, number>;
  /** RSS in MB after the injects, per process (api-1, api-2, worker, haproxy). */
  rssMb: Record<string, number>;
}

/** Started things of the current case, stopped in reverse order by `stopAll`, whatever happened. */
const cleanups: (() => Promise<void>)[] = [];

async function stopAll(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop() as () => Promise<void>;
    await cleanup().catch((error: unknown) => console.error('cleanup failed:', error));
  }
}

function mb(kb: number): number {
  return Math.round(kb / 102.4) / 10;
}

// ---------------------------------------------------------------------------------------------------------
// HAProxy: docker/haproxy.cfg with local addresses; for one API process, without its `server api-2` line.

interface Balancer {
  url: string;
  pid: number;
  /** Per server of the backend excon-api: its status and current sessions; and the frontend's session limit. */
  stats(): Promise<{ servers: Record<string, { status: string; sessions: number }>; frontendLimit: number }>;
}

async function startBalancer(ports: number[]): Promise<Balancer> {
  const listen = { http: await freePort(), stats: await freePort() };
  // balancerConfig wants both of the file's servers; with one process api-2's line is then removed.
  let config = balancerConfig(readBalancerConfig(), listen, { 'api-1': ports[0], 'api-2': ports[1] ?? ports[0] });
  if (ports.length === 1) {
    const without = config.replace(/^\s*server\s+api-2\s.*\n/m, '');
    if (without === config) throw new Error('docker/haproxy.cfg: no `server api-2` line to remove');
    config = without;
  }
  const dir = mkdtempSync(join(tmpdir(), 'excon-bench-haproxy-'));
  writeFileSync(join(dir, 'haproxy.cfg'), config);
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  cleanups.push(async () => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  });
  const statsUrl = `http://127.0.0.1:${listen.stats}`;
  const balancer: Balancer = {
    url: `http://127.0.0.1:${listen.http}`,
    pid: child.pid as number,
    stats: async () => {
      const csv = await (await fetch(`${statsUrl}/stats;csv`, { signal: AbortSignal.timeout(5000) })).text();
      const [header, ...rows] = csv.trim().split('\n');
      const columns = header.replace(/^# /, '').split(',');
      const at = (row: string[], column: string) => row[columns.indexOf(column)];
      const servers: Record<string, { status: string; sessions: number }> = {};
      let frontendLimit = NaN;
      for (const row of rows.map((r) => r.split(','))) {
        if (at(row, 'pxname') === 'excon' && at(row, 'svname') === 'FRONTEND') frontendLimit = Number(at(row, 'slim'));
        if (at(row, 'pxname') === 'excon-api' && !['FRONTEND', 'BACKEND'].includes(at(row, 'svname'))) {
          servers[at(row, 'svname')] = { status: at(row, 'status'), sessions: Number(at(row, 'scur')) };
        }
      }
      return { servers, frontendLimit };
    },
  };
  const names = SERVERS.slice(0, ports.length);
  const up = await waitUntilAsync(async () => {
    if (child.exitCode !== null) throw new Error(`haproxy exited at start:\n${errors}`);
    const stats = await balancer.stats().catch(() => null);
    return names.every((name) => stats?.servers[name]?.status === 'UP');
  }, 30_000);
  if (!up) throw new Error(`haproxy's servers were not all UP within 30 s:\n${errors}`);
  return balancer;
}

async function waitUntilAsync(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// The processes of each kind.

interface Started {
  pid: number;
  port: number;
}

async function startNode(args: string[], env: Record<string, string>, ready: RegExp): Promise<Started> {
  const { child, output } = await startProcess(args, env, ready);
  cleanups.push(() => stopProcess(child));
  return { pid: child.pid as number, port: Number(ready.exec(output())?.[1]) };
}

async function createDatabase(): Promise<string> {
  const name = `excon_bench_cluster_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: POSTGRES });
  await admin.connect();
  await admin.query(`create database ${name}`);
  cleanups.push(async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Removes every Redis key under `prefix` at the end of the case. */
function deleteRedisKeys(prefix: string): void {
  cleanups.push(async () => {
    const redis = new Redis(REDIS, { lazyConnect: true });
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  });
}

const API_READY = /is listening on http:\/\/localhost:(\d+)/;
const WORKER_READY = /health at http:\/\/localhost:(\d+)/;

/** Starts them all; when one fails, the others are still waited for, so that every started one is stopped. */
async function startAll(starting: Promise<Started>[]): Promise<Started[]> {
  const settled = await Promise.allSettled(starting);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<Started>).value);
}

async function startExcon(apis: 1 | 2): Promise<Record<string, Started>> {
  const databaseUrl = await createDatabase();
  const prefix = `excon-bench-cluster-${Date.now().toString(36)}`;
  deleteRedisKeys(prefix);
  const env: Record<string, string> = {
    PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_URL: REDIS,
    EXCON_REDIS_PREFIX: prefix,
    EXCON_ADMIN_USERNAME: BENCH_ADMIN.username,
    EXCON_ADMIN_PASSWORD: BENCH_ADMIN.password,
    EXCON_JWT_SECRET: SECRET,
    EXCON_LOG_LEVEL: 'warn',
    EXCON_JWT_TTL_SECONDS: '86400',
    EXCON_SOCKETS_PER_USER: '1000000',
    EXCON_TRUST_PROXY: '1',
    EXCON_DATA_DIR: '/tmp/excon-bench-cluster',
  };
  // The first API process applies the migrations before the others start, as compose.yaml orders them.
  const processes: Record<string, Started> = { 'api-1': await startNode([API_MAIN], env, API_READY) };
  const rest = await startAll([...(apis === 2 ? [startNode([API_MAIN], env, API_READY)] : []), startNode([WORKER_MAIN], env, WORKER_READY)]);
  if (apis === 2) processes['api-2'] = rest.shift() as Started;
  processes.worker = rest[0];
  return processes;
}

async function startBaseline(apis: 1 | 2): Promise<Record<string, Started>> {
  const key = `excon-bench-cluster-baseline-${Date.now().toString(36)}`;
  deleteRedisKeys(key);
  const env = { TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), BASELINE_REDIS_URL: REDIS, BASELINE_REDIS_KEY: key };
  const args = ['-r', 'ts-node/register/transpile-only', join(__dirname, 'baseline-server.ts')];
  const started = await startAll(SERVERS.slice(0, apis).map(() => startNode(args, env, /listening (\d+)/)));
  return Object.fromEntries(started.map((s, i) => [SERVERS[i], s]));
}

// ---------------------------------------------------------------------------------------------------------
// Seeding ExCon and firing, as bench:delivery does.

async function runCase(benchCase: Case, round: number): Promise<Run> {
  try {
    const processes = benchCase.kind === 'excon' ? await startExcon(benchCase.apis) : await startBaseline(benchCase.apis);
    const balancer = await startBalancer(SERVERS.slice(0, benchCase.apis).map((name) => processes[name].port));
    const { frontendLimit } = await balancer.stats();
    if (frontendLimit < CONSOLES + 10) console.warn(`  haproxy's maxconn is ${frontendLimit}, fewer than the consoles: raise ulimit -n`);

    let tokens: string[];
    let fire: () => Promise<void>;
    if (benchCase.kind === 'excon') {
      const { posts, operatorTokens, controller } = await seedPosts(balancer.url, POSTS);
      tokens = operatorTokens;
      fire = async () => {
        const injects = Array.from({ length: INJECTS }, (_, i) => ({
          ref: `L-${i}`,
          offsetSeconds: 3 + i,
          title: `Bench ${i}`,
          body: BODY,
          targets: posts,
        }));
        const scenario = await api<{ id: string }>(balancer.url, '/api/scenarios', controller, { title: 'Bench', injects });
        const exercise = await api<{ id: string }>(balancer.url, '/api/exercises', controller, { scenarioId: scenario.id });
        await api(balancer.url, `/api/exercises/${exercise.id}/start`, controller, {});
      };
    } else {
      tokens = Array.from({ length: POSTS }, (_, p) => `post-${p}`);
      // The controller's side: straight to the first process, whose broadcast reaches the others through Redis.
      const control = io(`http://127.0.0.1:${processes['api-1'].port}/console`, { auth: { token: 'bench-control' }, transports: ['websocket'] });
      cleanups.push(() => Promise.resolve(void control.close()));
      await new Promise((r) => control.once('connect', () => r(undefined)));
      fire = () => {
        const start = Date.now() + 3000;
        control.emit('fire', { exerciseId: `cluster-${round}`, dueAt: Array.from({ length: INJECTS }, (_, i) => start + i * 1000), posts: POSTS });
        return Promise.resolve();
      };
    }

    const swarm = await connectSwarm(balancer.url, '/console', tokens, CONSOLES);
    cleanups.push(() => Promise.resolve(swarm.close()));
    await new Promise((r) => setTimeout(r, 2000));
    const placement = Object.fromEntries(Object.entries((await balancer.stats()).servers).map(([name, s]) => [name, s.sessions]));

    await fire();
    const expected = CONSOLES * INJECTS;
    await waitUntil(() => swarm.latencies.length >= expected, (INJECTS + 30) * 1000);
    const latency = summary(swarm.latencies);
    const rssMb: Record<string, number> = Object.fromEntries(Object.entries(processes).map(([name, p]) => [name, mb(rssKb(p.pid))]));
    rssMb.haproxy = mb(rssKb(balancer.pid));
    const run: Run = {
      case: benchCase.name,
      round,
      consoles: CONSOLES,
      expected,
      receipts: latency.n,
      complete: latency.n === expected,
      p50: latency.p50,
      p99: latency.p99,
      max: latency.max,
      placement,
      rssMb,
    };
    process.stdout.write(`  ${JSON.stringify(run)}\n`);
    return run;
  } finally {
    await stopAll();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The report.

function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface CaseSummary {
  case: string;
  runs: number;
  complete: boolean;
  p50: number;
  p99: number;
  max: number;
  p99Min: number;
  p99Max: number;
  placement: Record<string, number>;
  rssMb: Record<string, number>;
}

function summarise(benchCase: Case, runs: Run[]): CaseSummary {
  const mine = runs.filter((r) => r.case === benchCase.name);
  const keys = (pick: (r: Run) => Record<string, number>) => [...new Set(mine.flatMap((r) => Object.keys(pick(r))))];
  return {
    case: benchCase.name,
    runs: mine.length,
    complete: mine.every((r) => r.complete),
    p50: median(mine.map((r) => r.p50)),
    p99: median(mine.map((r) => r.p99)),
    max: median(mine.map((r) => r.max)),
    p99Min: Math.min(...mine.map((r) => r.p99)),
    p99Max: Math.max(...mine.map((r) => r.p99)),
    placement: Object.fromEntries(keys((r) => r.placement).map((k) => [k, median(mine.map((r) => r.placement[k]))])),
    rssMb: Object.fromEntries(keys((r) => r.rssMb).map((k) => [k, median(mine.map((r) => r.rssMb[k]))])),
  };
}

function ratio(a: number | undefined, b: number | undefined): number | null {
  return a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b) ? null : Math.round((a / Math.max(1, b)) * 100) / 100;
}

function report(runs: Run[]): { summaries: CaseSummary[]; ratios: Record<string, number | null> } {
  const summaries = CASES.map((c) => summarise(c, runs));
  const p99 = (name: string) => summaries.find((s) => s.case === name)?.p99;
  const ratios = {
    'excon ×2 p99 / baseline ×2 p99': ratio(p99('excon ×2'), p99('baseline ×2')),
    'excon ×1 p99 / baseline ×1 p99': ratio(p99('excon ×1'), p99('baseline ×1')),
    'excon ×2 p99 / excon ×1 p99': ratio(p99('excon ×2'), p99('excon ×1')),
    'baseline ×2 p99 / baseline ×1 p99': ratio(p99('baseline ×2'), p99('baseline ×1')),
  };
  const out = process.stdout;
  out.write(`\n${CONSOLES} consoles, ${INJECTS} injects to every post, ${ROUNDS} round(s); medians over the rounds\n\n`);
  out.write('| case | receipts complete | p50 ms | p99 ms | max ms | p99 min–max | consoles per server | RSS MB per process | p99 over baseline |\n');
  out.write('|---|---|---|---|---|---|---|---|---|\n');
  for (const s of summaries) {
    const baseline = s.case.startsWith('excon') ? p99(s.case.replace('excon', 'baseline')) : undefined;
    const over = ratio(s.p99, baseline);
    const entries = (record: Record<string, number>) =>
      Object.entries(record)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
    out.write(
      `| ${s.case} | ${s.complete ? 'yes' : 'NO'} (${s.runs} run${s.runs === 1 ? '' : 's'}) | ${s.p50} | ${s.p99} | ${s.max} | ${s.p99Min}–${s.p99Max} | ${entries(s.placement)} | ${entries(s.rssMb)} | ${over === null ? '' : `${over}×`} |\n`,
    );
  }
  out.write('\n| one process against two | p99 ×1 ms | p99 ×2 ms | ×2 over ×1 |\n|---|---|---|---|\n');
  for (const kind of ['excon', 'baseline'] as const) {
    const one = p99(`${kind} ×1`);
    const two = p99(`${kind} ×2`);
    if (one !== undefined || two !== undefined) out.write(`| ${kind} | ${one ?? ''} | ${two ?? ''} | ${ratio(two, one) ?? ''} |\n`);
  }
  const goal = ratios['excon ×2 p99 / baseline ×2 p99'];
  if (goal !== null) out.write(`\nexcon ×2 p99 over baseline ×2 p99: ${goal}× (goal ≤ 1.1×)\n`);
  return { summaries, ratios };
}

async function main(): Promise<void> {
  process.stdout.write(
    `bench:cluster on ${cpus().length} cores, node ${process.version}; ${CONSOLES} consoles, ${INJECTS} injects, ${ROUNDS} round(s), ${POSTS} posts\n`,
  );
  const runs: Run[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Rotated by one each round, so no case always runs first (on a cold machine) or last.
    const order = CASES.map((_, i) => CASES[(i + round - 1) % CASES.length]);
    process.stdout.write(`round ${round}: ${order.map((c) => c.name).join(', ')}\n`);
    for (const benchCase of order) runs.push(await runCase(benchCase, round));
  }
  const { summaries, ratios } = report(runs);
  writeFileSync(
    OUT,
    JSON.stringify(
      { cores: cpus().length, node: process.version, consoles: CONSOLES, injects: INJECTS, rounds: ROUNDS, posts: POSTS, runs, summaries, ratios },
      null,
      2,
    ),
  );
  process.stdout.write(`raw figures: ${OUT}\n`);
  process.exit(summaries.every((s) => s.complete) ? 0 : 1);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`${signal}: stopping what this bench started\n`);
    void stopAll().then(() => process.exit(1));
  });
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
