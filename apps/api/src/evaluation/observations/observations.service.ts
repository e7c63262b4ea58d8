import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type FieldProblem } from '@excon/domain';
import type { Exercise } from '@excon/persistence';
import type { ObservationView } from '@excon/contracts';
import { AuditService, ConsolePublisher } from '@excon/engine';
import type { Actor } from '../../auth/actor';
import { auditActor, ExercisesService } from '../../exercises/exercises.service';
import { scopeProblems } from '../exercise-scope';
import type { CreateObservationDto, ObservationQueryDto, UpdateObservationDto } from './observation.dto';
import { scenarioSecondsAt } from './observed-scenario-time';

/** How far ahead of the server's clock an observedAt may be (a client's clock a little fast). */
export const OBSERVED_AT_TOLERANCE_MS = 5_000;

interface ObservationRow {
  id: string;
  exercise_id: string;
  author_id: string;
  author_name: string;
  text: string;
  kind: ObservationView['kind'];
  objective_refs: string[];
  command_post_ids: string[];
  exercise_inject_id: string | null;
  delivery_id: string | null;
  scenario_seconds: number;
  observed_at: Date | string;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

function toObservationView(row: ObservationRow): ObservationView {
  return {
    id: row.id,
    exerciseId: row.exercise_id,
    authorId: row.author_id,
    authorName: row.author_name,
    text: row.text,
    kind: row.kind,
    objectiveRefs: row.objective_refs,
    commandPostIds: row.command_post_ids,
    exerciseInjectId: row.exercise_inject_id,
    deliveryId: row.delivery_id,
    scenarioSeconds: Number(row.scenario_seconds),
    observedAt: iso(row.observed_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The fields of an observation a change may touch, as stored. */
interface ObservationFields {
  text: string;
  kind: ObservationView['kind'];
  objectiveRefs: string[];
  commandPostIds: string[];
  exerciseInjectId: string | null;
  deliveryId: string | null;
  observedAt: string;
}

/**
 * Observations of an exercise: made by evaluators and controllers while it is scheduled, running, paused
 * or after ENDEX (not in a draft), read by staff, changed and deleted by their author only. Every change
 * is in the audit trail (same transaction) and pushed to staff after the commit; operators get neither.
 */
@Injectable()
export class ObservationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly exercises: ExercisesService,
    private readonly audit: AuditService,
    private readonly publisher: ConsolePublisher,
  ) {}

  async list(exerciseId: string, query: ObservationQueryDto, actor: Actor): Promise<ObservationView[]> {
    await this.exercises.visible(exerciseId, actor);
    const where = ['exercise_id = ?'];
    const params: unknown[] = [exerciseId];
    if (query.kind) {
      where.push('kind = ?');
      params.push(query.kind);
    }
    if (query.objectiveRef) {
      where.push('objective_refs @> ?::jsonb');
      params.push(JSON.stringify([query.objectiveRef]));
    }
    if (query.commandPostId) {
      where.push('command_post_ids @> ?::jsonb');
      params.push(JSON.stringify([query.commandPostId]));
    }
    const rows = await this.em.execute<ObservationRow[]>(
      `select * from observation where ${where.join(' and ')} order by observed_at, created_at, id`,
      params,
    );
    return rows.map(toObservationView);
  }

  async create(exerciseId: string, dto: CreateObservationDto, actor: Actor): Promise<ObservationView> {
    const exercise = await this.writable(exerciseId, actor);
    const now = Date.now();
    const fields: ObservationFields = {
      text: dto.text,
      kind: dto.kind,
      objectiveRefs: [...new Set(dto.objectiveRefs ?? [])],
      commandPostIds: [...new Set(dto.commandPostIds ?? [])],
      exerciseInjectId: dto.exerciseInjectId ?? null,
      deliveryId: dto.deliveryId ?? null,
      observedAt: new Date(dto.observedAt === undefined ? now : Date.parse(dto.observedAt)).toISOString(),
    };
    await this.check(exercise, fields, now);
    const view = await this.em.transactional(async (em) => {
      const [author] = await em.execute<{ display_name: string }[]>(`select display_name from app_user where id = ?`, [actor.id]);
      const [row] = await em.execute<ObservationRow[]>(
        `insert into observation (id, exercise_id, author_id, author_name, text, kind, objective_refs, command_post_ids,
                                  exercise_inject_id, delivery_id, scenario_seconds, observed_at, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, now(), now()) returning *`,
        [
          exerciseId,
          actor.id,
          author?.display_name ?? actor.username,
          fields.text,
          fields.kind,
          JSON.stringify(fields.objectiveRefs),
          JSON.stringify(fields.commandPostIds),
          fields.exerciseInjectId,
          fields.deliveryId,
          scenarioSecondsAt(exercise.clock, Date.parse(fields.observedAt)),
          fields.observedAt,
        ],
      );
      const created = toObservationView(row);
      await this.audit.record(em, exerciseId, auditActor(actor), 'observation.created', { observationId: created.id, ...fields });
      return created;
    });
    this.publisher.toStaff('observation:created', view);
    return view;
  }

  async update(exerciseId: string, observationId: string, dto: UpdateObservationDto, actor: Actor): Promise<ObservationView> {
    const exercise = await this.writable(exerciseId, actor);
    const now = Date.now();
    const view = await this.em.transactional(async (em) => {
      const current = await this.own(em, exerciseId, observationId, actor);
      const before = toObservationView(current);
      const after: ObservationFields = {
        text: dto.text ?? before.text,
        kind: dto.kind ?? before.kind,
        objectiveRefs: dto.objectiveRefs ? [...new Set(dto.objectiveRefs)] : before.objectiveRefs,
        commandPostIds: dto.commandPostIds ? [...new Set(dto.commandPostIds)] : before.commandPostIds,
        exerciseInjectId: dto.exerciseInjectId === undefined ? before.exerciseInjectId : dto.exerciseInjectId,
        deliveryId: dto.deliveryId === undefined ? before.deliveryId : dto.deliveryId,
        observedAt: dto.observedAt === undefined ? before.observedAt : new Date(Date.parse(dto.observedAt)).toISOString(),
      };
      await this.check(exercise, after, now, dto.observedAt === undefined);
      const changed = (Object.keys(after) as (keyof ObservationFields)[]).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
      if (changed.length === 0) return { view: before, changed };
      const scenarioSeconds = dto.observedAt === undefined ? before.scenarioSeconds : scenarioSecondsAt(exercise.clock, Date.parse(after.observedAt));
      const [row] = await em.execute<ObservationRow[]>(
        `update observation set text = ?, kind = ?, objective_refs = ?::jsonb, command_post_ids = ?::jsonb, exercise_inject_id = ?,
                delivery_id = ?, observed_at = ?, scenario_seconds = ?, updated_at = now()
          where id = ? returning *`,
        [
          after.text,
          after.kind,
          JSON.stringify(after.objectiveRefs),
          JSON.stringify(after.commandPostIds),
          after.exerciseInjectId,
          after.deliveryId,
          after.observedAt,
          scenarioSeconds,
          observationId,
        ],
      );
      const from = Object.fromEntries(changed.map((k) => [k, before[k]]));
      const to = Object.fromEntries(changed.map((k) => [k, after[k]]));
      await this.audit.record(em, exerciseId, auditActor(actor), 'observation.updated', { observationId, before: from, after: to });
      return { view: toObservationView(row), changed };
    });
    if (view.changed.length) this.publisher.toStaff('observation:updated', view.view);
    return view.view;
  }

  async remove(exerciseId: string, observationId: string, actor: Actor): Promise<void> {
    await this.writable(exerciseId, actor);
    await this.em.transactional(async (em) => {
      const current = toObservationView(await this.own(em, exerciseId, observationId, actor));
      await em.execute(`delete from observation where id = ?`, [observationId]);
      const { id: _id, exerciseId: _exerciseId, ...kept } = current;
      await this.audit.record(em, exerciseId, auditActor(actor), 'observation.deleted', { observationId, ...kept });
    });
    this.publisher.toStaff('observation:deleted', { id: observationId, exerciseId });
  }

  /** The exercise, if the actor sees it and observations may be written in it (409 in a draft). */
  private async writable(exerciseId: string, actor: Actor): Promise<Exercise> {
    const exercise = await this.exercises.visible(exerciseId, actor);
    if (exercise.status === 'draft') throw DomainError.conflict('the exercise is a draft: observations start once it is scheduled or running');
    return exercise;
  }

  /** The observation, locked for the change; 404 when the exercise has none of that id, 403 when someone else wrote it. */
  private async own(em: EntityManager, exerciseId: string, observationId: string, actor: Actor): Promise<ObservationRow> {
    const [row] = await em.execute<ObservationRow[]>(`select * from observation where id = ? and exercise_id = ? for update`, [
      observationId,
      exerciseId,
    ]);
    if (!row) throw DomainError.notFound('observation');
    if (row.author_id !== actor.id) throw new DomainError('forbidden', 'only its author may change or delete an observation');
    return row;
  }

  /** 400 naming the field: objectives and posts of the exercise, its inject and delivery, a moment between STARTEX and now. */
  private async check(exercise: Exercise, fields: ObservationFields, now: number, keptObservedAt = false): Promise<void> {
    const problems: FieldProblem[] = scopeProblems(exercise, fields);
    if (!keptObservedAt) {
      const at = Date.parse(fields.observedAt);
      if (at > now + OBSERVED_AT_TOLERANCE_MS) problems.push({ field: 'observedAt', message: 'is in the future' });
      else if (exercise.startedAt && at < exercise.startedAt.getTime())
        problems.push({ field: 'observedAt', message: `is before the exercise started (${exercise.startedAt.toISOString()})` });
    }
    if (fields.exerciseInjectId) {
      const [found] = await this.em.execute(`select 1 from exercise_inject where id = ? and exercise_id = ?`, [fields.exerciseInjectId, exercise.id]);
      if (!found) problems.push({ field: 'exerciseInjectId', message: 'names no inject of the exercise' });
    }
    if (fields.deliveryId) {
      const [delivery] = await this.em.execute<{ exercise_inject_id: string }[]>(
        `select exercise_inject_id from delivery where id = ? and exercise_id = ?`,
        [fields.deliveryId, exercise.id],
      );
      if (!delivery) problems.push({ field: 'deliveryId', message: 'names no delivery of the exercise' });
      else if (fields.exerciseInjectId && delivery.exercise_inject_id !== fields.exerciseInjectId)
        problems.push({ field: 'deliveryId', message: 'is a delivery of another inject than exerciseInjectId' });
    }
    if (problems.length) throw DomainError.invalid(problems);
  }
}
