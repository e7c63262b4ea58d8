import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, STAFF_ROLES, type FeedbackAnswer, type FeedbackQuestion, type FieldProblem } from '@excon/domain';
import { Exercise } from '@excon/persistence';
import type { FeedbackFormView, FeedbackResponseView } from '@excon/contracts';
import { AuditService } from '@excon/engine';
import type { Actor } from '../../auth/actor';
import { auditActor, ExercisesService } from '../../exercises/exercises.service';
import type { FeedbackAnswerDto, FeedbackFormDto } from './feedback.dto';

interface ResponseRow {
  id: string;
  exercise_id: string;
  user_id: string;
  command_post_id: string;
  answers: FeedbackAnswer[];
  submitted_at: Date | string;
}

function toResponseView(row: ResponseRow): FeedbackResponseView {
  return {
    id: row.id,
    exerciseId: row.exercise_id,
    userId: row.user_id,
    commandPostId: row.command_post_id,
    answers: row.answers,
    submittedAt: new Date(row.submitted_at).toISOString(),
  };
}

/** The form as stored: translations only when given. */
function toQuestion({ id, kind, text, translations }: FeedbackQuestion): FeedbackQuestion {
  const given = Object.fromEntries(Object.entries(translations ?? {}).filter(([, value]) => typeof value === 'string' && value.length > 0));
  return { id, kind, text, ...(Object.keys(given).length ? { translations: given } : {}) };
}

/**
 * Participants' feedback: the exercise's form (defined by a controller, answered by operators after ENDEX)
 * and the operators' answers. Before ENDEX an operator sees nothing of it (404); sending again replaces its answers.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly em: EntityManager,
    private readonly exercises: ExercisesService,
    private readonly audit: AuditService,
  ) {}

  /** Staff always; an operator of a participating post once the exercise is completed (404 otherwise). */
  async form(exerciseId: string, actor: Actor): Promise<FeedbackFormView> {
    const exercise = await this.exercises.visible(exerciseId, actor);
    if (!STAFF_ROLES.includes(actor.role) && exercise.status !== 'completed') throw DomainError.notFound('exercise');
    return { exerciseId, questions: exercise.feedbackQuestions.map(toQuestion) };
  }

  async replaceForm(exerciseId: string, dto: FeedbackFormDto, actor: Actor): Promise<FeedbackFormView> {
    const exercise = await this.exercises.visible(exerciseId, actor);
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    dto.questions.forEach((q, i) => {
      if (seen.has(q.id)) problems.push({ field: `questions[${i}].id`, message: `${q.id} is the id of an earlier question` });
      seen.add(q.id);
    });
    if (problems.length) throw DomainError.invalid(problems);
    const questions = dto.questions.map(toQuestion);
    await this.em.transactional(async (em) => {
      // Locks the exercise, so a response cannot slip in between the check and the change.
      await em.execute(`select 1 from exercise where id = ? for update`, [exerciseId]);
      const [answered] = await em.execute(`select 1 from feedback_response where exercise_id = ? limit 1`, [exerciseId]);
      if (answered) throw DomainError.conflict('operators have answered the form already: it can no longer change');
      await em.nativeUpdate(Exercise, { id: exerciseId }, { feedbackQuestions: questions });
      await this.audit.record(em, exerciseId, auditActor(actor), 'feedback.form.changed', {
        before: exercise.feedbackQuestions.map((q) => q.id),
        after: questions.map((q) => q.id),
      });
    });
    return { exerciseId, questions };
  }

  /** An operator's answers (201 each time: sending again replaces the earlier ones). */
  async submit(exerciseId: string, answers: FeedbackAnswerDto[], actor: Actor): Promise<FeedbackResponseView> {
    const exercise = await this.exercises.visible(exerciseId, actor);
    if (exercise.status !== 'completed') throw DomainError.conflict('the feedback opens after ENDEX');
    const stored = this.checkAnswers(exercise.feedbackQuestions, answers);
    return this.em.transactional(async (em) => {
      // Shares the lock replaceForm takes: the form cannot change under the answers.
      const [current] = await em.execute<{ feedback_questions: FeedbackQuestion[] }[]>(
        `select feedback_questions from exercise where id = ? for share`,
        [exerciseId],
      );
      this.checkAnswers(current.feedback_questions, answers);
      const [row] = await em.execute<(ResponseRow & { replaced: boolean })[]>(
        `insert into feedback_response (id, exercise_id, user_id, command_post_id, answers, submitted_at)
         values (gen_random_uuid(), ?, ?, ?, ?::jsonb, now())
         on conflict (exercise_id, user_id) do update set command_post_id = excluded.command_post_id, answers = excluded.answers, submitted_at = excluded.submitted_at
         returning *, (xmax <> 0) as replaced`,
        [exerciseId, actor.id, actor.commandPostId, JSON.stringify(stored)],
      );
      await this.audit.record(em, exerciseId, auditActor(actor), 'feedback.submitted', {
        responseId: row.id,
        commandPostId: row.command_post_id,
        answers: stored.length,
        replaced: row.replaced,
      });
      return toResponseView(row);
    });
  }

  async mine(exerciseId: string, actor: Actor): Promise<FeedbackResponseView> {
    await this.exercises.visible(exerciseId, actor);
    const [row] = await this.em.execute<ResponseRow[]>(`select * from feedback_response where exercise_id = ? and user_id = ?`, [
      exerciseId,
      actor.id,
    ]);
    if (!row) throw DomainError.notFound('feedback');
    return toResponseView(row);
  }

  async list(exerciseId: string, actor: Actor): Promise<FeedbackResponseView[]> {
    await this.exercises.visible(exerciseId, actor);
    const rows = await this.em.execute<ResponseRow[]>(
      `select r.* from feedback_response r join command_post p on p.id = r.command_post_id
        where r.exercise_id = ? order by p.code, r.submitted_at, r.id`,
      [exerciseId],
    );
    return rows.map(toResponseView);
  }

  /** 400 naming the answer: a question of the form, answered once, a rating 1-5 for a rating question, text for a text one. */
  private checkAnswers(questions: readonly FeedbackQuestion[], answers: FeedbackAnswerDto[]): FeedbackAnswer[] {
    const kindOf = new Map(questions.map((q) => [q.id, q.kind]));
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    const stored: FeedbackAnswer[] = [];
    answers.forEach((a, i) => {
      const at = `answers[${i}]`;
      const kind = kindOf.get(a.questionId);
      const text = a.text ?? null;
      const rating = a.rating ?? null;
      if (!kind) problems.push({ field: `${at}.questionId`, message: `${a.questionId} is not a question of the form` });
      else if (seen.has(a.questionId)) problems.push({ field: `${at}.questionId`, message: `${a.questionId} is answered twice` });
      else if (kind === 'rating' && rating === null)
        problems.push({ field: `${at}.rating`, message: 'a rating question needs a rating from 1 to 5' });
      else if (kind === 'text' && rating !== null) problems.push({ field: `${at}.rating`, message: 'a text question takes no rating' });
      else if (kind === 'text' && !text?.trim()) problems.push({ field: `${at}.text`, message: 'a text question needs text' });
      else stored.push({ questionId: a.questionId, ...(rating === null ? {} : { rating }), ...(text?.trim() ? { text } : {}) });
      seen.add(a.questionId);
    });
    if (problems.length) throw DomainError.invalid(problems);
    return stored;
  }
}
