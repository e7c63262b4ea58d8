import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, summariseRatings, type FieldProblem, type Rating } from '@excon/domain';
import type { ObjectiveRatingSummary, RatingView } from '@excon/contracts';
import { AuditService, ConsolePublisher } from '@excon/engine';
import type { Actor } from '../../auth/actor';
import { auditActor, ExercisesService } from '../../exercises/exercises.service';
import { EvaluatorAssignmentsService } from '../assignments/evaluator-assignments.service';
import type { SetRatingDto } from './rating.dto';

interface RatingRow {
  exercise_id: string;
  objective_ref: string;
  command_post_id: string;
  rating: Rating;
  rationale: string;
  evaluator_id: string;
  evaluator_name: string;
  final: boolean;
  updated_at: Date | string;
}

function toRatingView(row: RatingRow): RatingView {
  return {
    exerciseId: row.exercise_id,
    objectiveRef: row.objective_ref,
    commandPostId: row.command_post_id,
    rating: row.rating,
    rationale: row.rationale,
    evaluatorId: row.evaluator_id,
    evaluatorName: row.evaluator_name,
    final: row.final,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

const UPSERT_COLUMNS = `(id, exercise_id, objective_ref, command_post_id, evaluator_id, evaluator_name, rating, rationale, final, updated_at)`;

/**
 * P/S/M/U ratings per (objective, post): one current rating per evaluator, upserted against the partial
 * unique index rating_current_unique, and one final rating set by a controller, an admin or the lead
 * evaluator (rating_final_unique). The history is in the audit trail: every change records the old and new value.
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly em: EntityManager,
    private readonly exercises: ExercisesService,
    private readonly assignments: EvaluatorAssignmentsService,
    private readonly audit: AuditService,
    private readonly publisher: ConsolePublisher,
  ) {}

  /** Ordered by objective ref, post code, the final rating first, then the evaluator's name. */
  async list(exerciseId: string, actor: Actor): Promise<RatingView[]> {
    await this.exercises.visible(exerciseId, actor);
    const rows = await this.em.execute<RatingRow[]>(
      `select r.* from rating r join command_post p on p.id = r.command_post_id
        where r.exercise_id = ? order by r.objective_ref, p.code, r.final desc, r.evaluator_name, r.evaluator_id`,
      [exerciseId],
    );
    return rows.map(toRatingView);
  }

  /** Every objective of the exercise, in its order, with the counts, the finals per post and the overall rating. */
  async summary(exerciseId: string, actor: Actor): Promise<ObjectiveRatingSummary[]> {
    const exercise = await this.exercises.visible(exerciseId, actor);
    const rows = await this.em.execute<{ objectiveRef: string; commandPostId: string; rating: Rating; final: boolean }[]>(
      `select objective_ref as "objectiveRef", command_post_id as "commandPostId", rating, final from rating where exercise_id = ?`,
      [exerciseId],
    );
    return summariseRatings(
      exercise.objectives.map((o) => o.ref),
      rows,
    );
  }

  async set(exerciseId: string, dto: SetRatingDto, actor: Actor): Promise<RatingView> {
    const exercise = await this.exercises.visible(exerciseId, actor);
    if (exercise.status === 'draft') throw DomainError.conflict('the exercise is a draft: ratings start once it is scheduled or running');
    const problems: FieldProblem[] = [];
    if (!exercise.objectives.some((o) => o.ref === dto.objectiveRef))
      problems.push({ field: 'objectiveRef', message: `${dto.objectiveRef} is not an objective of the exercise` });
    if (!exercise.commandPostIds.includes(dto.commandPostId))
      problems.push({ field: 'commandPostId', message: `${dto.commandPostId} is not a command post of the exercise` });
    if (problems.length) throw DomainError.invalid(problems);
    const final = dto.final ?? false;

    const { view, before } = await this.em.transactional(async (em) => {
      if (actor.role === 'evaluator') {
        const assignment = await this.assignments.assignmentOf(em, exerciseId, actor.id);
        if (final && !assignment?.lead) throw new DomainError('forbidden', 'only the lead evaluator, a controller or an admin sets a final rating');
        // The lead's final rating covers every post and objective; a current rating stays within the evaluator's assignment.
        if (!final && assignment) {
          if (assignment.commandPostIds.length && !assignment.commandPostIds.includes(dto.commandPostId))
            throw new DomainError('forbidden', 'the command post is not in your assignment');
          if (assignment.objectiveRefs.length && !assignment.objectiveRefs.includes(dto.objectiveRef))
            throw new DomainError('forbidden', 'the objective is not in your assignment');
        }
      }
      const [author] = await em.execute<{ display_name: string }[]>(`select display_name from app_user where id = ?`, [actor.id]);
      const values = [
        exerciseId,
        dto.objectiveRef,
        dto.commandPostId,
        actor.id,
        author?.display_name ?? actor.username,
        dto.rating,
        dto.rationale ?? '',
      ];
      // Locks the row being replaced, so its old value in the audit trail is the one overwritten.
      const [old] = await em.execute<RatingRow[]>(
        `select * from rating where exercise_id = ? and objective_ref = ? and command_post_id = ? and final = ? ${final ? '' : 'and evaluator_id = ?'} for update`,
        final ? [exerciseId, dto.objectiveRef, dto.commandPostId, true] : [exerciseId, dto.objectiveRef, dto.commandPostId, false, actor.id],
      );
      const conflict = final
        ? `("exercise_id", "objective_ref", "command_post_id") where "final"
           do update set evaluator_id = excluded.evaluator_id, evaluator_name = excluded.evaluator_name,
                         rating = excluded.rating, rationale = excluded.rationale, updated_at = excluded.updated_at`
        : `("exercise_id", "objective_ref", "command_post_id", "evaluator_id") where not "final"
           do update set evaluator_name = excluded.evaluator_name, rating = excluded.rating, rationale = excluded.rationale, updated_at = excluded.updated_at`;
      const [row] = await em.execute<RatingRow[]>(
        `insert into rating ${UPSERT_COLUMNS} values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ${final ? 'true' : 'false'}, now())
         on conflict ${conflict} returning *`,
        values,
      );
      const saved = toRatingView(row);
      await this.audit.record(em, exerciseId, auditActor(actor), final ? 'rating.finalised' : 'rating.set', {
        objectiveRef: saved.objectiveRef,
        commandPostId: saved.commandPostId,
        evaluatorId: saved.evaluatorId,
        before: old ? { rating: old.rating, rationale: old.rationale, evaluatorId: old.evaluator_id } : null,
        after: { rating: saved.rating, rationale: saved.rationale },
      });
      return { view: saved, before: old };
    });
    if (!before || before.rating !== view.rating || before.rationale !== view.rationale || before.evaluator_id !== view.evaluatorId)
      this.publisher.toStaff('rating:updated', view);
    return view;
  }
}
