import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@excon/domain';
import { MetricsService } from '@excon/observability';
import type { AckDeadlineJob, FireInjectJob } from '@excon/queue';
import { AuditService, ENGINE_ACTOR, auditInsertFrom, type AuditActor } from '../audit/audit.service';
import { ConsolePublisher } from '../publishing/console-publisher';
import { ExerciseEventsProducer } from '../scheduling/exercise-events.producer';
import { Backoff } from '../backoff';
import { sleepUntil } from '../timing';
import { describeError, isConnectionError, isRetryable, retryOnConflict } from '../transactions';
import { epochMs, toDeliveryUpdate, toInjectMessage, toInjectUpdate, type DeliveryRow, type InjectRow, type RawTimestamp } from './firing-rows';

export interface FiringOutcome {
  inject: InjectRow;
  deliveries: DeliveryRow[];
}

/** How a firing was asked for: by its timed job (or the reconciler), or by a controller's "fire now". */
export type FireMode = { kind: 'scheduled'; generation: number; reconciled?: boolean } | { kind: 'manual'; actor: AuditActor };

/** A firing of several injects: each scheduled one carries its own generation. */
type BatchMode = { kind: 'scheduled'; reconciled?: boolean } | { kind: 'manual'; actor: AuditActor };

/** Injects fired in one transaction at most: as many as the worker runs timed jobs at once (a burst is one transaction). */
const BATCH_SIZE = 2000;

/** Fired more than this after its due time: recorded as a late (recovered) firing. */
export const LATE_FIRING_MS = 1000;

type Asked = { injectId: string; generation: number };

/**
 * Fires injects: the one place where an inject becomes deliveries. One atomic step (a timed firing: a
 * single statement, `fireDue`; "fire now": a transaction) locks the exercise row (so firings of one
 * exercise, its clock transitions and ENDEX are serialised), marks
 * the inject fired only if it is still due as scheduled (status and generation re-checked), takes
 * the next gap-free seq of each targeted post and inserts one delivery per post; unique keys make a
 * second firing impossible. A timed firing also takes every other pending inject of the exercise that
 * is already due, so that nothing fires ahead of an earlier-due inject (after an outage, the overdue
 * ones go out together in MSEL order). Consoles are told after the commit.
 */
@Injectable()
export class InjectFiringService {
  private readonly logger = new Logger(InjectFiringService.name);
  /** Injects whose firing failed on their own (a bad row): skipped by sweeps until their pause is over. */
  private readonly failing = new Backoff();

  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly publisher: ConsolePublisher,
    private readonly producer: ExerciseEventsProducer,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * The timed job's entry: re-read the schedule, wait out the lead time in-process, fire. Jobs that
   * wake at the same moment (a burst of injects due in the same second) are fired together: one
   * transaction per exercise instead of one per inject.
   */
  async fireWhenDue(job: FireInjectJob): Promise<'fired' | 'stale'> {
    const [row] = await this.em.fork().execute<{ status: string; generation: number; due_at: RawTimestamp; exercise_status: string }[]>(
      `select ei.status, ei.generation, ei.due_at, e.status as exercise_status
         from exercise_inject ei join exercise e on e.id = ei.exercise_id where ei.id = ?`,
      [job.injectId],
    );
    const dueAt = row ? epochMs(row.due_at) : null;
    if (!row || row.status !== 'pending' || row.generation !== job.generation || row.exercise_status !== 'running' || dueAt === null) return 'stale';
    await sleepUntil(dueAt);
    return (await this.fireTogether(job.exerciseId, job.injectId, job.generation)) ? 'fired' : 'stale';
  }

  /** A controller's "fire now": a pending or held inject of a running or paused exercise; anything else is 409. */
  async fireNow(exerciseId: string, injectId: string, actor: AuditActor): Promise<InjectRow> {
    const outcome = await this.fire(exerciseId, injectId, { kind: 'manual', actor });
    if (outcome) return outcome.inject;
    const [row] = await this.em
      .fork()
      .execute<{ status: string; exercise_status: string }[]>(
        `select ei.status, e.status as exercise_status from exercise_inject ei join exercise e on e.id = ei.exercise_id where ei.id = ? and ei.exercise_id = ?`,
        [injectId, exerciseId],
      );
    if (!row) throw DomainError.notFound('inject');
    if (row.exercise_status !== 'running' && row.exercise_status !== 'paused') throw DomainError.conflict(`the exercise is ${row.exercise_status}`);
    throw DomainError.conflict(`the inject is ${row.status}`);
  }

  /** Fires one inject once, or returns null when it is not (or no longer) due as asked. */
  async fire(exerciseId: string, injectId: string, mode: FireMode): Promise<FiringOutcome | null> {
    const outcomes = await this.fireMany(exerciseId, [{ injectId, generation: mode.kind === 'scheduled' ? mode.generation : -1 }], mode);
    return outcomes.find((o) => o.inject.id === injectId) ?? null;
  }

  /**
   * The reconciler's entry: injects of one exercise whose timed job was lost, fired together (with
   * anything else already due) in MSEL order. Returns how many fired.
   */
  async fireOverdue(exerciseId: string, rows: Pick<InjectRow, 'id' | 'generation'>[]): Promise<number> {
    const asked = rows.filter((r) => !this.failing.blocked(r.id)).map((r) => ({ injectId: r.id, generation: r.generation }));
    if (asked.length === 0) return 0;
    return (await this.fireMany(exerciseId, asked, { kind: 'scheduled', reconciled: true })).length;
  }

  /** "Fire now" inside the caller's transaction (an ad-hoc inject created and fired at once); the caller runs afterCommit. */
  fireNowInTransaction(em: EntityManager, exerciseId: string, injectId: string, actor: AuditActor): Promise<FiringOutcome[]> {
    return this.fireNowIn(em, exerciseId, injectId, actor);
  }

  /**
   * Collects the firings asked for while the exercise has none in flight, and fires them together. Per
   * exercise one firing transaction runs at a time (they would queue on its row lock anyway, each holding a
   * pooled connection): whatever falls due meanwhile goes into the next one, so a burst of injects due within
   * the same second is a handful of transactions, not a thousand.
   */
  private fireTogether(exerciseId: string, injectId: string, generation: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      let lane = this.lanes.get(exerciseId);
      if (!lane) {
        lane = { waiting: [], draining: false };
        this.lanes.set(exerciseId, lane);
      }
      lane.waiting.push({ injectId, generation, resolve, reject });
      if (!lane.draining) {
        lane.draining = true;
        // After this turn of the event loop: the timers due at the same moment join the same batch.
        setImmediate(() => void this.drain(exerciseId));
      }
    });
  }

  private readonly lanes = new Map<
    string,
    { waiting: (Asked & { resolve: (fired: boolean) => void; reject: (error: unknown) => void })[]; draining: boolean }
  >();

  private async drain(exerciseId: string): Promise<void> {
    const lane = this.lanes.get(exerciseId);
    if (!lane) return;
    while (lane.waiting.length > 0) {
      const chunk = lane.waiting.splice(0, BATCH_SIZE);
      try {
        const outcomes = await this.fireMany(exerciseId, chunk, { kind: 'scheduled' });
        const fired = new Set(outcomes.map((o) => o.inject.id));
        for (const item of chunk) item.resolve(fired.has(item.injectId));
      } catch (error) {
        // The jobs fail and BullMQ retries them; the reconciler catches whatever is left.
        for (const item of chunk) item.reject(error);
      }
    }
    this.lanes.delete(exerciseId);
  }

  /**
   * One firing of several injects of one exercise (retried on deadlock), then the consoles are told. When a
   * timed batch fails for another reason than a lost database, the injects are fired one by one in MSEL order,
   * and the one that fails is logged with its id and skipped for a while.
   */
  private async fireMany(exerciseId: string, items: Asked[], mode: BatchMode): Promise<FiringOutcome[]> {
    let outcomes: FiringOutcome[];
    try {
      outcomes = await retryOnConflict(() =>
        mode.kind === 'scheduled'
          ? this.fireDue(exerciseId, items, true)
          : this.em.transactional((em) => this.fireNowIn(em, exerciseId, items[0].injectId, mode.actor)),
      );
    } catch (error) {
      if (mode.kind === 'manual' || isConnectionError(error) || isRetryable(error)) throw error;
      outcomes = await this.fireOneByOne(exerciseId, items, error);
    }
    if (mode.kind === 'scheduled') {
      const committedAt = Date.now();
      for (const { inject } of outcomes) {
        this.metrics.observeFireLateness(inject.lateness_ms);
        this.metrics.observeFireCommit(epochMs(inject.due_at), committedAt);
      }
    }
    // The pushes happen here and now (in commit order); queueing the deadlines (logged if it fails) does not hold up the next batch.
    void this.afterCommit(outcomes);
    return outcomes;
  }

  private async fireOneByOne(exerciseId: string, items: Asked[], cause: unknown): Promise<FiringOutcome[]> {
    this.logger.warn(`firing a batch of exercise ${exerciseId} failed (${describeError(cause)}): firing its injects one by one`);
    const candidates = await this.em.fork().execute<Pick<InjectRow, 'id' | 'generation'>[]>(
      `select id, generation from exercise_inject
        where exercise_id = ? and status = 'pending' and due_at is not null and (id = any(?::uuid[]) or due_at <= now())
        order by offset_seconds, ref`,
      [exerciseId, `{${items.map((i) => i.injectId).join(',')}}`],
    );
    const outcomes: FiringOutcome[] = [];
    for (const candidate of candidates) {
      if (this.failing.blocked(candidate.id)) continue;
      try {
        const one = [{ injectId: candidate.id, generation: candidate.generation }];
        outcomes.push(...(await retryOnConflict(() => this.fireDue(exerciseId, one, false))));
        this.failing.succeeded(candidate.id);
      } catch (error) {
        if (isConnectionError(error)) throw error;
        const { count, retryInMs } = this.failing.failed(candidate.id);
        this.logger.error(
          `inject ${candidate.id} of exercise ${exerciseId} could not fire (failure ${count}, next try in ${retryInMs / 1000} s): ${describeError(error)}`,
        );
      }
    }
    return outcomes;
  }

  /**
   * A timed firing in ONE statement, so one round trip to PostgreSQL between the due time and the push (a
   * transaction of separate statements took seven): it locks the exercise row (still running), marks fired the
   * injects asked for that still have the asked generation (and, with `sweep`, every other pending inject already
   * due), numbers them in MSEL order, writes the audit records (`inject.fired`, or `inject.fired_late` past
   * LATE_FIRING_MS) and inserts one delivery per targeted post with the post's next seqs. A statement is atomic:
   * all of it commits, or none.
   */
  private async fireDue(exerciseId: string, items: Asked[], sweep: boolean): Promise<FiringOutcome[]> {
    const now = new Date();
    const [result] = await this.em.fork().execute<{ injects: InjectRow[]; deliveries: DeliveryRow[] }[]>(
      `with ex as materialized (
         select id from exercise where id = ? and status = 'running' for update
       ), fired as (
         update exercise_inject ei set status = 'fired', fired_at = ?,
                lateness_ms = round(extract(epoch from (?::timestamptz - ei.due_at)) * 1000), generation = ei.generation + 1
           from ex
          where ei.exercise_id = ex.id and ei.status = 'pending' and ei.due_at is not null
            -- Not correlated, so hashed once (an EXISTS inside the OR re-read the whole list for every row: O(n²) in a burst).
            and ((ei.id, ei.generation) in (select asked.id, asked.generation from jsonb_to_recordset(?::jsonb) as asked(id uuid, generation int))
                 or (?::boolean and ei.due_at <= ?::timestamptz and not ei.id = any(?::uuid[])))
         returning ei.*
       ), ordered as (
         select f.*, row_number() over (order by f.offset_seconds, f.ref collate "C")::int as ord from fired f
       ), audit as (
         ${auditInsertFrom(
           `select ?::uuid as exercise_id, ?::timestamptz as at, ?::uuid as actor_id, ?::text as actor_name,
                   case when coalesce(o.lateness_ms, 0) > ${LATE_FIRING_MS} then 'inject.fired_late' else 'inject.fired' end as action,
                   jsonb_build_object('injectId', o.id, 'ref', o.ref, 'latenessMs', o.lateness_ms, 'posts', jsonb_array_length(o.targets)) as details
              from ordered o`,
         )}
       ), targets as (
         select distinct o.id as inject_id, o.ord, o.due_at,
                case when o.ack_within_seconds is null then null else ?::timestamptz + o.ack_within_seconds * interval '1 second' end as ack_deadline_at,
                p.value::uuid as post_id
           from ordered o cross join jsonb_array_elements_text(o.targets) as p
          where not exists (select 1 from delivery d where d.exercise_inject_id = o.id and d.command_post_id = p.value::uuid)
       ), ${DELIVERIES_FROM_TARGETS}
       select coalesce((select jsonb_agg(to_jsonb(o) - 'ord' order by o.ord) from ordered o), '[]'::jsonb) as injects,
              coalesce((select jsonb_agg(to_jsonb(d)) from deliveries d), '[]'::jsonb) as deliveries`,
      [
        exerciseId,
        now,
        now,
        JSON.stringify(items.map((i) => ({ id: i.injectId, generation: i.generation }))),
        sweep,
        now,
        `{${this.failing.blockedKeys().join(',')}}`,
        exerciseId,
        now,
        ENGINE_ACTOR.id,
        ENGINE_ACTOR.name,
        now,
        ...deliveriesFromTargetsParams(exerciseId, now, null),
      ],
    );
    return withDeliveries(result?.injects ?? [], result?.deliveries ?? []);
  }

  /** A controller's "fire now" of a pending or held inject of a running or paused exercise, in the caller's transaction. */
  private async fireNowIn(em: EntityManager, exerciseId: string, injectId: string, actor: AuditActor): Promise<FiringOutcome[]> {
    const now = new Date();
    const [exercise] = await em.execute<{ status: string }[]>(`select status from exercise where id = ? for update`, [exerciseId]);
    if (!exercise || (exercise.status !== 'running' && exercise.status !== 'paused')) return [];
    const injects = await em.execute<InjectRow[]>(
      `update exercise_inject set status = 'fired', fired_at = ?, due_at = ?, lateness_ms = null, generation = generation + 1
        where id = ? and exercise_id = ? and status in ('pending', 'held')
        returning *`,
      [now, now, injectId, exerciseId],
    );
    if (injects.length === 0) return [];
    await this.audit.recordMany(
      em,
      exerciseId,
      actor,
      'inject.fired_now',
      injects.map((i) => ({ injectId: i.id, ref: i.ref, latenessMs: i.lateness_ms, posts: i.targets.length })),
      now,
    );
    // Last, so the posts' sequence rows stay locked only until the commit that follows.
    const deliveries = await this.insertDeliveries(
      em,
      exerciseId,
      injects.map((inject) => ({ inject, posts: inject.targets })),
      now,
      null,
    );
    return withDeliveries(injects, deliveries);
  }

  /**
   * Releases a contingency inject to one post (whose acknowledge deadline passed), inside the
   * caller's transaction, which holds the exercise row. The inject's own status is not touched: it
   * stays pending (the controller can still fire it to its targets) until it is fired as a whole.
   * Null when it is held, skipped, unknown, or the post has it already: nothing was released.
   */
  async releaseContingencyInTx(
    em: EntityManager,
    exerciseId: string,
    contingencyRef: string,
    commandPostId: string,
    releasedByDeliveryId: string,
    now: Date,
  ): Promise<FiringOutcome | null> {
    const [inject] = await em.execute<InjectRow[]>(
      `select * from exercise_inject where exercise_id = ? and ref = ? and contingency and status in ('pending', 'fired') for update`,
      [exerciseId, contingencyRef],
    );
    if (!inject) return null;
    const deliveries = await this.insertDeliveries(em, exerciseId, [{ inject, posts: [commandPostId] }], now, releasedByDeliveryId);
    if (deliveries.length === 0) return null;
    await this.audit.record(
      em,
      exerciseId,
      ENGINE_ACTOR,
      'inject.contingency_released',
      { injectId: inject.id, ref: contingencyRef, commandPostId, releasedByDeliveryId },
      now,
    );
    return { inject, deliveries };
  }

  /** Pushes committed firings to the targeted posts and to staff, and times their acknowledge deadlines (one enqueue for all). */
  async afterCommit(outcomes: FiringOutcome[]): Promise<void> {
    this.push(outcomes);
    const deadlines = outcomes
      .flatMap((o) => o.deliveries)
      .filter((d) => d.ack_deadline_at !== null)
      .map((d) => ({ deliveryId: d.id, deadlineAt: epochMs(d.ack_deadline_at) as number }));
    await this.timeDeadlines(deadlines);
  }

  /**
   * Every frame of the firings in one turn of the event loop. (Pushing a burst slice by slice, yielding between
   * slices so that sockets flush early, was measured slower: docs/benchmarks.md.)
   */
  private push(outcomes: FiringOutcome[]): void {
    for (const { inject, deliveries } of outcomes) {
      for (const delivery of deliveries) this.publisher.toPost(delivery.command_post_id, 'inject', toInjectMessage(inject, delivery));
      for (const delivery of deliveries) this.publisher.toStaff('delivery:update', toDeliveryUpdate(delivery));
      this.publisher.toStaff('inject:update', toInjectUpdate(inject));
      if (deliveries.some((d) => d.released_by_delivery_id === null)) this.metrics.observePush(epochMs(inject.due_at));
    }
  }

  /** Times acknowledge-deadline checks. A queue that is down is logged: the reconciler's sweep checks them from PostgreSQL. */
  async timeDeadlines(jobs: AckDeadlineJob[]): Promise<void> {
    await this.producer
      .scheduleDeadlines(jobs)
      .catch((error: unknown) => this.logger.warn(`${jobs.length} deadline job(s) not queued (the sweep checks them): ${describeError(error)}`));
  }

  /**
   * One delivery per (inject, post) that does not exist yet, each with the post's next seq, in the
   * order given. Each post's sequence row is advanced once by the number of its new deliveries
   * (locked in post order, so concurrent firings cannot deadlock) and the seqs are numbered from there.
   */
  private insertDeliveries(
    em: EntityManager,
    exerciseId: string,
    plan: { inject: InjectRow; posts: string[] }[],
    now: Date,
    releasedByDeliveryId: string | null,
  ): Promise<DeliveryRow[]> {
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
       ), ${DELIVERIES_FROM_TARGETS}
       select * from deliveries`,
      [JSON.stringify(wanted), ...deliveriesFromTargetsParams(exerciseId, now, releasedByDeliveryId)],
    );
  }
}

/**
 * The rest of a delivery insert after a `targets (inject_id, ord, due_at, ack_deadline_at, post_id)` CTE: each
 * post's sequence row advanced once by its number of new deliveries (locked in post order, so concurrent firings
 * cannot deadlock) and one delivery per target numbered from there in `ord` order; `deliveries` returns them.
 * Bind deliveriesFromTargetsParams in its place.
 */
const DELIVERIES_FROM_TARGETS = `counts as (
         select post_id, count(*)::int as n from targets group by post_id
       ), seqs as (
         insert into exercise_post_sequence (exercise_id, command_post_id, last_seq)
         select ?, post_id, n from counts order by post_id
         on conflict (exercise_id, command_post_id) do update set last_seq = exercise_post_sequence.last_seq + excluded.last_seq
         returning command_post_id, last_seq
       ), deliveries as (
         insert into delivery (id, exercise_id, exercise_inject_id, command_post_id, seq, status, due_at, fired_at, ack_deadline_at, released_by_delivery_id)
         select gen_random_uuid(), ?, t.inject_id, t.post_id, s.last_seq - c.n + row_number() over (partition by t.post_id order by t.ord), 'sent', t.due_at, ?, t.ack_deadline_at, ?
           from targets t join seqs s on s.command_post_id = t.post_id join counts c on c.post_id = t.post_id
         returning *
       )`;

function deliveriesFromTargetsParams(exerciseId: string, now: Date, releasedByDeliveryId: string | null): unknown[] {
  return [exerciseId, exerciseId, now, releasedByDeliveryId];
}

/** Each inject with its own deliveries, in the injects' order. */
function withDeliveries(injects: InjectRow[], deliveries: DeliveryRow[]): FiringOutcome[] {
  const byInject = new Map<string, DeliveryRow[]>();
  for (const delivery of deliveries) {
    const list = byInject.get(delivery.exercise_inject_id);
    if (list) list.push(delivery);
    else byInject.set(delivery.exercise_inject_id, [delivery]);
  }
  return injects.map((inject) => ({ inject, deliveries: byInject.get(inject.id) ?? [] }));
}
