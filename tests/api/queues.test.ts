import IORedis from 'ioredis';
import type { Job } from 'bullmq';
import { JobName, QueueConnections, QueueName, type PingJob } from '@excon/queue';
import { QUEUE_MODES, startTestPlatform, TEST_REDIS_URL, type TestPlatform } from '../support/test-platform';

const DELAY_MS = 300;

interface Received {
  data: PingJob;
  name: string;
  at: number;
}

describe.each(QUEUE_MODES)('queues in %s mode', (queueMode) => {
  let t: TestPlatform;
  let connections: QueueConnections;

  beforeAll(async () => {
    t = await startTestPlatform({ queueMode });
    connections = t.platform.app.get(QueueConnections);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('runs on the backend the configuration asks for', async () => {
    expect(connections.mode).toBe(queueMode);
    const health = await t.http().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.queue).toEqual({ mode: queueMode, status: 'up' });
  });

  it(`hands a job delayed by ${DELAY_MS} ms to a worker with its data, once the delay has passed`, async () => {
    const received: Received[] = [];
    let resolveFirst: (value: Received) => void = () => undefined;
    const first = new Promise<Received>((resolve) => (resolveFirst = resolve));
    connections.createWorker<PingJob>(QueueName.Diagnostics, (job: Job<PingJob>) => {
      const entry = { data: job.data, name: job.name, at: Date.now() };
      received.push(entry);
      resolveFirst(entry);
      return Promise.resolve({ ok: true });
    });
    const queue = connections.createQueue<PingJob>(QueueName.Diagnostics);

    const sentAt = Date.now();
    const job = await queue.add(JobName.Ping, { sentAt }, { delay: DELAY_MS, removeOnComplete: false });
    expect(job.id).toBeDefined();

    const got = await Promise.race([
      first,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no job within 30 s')), 30_000).unref()),
    ]);
    expect(got.name).toBe(JobName.Ping);
    expect(got.data).toEqual({ sentAt });
    // Not before its delay (a little slack for clock rounding), and well within a generous bound after it.
    expect(got.at - sentAt).toBeGreaterThanOrEqual(DELAY_MS - 20);
    expect(got.at - sentAt).toBeLessThan(20_000);

    // Processed once, and recorded as completed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toHaveLength(1);
    const stored = await queue.getJob(job.id as string);
    expect(stored?.data).toEqual({ sentAt });
    expect(await stored?.isCompleted()).toBe(true);

    const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    const prefix = t.config.redisPrefix;
    if (queueMode === 'postgres') {
      // Nothing of this installation in Redis: the job lives in PostgreSQL.
      try {
        expect(await scanKeys(redis, `${prefix}:*`)).toEqual([]);
      } finally {
        redis.disconnect();
      }
    } else {
      try {
        const ours = await scanKeys(redis, `${prefix}:${QueueName.Diagnostics}:*`);
        expect(ours).toEqual(expect.arrayContaining([`${prefix}:${QueueName.Diagnostics}:${job.id}`]));
        expect(await redis.hget(`${prefix}:${QueueName.Diagnostics}:${job.id}`, 'data')).toBe(JSON.stringify({ sentAt }));
        // Nothing under BullMQ's default prefix for this job.
        expect(await redis.exists(`bull:${QueueName.Diagnostics}:${job.id}`)).toBe(0);
      } finally {
        redis.disconnect();
      }
    }
  });
});

async function scanKeys(redis: IORedis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}
