/** What the benchmarks share: starting and stopping a server process, its RSS, and JSON calls to its API. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

const MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'standalone', 'src', 'main.js');
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
/** The administrator every bench platform starts with. */
export const BENCH_ADMIN = { username: 'admin', password: 'bench-admin-password' };

export function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

/**
 * Spawns `node <args>` with only `env` (and PATH, HOME); resolves once its output matches `ready`. With `cpus`
 * (e.g. "0") it runs under `taskset -c <cpus>` (util-linux), which execs node: the child's pid is node's.
 * BENCH_NODE_ARGS go before `args` (node flags): `--cpu-prof --cpu-prof-dir=/tmp/prof` profiles the servers.
 */
export function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  options: { cpus?: string } = {},
): Promise<{ child: ChildProcess; output: () => string }> {
  const nodeArgs = [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), ...args];
  const [command, argv] = options.cpus ? ['taskset', ['-c', options.cpus, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const child = spawn(command, argv, {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.BENCH_SERVER_OUTPUT) process.stderr.write(chunk);
      if (ready.test(output)) resolve({ child, output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)));
  });
}

/** SIGTERM, then SIGKILL after 20 s. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** GET (no body) or POST JSON; throws on a status ≥ 300 with the answer. */
export async function api<T>(url: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}

/** A built platform (dist/apps/standalone, one process) on a database of its own. */
export interface BenchPlatform {
  url: string;
  pid: number;
  databaseUrl: string;
  /** Stops the process and drops its database. */
  stop(): Promise<void>;
}

/**
 * Creates `excon_bench_<name>_<time>` on PostgreSQL (127.0.0.1:5432, or BENCH_POSTGRES_URL) and starts the built
 * server on it with BENCH_ADMIN, logging at warn, and `env` on top.
 */
export async function startBenchPlatform(name: string, env: Record<string, string> = {}): Promise<BenchPlatform> {
  const admin = new Client({ connectionString: POSTGRES });
  await admin.connect();
  const database = `excon_bench_${name}_${Date.now().toString(36)}`;
  await admin.query(`create database ${database}`);
  const databaseUrl = new URL(POSTGRES);
  databaseUrl.pathname = `/${database}`;
  const ready = /listening on http:\/\/localhost:(\d+)/;
  const drop = async () => {
    // BENCH_KEEP_DATABASE=1 leaves it for a look afterwards (EXPLAIN, a profile); drop it by hand.
    if (process.env.BENCH_KEEP_DATABASE) console.log(`  kept database ${databaseUrl.toString()}`);
    else await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  };
  try {
    const { child, output } = await startProcess(
      [MAIN],
      {
        PORT: '0',
        DATABASE_URL: databaseUrl.toString(),
        EXCON_ADMIN_USERNAME: BENCH_ADMIN.username,
        EXCON_ADMIN_PASSWORD: BENCH_ADMIN.password,
        EXCON_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
        EXCON_LOG_LEVEL: 'warn',
        // Benchmark clients keep one token for the whole run; they do not refresh it as the browser consoles do.
        EXCON_JWT_TTL_SECONDS: '86400',
        EXCON_DATA_DIR: `/tmp/excon-bench-${name}`,
        ...env,
      },
      ready,
    );
    return {
      url: `http://127.0.0.1:${Number(ready.exec(output())?.[1])}`,
      pid: child.pid as number,
      databaseUrl: databaseUrl.toString(),
      stop: async () => {
        await stopProcess(child);
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

/**
 * `posts` command posts with one operator each and a controller, created over HTTP as BENCH_ADMIN; the tokens the
 * swarm shares (bench:delivery, bench:cluster).
 */
export async function seedPosts(
  url: string,
  posts: number,
): Promise<{ posts: string[]; operatorTokens: string[]; controller: string; admin: string }> {
  const login = async (username: string, password: string) =>
    (await api<{ accessToken: string }>(url, '/api/auth/login', null, { username, password })).accessToken;
  const admin = await login(BENCH_ADMIN.username, BENCH_ADMIN.password);
  const ids: string[] = [];
  const operatorTokens: string[] = [];
  for (let i = 0; i < posts; i++) {
    const post = await api<{ id: string }>(url, '/api/command-posts', admin, {
      code: `B-${i}`,
      name: `Bench post ${i}`,
      memberState: 'KZ',
      ministry: 'emergency',
      timeZone: 'Asia/Almaty',
    });
    ids.push(post.id);
    await api(url, '/api/users', admin, { username: `op-b${i}`, password: 'bench-password', role: 'operator', commandPostId: post.id });
    operatorTokens.push(await login(`op-b${i}`, 'bench-password'));
  }
  await api(url, '/api/users', admin, { username: 'ctl', password: 'bench-password', role: 'controller' });
  return { posts: ids, operatorTokens, controller: await login('ctl', 'bench-password'), admin };
}
