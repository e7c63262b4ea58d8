import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import {
  ClockTransitionError,
  DomainError,
  MSEL_LIMITS,
  type NormalizedInject,
  changeSpeed,
  dueAtMs,
  pause,
  resume,
  scenarioMsAt,
  schedule,
  start,
  stop,
  type ExerciseClock,
  type ExerciseInjectStatus,
} from '@excon/domain';
import type { ExerciseStateMessage } from '@excon/contracts';
import { Exercise } from '@excon/persistence';
import type { AckDeadlineJob, StartExerciseJob } from '@excon/queue';
import { AuditService, ENGINE_ACTOR, type AuditActor } from '../audit/audit.service';
import { epochMs, toInjectUpdate, type InjectRow } from '../firing/firing-rows';
import { ConsolePublisher } from '../publishing/console-publisher';
import { ExerciseEventsProducer } from '../scheduling/exercise-events.producer';
import { AckDeadlineService } from '../deadlines/ack-deadline.service';
import { InjectFiringService } from '../firing/inject-firing.service';
import { sleepUntil } from '../timing';
import { describeError, retryOnConflict } from '../transactions';

export function exerciseState(exercise: Exercise, now = Date.now()): ExerciseStateMessage {
  return {
    exerciseId: exercise.id,
    status: exercise.status,
    speed: exercise.speed,
    scenarioSeconds: Math.round(scenarioMsAt(exercise.clock, now)) / 1000,
    at: new Date(now).toISOString(),
    title: exercise.title,
  };
}

/** What an inject-level control action may touch. */
type InjectAction = 'hold' | 'release' | 'skip' | 'retime';

/**
 * The exercise clock's transitions (start, schedule, pause, resume, stop, speed) and the per-inject
 * controls (hold, release, skip, retime). Each runs in one transaction with the exercise row locked:
 * it moves the clock, recomputes the due time of every pending inject and bumps its generation (so
 * any job queued for the old time fires nothing), writes the audit trail; after the commit it queues
 * the new jobs and tells the consoles.
 */
@Injectable()
export class ExerciseClockService {
  private readonly logger = new Logger(ExerciseClockService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly producer: ExerciseEventsProducer,
    private readonly publisher: ConsolePublisher,
    private readonly audit: AuditService,
    private readonly firing: InjectFiringService,
    private readonly deadlines: AckDeadlineService,
  ) {}

  /** Start now, or schedule STARTEX for a later `at`. */
  async start(exerciseId: string, actor: AuditActor, at?: Date): Promise<Exercise> {
    if (at && at.getTime() > Date.now()) {
      const exercise = await this.transition(
        exerciseId,
        actor,
        'exercise.scheduled',
        (clock) => schedule(clock),
        (e) => {
          e.scheduledFor = at;
          e.generation += 1;
        },
        { scheduledFor: at.toISOString() },
      );
      // A queue that is down is logged: the reconciler starts the exercise from PostgreSQL at its time.
      await this.producer
        .scheduleStart({ exerciseId, generation: exercise.generation, at: at.getTime() })
        .catch((error: unknown) =>
          this.logger.warn(`start job of exercise ${exerciseId} not queued (the reconciler starts it): ${describeError(error)}`),
        );
      return exercise;
    }
    return this.transition(
      exerciseId,
      actor,
      'exercise.started',
      (clock, now) => start(clock, now),
      (e, now) => {
        e.startedAt = new Date(now);
        e.scheduledFor = null;
      },
    );
  }

  /** The scheduled-start job: wait for the moment, then start if the schedule still stands. */
  async startWhenDue(job: StartExerciseJob): Promise<'started' | 'stale'> {
    const exercise = await this.em.fork().findOne(Exercise, { id: job.exerciseId });
    if (!exercise || exercise.status !== 'scheduled' || exercise.generation !== job.generation || !exercise.scheduledFor) return 'stale';
    await sleepUntil(exercise.scheduledFor.getTime());
    return (await this.startScheduled(job.exerciseId, job.generation)) ? 'started' : 'stale';
  }

  /** STARTEX of a scheduled exercise whose time has come (timed job or reconciler); null if it was changed meanwhile. */
  async startScheduled(exerciseId: string, generation: number): Promise<Exercise | null> {
    try {
      return await this.transition(
        exerciseId,
        ENGINE_ACTOR,
        'exercise.started',
        (clock, now) => start(clock, now),
        (e, now) => {
          if (e.status !== 'scheduled' || e.generation !== generation) throw new ClockTransitionError(e.status, 'start');
          e.startedAt = new Date(now);
        },
      );
    } catch (error) {
      if (error instanceof ClockTransitionError) return null;
      throw error;
    }
  }

  pause(exerciseId: string, actor: AuditActor): Promise<Exercise> {
    return this.transition(
      exerciseId,
      actor,
      'exercise.paused',
      (clock, now) => pause(clock, now),
      (e, now) => {
        e.pausedAt = new Date(now);
      },
    );
  }

  /** The acknowledge deadlines stood still with the clock: they move later by the time they stood. */
  resume(exerciseId: string, actor: AuditActor): Promise<Exercise> {
    return this.transition(
      exerciseId,
      actor,
      'exercise.resumed',
      (clock, now) => resume(clock, now),
      (e) => {
        e.pausedAt = null;
      },
      {},
      (em, before, now) => (before.pausedAt ? this.deadlines.shiftAfterPause(em, exerciseId, before.pausedAt, new Date(now)) : Promise.resolve([])),
    );
  }

  stop(exerciseId: string, actor: AuditActor): Promise<Exercise> {
    return this.transition(
      exerciseId,
      actor,
      'exercise.stopped',
      (clock, now) => stop(clock, now),
      (e, now) => {
        e.completedAt = new Date(now);
        e.pausedAt = null;
        e.generation += 1;
      },
    );
  }

  changeSpeed(exerciseId: string, speed: number, actor: AuditActor): Promise<Exercise> {
    return this.transition(
      exerciseId,
      actor,
      'exercise.speed_changed',
      (clock, now) => changeSpeed(clock, speed, now),
      () => undefined,
      { speed },
    );
  }

  /** Hold, release, skip or retime one inject. */
  async controlInject(exerciseId: string, injectId: string, action: InjectAction, actor: AuditActor, offsetSeconds?: number): Promise<InjectRow> {
    const now = Date.now();
    const row = await retryOnConflict(() =>
      this.em.transactional(async (em) => {
        const exercise = await this.lockExercise(em, exerciseId);
        if (exercise.status === 'completed') throw DomainError.conflict('the exercise is completed');
        const [current] = await em.execute<InjectRow[]>(`select * from exercise_inject where id = ? and exercise_id = ? for update`, [
          injectId,
          exerciseId,
        ]);
        if (!current) throw DomainError.notFound('inject');
        const allowed: Record<InjectAction, ExerciseInjectStatus[]> = {
          hold: ['pending'],
          release: ['held'],
          skip: ['pending', 'held'],
          retime: ['pending', 'held'],
        };
        if (!allowed[action].includes(current.status)) throw DomainError.conflict(`cannot ${action} an inject that is ${current.status}`);
        const status = action === 'hold' ? 'held' : action === 'skip' ? 'skipped' : action === 'release' ? 'pending' : current.status;
        const offset = offsetSeconds ?? current.offset_seconds;
        // Contingency injects are never timed: only a missed deadline or a controller releases them.
        const timed = status === 'pending' && !current.contingency;
        const due = timed ? dueAtMs(exercise.clock, offset) : null;
        const [updated] = await em.execute<InjectRow[]>(
          `update exercise_inject set status = ?, offset_seconds = ?, generation = generation + 1, due_at = ?::timestamptz where id = ? returning *`,
          [status, offset, due === null ? null : new Date(due), injectId],
        );
        await this.audit.record(
          em,
          exerciseId,
          actor,
          `inject.${action === 'retime' ? 'retimed' : action === 'hold' ? 'held' : action === 'release' ? 'released' : 'skipped'}`,
          { injectId, ref: current.ref, ...(action === 'retime' ? { from: current.offset_seconds, to: offset } : {}) },
          new Date(now),
        );
        return updated;
      }),
    );
    this.publisher.toStaff('inject:update', toInjectUpdate(row));
    await this.queueFirings([row]);
    return row;
  }

  /**
   * Adds an inject to a running (or paused, scheduled, draft) exercise, due at its offset on the
   * exercise clock; without an offset it is fired at once, in the same transaction that creates it
   * (so no reconciler pass can see it pending in between).
   */
  async addInject(exerciseId: string, fields: NormalizedInject & { offsetSeconds: number | null }, actor: AuditActor): Promise<InjectRow> {
    const now = Date.now();
    const fireNow = fields.offsetSeconds === null;
    const { row, fired } = await retryOnConflict(() =>
      this.em.transactional(async (em) => {
        const exercise = await this.lockExercise(em, exerciseId);
        if (exercise.status === 'completed') throw DomainError.conflict('the exercise is completed');
        // Without an offset it is to fire at once, which only a running or paused exercise can do.
        if (fireNow && exercise.status !== 'running' && exercise.status !== 'paused') {
          throw DomainError.conflict(`an inject cannot fire now in a ${exercise.status} exercise: give it an offsetSeconds`);
        }
        const [{ count }] = await em.execute<{ count: string }[]>(`select count(*) as count from exercise_inject where exercise_id = ?`, [
          exerciseId,
        ]);
        if (Number(count) >= MSEL_LIMITS.maxInjects) {
          throw DomainError.conflict(`the exercise has ${MSEL_LIMITS.maxInjects} injects, the most it may have`);
        }
        // The MSEL rules were checked by the caller (libs/domain); this one again under the lock, for parallel adds.
        const [taken] = await em.execute<{ id: string }[]>(`select id from exercise_inject where exercise_id = ? and ref = ?`, [
          exerciseId,
          fields.ref,
        ]);
        if (taken) throw DomainError.invalid([{ field: 'ref', message: `"${fields.ref}" is taken in this exercise` }]);
        const offset = fields.offsetSeconds ?? Math.floor(scenarioMsAt(exercise.clock, now) / 1000);
        const due = dueAtMs(exercise.clock, offset);
        const [inserted] = await em.execute<InjectRow[]>(
          `insert into exercise_inject (id, exercise_id, source_inject_id, ref, offset_seconds, title, body, translations, targets, precedence, "from", expected_action, controller_notes,
                                        ack_within_seconds, respond_within_seconds, objective_refs, contingency_ref, contingency, ad_hoc, status, due_at, generation, kind, media)
           values (gen_random_uuid(), ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, true, 'pending', ?::timestamptz, 0, ?, ?::jsonb)
           returning *`,
          [
            exerciseId,
            fields.ref,
            offset,
            fields.title,
            fields.body,
            JSON.stringify(fields.translations),
            JSON.stringify(fields.targets),
            fields.precedence,
            fields.from,
            fields.expectedAction,
            fields.controllerNotes,
            fields.ackWithinSeconds,
            fields.respondWithinSeconds,
            JSON.stringify(fields.objectiveRefs),
            fields.contingencyRef,
            due === null ? null : new Date(due),
            fields.kind,
            fields.media === null ? null : JSON.stringify(fields.media),
          ],
        );
        exercise.commandPostIds = [...new Set([...exercise.commandPostIds, ...fields.targets])];
        await em.flush();
        await this.audit.record(
          em,
          exerciseId,
          actor,
          'inject.added',
          { injectId: inserted.id, ref: inserted.ref, offsetSeconds: offset },
          new Date(now),
        );
        const outcomes = fireNow ? await this.firing.fireNowInTransaction(em, exerciseId, inserted.id, actor) : [];
        return { row: outcomes[0]?.inject ?? inserted, fired: outcomes };
      }),
    );
    if (fired.length) await this.firing.afterCommit(fired);
    else {
      this.publisher.toStaff('inject:update', toInjectUpdate(row));
      await this.queueFirings([row]);
    }
    return row;
  }

  /**
   * Queues the firing job of each pending inject that has a due time. A queue that is down is
   * logged and not waited for: the state is in PostgreSQL, and the reconciler queues (or, while the
   * queue stays down, times in-process) every pending inject from there.
   */
  async queueFirings(rows: InjectRow[]): Promise<void> {
    const jobs = rows
      .filter((r) => r.status === 'pending' && r.due_at !== null)
      .map((r) => ({ exerciseId: r.exercise_id, injectId: r.id, generation: r.generation, dueAt: epochMs(r.due_at) as number }));
    await this.producer
      .scheduleFirings(jobs)
      .catch((error: unknown) =>
        this.logger.warn(`${jobs.length} firing job(s) not queued (the reconciler re-queues them): ${describeError(error)}`),
      );
  }

  /**
   * SQL for a due time under `clock`: anchorAt + (offset - anchorScenario) / speed, or null while the
   * clock stands. In float8 throughout (an int offset times 1000 overflows past 24.8 days). The numbers
   * come from our own validated clock, never from a client: safe to inline.
   */
  private dueAtSql(clock: ExerciseClock, offsetExpression: string): string {
    if (clock.status !== 'running' || clock.anchorAt === null) return 'null::timestamptz';
    return `to_timestamp((${clock.anchorAt}::float8 + (${offsetExpression}::float8 * 1000 - ${clock.anchorScenarioMs}::float8) / ${clock.speed}::float8) / 1000.0)`;
  }

  private async lockExercise(em: EntityManager, exerciseId: string): Promise<Exercise> {
    const exercise = await em.findOne(Exercise, { id: exerciseId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!exercise) throw DomainError.notFound('exercise');
    return exercise;
  }

  /**
   * One clock transition in one transaction (retried on deadlock): the exercise row locked, the clock
   * moved, every pending inject's due time recomputed and its generation bumped, `inTx` for what else
   * moves with it (deadlines on resume). After the commit the consoles are told first, then the jobs
   * are queued (a queue that is down does not hold the answer up).
   */
  private async transition(
    exerciseId: string,
    actor: AuditActor,
    action: string,
    move: (clock: ExerciseClock, now: number) => ExerciseClock,
    also: (exercise: Exercise, now: number) => void,
    details: Record<string, unknown> = {},
    inTx: (em: EntityManager, before: { pausedAt: Date | null }, now: number) => Promise<AckDeadlineJob[]> = () => Promise.resolve([]),
  ): Promise<Exercise> {
    const { exercise, rows, deadlines, now, lastSeqs } = await retryOnConflict(() =>
      this.em.transactional(async (em) => {
        const at = Date.now();
        const locked = await this.lockExercise(em, exerciseId);
        const before = { pausedAt: locked.pausedAt };
        // A refused transition or speed throws the clock's own DomainError (409, or 400 naming speed).
        also(locked, at);
        locked.clock = move(locked.clock, at);
        const updated = await em.execute<InjectRow[]>(
          `update exercise_inject set due_at = case when contingency then null else ${this.dueAtSql(locked.clock, 'offset_seconds')} end, generation = generation + 1
            where exercise_id = ? and status = 'pending' returning *`,
          [exerciseId],
        );
        const moved = await inTx(em, before, at);
        // Each post's highest seq, read under the exercise row's lock: its consoles sync only if they miss one.
        const seqs = await em.execute<{ command_post_id: string; last_seq: number }[]>(
          `select command_post_id, last_seq from exercise_post_sequence where exercise_id = ?`,
          [exerciseId],
        );
        await this.audit.record(
          em,
          exerciseId,
          actor,
          action,
          { ...details, status: locked.status, scenarioSeconds: Math.round(scenarioMsAt(locked.clock, at)) / 1000 },
          new Date(at),
        );
        return { exercise: locked, rows: updated, deadlines: moved, now: at, lastSeqs: new Map(seqs.map((r) => [r.command_post_id, r.last_seq])) };
      }),
    );
    const state = exerciseState(exercise, now);
    this.publisher.toExerciseEach(exercise.commandPostIds, 'exercise:state', state, (post) => ({ ...state, lastSeq: lastSeqs.get(post) ?? 0 }));
    await this.queueFirings(rows);
    await this.firing.timeDeadlines(deadlines);
    return exercise;
  }
}
