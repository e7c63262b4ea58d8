/**
 * npm run bench:delivery — how late injects reach consoles, as ratios against a bare socket.io server measured in
 * the same run (so that the shared machine's noise cancels as far as it can).
 *
 * Cases: the baseline (baseline-server.ts: bare socket.io, no queue, no database, a timer per due time), ExCon with
 * PostgreSQL queues and ExCon with Redis queues (the built server, dist/apps/standalone: one process with both
 * roles). BENCH_ROUNDS rounds (default 3); in each round, for each size N (BENCH_SIZES, default 1,000 and 10,000),
 * every case runs once, in an order rotated by one per round so that none always goes first. Each case is a fresh
 * server process (ExCon: on a fresh database, dropped after), 13 command posts, N consoles connected from THIS
 * process round-robin over the posts (swarm.ts: the wire protocol on `ws`, each frame stamped on arrival; they
 * follow the operator console's sync rules, so a gap or a stale `exercise:state` shows as syncs).
 *
 * One case: RSS of the server before connecting, connect the N consoles, wait 2 s, RSS again (growth / N = "RSS
 * KB/console"); start an exercise of BENCH_INJECTS injects (default 10) due 3 s, 4 s, … after STARTEX, each to
 * every post; record for every `inject` receipt (console receive time − dueAt), other events are not samples.
 * With the smallest N, a burst follows on the same server and consoles: BENCH_BURST injects (default 1,000) due in
 * the same second, inject i to post i mod 13, in a new exercise.
 *
 * Per row: p50/p99/max of the receipts; "first inject p99" of the receipts of the earliest due time only (the first
 * inject after STARTEX, all consoles connected); "server push p99": due → the server's last emit of a due inject,
 * i.e. the server's own share. ExCon: excon_inject_push_seconds from GET /metrics (admin token), the difference of
 * two scrapes around the run, its p99 read from the buckets, so a bucket bound ("≤ 250"); the baseline: the same
 * point measured exactly and answered on `stats`. "fire lateness p99": ExCon's record of how late each firing began.
 * Syncs: sent/answered by the consoles.
 *
 * Pinning (BENCH_PIN; default on with ≥ 2 cores and `taskset`, util-linux): the server process runs under
 * `taskset -c 0`, and this process (all its threads, the swarm) is moved to core 1 at start (`taskset -apc 1`).
 * PostgreSQL and Redis are not pinned. The header says which was used.
 *
 * Output: every raw row (one per round, case, size and phase) as a JSON line as it comes and all of them in
 * BENCH_OUT (default /tmp/bench-delivery.json); then a markdown table for docs/benchmarks.md: per case the median
 * over rounds of p50, p99, max, first inject p99, server push p99, RSS KB/console and fire lateness, the min–max of
 * p99, ExCon's median p99 over the baseline's median p99 and its median p50 minus the baseline's, and syncs summed
 * over rounds.
 *
 * Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (BENCH_POSTGRES_URL, BENCH_REDIS_URL).
 * BENCH_MODES=postgres,redis and BENCH_BASELINE=0 change the cases.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { BENCH_ADMIN, api, rssKb, seedPosts, startProcess, stopProcess } from './bench-process';
import { connectSwarm, firstDue, summary, waitUntil, type Swarm } from './swarm';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'standalone', 'src', 'main.js');
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const INJECTS = Number(process.env.BENCH_INJECTS ?? 10);
const BURST = Number(process.env.BENCH_BURST ?? 1000);
const MODES = (process.env.BENCH_MODES ?? 'postgres,redis').split(',').filter(Boolean) as ('postgres' | 'redis')[];
const BASELINE = process.env.BENCH_BASELINE !== '0';
const OUT = process.env.BENCH_OUT ?? '/tmp/bench-delivery.json';
const POSTS = 13;
const BODY = 'УЧЕНИЯ УЧЕНИЯ УЧЕНИЯ. ' + 'Обстановка: '.repeat(20);
const PUSH_BUCKET = 'excon_inject_push_seconds_bucket';
const COMMIT_BUCKET = 'excon_inject_commit_seconds_bucket';

type Case = 'baseline' | 'excon/postgres' | 'excon/redis';
type Phase = 'steady' | 'burst';

/** One round's figures for one case, size and phase (what BENCH_OUT holds). */
interface RawRow {
  round: number;
  /** Position of the case in its round and size (0: first). */
  order: number;
  case: Case;
  phase: Phase;
  consoles: number;
  injects: number;
  expected: number;
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** p99 of the first inject's receipts (steady phase only). */
  firstP99: number | null;
  /** Due → the server's last emit of a due inject, p99 in ms; for ExCon the upper bound of its histogram bucket. */
  serverP99: number | null;
  serverP99IsBucketBound: boolean;
  /** How many due injects that p99 is over. */
  serverN: number;
  syncsSent: number;
  syncsAnswered: number;
  syncsRateLimited: number;
  syncsOnGap: number;
  syncsOnState: number;
  rssMb: number;
  kbPerConsole: number | null;
  fireLatenessP99: number | null;
  /** ExCon: due → the commit of the firing, p99 in ms (bucket bound): with fire lateness and push, where the server's time goes. */
  commitP99?: number | null;
  pinned: boolean;
}
const rows: RawRow[] = [];

/** BENCH_PIN=0/1, or on by default when there are two cores and taskset runs. */
function choosePinning(): { pinned: boolean; why: string } {
  const asked = process.env.BENCH_PIN;
  if (asked === '0') return { pinned: false, why: 'off (BENCH_PIN=0)' };
  const hasTaskset = spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
  if (asked === undefined && (cpus().length < 2 || !hasTaskset))
    return { pinned: false, why: `off (${cpus().length} core(s), taskset ${hasTaskset ? 'found' : 'not found'})` };
  if (!hasTaskset) throw new Error('BENCH_PIN=1 but taskset (util-linux) is not on PATH');
  const moved = spawnSync('taskset', ['-apc', '1', String(process.pid)], { encoding: 'utf8' });
  if (moved.status !== 0) throw new Error(`taskset -apc 1 ${process.pid} failed: ${moved.stderr}`);
  return { pinned: true, why: 'server on core 0 (taskset -c 0), swarm (this process) on core 1 (taskset -apc 1); PostgreSQL, Redis unpinned' };
}
let pinned = false;

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

/** A histogram's cumulative counts by upper bound (seconds; +Inf as Infinity), summed over any labels: the push histogram unless named. */
async function scrapePush(url: string, admin: string, bucket = PUSH_BUCKET): Promise<Map<number, number>> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${admin}` } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`/metrics: ${response.status} ${text.slice(0, 300)}`);
  const buckets = new Map<number, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${bucket}{`)) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (le === undefined) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return buckets;
}

/** p99 of what was observed between two scrapes: the upper bound (ms) of the bucket holding it. */
function bucketP99(before: Map<number, number>, after: Map<number, number>): { p99: number | null; n: number } {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const count = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (count === 0) return { p99: null, n: 0 };
  const target = Math.ceil(0.99 * count);
  const bound = bounds.find((b) => (after.get(b) ?? 0) - (before.get(b) ?? 0) >= target) ?? Infinity;
  return { p99: bound === Infinity ? Infinity : Math.round(bound * 1000 * 10) / 10, n: count };
}

/** Consoles are spread over the posts round-robin; burst message i goes to post i mod POSTS. */
function burstReceipts(consoles: number): number {
  const perPost = Array.from({ length: POSTS }, (_, p) => Math.floor(consoles / POSTS) + (p < consoles % POSTS ? 1 : 0));
  return Array.from({ length: BURST }, (_, i) => perPost[i % POSTS]).reduce((a, b) => a + b, 0);
}

/** Waits for the receipts, then (briefly) for the syncs in flight, and gives the row's client-side figures. */
async function collect(swarm: Swarm, expected: number, timeoutMs: number, steady: boolean) {
  await waitUntil(() => swarm.latencies.length >= expected, timeoutMs);
  await waitUntil(() => swarm.syncs.answered >= swarm.syncs.sent, 5000);
  const latency = summary(swarm.latencies);
  const s = swarm.syncs;
  return {
    expected,
    ...latency,
    firstP99: steady ? summary(firstDue(swarm)).p99 : null,
    syncsSent: s.sent,
    syncsAnswered: s.answered,
    syncsRateLimited: s.rateLimited,
    syncsOnGap: s.onGap,
    syncsOnState: s.onState,
  };
}

type Context = { round: number; order: number; consoles: number; withBurst: boolean };

function push(row: RawRow): void {
  rows.push(row);
  process.stdout.write(`  ${JSON.stringify(row)}\n`);
}

async function benchExcon(mode: 'postgres' | 'redis', { round, order, consoles, withBurst }: Context): Promise<void> {
  await withDatabase(async (databaseUrl) => {
    const env: Record<string, string> = {
      PORT: '0',
      DATABASE_URL: databaseUrl,
      EXCON_ADMIN_USERNAME: BENCH_ADMIN.username,
      EXCON_ADMIN_PASSWORD: BENCH_ADMIN.password,
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
    const ready = /listening on http:\/\/localhost:(\d+)/;
    const server = await startProcess([MAIN], env, ready, pinned ? { cpus: '0' } : {});
    const url = `http://127.0.0.1:${Number(ready.exec(server.output())?.[1])}`;
    const pid = server.child.pid as number;
    let swarm: Swarm | null = null;
    try {
      const { posts, operatorTokens, controller, admin } = await seedPosts(url, POSTS);
      const rssBefore = rssKb(pid);
      swarm = await connectSwarm(url, '/console', operatorTokens, consoles);
      await new Promise((r) => setTimeout(r, 2000));
      const kbPerConsole = Math.round(((rssKb(pid) - rssBefore) / consoles) * 10) / 10;
      swarm.reset();
      const base = { round, order, case: `excon/${mode}` as Case, consoles, pinned };
      const runPhase = async (phase: Phase, injects: Parameters<typeof runExercise>[2], expected: number, timeoutMs: number) => {
        const before = await scrapePush(url, admin);
        const commitsBefore = await scrapePush(url, admin, COMMIT_BUCKET);
        const exerciseId = await runExercise(url, controller, injects);
        const figures = await collect(swarm as Swarm, expected, timeoutMs, phase === 'steady');
        const pushed = bucketP99(before, await scrapePush(url, admin));
        const committed = bucketP99(commitsBefore, await scrapePush(url, admin, COMMIT_BUCKET));
        push({
          ...base,
          phase,
          injects: injects.length,
          ...figures,
          serverP99: pushed.p99,
          serverP99IsBucketBound: true,
          serverN: pushed.n,
          rssMb: Math.round(rssKb(pid) / 102.4) / 10,
          kbPerConsole: phase === 'steady' ? kbPerConsole : null,
          fireLatenessP99: await fireLatenessP99(url, controller, exerciseId),
          commitP99: committed.p99,
        });
      };
      const steady = Array.from({ length: INJECTS }, (_, i) => ({
        ref: `L-${i}`,
        offsetSeconds: 3 + i,
        title: `Bench ${i}`,
        body: BODY,
        targets: posts,
      }));
      await runPhase('steady', steady, consoles * INJECTS, (INJECTS + 30) * 1000);
      if (withBurst) {
        swarm.reset();
        const burst = Array.from({ length: BURST }, (_, i) => ({
          ref: `B-${i}`,
          offsetSeconds: 5,
          title: `Burst ${i}`,
          body: BODY,
          targets: [posts[i % POSTS]],
        }));
        await runPhase('burst', burst, burstReceipts(consoles), 60_000);
      }
    } finally {
      swarm?.close();
      await stopProcess(server.child);
    }
  });
}

function emitWithAck<T>(control: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve) => control.emit(event, payload, (answer: T) => resolve(answer)));
}

async function benchBaseline({ round, order, consoles, withBurst }: Context): Promise<void> {
  const ready = /listening (\d+)/;
  const server = await startProcess(
    ['-r', 'ts-node/register/transpile-only', join(__dirname, 'baseline-server.ts')],
    { TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    ready,
    pinned ? { cpus: '0' } : {},
  );
  const origin = `http://127.0.0.1:${Number(ready.exec(server.output())?.[1])}`;
  const pid = server.child.pid as number;
  let swarm: Swarm | null = null;
  let control: Socket | null = null;
  try {
    const rssBefore = rssKb(pid);
    swarm = await connectSwarm(
      origin,
      '/console',
      Array.from({ length: POSTS }, (_, p) => `post-${p}`),
      consoles,
    );
    await new Promise((r) => setTimeout(r, 2000));
    const kbPerConsole = Math.round(((rssKb(pid) - rssBefore) / consoles) * 10) / 10;
    control = io(`${origin}/console`, { auth: { token: 'bench-control' }, transports: ['websocket'] });
    await new Promise((r) => control?.once('connect', () => r(undefined)));
    swarm.reset();
    const base = { round, order, case: 'baseline' as Case, consoles, pinned, fireLatenessP99: null };
    const runPhase = async (phase: Phase, dueAt: number[], expected: number, timeoutMs: number) => {
      await emitWithAck(control as Socket, 'stats', {});
      control?.emit('fire', { exerciseId: `baseline-${phase}`, dueAt, posts: POSTS, spread: phase === 'burst' });
      const figures = await collect(swarm as Swarm, expected, timeoutMs, phase === 'steady');
      const pushed = await emitWithAck<{ n: number; p99: number | null }>(control as Socket, 'stats', {});
      push({
        ...base,
        phase,
        injects: dueAt.length,
        ...figures,
        serverP99: pushed.p99,
        serverP99IsBucketBound: false,
        serverN: pushed.n,
        rssMb: Math.round(rssKb(pid) / 102.4) / 10,
        kbPerConsole: phase === 'steady' ? kbPerConsole : null,
      });
    };
    const start = Date.now() + 3000;
    await runPhase(
      'steady',
      Array.from({ length: INJECTS }, (_, i) => start + i * 1000),
      consoles * INJECTS,
      (INJECTS + 30) * 1000,
    );
    if (withBurst) {
      swarm.reset();
      const at = Date.now() + 3000;
      await runPhase(
        'burst',
        Array.from({ length: BURST }, () => at),
        burstReceipts(consoles),
        60_000,
      );
    }
  } finally {
    control?.close();
    swarm?.close();
    await stopProcess(server.child);
  }
}

function median(values: number[]): number {
  const sorted = values.filter((v) => v !== null && !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const fmt = (value: number | null): string =>
  value === null || Number.isNaN(value) ? '' : value === Infinity ? '> 300 s' : Math.round(value).toLocaleString('en-US');
const LABEL: Record<Case, string> = {
  baseline: 'baseline (bare socket.io)',
  'excon/postgres': 'ExCon, PostgreSQL queues',
  'excon/redis': 'ExCon, Redis queues',
};

function printTable(cases: Case[]): void {
  process.stdout.write(
    '\n| case | consoles | rounds | receipts | p50 ms | p99 ms | p99 range ms | max ms | first inject p99 ms | server push p99 ms | p99 over baseline | p50 − baseline ms | syncs | RSS KB/console | fire lateness p99 ms | server commit p99 ms |\n' +
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n',
  );
  const groups = [...new Set(rows.map((r) => `${r.consoles}|${r.phase}`))];
  for (const group of groups) {
    const [consoles, phase] = group.split('|');
    const of = (c: Case) => rows.filter((r) => r.case === c && `${r.consoles}|${r.phase}` === group);
    const baseline = of('baseline');
    const baseP99 = median(baseline.map((r) => r.p99));
    const baseP50 = median(baseline.map((r) => r.p50));
    for (const c of cases) {
      const runs = of(c);
      if (runs.length === 0) continue;
      const p99 = median(runs.map((r) => r.p99));
      const p50 = median(runs.map((r) => r.p50));
      const worst = runs.reduce((a, b) => (b.n / b.expected < a.n / a.expected ? b : a));
      const sent = runs.reduce((a, r) => a + r.syncsSent, 0);
      const answered = runs.reduce((a, r) => a + r.syncsAnswered, 0);
      const why = [
        ...(runs.some((r) => r.syncsOnGap) ? [`gap ${runs.reduce((a, r) => a + r.syncsOnGap, 0)}`] : []),
        ...(runs.some((r) => r.syncsOnState) ? [`state ${runs.reduce((a, r) => a + r.syncsOnState, 0)}`] : []),
        ...(runs.some((r) => r.syncsRateLimited) ? [`rate limited ${runs.reduce((a, r) => a + r.syncsRateLimited, 0)}`] : []),
      ];
      const server = median(runs.map((r) => r.serverP99 ?? NaN));
      const cells = [
        `${LABEL[c]}${phase === 'burst' ? `, burst of ${fmt(runs[0].injects)}` : ''}`,
        fmt(Number(consoles)),
        String(runs.length),
        `${fmt(worst.n)}/${fmt(worst.expected)}`,
        fmt(p50),
        `**${fmt(p99)}**`,
        `${fmt(Math.min(...runs.map((r) => r.p99)))}–${fmt(Math.max(...runs.map((r) => r.p99)))}`,
        fmt(median(runs.map((r) => r.max))),
        fmt(median(runs.map((r) => r.firstP99 ?? NaN))),
        Number.isNaN(server) ? '' : `${runs[0].serverP99IsBucketBound ? '≤ ' : ''}${fmt(server)}`,
        c === 'baseline' || Number.isNaN(baseP99) ? '' : `${(p99 / Math.max(1, baseP99)).toFixed(2)}×`,
        c === 'baseline' || Number.isNaN(baseP50) ? '' : `${p50 - baseP50 >= 0 ? '+' : '−'}${fmt(Math.abs(p50 - baseP50))}`,
        sent === 0 && answered === 0 ? '0' : `${fmt(sent)} sent, ${fmt(answered)} answered${why.length ? ` (${why.join(', ')})` : ''}`,
        fmt(median(runs.map((r) => r.kbPerConsole ?? NaN))),
        fmt(median(runs.map((r) => r.fireLatenessP99 ?? NaN))),
        c === 'baseline' ? '' : `≤ ${fmt(median(runs.map((r) => r.commitP99 ?? NaN)))}`,
      ];
      process.stdout.write(`| ${cells.join(' | ')} |\n`);
    }
  }
}

async function main(): Promise<void> {
  const pinning = choosePinning();
  pinned = pinning.pinned;
  const cases: Case[] = [...(BASELINE ? ['baseline' as const] : []), ...MODES.map((m) => `excon/${m}` as const)];
  process.stdout.write(
    `bench:delivery on ${cpus().length} cores, node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n` +
      `  pinning: ${pinning.why}\n` +
      `  ${ROUNDS} round(s) × sizes ${SIZES.join(', ')} × cases ${cases.join(', ')} (order rotated per round); ` +
      `${INJECTS} injects per run, ${POSTS} posts; burst of ${BURST} with ${Math.min(...SIZES)} consoles\n`,
  );
  const burstSize = Math.min(...SIZES);
  for (let round = 0; round < ROUNDS; round++) {
    for (const consoles of SIZES) {
      const shift = round % cases.length;
      const order = [...cases.slice(shift), ...cases.slice(0, shift)];
      for (const [position, c] of order.entries()) {
        const context = { round: round + 1, order: position, consoles, withBurst: consoles === burstSize && BURST > 0 };
        if (c === 'baseline') await benchBaseline(context);
        else await benchExcon(c === 'excon/postgres' ? 'postgres' : 'redis', context);
      }
    }
  }
  writeFileSync(OUT, JSON.stringify(rows, null, 2));
  process.stdout.write(`\nraw rows: ${OUT}\n`);
  printTable(cases);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
