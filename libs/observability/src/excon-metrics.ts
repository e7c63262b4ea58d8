import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ROLES } from '@excon/domain';

/** The metric names of CONTRACT.md ("Metrics") and the others ExCon adds, in one place. */
export const METRIC = {
  fireLateness: 'excon_inject_fire_lateness_seconds',
  pushDelay: 'excon_inject_push_seconds',
  commitDelay: 'excon_inject_commit_seconds',
  deliveries: 'excon_deliveries_total',
  deliveriesOverdue: 'excon_deliveries_overdue_total',
  consolesConnected: 'excon_consoles_connected',
  queueJobs: 'excon_queue_jobs',
  reconcilerPasses: 'excon_reconciler_passes_total',
  reconcilerLateFired: 'excon_reconciler_late_fired_total',
  dbPoolConnections: 'excon_db_pool_connections',
  dbPoolMax: 'excon_db_pool_max_connections',
  collectorUp: 'excon_metrics_collector_up',
} as const;

/** Job states counted by excon_queue_jobs. */
export const QUEUE_JOB_STATES = ['waiting', 'delayed', 'active'] as const;
export type QueueJobState = (typeof QUEUE_JOB_STATES)[number];

/** States of the database pool's connections (knex's tarn pool). */
export const DB_POOL_STATES = ['used', 'free', 'pending_acquire', 'pending_create'] as const;
export type DbPoolState = (typeof DB_POOL_STATES)[number];

/** What a scrape reads from elsewhere (excon_metrics_collector_up{collector}). */
export type Collector = 'database' | 'queue';

/**
 * Seconds, from a millisecond to five minutes: a timed inject fires a few ms after its due time; one
 * fired by the reconciler after an outage is seconds to minutes late.
 */
const LATENESS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * Seconds from due time to commit and to push: steps of 25 % from 5 ms to about 4 s (where fan-out to thousands of
 * consoles and bursts fall, and a ratio against a baseline needs more than 2.5× steps), then as coarse as lateness.
 */
const DELIVERY_BUCKETS = [...Array.from({ length: 30 }, (_, i) => Math.round(0.005 * 1.25 ** i * 10_000) / 10_000), 10, 30, 60, 300];

/**
 * ExCon's metrics on a registry of their own (not prom-client's global one, so that several
 * platforms in one process, as in the tests, keep their own figures), with prom-client's default
 * process metrics (CPU, memory, handles, GC, event-loop lag `nodejs_eventloop_lag_*`) on it too.
 *
 * Two kinds:
 * - Counted here at the event, so each process serves its own figures: firing lateness, push delay,
 *   reconciler passes and late firings, the consoles connected to this process.
 * - Read on each scrape (MetricsService sets them just before rendering): the deliveries by status and
 *   the overdue ones (from PostgreSQL: the same figure in every process), the queue's jobs, this
 *   process's database pool.
 *
 * Plain prom-client, no Nest: the Grafana dashboard's spec reads the names from a fresh instance.
 */
export class ExconMetrics {
  readonly registry = new Registry();

  readonly fireLateness = new Histogram({
    name: METRIC.fireLateness,
    help: 'How late timed injects fired: firedAt - dueAt, in seconds (scheduled and reconciled firings; a controller\'s "fire now" has no due time)',
    buckets: LATENESS_BUCKETS,
    registers: [this.registry],
  });

  readonly pushDelay = new Histogram({
    name: METRIC.pushDelay,
    help: 'Due time to the push of a fired inject to the consoles (after its commit), in seconds',
    buckets: DELIVERY_BUCKETS,
    registers: [this.registry],
  });

  /** Between lateness (the transaction began) and push (its frames were written): where a firing's time goes. */
  readonly commitDelay = new Histogram({
    name: METRIC.commitDelay,
    help: "Due time to the commit of a timed inject's firing transaction, in seconds (its consoles are told after it)",
    buckets: DELIVERY_BUCKETS,
    registers: [this.registry],
  });

  readonly deliveries = new Gauge({
    name: METRIC.deliveries,
    help: 'Deliveries in the database by status (read from PostgreSQL on each scrape: a delivery moves from status to status)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly deliveriesOverdue = new Gauge({
    name: METRIC.deliveriesOverdue,
    help: 'Deliveries whose acknowledge deadline passed unacknowledged (read from PostgreSQL on each scrape; only grows while exercises are kept)',
    registers: [this.registry],
  });

  readonly consolesConnected = new Gauge({
    name: METRIC.consolesConnected,
    help: 'Console sockets connected to this process, by role of the user',
    labelNames: ['role'] as const,
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: METRIC.queueJobs,
    help: 'Jobs in the queue by state (read from Redis or the PostgreSQL queue backend on each scrape; absent when it did not answer)',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly reconcilerPasses = new Counter({
    name: METRIC.reconcilerPasses,
    help: 'Completed passes of the schedule reconciler in this process (stops growing while PostgreSQL is away)',
    registers: [this.registry],
  });

  readonly reconcilerLateFired = new Counter({
    name: METRIC.reconcilerLateFired,
    help: 'Overdue injects (their timed job was lost) that the reconciler of this process fired',
    registers: [this.registry],
  });

  readonly dbPoolConnections = new Gauge({
    name: METRIC.dbPoolConnections,
    help: "This process's PostgreSQL pool (MikroORM's knex pool): connections in use, idle, and requests waiting for one or for a new connection",
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly dbPoolMax = new Gauge({
    name: METRIC.dbPoolMax,
    help: "The most connections this process's PostgreSQL pool opens",
    registers: [this.registry],
  });

  readonly collectorUp = new Gauge({
    name: METRIC.collectorUp,
    help: 'Whether the last scrape could read its figures from the database and the queue (1) or not (0, within the time bound)',
    labelNames: ['collector'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Every role's series from the start: a dashboard shows 0, not "no data", before the first console.
    for (const role of ROLES) this.consolesConnected.set({ role }, 0);
  }

  /** A timed firing committed; null (a "fire now") is not counted. */
  observeFireLateness(latenessMs: number | null): void {
    if (latenessMs !== null) this.fireLateness.observe(latenessMs / 1000);
  }

  /** A timed firing's transaction committed now. */
  observeFireCommit(dueAtMs: number | null, nowMs = Date.now()): void {
    if (dueAtMs !== null) this.commitDelay.observe(Math.max(0, nowMs - dueAtMs) / 1000);
  }

  /** A fired inject was handed to the consoles now; `dueAtMs` null counts as due now. */
  observePush(dueAtMs: number | null, nowMs = Date.now()): void {
    this.pushDelay.observe(Math.max(0, nowMs - (dueAtMs ?? nowMs)) / 1000);
  }

  /** A completed reconciliation pass, and the overdue injects it fired. */
  countReconcilerPass(lateFired: number): void {
    this.reconcilerPasses.inc();
    if (lateFired > 0) this.reconcilerLateFired.inc(lateFired);
  }

  /** A console socket of this role connected; returns what to call once when it disconnects. */
  consoleConnected(role: string): () => void {
    this.consolesConnected.inc({ role });
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.consolesConnected.dec({ role });
    };
  }

  /** The metric names this registry exports (what a dashboard may query, with _bucket/_sum/_count for histograms). */
  async exportedNames(): Promise<Set<string>> {
    const names = new Set<string>();
    for (const metric of await this.registry.getMetricsAsJSON()) {
      names.add(metric.name);
      for (const value of metric.values) names.add((value as { metricName?: string }).metricName ?? metric.name);
      if (String(metric.type) === 'histogram' || String(metric.type) === 'summary')
        for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
    }
    return names;
  }
}
