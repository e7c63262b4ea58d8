import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ExerciseClockService } from '../clock/exercise-clock.service';
import { AckDeadlineService } from '../deadlines/ack-deadline.service';
import type { InjectRow } from '../firing/firing-rows';
import { InjectFiringService } from '../firing/inject-firing.service';
import { ExerciseEventsProducer } from '../scheduling/exercise-events.producer';

/** How often the schedule is compared with the database, and how far ahead jobs are re-queued each time. */
export const RECONCILE = { intervalMs: 2000, horizonMs: 60_000, overdueGraceMs: 1000 } as const;

/**
 * PostgreSQL is the source of truth; the queue is only a timer. On start-up every pending inject of
 * every running exercise gets its job (again); then every couple of seconds: injects overdue by more
 * than a second (their job was lost: worker killed, Redis flushed) fire at once with their lateness
 * recorded, jobs due within the next minute are re-queued (fixed ids: no duplicates), scheduled
 * starts that are due start, and missed acknowledge deadlines are checked.
 */
@Injectable()
export class ScheduleReconciler implements OnModuleDestroy {
  private readonly logger = new Logger(ScheduleReconciler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly firing: InjectFiringService,
    private readonly clock: ExerciseClockService,
    private readonly deadlines: AckDeadlineService,
    private readonly producer: ExerciseEventsProducer,
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
    await this.running;
  }

  private run(horizonMs: number): void {
    if (this.running) return;
    this.running = this.pass(horizonMs)
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`reconciliation pass failed: ${error.message}`))
      .finally(() => (this.running = null));
  }

  /** One comparison of the queue with the database. Public for tests and the bench. */
  async pass(horizonMs: number = RECONCILE.horizonMs): Promise<{ fired: number; queued: number; started: number; overdue: number }> {
    const em = this.em.fork();
    const now = Date.now();
    const starts = await em.execute<{ id: string; generation: number; scheduled_for: Date }[]>(
      `select id, generation, scheduled_for from exercise where status = 'scheduled' and scheduled_for is not null and scheduled_for <= ?`,
      [new Date(now + Math.min(horizonMs, 10 * 365 * 24 * 3600_000))],
    );
    let started = 0;
    for (const s of starts) {
      if (s.scheduled_for.getTime() <= now) {
        if (await this.clock.startScheduled(s.id, s.generation)) started += 1;
      } else {
        await this.producer.scheduleStart({ exerciseId: s.id, generation: s.generation, at: s.scheduled_for.getTime() });
      }
    }
    const pending = await em.execute<InjectRow[]>(
      `select ei.* from exercise_inject ei join exercise e on e.id = ei.exercise_id
        where e.status = 'running' and ei.status = 'pending' and ei.due_at is not null and ei.due_at <= ?
        order by ei.due_at`,
      [new Date(now + Math.min(horizonMs, 10 * 365 * 24 * 3600_000))],
    );
    const overdue = pending.filter((r) => new Date(r.due_at as Date).getTime() <= now - RECONCILE.overdueGraceMs);
    const upcoming = pending.filter((r) => new Date(r.due_at as Date).getTime() > now - RECONCILE.overdueGraceMs);
    let fired = 0;
    for (const row of overdue) {
      if (await this.firing.fire(row.exercise_id, row.id, { kind: 'scheduled', generation: row.generation, reconciled: true })) fired += 1;
    }
    if (fired) this.logger.warn(`fired ${fired} overdue inject(s) whose timed job was missing`);
    await this.clock.queueFirings(upcoming);
    const overdueDeadlines = await this.deadlines.sweep();
    return { fired, queued: upcoming.length, started, overdue: overdueDeadlines };
  }
}
