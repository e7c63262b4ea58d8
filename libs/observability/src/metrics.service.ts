import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { QueueConnections, QueueName, boundQueueCall, quietWarner } from '@excon/queue';
import { DB_POOL_STATES, ExconMetrics, QUEUE_JOB_STATES, type Collector, type DbPoolState } from './excon-metrics';

/** A scrape waits this long for PostgreSQL and for the queue; past it those figures are left out, and /metrics still answers. */
export const SCRAPE_READ_TIMEOUT_MS = 1500;

/** Delivery statuses, so that each has a series (0 included). */
const DELIVERY_STATUSES = ['sent', 'delivered', 'acknowledged', 'responded'] as const;

/** The queues whose jobs are counted. */
const COUNTED_QUEUES = [QueueName.ExerciseEvents];

/** The part of knex's (tarn) pool read for excon_db_pool_connections. */
interface TarnPool {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * This process's metrics (ExconMetrics: the engine and the gateway count their events on it) and the
 * figures read on each scrape: deliveries by status and overdue from PostgreSQL, the queue's jobs from
 * its backend (each read bounded by SCRAPE_READ_TIMEOUT_MS, so that a dead Redis or database does not
 * stall /metrics), and the database pool, which needs no I/O.
 */
@Injectable()
export class MetricsService extends ExconMetrics {
  /** One warning per kind of failure and minute: Prometheus scrapes every few seconds. */
  private readonly warn = quietWarner(new Logger(MetricsService.name), 'metrics: figures left out of a scrape');

  constructor(
    private readonly em: EntityManager,
    private readonly queues: QueueConnections,
  ) {
    super();
  }

  /** Content-Type of `render()`: Prometheus' text format. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition, with the scrape-time figures read now. */
  async render(): Promise<string> {
    await Promise.all([this.readDeliveries(), this.readQueues()]);
    this.readPool();
    return this.registry.metrics();
  }

  private async readDeliveries(): Promise<void> {
    try {
      const rows = await within(
        this.em
          .fork()
          .execute<{ status: string; n: number; overdue: number }[]>(
            `select status, count(*)::int as n, (count(*) filter (where overdue_at is not null))::int as overdue from delivery group by status`,
          ),
        SCRAPE_READ_TIMEOUT_MS,
        'counting deliveries',
      );
      this.deliveries.reset();
      for (const status of DELIVERY_STATUSES) this.deliveries.set({ status }, 0);
      for (const row of rows) this.deliveries.set({ status: row.status }, row.n);
      this.deliveriesOverdue.set(rows.reduce((sum, row) => sum + row.overdue, 0));
      this.up('database', true);
    } catch (error) {
      this.deliveries.reset();
      this.deliveriesOverdue.reset();
      this.up('database', false, error);
    }
  }

  private async readQueues(): Promise<void> {
    try {
      const counts = await Promise.all(
        COUNTED_QUEUES.map(async (name) => {
          const queue = this.queues.inspectQueue(name);
          return {
            name,
            counts: await boundQueueCall(`${name}.getJobCounts`, () => queue.getJobCounts(...QUEUE_JOB_STATES), SCRAPE_READ_TIMEOUT_MS),
          };
        }),
      );
      this.queueJobs.reset();
      for (const { name, counts: byState } of counts) {
        for (const state of QUEUE_JOB_STATES) this.queueJobs.set({ queue: name, state }, byState[state] ?? 0);
      }
      this.up('queue', true);
    } catch (error) {
      this.queueJobs.reset();
      this.up('queue', false, error);
    }
  }

  private readPool(): void {
    const pool = (this.em.getConnection().getKnex().client as { pool?: TarnPool | null }).pool;
    this.dbPoolConnections.reset();
    if (!pool) return;
    const figures: Record<DbPoolState, number> = {
      used: pool.numUsed(),
      free: pool.numFree(),
      pending_acquire: pool.numPendingAcquires(),
      pending_create: pool.numPendingCreates(),
    };
    for (const state of DB_POOL_STATES) this.dbPoolConnections.set({ state }, figures[state]);
    this.dbPoolMax.set(pool.max);
  }

  private up(collector: Collector, ok: boolean, error?: unknown): void {
    this.collectorUp.set({ collector }, ok ? 1 : 0);
    if (!ok) this.warn(new Error(`${collector}: ${(error as Error).message}`));
  }
}
