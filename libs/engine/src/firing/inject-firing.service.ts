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

/** A firing of several injects: each scheduled one carries its own generation. */
type BatchMode = { kind: 'scheduled'; reconciled?: boolean } | { kind: 'manual'; actor: AuditActor };

const RETRYABLE = new Set(['40P01', '40001']);

/** Injects fired in one transaction at most. */
const BATCH_SIZE = 200;

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

  /**
   * The timed job's entry: re-read the schedule, wait out the lead time in-process, fire. Jobs that
   * wake at the same moment (a burst of injects due in the same second) are fired together: one
   * transaction per exercise instead of one per inject.
   */
  async fireWhenDue(job: FireInjectJob): Promise<'fired' | 'stale'> {
    const [row] = await this.em.fork().execute<{ status: string; generation: number; due_at: Date | null; exercise_status: string }[]>(
      `select ei.status, ei.generation, ei.due_at, e.status as exercise_status
         from exercise_inject ei join exercise e on e.id = ei.exercise_id where ei.id = ?`,
      [job.injectId],
    );
    if (!row || row.status !== 'pending' || row.generation !== job.generation || row.exercise_status !== 'running' || row.due_at === null) return 'stale';
    await sleepUntil(new Date(row.due_at).getTime());
    return (await this.fireTogether(job.exerciseId, job.injectId, job.generation)) ? 'fired' : 'stale';
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

  /** Fires one inject once, or returns null when it is not (or no longer) due as asked. */
  async fire(exerciseId: string, injectId: string, mode: FireMode): Promise<FiringOutcome | null> {
    const [outcome] = await this.fireMany(exerciseId, [{ injectId, generation: mode.kind === 'scheduled' ? mode.generation : -1 }], mode);
    return outcome ?? null;
  }

  /** Collects the firings asked for in this turn of the event loop, per exercise, and fires them in one go. */
  private fireTogether(exerciseId: string, injectId: string, generation: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      let batch = this.batches.get(exerciseId);
      if (!batch) {
        batch = [];
        this.batches.set(exerciseId, batch);
        setImmediate(() => void this.flushBatch(exerciseId));
      }
      batch.push({ injectId, generation, resolve, reject });
    });
  }

  private readonly batches = new Map<string, { injectId: string; generation: number; resolve: (fired: boolean) => void; reject: (error: unknown) => void }[]>();

  private async flushBatch(exerciseId: string): Promise<void> {
    const batch = this.batches.get(exerciseId) ?? [];
    this.batches.delete(exerciseId);
    for (let start = 0; start < batch.length; start += BATCH_SIZE) {
      const chunk = batch.slice(start, start + BATCH_SIZE);
      try {
        const outcomes = await this.fireMany(exerciseId, chunk, { kind: 'scheduled' });
        const fired = new Set(outcomes.map((o) => o.inject.id));
        for (const item of chunk) item.resolve(fired.has(item.injectId));
      } catch (error) {
        // The jobs fail and BullMQ retries them; the reconciler catches whatever is left.
        for (const item of chunk) item.reject(error);
      }
    }
  }

  /** One transaction for several injects of one exercise (retried on deadlock), then the consoles are told. */
  private async fireMany(exerciseId: string, items: { injectId: string; generation: number }[], mode: BatchMode): Promise<FiringOutcome[]> {
    let outcomes: FiringOutcome[] = [];
    for (let attempt = 1; ; attempt++) {
      try {
        outcomes = await this.fireInTransaction(exerciseId, items, mode);
        break;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!(attempt < 4 && code && RETRYABLE.has(code))) throw error;
      }
    }
    await this.afterCommit(outcomes);
    return outcomes;
  }

  private async fireInTransaction(exerciseId: string, items: { injectId: string; generation: number }[], mode: BatchMode): Promise<FiringOutcome[]> {
    const now = new Date();
    return this.em.transactional(async (em) => {
      const injects =
        mode.kind === 'manual'
          ? await em.execute<InjectRow[]>(
              `update exercise_inject ei set status = 'fired', fired_at = ?, due_at = ?, lateness_ms = null, generation = ei.generation + 1
                 from exercise e
                where ei.id = ? and ei.exercise_id = ? and e.id = ei.exercise_id
                  and ei.status in ('pending', 'held') and e.status in ('running', 'paused')
                returning ei.*`,
              [now, now, items[0].injectId, exerciseId],
            )
          : await em.execute<InjectRow[]>(
              `update exercise_inject ei set status = 'fired', fired_at = ?,
                      lateness_ms = round(extract(epoch from (?::timestamptz - ei.due_at)) * 1000), generation = ei.generation + 1
                 from exercise e, jsonb_to_recordset(?::jsonb) as asked(id uuid, generation int)
                where ei.id = asked.id and ei.generation = asked.generation and ei.exercise_id = ? and e.id = ei.exercise_id
                  and ei.status = 'pending' and ei.due_at is not null and e.status = 'running'
                returning ei.*`,
              [now, now, JSON.stringify(items.map((i) => ({ id: i.injectId, generation: i.generation }))), exerciseId],
            );
      if (injects.length === 0) return [];
      // Seq follows the MSEL order among injects fired together.
      injects.sort((a, b) => a.offset_seconds - b.offset_seconds || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
      const actor = mode.kind === 'manual' ? mode.actor : ENGINE_ACTOR;
      const action = mode.kind === 'manual' ? 'inject.fired_now' : mode.reconciled ? 'inject.fired_late' : 'inject.fired';
      await this.audit.recordMany(
        em,
        exerciseId,
        actor,
        action,
        injects.map((i) => ({ injectId: i.id, ref: i.ref, latenessMs: i.lateness_ms, posts: i.targets.length })),
        now,
      );
      // Last, so the posts' sequence rows stay locked only until the commit that follows.
      const deliveries = await this.insertDeliveries(em, exerciseId, injects.map((inject) => ({ inject, posts: inject.targets })), now, null);
      return injects.map((inject) => ({ inject, deliveries: deliveries.filter((d) => d.exercise_inject_id === inject.id) }));
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
    const deliveries = await this.insertDeliveries(em, exerciseId, [{ inject: inject[0], posts: [commandPostId] }], now, releasedByDeliveryId);
    await this.audit.record(em, exerciseId, ENGINE_ACTOR, 'inject.contingency_released', { injectId: inject[0].id, ref: contingencyRef, commandPostId, releasedByDeliveryId }, now);
    return { inject: inject[0], deliveries };
  }

  /** Pushes committed firings to the targeted posts and to staff, and times their acknowledge deadlines (one enqueue for all). */
  async afterCommit(outcomes: FiringOutcome[]): Promise<void> {
    for (const { inject, deliveries } of outcomes) {
      for (const delivery of deliveries) this.publisher.toPost(delivery.command_post_id, 'inject', toInjectMessage(inject, delivery));
      for (const delivery of deliveries) this.publisher.toStaff('delivery:update', toDeliveryUpdate(delivery));
      this.publisher.toStaff('inject:update', toInjectUpdate(inject));
    }
    const deadlines = outcomes
      .flatMap((o) => o.deliveries)
      .filter((d) => d.ack_deadline_at !== null)
      .map((d) => ({ deliveryId: d.id, deadlineAt: new Date(d.ack_deadline_at as Date).getTime() }));
    // A lost deadline job is caught by the reconciler's sweep; the firing itself is committed.
    await this.producer.scheduleDeadlines(deadlines).catch((error: Error) => this.logger.warn(`deadline jobs not queued: ${error.message}`));
  }

  /**
   * One delivery per (inject, post) that does not exist yet, each with the post's next seq, in the
   * order given. Each post's sequence row is advanced once by the number of its new deliveries
   * (locked in post order, so concurrent firings cannot deadlock) and the seqs are numbered from there.
   */
  private insertDeliveries(em: EntityManager, exerciseId: string, plan: { inject: InjectRow; posts: string[] }[], now: Date, releasedByDeliveryId: string | null): Promise<DeliveryRow[]> {
    const wanted = plan.map(({ inject, posts }, ord) => ({
      inject_id: inject.id,
      ord,
      posts,
      due_at: new Date(inject.due_at ?? now).toISOString(),
      ack_deadline_at: inject.ack_within_seconds === null ? null : new Date(now.getTime() + inject.ack_within_seconds * 1000).toISOString(),
    }));
    return em.execute<DeliveryRow[]>(
      `with targets as (
         select distinct w.inject_id, w.ord, w.due_at, w.ack_deadline_at, p.value::uuid as post_id
           from jsonb_to_recordset(?::jsonb) as w(inject_id uuid, ord int, posts jsonb, due_at timestamptz, ack_deadline_at timestamptz),
                jsonb_array_elements_text(w.posts) as p
          where not exists (select 1 from delivery d where d.exercise_inject_id = w.inject_id and d.command_post_id = p.value::uuid)
       ), counts as (
         select post_id, count(*)::int as n from targets group by post_id
       ), seqs as (
         insert into exercise_post_sequence (exercise_id, command_post_id, last_seq)
         select ?, post_id, n from counts order by post_id
         on conflict (exercise_id, command_post_id) do update set last_seq = exercise_post_sequence.last_seq + excluded.last_seq
         returning command_post_id, last_seq
       )
       insert into delivery (id, exercise_id, exercise_inject_id, command_post_id, seq, status, due_at, fired_at, ack_deadline_at, released_by_delivery_id)
       select gen_random_uuid(), ?, t.inject_id, t.post_id, s.last_seq - c.n + row_number() over (partition by t.post_id order by t.ord), 'sent', t.due_at, ?, t.ack_deadline_at, ?
         from targets t join seqs s on s.command_post_id = t.post_id join counts c on c.post_id = t.post_id
       returning *`,
      [JSON.stringify(wanted), exerciseId, exerciseId, now, releasedByDeliveryId],
    );
  }
}
