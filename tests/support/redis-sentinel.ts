import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { sleep, waitFor } from './consoles';
import { freePort } from './server-process';

/** The name under which the sentinels watch the primary (`sentinel monitor <name> …`). */
export const SENTINEL_GROUP = 'excon-test';

/**
 * Debian's redis-server as a primary and a replica of it, and one redis-sentinel watching them (quorum 1,
 * the primary is "down" after 1 s without an answer), all on loopback ports of their own, no
 * persistence, files in a temporary folder. `stop()` kills whatever is still running and removes the sentinel's folder.
 */
export class SentinelGroup {
  private readonly children = new Map<number, ChildProcess>();
  private dir: string | null = null;

  private constructor(
    readonly primaryPort: number,
    readonly replicaPort: number,
    readonly sentinelPort: number,
  ) {}

  static async start(): Promise<SentinelGroup> {
    const group = new SentinelGroup(await freePort(), await freePort(), await freePort());
    try {
      await group.boot();
    } catch (error) {
      await group.stop();
      throw error;
    }
    return group;
  }

  /** The platform's configuration for these sentinels. */
  get env(): Record<string, string> {
    return { EXCON_REDIS_SENTINELS: `127.0.0.1:${this.sentinelPort}`, EXCON_REDIS_SENTINEL_NAME: SENTINEL_GROUP };
  }

  private async boot(): Promise<void> {
    // Its own folder: a replica writes the primary's snapshot to disk during a full sync.
    this.dir = mkdtempSync(join(tmpdir(), 'excon-sentinel-'));
    const common = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', this.dir];
    this.spawn(this.primaryPort, 'redis-server', ['--port', String(this.primaryPort), ...common]);
    await waitFor(() => answers(this.primaryPort), `redis primary on ${this.primaryPort}`, 10_000);
    this.spawn(this.replicaPort, 'redis-server', [
      '--port',
      String(this.replicaPort),
      ...common,
      '--replicaof',
      '127.0.0.1',
      String(this.primaryPort),
    ]);
    await waitFor(async () => (await info(this.replicaPort, 'replication')).includes('master_link_status:up'), 'replica in sync', 15_000);
    const conf = join(this.dir, 'sentinel.conf');
    writeFileSync(
      conf,
      [
        `port ${this.sentinelPort}`,
        'bind 127.0.0.1',
        'daemonize no',
        `dir ${this.dir}`,
        `sentinel monitor ${SENTINEL_GROUP} 127.0.0.1 ${this.primaryPort} 1`,
        `sentinel down-after-milliseconds ${SENTINEL_GROUP} 1000`,
        `sentinel failover-timeout ${SENTINEL_GROUP} 5000`,
        `sentinel parallel-syncs ${SENTINEL_GROUP} 1`,
        '',
      ].join('\n'),
    );
    this.spawn(this.sentinelPort, 'redis-sentinel', [conf]);
    // The sentinel can only promote a replica it has discovered (from the primary's INFO).
    await waitFor(
      async () => {
        const replicas = (await this.sentinel(['SENTINEL', 'REPLICAS', SENTINEL_GROUP]).catch(() => [])) as string[][];
        return replicas.some((fields) => fields.includes(String(this.replicaPort)) && !fields.join(' ').includes('disconnected'));
      },
      'the sentinel knows the replica',
      30_000,
    );
  }

  private spawn(port: number, command: string, args: string[]): void {
    this.children.set(port, spawn(command, args, { stdio: 'ignore' }));
  }

  /** One command to the sentinel. */
  async sentinel(args: string[]): Promise<unknown> {
    const client = new IORedis(this.sentinelPort, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.call(args[0], ...args.slice(1));
    } finally {
      client.disconnect();
    }
  }

  /** The port of the primary the sentinel names now. */
  async primaryNow(): Promise<number> {
    const [, port] = (await this.sentinel(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_GROUP])) as [string, string];
    return Number(port);
  }

  /** SIGKILL to the server on that port: gone at once, as when its host fails. */
  async kill(port: number): Promise<void> {
    const child = this.children.get(port);
    this.children.delete(port);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.children.keys()].map((port) => this.kill(port)));
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}

async function info(port: number, section: string): Promise<string> {
  const client = new IORedis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.info(section);
  } catch {
    return '';
  } finally {
    client.disconnect();
  }
}

async function answers(port: number): Promise<boolean> {
  return (await info(port, 'server')).includes('redis_version');
}

/** Waits until the sentinel names another primary than `from` and that one answers as a primary. */
export async function waitForFailover(group: SentinelGroup, from: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await group.primaryNow().catch(() => from);
    if (now !== from && (await info(now, 'replication')).includes('role:master')) return now;
    if (Date.now() > deadline) throw new Error(`no failover from ${from} within ${timeoutMs} ms`);
    await sleep(250);
  }
}
