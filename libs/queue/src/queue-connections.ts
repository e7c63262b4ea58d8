import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker, createPostgresBackend, withBackend, type Job, type JobsOptions, type WorkerOptions } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@excon/config';
import { DATABASE_URL } from '@excon/persistence';
import type { QueueName } from './queue-names';

export type QueueMode = 'redis' | 'postgres';

const PostgresBacked = withBackend(createPostgresBackend);

/** Schema that holds BullMQ's tables in the PostgreSQL mode (beside ExCon's own tables). */
export const BULLMQ_SCHEMA = 'bullmq';

/** The part of a BullMQ queue that ExCon uses, the same in both backends. */
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

/** Opens a Redis connection fit for BullMQ (commands wait through reconnects instead of failing). */
export function openRedis(url: string): Redis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * Builds BullMQ queues and workers on the configured backend: Redis (REDIS_URL, every key under
 * EXCON_REDIS_PREFIX) or BullMQ's own PostgreSQL backend in the ExCon database (schema `bullmq`).
 */
@Injectable()
export class QueueConnections implements OnModuleDestroy {
  private readonly logger = new Logger(QueueConnections.name);
  readonly mode: QueueMode;
  private redis: Redis | null = null;
  private readonly closables: { close(): Promise<void> }[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {
    this.mode = config.redisUrl ? 'redis' : 'postgres';
  }

  private sharedRedis(): Redis {
    if (!this.redis) {
      this.redis = openRedis(this.config.redisUrl as string);
      this.redis.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    }
    return this.redis;
  }

  private postgresConnection() {
    return { connectionString: this.databaseUrl, schema: BULLMQ_SCHEMA, migrate: true, max: 5 };
  }

  createQueue<T>(name: QueueName): JobQueue<T> {
    const queue =
      this.mode === 'redis'
        ? new Queue<T>(name, { connection: this.sharedRedis(), prefix: this.config.redisPrefix })
        : new PostgresBacked.Queue<T>(name, { connection: this.postgresConnection() });
    this.closables.push(queue);
    return queue as unknown as JobQueue<T>;
  }

  createWorker<T>(name: QueueName, processor: (job: Job<T>) => Promise<unknown>, settings: WorkerSettings = {}): JobWorker {
    const worker =
      this.mode === 'redis'
        ? new Worker<T>(name, processor, { ...settings, connection: this.sharedRedis(), prefix: this.config.redisPrefix })
        : new PostgresBacked.Worker<T>(name, processor, { ...settings, connection: this.postgresConnection() });
    worker.on('error', (error: Error) => this.logger.warn(`worker ${name}: ${error.message}`));
    this.closables.unshift(worker);
    return worker as unknown as JobWorker;
  }

  /** Round trip to Redis (Redis mode only). */
  async pingRedis(): Promise<void> {
    await this.sharedRedis().ping();
  }

  /** Workers close first (they finish in-flight jobs), then queues, then the shared connection. */
  async onModuleDestroy(): Promise<void> {
    for (const closable of this.closables.splice(0)) {
      await closable.close().catch((error: Error) => this.logger.warn(`closing queue: ${error.message}`));
    }
    if (this.redis) await this.redis.quit().catch(() => undefined);
  }
}
