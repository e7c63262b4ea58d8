import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AckDeadlineJob } from '@excon/queue';
import { AuditService, ENGINE_ACTOR } from '../audit/audit.service';
import { iso, toDeliveryUpdate, type DeliveryRow } from '../firing/firing-rows';
import { InjectFiringService, type FiringOutcome } from '../firing/inject-firing.service';
import { ConsolePublisher } from '../publishing/console-publisher';
import { sleepUntil } from '../timing';

/**
 * Acknowledge deadlines (wall-clock seconds after firing: operators answer in real time). A delivery
 * still unacknowledged at its deadline becomes overdue once; controllers are told, and when the
 * inject names a contingency inject it is released to just that post.
 */
@Injectable()
export class AckDeadlineService {
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

  /** Marks the delivery overdue if its deadline passed unacknowledged; true when it did so now. */
  async check(deliveryId: string): Promise<boolean> {
    const now = new Date();
    const result = await this.em.transactional(async (em) => {
      const [delivery] = await em.execute<(DeliveryRow & { contingency_ref: string | null; ref: string })[]>(
        `update delivery d set overdue_at = ?
           from exercise e, exercise_inject ei
          where d.id = ? and e.id = d.exercise_id and ei.id = d.exercise_inject_id
            and d.acknowledged_at is null and d.overdue_at is null and d.ack_deadline_at <= ?
            and e.status in ('running', 'paused')
          returning d.*, ei.contingency_ref, ei.ref`,
        [now, deliveryId, new Date(now.getTime() + 5)],
      );
      if (!delivery) return null;
      await this.audit.record(em, delivery.exercise_id, ENGINE_ACTOR, 'delivery.overdue', { deliveryId, ref: delivery.ref, commandPostId: delivery.command_post_id }, now);
      const contingency: FiringOutcome | null = delivery.contingency_ref
        ? await this.firing.releaseContingencyInTx(em, delivery.exercise_id, delivery.contingency_ref, delivery.command_post_id, delivery.id, now)
        : null;
      return { delivery, contingency };
    });
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

  /** Deliveries whose deadline passed without a check (a lost job): checked now. */
  async sweep(limit = 500): Promise<number> {
    const rows = await this.em.fork().execute<{ id: string }[]>(
      `select d.id from delivery d join exercise e on e.id = d.exercise_id
        where d.acknowledged_at is null and d.overdue_at is null and d.ack_deadline_at is not null and d.ack_deadline_at <= now()
          and e.status in ('running', 'paused')
        order by d.ack_deadline_at limit ?`,
      [limit],
    );
    let marked = 0;
    for (const row of rows) if (await this.check(row.id)) marked += 1;
    return marked;
  }
}
