import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker, createPostgresBackend, withBackend, type Job, type JobsOptions, type WorkerOptions } from 'bullmq';
import { APP_CONFIG, type AppConfig, type RedisTopology } from '@excon/config';
import { DATABASE_URL } from '@excon/persistence';
import type { QueueName } from './queue-names';
import { QUEUE_CALL_TIMEOUT_MS, boundQueueCall } from './queue-unavailable.error';
import { openProducerRedis, openRedis, quietWarner, type RedisClient } from './redis-clients';

export type QueueMode = 'redis' | 'postgres';

const PostgresBacked = withBackend(createPostgresBackend);

/** Schema that holds BullMQ's tables in the PostgreSQL mode (beside ExCon's own tables). */
export const BULLMQ_SCHEMA = 'bullmq';

/**
 * The part of a BullMQ queue that ExCon uses, the same in both backends. Every call is bounded: it
 * answers, or rejects within QUEUE_CALL_TIMEOUT_MS with QueueUnavailableError when the queue's server is away.
 */
export interface JobQueue<T> {
  add(name: string, data: T, opts?: JobsOptions): Promise<Job<T>>;
  addBulk(jobs: { name: string; data: T; opts?: JobsOptions }[]): Promise<Job<T>[]>;
  getJob(jobId: string): Promise<Job<T> | undefined>;
  remove(jobId: string): Promise<number>;
  close(): Promise<void>;
}

export interface JobWorker {
  close(force?: boolean): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'failed', listener: (job: Job | undefined, error: Error) => void): unknown;
}

export type WorkerSettings = Pick<WorkerOptions, 'concurrency' | 'stalledInterval' | 'maxStalledCount' | 'autorun'>;

/** Closing a queue or connection may wait this long on a server that is away; then it is left behind. */
const CLOSE_TIMEOUT_MS = 5000;

/** A closing worker waits for its in-flight jobs (at most the lead time plus a firing); not longer than this. */
const WORKER_CLOSE_TIMEOUT_MS = 15_000;

/** A BullMQ queue whose every call is bounded (see JobQueue). */
class BoundedQueue<T> implements JobQueue<T> {
  constructor(
    private readonly name: string,
    private readonly queue: JobQueue<T>,
  ) {}

  add(name: string, data: T, opts?: JobsOptions): Promise<Job<T>> {
    return boundQueueCall(`${this.name}.add`, () => this.queue.add(name, data, opts));
  }

  addBulk(jobs: { name: string; data: T; opts?: JobsOptions }[]): Promise<Job<T>[]> {
    return boundQueueCall(`${this.name}.addBulk`, () => this.queue.addBulk(jobs));
  }

  getJob(jobId: string): Promise<Job<T> | undefined> {
    return boundQueueCall(`${this.name}.getJob`, () => this.queue.getJob(jobId));
  }

  remove(jobId: string): Promise<number> {
    return boundQueueCall(`${this.name}.remove`, () => this.queue.remove(jobId));
  }

  close(): Promise<void> {
    return boundQueueCall(`${this.name}.close`, () => this.queue.close(), CLOSE_TIMEOUT_MS);
  }
}

/**
 * Builds BullMQ queues and workers on the configured backend: Redis (one, Sentinel or Cluster; every key under
 * EXCON_REDIS_PREFIX) or BullMQ's own PostgreSQL backend in the ExCon database (schema `bullmq`).
 *
 * In the Redis mode producers (queues, health pings) share one fail-fast connection, so that a call
 * while Redis is away is refused at once; workers share one that waits through reconnects, so that
 * they resume by themselves when Redis is back.
 *
 * Shutdown: workers close before the application shuts down (they finish in-flight jobs, which may
 * still queue deadlines and publish), queues and connections only when it has shut down.
 */
@Injectable()
export class QueueConnections implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(QueueConnections.name);
  readonly mode: QueueMode;
  private workerRedis: RedisClient | null = null;
  private producerRedis: RedisClient | null = null;
  private readonly workers: JobWorker[] = [];
  private readonly queues: JobQueue<unknown>[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {
    this.mode = config.redis ? 'redis' : 'postgres';
  }

  private workerConnection(): RedisClient {
    if (!this.workerRedis) {
      this.workerRedis = openRedis(this.config.redis as RedisTopology);
      this.workerRedis.on('error', quietWarner(this.logger, 'redis (workers)'));
    }
    return this.workerRedis;
  }

  private producerConnection(): RedisClient {
    if (!this.producerRedis) {
      this.producerRedis = openProducerRedis(this.config.redis as RedisTopology);
      this.producerRedis.on('error', quietWarner(this.logger, 'redis (producers)'));
    }
    return this.producerRedis;
  }

  /** node-postgres pool options: a connection attempt to a PostgreSQL that is away fails within the call bound. */
  private postgresConnection() {
    return { connectionString: this.databaseUrl, schema: BULLMQ_SCHEMA, migrate: true, max: 5, connectionTimeoutMillis: QUEUE_CALL_TIMEOUT_MS };
  }

  createQueue<T>(name: QueueName): JobQueue<T> {
    const bounded = new BoundedQueue<T>(name, this.openQueue<T>(name) as unknown as JobQueue<T>);
    this.queues.push(bounded);
    return bounded;
  }

  /**
   * The BullMQ queue itself, for the queue dashboard and the metrics (job counts): one per name, made on
   * first use on the configured backend and closed with the others. Its calls are not bounded: bound
   * them with boundQueueCall.
   */
  inspectQueue(name: QueueName): Queue {
    let queue = this.inspected.get(name);
    if (!queue) {
      queue = this.openQueue(name);
      this.inspected.set(name, queue);
      this.queues.push(new BoundedQueue(name, queue));
    }
    return queue;
  }

  private readonly inspected = new Map<QueueName, Queue>();

  /** Typed as the Redis-backed Queue: the PostgreSQL-backed one has the same API (bull-board takes either). */
  private openQueue<T>(name: QueueName): Queue<T> {
    const queue =
      this.mode === 'redis'
        ? new Queue<T>(name, { connection: this.producerConnection(), prefix: this.config.redisPrefix })
        : new PostgresBacked.Queue<T>(name, { connection: this.postgresConnection() });
    queue.on('error', quietWarner(this.logger, `queue ${name}`));
    return queue as unknown as Queue<T>;
  }

  createWorker<T>(name: QueueName, processor: (job: Job<T>) => Promise<unknown>, settings: WorkerSettings = {}): JobWorker {
    const worker =
      this.mode === 'redis'
        ? new Worker<T>(name, processor, { ...settings, connection: this.workerConnection(), prefix: this.config.redisPrefix })
        : new PostgresBacked.Worker<T>(name, processor, { ...settings, connection: this.postgresConnection() });
    worker.on('error', quietWarner(this.logger, `worker ${name}`));
    this.workers.push(worker);
    return worker;
  }

  /** Round trip to Redis (Redis mode only); rejects with QueueUnavailableError within the call bound. */
  async pingRedis(): Promise<void> {
    const redis = this.producerConnection();
    await boundQueueCall('redis.ping', () => redis.ping());
  }

  /** Workers first: they finish their in-flight jobs while queues, publisher and database are still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.workers
        .splice(0)
        .map((worker) =>
          boundQueueCall('worker.close', () => worker.close(), WORKER_CLOSE_TIMEOUT_MS).catch((error: Error) =>
            this.logger.warn(`closing a worker: ${error.message}`),
          ),
        ),
    );
  }

  /** Then queues, then the connections. */
  async onApplicationShutdown(): Promise<void> {
    await this.beforeApplicationShutdown();
    for (const queue of this.queues.splice(0)) {
      await queue.close().catch((error: Error) => this.logger.warn(`closing a queue: ${error.message}`));
    }
    this.inspected.clear();
    for (const redis of [this.workerRedis, this.producerRedis]) {
      if (!redis) continue;
      await boundQueueCall('redis.quit', () => redis.quit(), CLOSE_TIMEOUT_MS).catch(() => redis.disconnect());
    }
    this.workerRedis = this.producerRedis = null;
  }
}
