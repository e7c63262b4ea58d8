import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type FieldProblem } from '@excon/domain';
import type { EvaluatorAssignmentView } from '@excon/contracts';
import { AuditService } from '@excon/engine';
import type { Actor } from '../../auth/actor';
import { auditActor, ExercisesService } from '../../exercises/exercises.service';
import { scopeProblems } from '../exercise-scope';
import type { ReplaceAssignmentsDto } from './evaluator-assignment.dto';

type AssignmentRow = EvaluatorAssignmentView;

/** Which evaluator watches which posts and objectives of an exercise; a controller replaces the whole list at once. */
@Injectable()
export class EvaluatorAssignmentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly exercises: ExercisesService,
    private readonly audit: AuditService,
  ) {}

  async list(exerciseId: string, actor: Actor): Promise<EvaluatorAssignmentView[]> {
    await this.exercises.visible(exerciseId, actor);
    return this.rows(this.em, exerciseId);
  }

  /** The evaluator's assignment in the exercise, or null when it has none. */
  async assignmentOf(em: EntityManager, exerciseId: string, evaluatorId: string): Promise<EvaluatorAssignmentView | null> {
    const [row] = await this.rows(em, exerciseId, evaluatorId);
    return row ?? null;
  }

  async replace(exerciseId: string, dto: ReplaceAssignmentsDto, actor: Actor): Promise<EvaluatorAssignmentView[]> {
    const exercise = await this.exercises.visible(exerciseId, actor);
    const ids = dto.assignments.map((a) => a.evaluatorId);
    const evaluators = ids.length
      ? await this.em.execute<{ id: string; role: string }[]>(`select id, role from app_user where id = any(?::uuid[])`, [`{${ids.join(',')}}`])
      : [];
    const roleOf = new Map(evaluators.map((u) => [u.id, u.role]));
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    dto.assignments.forEach((a, i) => {
      const at = `assignments[${i}]`;
      if (roleOf.get(a.evaluatorId) !== 'evaluator') problems.push({ field: `${at}.evaluatorId`, message: 'names no user with the evaluator role' });
      if (seen.has(a.evaluatorId)) problems.push({ field: `${at}.evaluatorId`, message: 'is assigned twice' });
      seen.add(a.evaluatorId);
      problems.push(...scopeProblems(exercise, a, at));
    });
    if (problems.length) throw DomainError.invalid(problems);

    return this.em.transactional(async (em) => {
      const before = await this.rows(em, exerciseId);
      await em.execute(`delete from evaluator_assignment where exercise_id = ?`, [exerciseId]);
      if (dto.assignments.length) {
        const rows = dto.assignments.map((a) => ({
          evaluatorId: a.evaluatorId,
          commandPostIds: [...new Set(a.commandPostIds ?? [])],
          objectiveRefs: [...new Set(a.objectiveRefs ?? [])],
          lead: a.lead ?? false,
        }));
        await em.execute(
          `insert into evaluator_assignment (id, exercise_id, evaluator_id, command_post_ids, objective_refs, lead)
           select gen_random_uuid(), ?, (r->>'evaluatorId')::uuid, r->'commandPostIds', r->'objectiveRefs', (r->>'lead')::boolean
             from jsonb_array_elements(?::jsonb) as r`,
          [exerciseId, JSON.stringify(rows)],
        );
      }
      const after = await this.rows(em, exerciseId);
      const brief = (list: AssignmentRow[]) =>
        list.map(({ evaluatorId, commandPostIds, objectiveRefs, lead }) => ({ evaluatorId, commandPostIds, objectiveRefs, lead }));
      await this.audit.record(em, exerciseId, auditActor(actor), 'evaluators.assigned', { before: brief(before), after: brief(after) });
      return after;
    });
  }

  private rows(em: EntityManager, exerciseId: string, evaluatorId?: string): Promise<AssignmentRow[]> {
    return em.execute<AssignmentRow[]>(
      `select a.exercise_id as "exerciseId", a.evaluator_id as "evaluatorId", u.display_name as "evaluatorName",
              a.command_post_ids as "commandPostIds", a.objective_refs as "objectiveRefs", a.lead
         from evaluator_assignment a join app_user u on u.id = a.evaluator_id
        where a.exercise_id = ? ${evaluatorId ? 'and a.evaluator_id = ?' : ''}
        order by u.display_name, a.evaluator_id`,
      evaluatorId ? [exerciseId, evaluatorId] : [exerciseId],
    );
  }
}
