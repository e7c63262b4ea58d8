/**
 * ExCon's processes behind the balancer of docker/compose.yaml, on this machine: the built entry points
 * and Debian's HAProxy running docker/haproxy.cfg with only its listening and server addresses changed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, type RunningServer } from './remote-setup';
import { freePort } from './server-process';

export const HAPROXY = '/usr/sbin/haproxy';
export const HAPROXY_CFG = resolve(__dirname, '../../docker/haproxy.cfg');

/** `haproxy -c -f file`: HAProxy's own check of a configuration file (exit code and messages). */
export function checkBalancerConfig(file: string): { status: number | null; output: string } {
  const result = spawnSync(HAPROXY, ['-c', '-f', file], { encoding: 'utf8' });
  if (result.error) throw new Error(`${HAPROXY} did not run (apt-get install haproxy; .ci/run does): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The roles compose.yaml runs apart. */
export type Entry = 'api' | 'worker';

/** Starts `node dist/apps/<entry>/src/main.js` (the commands of docker/compose.yaml) with these variables, healthy. */
export function startEntry(entry: Entry, env: Record<string, string>): Promise<RunningServer> {
  return startServer(env, { entry });
}

export interface BalancerPorts {
  /** The frontend `excon` (compose.yaml publishes it). */
  http: number;
  /** The frontend `stats` (statistics, /healthz, HAProxy's /metrics). */
  stats: number;
}

/** Replaces exactly one match of `pattern` in `text`; throws when it matches none or several. */
function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)) ?? [];
  if (matches.length !== 1) throw new Error(`docker/haproxy.cfg: expected one ${what}, found ${matches.length}`);
  return text.replace(pattern, replacement);
}

/**
 * docker/haproxy.cfg for this machine: its two `bind`s on 127.0.0.1 ports and each `server` at the given
 * port of 127.0.0.1 instead of its compose service. Everything else (balancing, the sticky cookie,
 * timeouts, health checks) stays as in the file. `sticky: false` also removes the cookie persistence, to
 * show what it is for. Throws when the file no longer has the lines this relies on.
 */
export function balancerConfig(source: string, ports: BalancerPorts, servers: Record<string, number>, options: { sticky?: boolean } = {}): string {
  let config = replaceOnce(source, /^(\s*bind\s+):8080\b/m, `$1127.0.0.1:${ports.http}`, '`bind :8080`');
  config = replaceOnce(config, /^(\s*bind\s+):8404\b/m, `$1127.0.0.1:${ports.stats}`, '`bind :8404`');
  const named = [...config.matchAll(/^\s*server\s+(\S+)\s/gm)].map((m) => m[1]).sort();
  if (JSON.stringify(named) !== JSON.stringify(Object.keys(servers).sort())) {
    throw new Error(`docker/haproxy.cfg names the servers ${named.join(', ')}, not ${Object.keys(servers).join(', ')}`);
  }
  for (const [name, port] of Object.entries(servers)) {
    config = replaceOnce(
      config,
      new RegExp(`^(\\s*server\\s+${name}\\s+)${name}:3000\\b`, 'm'),
      `$1127.0.0.1:${port}`,
      `\`server ${name} ${name}:3000\``,
    );
  }
  if (options.sticky === false) {
    config = replaceOnce(config, /^\s*cookie\s+EXCON_LB\s.*\n/m, '', 'the `cookie EXCON_LB` line');
    config = config.replace(/^(\s*server\s+\S+\s+\S+)\s+cookie\s+\S+/gm, '$1');
  }
  return config;
}

/** One request of HAProxy's `option httplog` line. */
export interface BalancerLogLine {
  backend: string;
  server: string;
  status: number;
  method: string;
  path: string;
  /** The engine.io session the request belongs to (its `sid` query parameter), if any. */
  sid: string | null;
  transport: string | null;
}

// client:port [accept date] frontend backend/server Tq/Tw/Tc/Tr/Ta status bytes ... "METHOD URI HTTP/x"
const HTTPLOG = /^\S+ \[[^\]]+\] \S+ ([^/\s]+)\/(\S+) \S+ (-?\d+) .* "(\S+) (\S+) HTTP\/[\d.]+"$/;

export function parseLogLine(line: string): BalancerLogLine | null {
  const match = HTTPLOG.exec(line.trim());
  if (!match) return null;
  const [, backend, server, status, method, uri] = match;
  const query = new URL(uri, 'http://balancer').searchParams;
  return { backend, server, status: Number(status), method, path: uri, sid: query.get('sid'), transport: query.get('transport') };
}

export interface RunningBalancer {
  child: ChildProcess;
  /** http://127.0.0.1:<port> of the `excon` frontend. */
  url: string;
  statsUrl: string;
  /** The requests HAProxy has logged so far (a request is logged when it ends: a WebSocket when it closes). */
  requests(): BalancerLogLine[];
  output(): string;
  /** Each server's status in the backend excon-api, from the statistics page's CSV (UP, DOWN, ...). */
  serverStatus(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * Starts Debian's HAProxy in the foreground on docker/haproxy.cfg, with its frontends on free 127.0.0.1
 * ports and its servers at these ports of 127.0.0.1 (see balancerConfig); resolves once every server is UP.
 */
export async function startBalancer(
  servers: Record<string, number>,
  options: { sticky?: boolean } = {},
  timeoutMs = 30_000,
): Promise<RunningBalancer> {
  const ports: BalancerPorts = { http: await freePort(), stats: await freePort() };
  const dir = mkdtempSync(join(tmpdir(), 'excon-haproxy-'));
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, balancerConfig(readBalancerConfig(), ports, servers, options));
  const child = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => child.on('exit', () => resolveExit()));
  let running = true;
  void exited.then(() => (running = false));
  const statsUrl = `http://127.0.0.1:${ports.stats}`;
  const balancer: RunningBalancer = {
    child,
    url: `http://127.0.0.1:${ports.http}`,
    statsUrl,
    requests: () =>
      out
        .split('\n')
        .map(parseLogLine)
        .filter((l): l is BalancerLogLine => l !== null),
    output: () => `${err}\n${out}`,
    serverStatus: async () => {
      const csv = await (await fetch(`${statsUrl}/stats;csv`, { signal: AbortSignal.timeout(2000) })).text();
      const [header, ...rows] = csv.trim().split('\n');
      const columns = header.replace(/^# /, '').split(',');
      const status: Record<string, string> = {};
      for (const row of rows.map((r) => r.split(','))) {
        if (row[columns.indexOf('pxname')] === 'excon-api' && !['FRONTEND', 'BACKEND'].includes(row[columns.indexOf('svname')])) {
          status[row[columns.indexOf('svname')]] = row[columns.indexOf('status')];
        }
      }
      return status;
    },
    stop: async () => {
      if (running) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!running) throw new Error(`haproxy exited at start:\n${balancer.output()}`);
    const status: Record<string, string> = await balancer.serverStatus().catch(() => ({}));
    if (Object.keys(servers).every((s) => status[s] === 'UP')) return balancer;
    if (Date.now() > deadline) {
      await balancer.stop();
      throw new Error(`haproxy's servers were not all UP within ${timeoutMs / 1000} s (${JSON.stringify(status)}):\n${balancer.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** docker/haproxy.cfg as it is in the repository. */
export function readBalancerConfig(): string {
  return readFileSync(HAPROXY_CFG, 'utf8');
}
