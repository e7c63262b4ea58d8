import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import request from 'supertest';
import type { InjectInput } from '@excon/contracts';
import { eventsOf, sleep, waitFor, type TestConsole } from '../support/consoles';

/** One control action as a user would see it: its status, its body and how long the answer took. */
export interface ActionResult {
  action: string;
  status: number;
  ms: number;
  body: { statusCode?: number; error?: string; message?: string; status?: string; speed?: number };
}

/** Sends a control action with a hard 10 s client timeout (a hung request is recorded as status 0). */
export async function act(
  url: string,
  token: string,
  action: string,
  method: 'post' | 'patch',
  path: string,
  body: object = {},
): Promise<ActionResult> {
  const started = Date.now();
  try {
    const response = await request(url)[method](path).set('Authorization', `Bearer ${token}`).send(body).timeout(10_000);
    return { action, status: response.status, ms: Date.now() - started, body: response.body as ActionResult['body'] };
  } catch (error) {
    return { action, status: 0, ms: Date.now() - started, body: { message: (error as Error).message } };
  }
}

/** Every answer came within 5 s and was a success (or, where allowed, a conflict) or a clear 503; never a 500, never a hang. */
export function expectAnsweredWell(results: ActionResult[], allowed: number[]): void {
  for (const r of results) {
    expect({ action: r.action, within5s: r.ms < 5000, status: allowed.includes(r.status) ? 'allowed' : r.status, body: r.body }).toMatchObject({
      action: r.action,
      within5s: true,
      status: 'allowed',
    });
    if (r.status === 503)
      expect(r.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/unreachable/) });
  }
}

/** Waits until every console has received an `exercise:state` matching `expected` since `since`. */
export async function expectStatePushed(
  consoles: TestConsole[],
  exerciseId: string,
  since: number,
  expected: { status?: string; speed?: number },
): Promise<void> {
  await waitFor(
    () =>
      consoles.every((c) =>
        eventsOf<{ exerciseId: string; status: string; speed: number }>(c, 'exercise:state').some(
          (e) =>
            e.exerciseId === exerciseId &&
            e.receivedAt >= since &&
            (expected.status === undefined || e.status === expected.status) &&
            (expected.speed === undefined || e.speed === expected.speed),
        ),
      ),
    `exercise:state ${JSON.stringify(expected)} at every console`,
    5000,
  );
}

/** The pending inject first in MSEL order (fire-now of it cannot put a post's seq out of MSEL order). */
export function firstPending(plan: InjectInput[], fired: Set<string>): InjectInput | undefined {
  return [...plan].sort((a, b) => a.offsetSeconds - b.offsetSeconds || a.ref.localeCompare(b.ref)).find((i) => !fired.has(i.ref));
}

/** A redis-server of the test's own: no persistence, so a restart is an empty Redis (an outage and a loss at once). */
export class OwnRedis {
  private child: ChildProcess | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    while (!(await this.answers())) {
      if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not answer`);
      await sleep(100);
    }
  }

  /** SIGKILL: Redis is gone at once, as when its host fails. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  private answers(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.port, '127.0.0.1');
      socket.setTimeout(1000);
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
  }
}
