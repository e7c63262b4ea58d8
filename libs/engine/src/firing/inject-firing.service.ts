import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@excon/domain';
import type { FireInjectJob } from '@excon/queue';
import { AuditService, ENGINE_ACTOR, type AuditActor } from '../audit/audit.service';
import { ConsolePublisher } from '../publishing/console-publisher';
import { ExerciseEventsProducer } from '../scheduling/exercise-events.producer';
import { sleepUntil } from '../timing';
import { toDeliveryUpdate, toInjectMessage, toInjectUpdate, type DeliveryRow, type InjectRow } from './firing-rows';

export interface FiringOutcome {
  inject: InjectRow;
  deliveries: DeliveryRow[];
}

/** How a firing was asked for: by its timed job (or the reconciler), or by a controller's "fire now". */
export type FireMode = { kind: 'scheduled'; generation: number; reconciled?: boolean } | { kind: 'manual'; actor: AuditActor };

const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Fires injects: the one place where an inject becomes deliveries. One transaction marks the inject
 * fired only if it is still due as scheduled (status, generation and exercise state re-checked), takes
 * the next gap-free seq of each targeted post and inserts one delivery per post; unique keys make a
 * second firing impossible. Consoles are told after the commit.
 */
@Injectable()
export class InjectFiringService {
  private readonly logger = new Logger(InjectFiringService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly publisher: ConsolePublisher,
    private readonly producer: ExerciseEventsProducer,
  ) {}

  /** The timed job's entry: re-read the schedule, wait out the lead time in-process, fire. */
  async fireWhenDue(job: FireInjectJob): Promise<'fired' | 'stale'> {
    const [row] = await this.em.fork().execute<{ status: string; generation: number; due_at: Date | null; exercise_status: string }[]>(
      `select ei.status, ei.generation, ei.due_at, e.status as exercise_status
         from exercise_inject ei join exercise e on e.id = ei.exercise_id where ei.id = ?`,
      [job.injectId],
    );
    if (!row || row.status !== 'pending' || row.generation !== job.generation || row.exercise_status !== 'running' || row.due_at === null) return 'stale';
    await sleepUntil(new Date(row.due_at).getTime());
    return (await this.fire(job.exerciseId, job.injectId, { kind: 'scheduled', generation: job.generation })) ? 'fired' : 'stale';
  }

  /** A controller's "fire now": a pending or held inject of a running or paused exercise; anything else is 409. */
  async fireNow(exerciseId: string, injectId: string, actor: AuditActor): Promise<InjectRow> {
    const outcome = await this.fire(exerciseId, injectId, { kind: 'manual', actor });
    if (outcome) return outcome.inject;
    const [row] = await this.em.fork().execute<{ status: string; exercise_status: string }[]>(
      `select ei.status, e.status as exercise_status from exercise_inject ei join exercise e on e.id = ei.exercise_id where ei.id = ? and ei.exercise_id = ?`,
      [injectId, exerciseId],
    );
    if (!row) throw DomainError.notFound('inject');
    if (row.exercise_status !== 'running' && row.exercise_status !== 'paused') throw DomainError.conflict(`the exercise is ${row.exercise_status}`);
    throw DomainError.conflict(`the inject is ${row.status}`);
  }

  /** Fires once, or returns null when the inject is not (or no longer) due as asked. */
  async fire(exerciseId: string, injectId: string, mode: FireMode): Promise<FiringOutcome | null> {
    let outcome: FiringOutcome | null = null;
    for (let attempt = 1; ; attempt++) {
      try {
        outcome = await this.fireInTransaction(exerciseId, injectId, mode);
        break;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!(attempt < 4 && code && RETRYABLE.has(code))) throw error;
      }
    }
    if (outcome) await this.afterCommit(outcome);
    return outcome;
  }

  private async fireInTransaction(exerciseId: string, injectId: string, mode: FireMode): Promise<FiringOutcome | null> {
    const now = new Date();
    return this.em.transactional(async (em) => {
      const inject =
        mode.kind === 'manual'
          ? await em.execute<InjectRow[]>(
              `update exercise_inject ei set status = 'fired', fired_at = ?, due_at = ?, lateness_ms = null, generation = ei.generation + 1
                 from exercise e
                where ei.id = ? and ei.exercise_id = ? and e.id = ei.exercise_id
                  and ei.status in ('pending', 'held') and e.status in ('running', 'paused')
                returning ei.*`,
              [now, now, injectId, exerciseId],
            )
          : await em.execute<InjectRow[]>(
              `update exercise_inject ei set status = 'fired', fired_at = ?,
                      lateness_ms = round(extract(epoch from (?::timestamptz - ei.due_at)) * 1000), generation = ei.generation + 1
                 from exercise e
                where ei.id = ? and ei.exercise_id = ? and e.id = ei.exercise_id
                  and ei.status = 'pending' and ei.generation = ? and ei.due_at is not null and e.status = 'running'
                returning ei.*`,
              [now, now, injectId, exerciseId, mode.generation],
            );
      if (inject.length === 0) return null;
      const actor = mode.kind === 'manual' ? mode.actor : ENGINE_ACTOR;
      const action = mode.kind === 'manual' ? 'inject.fired_now' : mode.reconciled ? 'inject.fired_late' : 'inject.fired';
      await this.audit.record(em, exerciseId, actor, action, { injectId, ref: inject[0].ref, latenessMs: inject[0].lateness_ms, posts: inject[0].targets.length }, now);
      // Last, so the posts' sequence rows stay locked only until the commit that follows.
      const deliveries = await this.insertDeliveries(em, inject[0], inject[0].targets, now, null);
      return { inject: inject[0], deliveries };
    });
  }

  /**
   * Releases a contingency inject to one post (whose acknowledge deadline passed), inside the
   * caller's transaction. Null when it is held, skipped, unknown, or the post has it already.
   */
  async releaseContingencyInTx(em: EntityManager, exerciseId: string, contingencyRef: string, commandPostId: string, releasedByDeliveryId: string, now: Date): Promise<FiringOutcome | null> {
    const inject = await em.execute<InjectRow[]>(
      `update exercise_inject set status = 'fired', fired_at = coalesce(fired_at, ?), due_at = coalesce(due_at, ?), generation = generation + 1
        where exercise_id = ? and ref = ? and contingency and status in ('pending', 'fired')
          and not exists (select 1 from delivery d where d.exercise_inject_id = exercise_inject.id and d.command_post_id = ?)
        returning *`,
      [now, now, exerciseId, contingencyRef, commandPostId],
    );
    if (inject.length === 0) return null;
    const deliveries = await this.insertDeliveries(em, inject[0], [commandPostId], now, releasedByDeliveryId);
    await this.audit.record(em, exerciseId, ENGINE_ACTOR, 'inject.contingency_released', { injectId: inject[0].id, ref: contingencyRef, commandPostId, releasedByDeliveryId }, now);
    return { inject: inject[0], deliveries };
  }

  /** Pushes a committed firing to the targeted posts and to staff, and times its acknowledge deadlines. */
  async afterCommit(outcome: FiringOutcome): Promise<void> {
    const { inject, deliveries } = outcome;
    for (const delivery of deliveries) this.publisher.toPost(delivery.command_post_id, 'inject', toInjectMessage(inject, delivery));
    for (const delivery of deliveries) this.publisher.toStaff('delivery:update', toDeliveryUpdate(delivery));
    this.publisher.toStaff('inject:update', toInjectUpdate(inject));
    const deadlines = deliveries.filter((d) => d.ack_deadline_at !== null).map((d) => ({ deliveryId: d.id, deadlineAt: new Date(d.ack_deadline_at as Date).getTime() }));
    // A lost deadline job is caught by the reconciler's sweep; the firing itself is committed.
    await this.producer.scheduleDeadlines(deadlines).catch((error: Error) => this.logger.warn(`deadline jobs not queued: ${error.message}`));
  }

  /**
   * One delivery per post that does not have this inject yet, each with the post's next seq. The
   * sequence row is locked per post (in post order, so concurrent firings cannot deadlock).
   */
  private insertDeliveries(em: EntityManager, inject: InjectRow, commandPostIds: string[], now: Date, releasedByDeliveryId: string | null): Promise<DeliveryRow[]> {
    const ackDeadline = inject.ack_within_seconds === null ? null : new Date(now.getTime() + inject.ack_within_seconds * 1000);
    return em.execute<DeliveryRow[]>(
      `with targets as (
         select distinct value::uuid as post_id from jsonb_array_elements_text(?::jsonb)
          where not exists (select 1 from delivery d where d.exercise_inject_id = ? and d.command_post_id = value::uuid)
          order by 1
       ), seqs as (
         insert into exercise_post_sequence (exercise_id, command_post_id, last_seq)
         select ?, post_id, 1 from targets order by post_id
         on conflict (exercise_id, command_post_id) do update set last_seq = exercise_post_sequence.last_seq + 1
         returning command_post_id, last_seq
       )
       insert into delivery (id, exercise_id, exercise_inject_id, command_post_id, seq, status, due_at, fired_at, ack_deadline_at, released_by_delivery_id)
       select gen_random_uuid(), ?, ?, command_post_id, last_seq, 'sent', ?, ?, ?, ? from seqs
       returning *`,
      [JSON.stringify(commandPostIds), inject.id, inject.exercise_id, inject.exercise_id, inject.id, inject.due_at ?? now, now, ackDeadline, releasedByDeliveryId],
    );
  }
}
