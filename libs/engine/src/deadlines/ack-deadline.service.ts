import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AckDeadlineJob } from '@excon/queue';
import { AuditService, ENGINE_ACTOR } from '../audit/audit.service';
import { Backoff } from '../backoff';
import { epochMs, iso, toDeliveryUpdate, type DeliveryRow, type InjectRow } from '../firing/firing-rows';
import { InjectFiringService, type FiringOutcome } from '../firing/inject-firing.service';
import { ConsolePublisher } from '../publishing/console-publisher';
import { sleepUntil } from '../timing';
import { describeError, isConnectionError, retryOnConflict } from '../transactions';

/**
 * Acknowledge deadlines (wall-clock seconds after firing: operators answer in real time). A delivery
 * still unacknowledged at its deadline becomes overdue once; controllers are told, and when the
 * inject names a contingency inject it is released to just that post. The deadline clock stands while
 * the exercise is paused: resume moves every outstanding deadline later by the time it stood
 * (`shiftAfterPause`), and nothing is marked overdue in a paused or completed exercise.
 */
@Injectable()
export class AckDeadlineService {
  private readonly logger = new Logger(AckDeadlineService.name);
  private readonly failing = new Backoff();

  constructor(
    private readonly em: EntityManager,
    private readonly firing: InjectFiringService,
    private readonly audit: AuditService,
    private readonly publisher: ConsolePublisher,
  ) {}

  async checkWhenDue(job: AckDeadlineJob): Promise<'overdue' | 'met'> {
    await sleepUntil(job.deadlineAt);
    return (await this.check(job.deliveryId)) ? 'overdue' : 'met';
  }

  /** Marks the delivery overdue if its deadline passed unacknowledged in a running exercise; true when it did so now. */
  async check(deliveryId: string): Promise<boolean> {
    const now = new Date();
    const result = await retryOnConflict(() =>
      this.em.transactional(async (em) => {
        // The exercise row first, as firing and the clock take it: one lock order, and no release races a firing.
        const [locked] = await em.execute<{ status: string }[]>(
          `select e.status from exercise e join delivery d on d.exercise_id = e.id where d.id = ? for update of e`,
          [deliveryId],
        );
        if (!locked || locked.status !== 'running') return null;
        const [delivery] = await em.execute<(DeliveryRow & Pick<InjectRow, 'contingency_ref' | 'ref'>)[]>(
          `update delivery d set overdue_at = ?
             from exercise_inject ei
            where d.id = ? and ei.id = d.exercise_inject_id
              and d.acknowledged_at is null and d.overdue_at is null and d.ack_deadline_at <= ?
            returning d.*, ei.contingency_ref, ei.ref`,
          [now, deliveryId, new Date(now.getTime() + 5)],
        );
        if (!delivery) return null;
        await this.audit.record(
          em,
          delivery.exercise_id,
          ENGINE_ACTOR,
          'delivery.overdue',
          { deliveryId, ref: delivery.ref, commandPostId: delivery.command_post_id },
          now,
        );
        const contingency: FiringOutcome | null = delivery.contingency_ref
          ? await this.firing.releaseContingencyInTx(em, delivery.exercise_id, delivery.contingency_ref, delivery.command_post_id, delivery.id, now)
          : null;
        return { delivery, contingency };
      }),
    );
    if (!result) return false;
    const { delivery, contingency } = result;
    this.publisher.toStaff('delivery:overdue', {
      deliveryId: delivery.id,
      exerciseId: delivery.exercise_id,
      injectId: delivery.exercise_inject_id,
      ref: delivery.ref,
      commandPostId: delivery.command_post_id,
      deadlineAt: iso(delivery.ack_deadline_at) as string,
      contingencyInjectId: contingency?.inject.id ?? null,
    });
    this.publisher.toStaff('delivery:update', toDeliveryUpdate(delivery));
    if (contingency) await this.firing.afterCommit([contingency]);
    return true;
  }

  /**
   * Inside the resume transaction: every deadline still outstanding when the pause began (or set
   * during the pause, by a "fire now") moves later by the time its clock stood. Returns the moved
   * deadlines, to be timed again after the commit.
   */
  async shiftAfterPause(em: EntityManager, exerciseId: string, pausedAt: Date, resumedAt: Date): Promise<AckDeadlineJob[]> {
    const moved = await em.execute<{ id: string; ack_deadline_at: string }[]>(
      `update delivery set ack_deadline_at = ack_deadline_at + (?::timestamptz - greatest(?::timestamptz, fired_at))
        where exercise_id = ? and acknowledged_at is null and overdue_at is null and ack_deadline_at is not null and ack_deadline_at > ?::timestamptz
        returning id, ack_deadline_at`,
      [resumedAt, pausedAt, exerciseId, pausedAt],
    );
    return moved.map((d) => ({ deliveryId: d.id, deadlineAt: epochMs(d.ack_deadline_at) as number }));
  }

  /**
   * Deliveries whose deadline passed without a check (a lost job): checked now. A delivery whose check
   * fails is logged with its id and skipped for a while; the others go on.
   */
  async sweep(limit = 500): Promise<number> {
    const rows = await this.em.fork().execute<{ id: string }[]>(
      `select d.id from delivery d join exercise e on e.id = d.exercise_id
        where d.acknowledged_at is null and d.overdue_at is null and d.ack_deadline_at is not null and d.ack_deadline_at <= now()
          and e.status = 'running'
        order by d.ack_deadline_at limit ?`,
      [limit],
    );
    let marked = 0;
    for (const row of rows) {
      if (this.failing.blocked(row.id)) continue;
      try {
        if (await this.check(row.id)) marked += 1;
        this.failing.succeeded(row.id);
      } catch (error) {
        if (isConnectionError(error)) throw error;
        const { count, retryInMs } = this.failing.failed(row.id);
        this.logger.error(
          `deadline of delivery ${row.id} could not be checked (failure ${count}, next try in ${retryInMs / 1000} s): ${describeError(error)}`,
        );
      }
    }
    return marked;
  }
}
