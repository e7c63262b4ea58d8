import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built entry points (`npm run build`): both roles in one process (`npm start`), the API alone, the worker alone. */
export const ENTRY_JS = {
  standalone: resolve(__dirname, '../../dist/apps/standalone/src/main.js'),
  api: resolve(__dirname, '../../dist/apps/api/src/main.js'),
  worker: resolve(__dirname, '../../dist/apps/worker/src/main.js'),
} as const;
export type ServerEntry = keyof typeof ENTRY_JS;

/** Fails (never skips) when the build is missing: the process tests exist to test the built server. */
export function assertServerBuilt(): void {
  for (const main of Object.values(ENTRY_JS)) {
    if (!existsSync(main)) {
      throw new Error(`${main} is missing: run \`npm run build\` first (\`npm test\` does) — the process tests start the built server.`);
    }
  }
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited, with its code (null when killed by a signal) and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const spawned = new Set<ServerProcess>();

/**
 * Starts a built entry (`node dist/apps/standalone/src/main.js` unless told) with only the given variables
 * (plus PATH and HOME), so nothing of the caller's environment (a DATABASE_URL, a REDIS_URL) leaks in.
 */
export function spawnServer(env: Record<string, string>, entry: ServerEntry = 'standalone', cwd = tmpdir()): ServerProcess {
  assertServerBuilt();
  const child = spawn(process.execPath, [ENTRY_JS[entry]], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('exit', (code, signal) => resolveExit({ code, signal }));
  });
  const server: ServerProcess = { child, pid: child.pid as number, stdout: () => out, stderr: () => err, exited };
  spawned.add(server);
  void exited.then(() => spawned.delete(server));
  return server;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms / 1000} s`)), ms).unref()),
  ]);
}

/** Runs the server until it exits by itself (a start-up failure); kills it if it does not within the time. */
export async function runUntilExit(
  env: Record<string, string>,
  { entry = 'standalone', timeoutMs = 30_000 }: { entry?: ServerEntry; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const server = spawnServer(env, entry);
  try {
    const { code } = await within(server.exited, timeoutMs, 'the server to exit');
    return { code, stdout: server.stdout(), stderr: server.stderr() };
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  }
}

/** Polls GET /api/health until 200; fails early when the process exits instead. */
export async function waitForHealth(server: ServerProcess, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server exited before it was healthy; stderr: ${server.stderr()}\nstdout tail: ${server.stdout().slice(-2000)}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url}/api/health was not 200 within ${timeoutMs / 1000} s; stderr: ${server.stderr()}`);
}

/** Sends a signal and waits for the exit. */
export async function stopServer(
  server: ServerProcess,
  signal: NodeJS.Signals,
  timeoutMs = 20_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  server.child.kill(signal);
  return within(server.exited, timeoutMs, `the server to exit on ${signal}`);
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A fresh EXCON_DATA_DIR. */
export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'excon-process-'));
}

/** Pids of the processes whose command line names this path (an embedded PostgreSQL started on a data dir). */
export function processesUsing(path: string): number[] {
  const result = spawnSync('pgrep', ['-f', path], { encoding: 'utf8' });
  return result.stdout
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0 && pid !== process.pid);
}

/**
 * Cleanup for afterAll: kills every server this file spawned that still runs, stops any PostgreSQL left on
 * the given data dirs (a SIGKILLed server leaves its postgres running) and removes the dirs.
 */
export async function cleanUpServers(dataDirs: string[]): Promise<void> {
  for (const server of [...spawned]) {
    server.child.kill('SIGKILL');
    await within(server.exited, 10_000, 'a killed server to exit').catch(() => undefined);
  }
  for (const dir of dataDirs) {
    const pidFile = join(dir, 'postgres', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      // SIGQUIT: PostgreSQL's immediate shutdown, which takes its backends down with it.
      if (Number.isInteger(pid) && pid > 0) {
        try {
          process.kill(pid, 'SIGQUIT');
        } catch {
          // already gone
        }
      }
    }
    const deadline = Date.now() + 10_000;
    while (processesUsing(dir).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    spawnSync('pkill', ['-KILL', '-f', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}
