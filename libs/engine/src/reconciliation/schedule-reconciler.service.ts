import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { MetricsService } from '@excon/observability';
import type { FireInjectJob } from '@excon/queue';
import { Backoff } from '../backoff';
import { ExerciseClockService } from '../clock/exercise-clock.service';
import { AckDeadlineService } from '../deadlines/ack-deadline.service';
import { epochMs, type RawTimestamp } from '../firing/firing-rows';
import { InjectFiringService } from '../firing/inject-firing.service';
import { ExerciseEventsProducer } from '../scheduling/exercise-events.producer';
import { describeError, isConnectionError } from '../transactions';

/** How often the schedule is compared with the database, and how far ahead jobs are re-queued each time. */
export const RECONCILE = { intervalMs: 2000, horizonMs: 60_000, overdueGraceMs: 1000 } as const;

/** The farthest a full pass looks ahead (a scheduled start next year is still found). */
const FULL_HORIZON_MS = 10 * 365 * 24 * 3600_000;

/** While the queue is down, injects due this soon are timed in-process instead. */
const LOCAL_TIMER_HORIZON_MS = 10_000;

export interface PassFigures {
  fired: number;
  queued: number;
  started: number;
  overdue: number;
  /** Timed in-process because the queue did not take them. */
  timedLocally: number;
  /** Rows skipped because they failed before and wait out their pause. */
  skipped: number;
}

/**
 * PostgreSQL is the source of truth; the queue is only a timer. On start-up every pending inject of
 * every running exercise gets its job (again); then every couple of seconds:
 * - scheduled starts that are due start (and later ones get their job);
 * - injects overdue by more than a second (their job was lost: worker killed, Redis flushed or down)
 *   fire at once, per exercise together and in MSEL order, with their lateness recorded;
 * - jobs due within the next minute that this process has not queued are queued (fixed ids: no duplicates;
 *   all of them again when the queue holds fewer than it should: Redis flushed); when the queue is down,
 *   those due in the next seconds are timed in-process, so firing goes on from PostgreSQL;
 * - missed acknowledge deadlines are checked.
 * Each exercise, inject and delivery is handled on its own: one that fails is logged with its id and
 * retried later with a growing pause, and never holds up the others.
 */
@Injectable()
export class ScheduleReconciler implements OnModuleDestroy {
  private readonly logger = new Logger(ScheduleReconciler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly failing = new Backoff();
  /** In-process timers standing in for jobs the queue would not take, by job key. */
  private readonly localTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly em: EntityManager,
    private readonly firing: InjectFiringService,
    private readonly clock: ExerciseClockService,
    private readonly deadlines: AckDeadlineService,
    private readonly producer: ExerciseEventsProducer,
    private readonly metrics: MetricsService,
  ) {}

  /** First a full pass (every pending inject), then periodic passes within the horizon. */
  start(): void {
    if (this.timer) return;
    this.run(Number.POSITIVE_INFINITY);
    this.timer = setInterval(() => this.run(RECONCILE.horizonMs), RECONCILE.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const timer of this.localTimers.values()) clearTimeout(timer);
    this.localTimers.clear();
    await this.running;
  }

  private run(horizonMs: number): void {
    if (this.running) return;
    this.running = this.pass(horizonMs)
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn(`reconciliation pass failed (the next one tries again): ${describeError(error)}`))
      .finally(() => (this.running = null));
  }

  /** One comparison of the queue with the database. Public for tests and the bench. */
  async pass(horizonMs: number = RECONCILE.horizonMs): Promise<PassFigures> {
    const figures: PassFigures = { fired: 0, queued: 0, started: 0, overdue: 0, timedLocally: 0, skipped: 0 };
    const em = this.em.fork();
    const now = Date.now();
    const horizon = new Date(now + Math.min(horizonMs, FULL_HORIZON_MS));

    const starts = await em.execute<{ id: string; generation: number; scheduled_for: RawTimestamp }[]>(
      `select id, generation, scheduled_for from exercise where status = 'scheduled' and scheduled_for is not null and scheduled_for <= ?`,
      [horizon],
    );
    for (const s of starts) {
      const at = epochMs(s.scheduled_for) as number;
      await this.isolated(`exercise ${s.id} (scheduled start)`, figures, async () => {
        if (at <= now) {
          if (await this.clock.startScheduled(s.id, s.generation)) figures.started += 1;
        } else {
          await this.producer.scheduleStart({ exerciseId: s.id, generation: s.generation, at });
        }
      });
    }

    // Ids, due times and generations only: the firing reads the rest.
    const pending = await em.execute<{ id: string; exercise_id: string; generation: number; due_at: RawTimestamp }[]>(
      `select ei.id, ei.exercise_id, ei.generation, ei.due_at from exercise_inject ei join exercise e on e.id = ei.exercise_id
        where e.status = 'running' and ei.status = 'pending' and ei.due_at is not null and ei.due_at <= ?
        order by ei.due_at`,
      [horizon],
    );
    const jobs: FireInjectJob[] = pending.map((r) => ({
      exerciseId: r.exercise_id,
      injectId: r.id,
      generation: r.generation,
      dueAt: epochMs(r.due_at) as number,
    }));
    const overdue = jobs.filter((j) => j.dueAt <= now - RECONCILE.overdueGraceMs);
    const upcoming = jobs.filter((j) => j.dueAt > now - RECONCILE.overdueGraceMs);

    const overdueByExercise = new Map<string, { id: string; generation: number }[]>();
    for (const j of overdue) {
      const rows = overdueByExercise.get(j.exerciseId) ?? [];
      rows.push({ id: j.injectId, generation: j.generation });
      overdueByExercise.set(j.exerciseId, rows);
    }
    for (const [exerciseId, rows] of overdueByExercise) {
      await this.isolated(`exercise ${exerciseId} (overdue injects)`, figures, async () => {
        figures.fired += await this.firing.fireOverdue(exerciseId, rows);
      });
    }
    if (figures.fired) this.logger.warn(`fired ${figures.fired} overdue inject(s) whose timed job was missing`);

    try {
      // Only what the queue is missing: on start-up everything, then what was added or moved since (each job once).
      const missing = await this.producer.missingFirings(upcoming, now);
      await this.producer.scheduleFirings(missing);
      figures.queued = missing.length;
    } catch (error) {
      this.logger.warn(`the queue did not take ${upcoming.length} firing job(s) (${describeError(error)}): timing the next ones in-process`);
      figures.timedLocally = this.timeLocally(upcoming.filter((j) => j.dueAt <= now + LOCAL_TIMER_HORIZON_MS));
    }

    figures.overdue = await this.deadlines.sweep();
    this.metrics.countReconcilerPass(figures.fired);
    return figures;
  }

  /** Runs one exercise's share of a pass; a failure is logged with the id and retried after a growing pause. */
  private async isolated(key: string, figures: PassFigures, work: () => Promise<void>): Promise<void> {
    if (this.failing.blocked(key)) {
      figures.skipped += 1;
      return;
    }
    try {
      await work();
      this.failing.succeeded(key);
    } catch (error) {
      // A lost database fails everything alike: the whole pass stops and the next one tries again.
      if (isConnectionError(error)) throw error;
      const { count, retryInMs } = this.failing.failed(key);
      this.logger.error(`reconciling ${key} failed (failure ${count}, next try in ${retryInMs / 1000} s): ${describeError(error)}`);
    }
  }

  /** Stand-ins for the jobs the queue would not take: the same entry as a job (re-check, exact wait, fire). */
  private timeLocally(jobs: FireInjectJob[]): number {
    let added = 0;
    for (const job of jobs) {
      const key = `${job.injectId}.${job.generation}`;
      if (this.localTimers.has(key)) continue;
      const timer = setTimeout(
        () => {
          this.localTimers.delete(key);
          this.firing
            .fireWhenDue(job)
            .catch((error: unknown) =>
              this.logger.warn(`in-process firing of inject ${job.injectId} failed (the next pass retries): ${describeError(error)}`),
            );
        },
        Math.max(0, job.dueAt - Date.now() - 100),
      );
      this.localTimers.set(key, timer);
      added += 1;
    }
    return added;
  }
}
