import { Injectable, StreamableFile } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type BilingualNames, type FeedbackAnswer, type Objective } from '@excon/domain';
import type {
  CommandPostView,
  ImprovementActionView,
  ObservationView,
  RatingView,
  ReportCsvTable,
  ReportDutyShift,
  ReportFormat,
} from '@excon/contracts';
import { AuditService } from '@excon/engine';
import type { Exercise } from '@excon/persistence';
import type { Actor } from '../auth/actor';
import { toExerciseView } from '../exercises/exercise.view';
import { ExercisesService } from '../exercises/exercises.service';
import { DutyMessagesService } from '../duty-messages/duty-messages.service';
import type { ReportEvaluationSources, ReportHeader, ReportSourceInject } from './report-builder';
import { ReportRenderer } from './report-renderer.service';

/** A timestamp column as epoch milliseconds, computed by PostgreSQL (exact for timestamptz(3)). */
const epochMs = (column: string, alias: string) => `(extract(epoch from ${column}) * 1000)::float8 as "${alias}"`;

const INJECT_COLUMNS = [
  'id',
  'ref',
  'offset_seconds as "offsetSeconds"',
  'title',
  'precedence',
  '"from"',
  'expected_action as "expectedAction"',
  'status',
  epochMs('due_at', 'dueAt'),
  epochMs('fired_at', 'firedAt'),
  'lateness_ms::float8 as "latenessMs"',
  'ack_within_seconds as "ackWithinSeconds"',
  'targets',
  'contingency',
  'ad_hoc as "adHoc"',
  'objective_refs as "objectiveRefs"',
].join(', ');

const OBSERVATION_COLUMNS = [
  'id',
  'exercise_id as "exerciseId"',
  'author_id as "authorId"',
  'author_name as "authorName"',
  'text',
  'kind',
  'objective_refs as "objectiveRefs"',
  'command_post_ids as "commandPostIds"',
  'exercise_inject_id as "exerciseInjectId"',
  'delivery_id as "deliveryId"',
  'scenario_seconds as "scenarioSeconds"',
  epochMs('observed_at', 'observedAt'),
  epochMs('created_at', 'createdAt'),
  epochMs('updated_at', 'updatedAt'),
].join(', ');

const RATING_COLUMNS = [
  'exercise_id as "exerciseId"',
  'objective_ref as "objectiveRef"',
  'command_post_id as "commandPostId"',
  'rating',
  'rationale',
  'evaluator_id as "evaluatorId"',
  'evaluator_name as "evaluatorName"',
  'final',
  epochMs('updated_at', 'updatedAt'),
].join(', ');

const IMPROVEMENT_COLUMNS = [
  'a.id',
  'a.exercise_id as "exerciseId"',
  'e.title as "exerciseTitle"',
  'a.objective_ref as "objectiveRef"',
  'a.observation_id as "observationId"',
  'a.action',
  'a.capability_element as "capabilityElement"',
  'a.responsible',
  'a.member_state as "memberState"',
  'a.ministry',
  'a.command_post_id as "commandPostId"',
  'a.point_of_contact as "pointOfContact"',
  `to_char(a.start_date, 'YYYY-MM-DD') as "startDate"`,
  `to_char(a.due_date, 'YYYY-MM-DD') as "dueDate"`,
  'a.status',
  // Judged on the server's UTC date, as the improvement plan's own routes do.
  `(a.status in ('open', 'in_progress') and a.due_date < (now() at time zone 'utc')::date) as overdue`,
  epochMs('a.created_at', 'createdAt'),
  epochMs('a.updated_at', 'updatedAt'),
].join(', ');

type Stamped<T, K extends keyof T> = Omit<T, K> & Record<K, number>;
const iso = (ms: number) => new Date(ms).toISOString();

const FILES: Record<Exclude<ReportFormat, 'json'>, { type: string; extension: string }> = {
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  pdf: { type: 'application/pdf', extension: 'pdf' },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
};

/**
 * The after-action report of one exercise. The main thread only reads PostgreSQL: the header (exercise,
 * scenario, injects, posts, audit trail) in a handful of queries, the deliveries in pages of
 * DELIVERY_PAGE_SIZE, each handed on as it arrives. Statistics and rendering (JSON, CSV, PDF) run in a
 * render worker (ReportRenderer), never on the loop that fires injects. For staff only (the route keeps
 * operators out); an unknown exercise is 404.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly em: EntityManager,
    private readonly exercises: ExercisesService,
    private readonly renderer: ReportRenderer,
    private readonly audit: AuditService,
    private readonly dutyMessages: DutyMessagesService,
  ) {}

  async render(id: string, format: ReportFormat, table: ReportCsvTable, actor: Actor): Promise<StreamableFile> {
    // Not found or not visible is answered before the request waits for a render slot.
    const exercise = await this.exercises.visible(id, actor);
    const body = await this.renderer.render({ format, table, exerciseId: id }, () => this.read(exercise));
    if (format === 'json') return new StreamableFile(body, { type: 'application/json; charset=utf-8' });
    const file = FILES[format];
    const name = format === 'csv' && table !== 'deliveries' ? `excon-report-${id}-${table}` : `excon-report-${id}`;
    return new StreamableFile(body, { type: file.type, disposition: `attachment; filename="${name}.${file.extension}"` });
  }

  /** Everything the worker needs but the deliveries (which it reads itself), read once the render has its slot. */
  private async read(seen: Exercise): Promise<ReportHeader> {
    // The request may have waited for its slot: read the exercise as it is now.
    const exercise = await this.em.refresh(seen);
    if (!exercise) throw DomainError.notFound('exercise');
    const header = await this.header(exercise, new Date());
    return { ...header, evaluation: await this.evaluation(exercise) };
  }

  /** The evaluation's rows: ratings, observations in time order, the improvement plan, the feedback form and answers. */
  private async evaluation(exercise: Exercise): Promise<ReportEvaluationSources> {
    const id = exercise.id;
    const ratings = await this.em.execute<Stamped<RatingView, 'updatedAt'>[]>(`select ${RATING_COLUMNS} from rating where exercise_id = ?`, [id]);
    const observations = await this.em.execute<Stamped<ObservationView, 'observedAt' | 'createdAt' | 'updatedAt'>[]>(
      `select ${OBSERVATION_COLUMNS} from observation where exercise_id = ? order by observed_at, created_at, id`,
      [id],
    );
    const plan = await this.em.execute<Stamped<ImprovementActionView, 'createdAt' | 'updatedAt'>[]>(
      `select ${IMPROVEMENT_COLUMNS} from improvement_action a join exercise e on e.id = a.exercise_id
        where a.exercise_id = ? order by a.due_date, a.created_at, a.id`,
      [id],
    );
    const feedbackResponses = await this.em.execute<{ commandPostId: string; answers: FeedbackAnswer[] }[]>(
      `select command_post_id as "commandPostId", answers from feedback_response where exercise_id = ? order by submitted_at, id`,
      [id],
    );
    return {
      ratings: ratings.map((r) => ({ ...r, updatedAt: iso(r.updatedAt) })),
      observations: observations.map((o) => ({ ...o, observedAt: iso(o.observedAt), createdAt: iso(o.createdAt), updatedAt: iso(o.updatedAt) })),
      improvementPlan: plan.map((a) => ({ ...a, createdAt: iso(a.createdAt), updatedAt: iso(a.updatedAt) })),
      feedbackQuestions: exercise.feedbackQuestions ?? [],
      feedbackResponses,
    };
  }

  private async header(exercise: Exercise, now: Date): Promise<ReportHeader> {
    const id = exercise.id;
    const [scenario] = await this.em.execute<{ title: string; description: string; objectives: Objective[] }[]>(
      `select title, description, objectives from scenario where id = ?`,
      [exercise.scenario.id],
    );
    const injects = await this.em.execute<ReportSourceInject[]>(
      `select ${INJECT_COLUMNS} from exercise_inject where exercise_id = ? order by offset_seconds, ref, id`,
      [id],
    );
    const receivers = await this.em.execute<{ command_post_id: string }[]>(`select distinct command_post_id from delivery where exercise_id = ?`, [
      id,
    ]);
    const postIds = [...new Set([...exercise.commandPostIds, ...injects.flatMap((i) => i.targets), ...receivers.map((r) => r.command_post_id)])];
    const posts = await this.em.execute<CommandPostView[]>(
      `select id, code, name, member_state as "memberState", ministry, time_zone as "timeZone", names, ministry_id as "ministryId", active
         from command_post where id = any(?::uuid[]) order by code`,
      [`{${postIds.join(',')}}`],
    );
    const auditTrail = await this.audit.trail(this.em, id);
    const view = toExerciseView(exercise, undefined, now.getTime());
    return {
      overview: {
        exerciseId: exercise.id,
        title: exercise.title,
        scenarioId: exercise.scenario.id,
        scenarioTitle: scenario?.title ?? '',
        scenarioDescription: scenario?.description ?? '',
        status: view.status,
        speed: view.speed,
        startedAt: view.startedAt,
        completedAt: view.completedAt,
        scenarioSeconds: view.scenarioSeconds,
        posts,
        // The exercise's frozen copy; an exercise made before it was kept falls back on its scenario's.
        objectives: exercise.objectives?.length ? exercise.objectives : (scenario?.objectives ?? []),
        scope: exercise.scope,
        missionArea: exercise.missionArea,
      },
      asOf: exercise.completedAt?.getTime() ?? now.getTime(),
      generatedAt: now.toISOString(),
      injects,
      auditTrail,
      dutyShifts: await this.dutyShifts(exercise, now),
      dutyMessages: await this.dutyMessages.record(this.em, exercise.id),
    };
  }

  /**
   * Which duty shift handled what: per shift on duty during the exercise (a watch overlapping STARTEX → ENDEX,
   * or now while it runs) or recorded with its acknowledgements, responses or control actions, those counted
   * (the shift ids stored with each delivery and audit event) and its watches in the exercise's period.
   */
  private async dutyShifts(exercise: Exercise, now: Date): Promise<ReportDutyShift[]> {
    const from = exercise.startedAt;
    const to = exercise.completedAt ?? now;
    const watches = from
      ? await this.em.execute<{ shiftId: string; from: number; to: number }[]>(
          `select duty_shift_id as "shiftId", ${epochMs('from_at', 'from')}, ${epochMs('to_at', 'to')}
             from duty_roster_entry where from_at < ? and to_at > ? order by from_at`,
          [to, from],
        )
      : [];
    const counts = await this.em.execute<{ shiftId: string; acknowledgements: number; responses: number; controlActions: number }[]>(
      `select shift_id as "shiftId", sum(acks)::int as acknowledgements, sum(responses)::int as responses, sum(controls)::int as "controlActions"
         from (select acknowledged_duty_shift_id as shift_id, 1 as acks, 0 as responses, 0 as controls
                 from delivery where exercise_id = ? and acknowledged_duty_shift_id is not null
               union all
               select responded_duty_shift_id, 0, 1, 0 from delivery where exercise_id = ? and responded_duty_shift_id is not null
               union all
               select duty_shift_id, 0, 0, 1 from audit_event where exercise_id = ? and duty_shift_id is not null and actor_id is not null) handled
        group by shift_id`,
      [exercise.id, exercise.id, exercise.id],
    );
    const ids = [...new Set([...watches.map((w) => w.shiftId), ...counts.map((c) => c.shiftId)])];
    if (!ids.length) return [];
    const shifts = await this.em.execute<{ id: string; code: string; names: BilingualNames }[]>(
      `select id, code, names from duty_shift where id = any(?::uuid[]) order by code`,
      [`{${ids.join(',')}}`],
    );
    const countsOf = new Map(counts.map((c) => [c.shiftId, c]));
    return shifts.map((shift) => ({
      dutyShiftId: shift.id,
      code: shift.code,
      names: shift.names,
      acknowledgements: countsOf.get(shift.id)?.acknowledgements ?? 0,
      responses: countsOf.get(shift.id)?.responses ?? 0,
      controlActions: countsOf.get(shift.id)?.controlActions ?? 0,
      watches: watches.filter((w) => w.shiftId === shift.id).map((w) => ({ from: iso(w.from), to: iso(w.to) })),
    }));
  }
}
