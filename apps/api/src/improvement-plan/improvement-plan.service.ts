import { Injectable } from '@nestjs/common';
import { EntityManager, ref } from '@mikro-orm/postgresql';
import {
  DomainError,
  IMPROVEMENT_STATUSES,
  STAFF_ROLES,
  UNFINISHED_IMPROVEMENT_STATUSES,
  type FieldProblem,
  type ImprovementStatus,
} from '@excon/domain';
import { CommandPost, Exercise, ImprovementAction, Observation, User } from '@excon/persistence';
import type { ImprovementActionFilters, ImprovementActionView, ImprovementSummaryRow } from '@excon/contracts';
import { AuditService } from '@excon/engine';
import type { Actor } from '../auth/actor';
import { auditActor } from '../exercises/exercises.service';
import type { CreateImprovementActionDto, UpdateImprovementActionDto } from './improvement-action.dto';
import type { ExportedAction } from './improvement-plan-xlsx';

const UNFINISHED_SQL = `(${UNFINISHED_IMPROVEMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** Overdue: unfinished and due before today, today being the server's UTC date. */
const OVERDUE_SQL = `(a.status in ${UNFINISHED_SQL} and a.due_date < (now() at time zone 'UTC')::date)`;

const VIEW_COLUMNS = `a.id, a.exercise_id as "exerciseId", e.title as "exerciseTitle", a.objective_ref as "objectiveRef",
  a.observation_id as "observationId", a.action, a.capability_element as "capabilityElement", a.responsible,
  a.member_state as "memberState", a.ministry, a.command_post_id as "commandPostId", a.point_of_contact as "pointOfContact",
  to_char(a.start_date, 'YYYY-MM-DD') as "startDate", to_char(a.due_date, 'YYYY-MM-DD') as "dueDate", a.status,
  ${OVERDUE_SQL} as overdue,
  to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
  to_char(a.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt"`;

/** The fields an audit record of a change lists, as the view names them. */
const AUDITED = [
  'objectiveRef',
  'observationId',
  'action',
  'capabilityElement',
  'responsible',
  'memberState',
  'ministry',
  'commandPostId',
  'pointOfContact',
  'startDate',
  'dueDate',
  'status',
] as const;
type Audited = (typeof AUDITED)[number];
type ActionFields = Pick<ImprovementActionView, Audited>;

function whereOf(filters: ImprovementActionFilters): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const equal = (column: string, value: unknown) => {
    if (value === undefined) return;
    clauses.push(`${column} = ?`);
    params.push(value);
  };
  equal('a.exercise_id', filters.exerciseId);
  equal('a.status', filters.status);
  equal('a.ministry', filters.ministry);
  equal('a.member_state', filters.memberState);
  equal('a.command_post_id', filters.commandPostId);
  if (filters.overdue !== undefined) clauses.push(filters.overdue ? OVERDUE_SQL : `not ${OVERDUE_SQL}`);
  return { sql: clauses.length ? `where ${clauses.join(' and ')}` : '', params };
}

function fieldsOf(action: ImprovementAction): ActionFields {
  return {
    objectiveRef: action.objectiveRef,
    observationId: action.observation?.id ?? null,
    action: action.action,
    capabilityElement: action.capabilityElement,
    responsible: action.responsible,
    memberState: action.memberState,
    ministry: action.ministry,
    commandPostId: action.commandPost?.id ?? null,
    pointOfContact: action.pointOfContact,
    startDate: action.startDate,
    dueDate: action.dueDate,
    status: action.status,
  };
}

/**
 * The improvement plan: corrective actions tied to an exercise's objectives and areas for improvement,
 * tracked across exercises after them. Staff only; an operator is refused the list and gets 404 for an id.
 * Every create, change and delete is in the exercise's audit trail, written in the same transaction.
 */
@Injectable()
export class ImprovementPlanService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** Ordered by due date, then by when created. */
  list(filters: ImprovementActionFilters): Promise<ImprovementActionView[]> {
    const where = whereOf(filters);
    return this.em.execute<ImprovementActionView[]>(
      `select ${VIEW_COLUMNS} from improvement_action a join exercise e on e.id = a.exercise_id ${where.sql}
        order by a.due_date asc, a.created_at asc, a.id asc`,
      where.params,
    );
  }

  async get(id: string, actor: Actor): Promise<ImprovementActionView> {
    if (!STAFF_ROLES.includes(actor.role)) throw DomainError.notFound('improvement action');
    return this.view(this.em, id);
  }

  /** Counts per (member state, ministry) × status, with the overdue ones, of the actions the filters select. */
  async summary(filters: ImprovementActionFilters): Promise<ImprovementSummaryRow[]> {
    const where = whereOf(filters);
    const rows = await this.em.execute<
      { memberState: string | null; ministry: ImprovementSummaryRow['ministry']; status: ImprovementStatus; n: string; overdue: string }[]
    >(
      `select a.member_state as "memberState", a.ministry, a.status, count(*) as n, count(*) filter (where ${OVERDUE_SQL}) as overdue
         from improvement_action a ${where.sql}
        group by a.member_state, a.ministry, a.status
        order by a.member_state asc nulls last, a.ministry asc nulls last`,
      where.params,
    );
    const groups = new Map<string, ImprovementSummaryRow>();
    for (const row of rows) {
      const key = `${row.memberState ?? ''}/${row.ministry ?? ''}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          memberState: row.memberState,
          ministry: row.ministry,
          counts: Object.fromEntries(IMPROVEMENT_STATUSES.map((s) => [s, 0])) as Record<ImprovementStatus, number>,
          overdue: 0,
          total: 0,
        };
        groups.set(key, group);
      }
      group.counts[row.status] += Number(row.n);
      group.overdue += Number(row.overdue);
      group.total += Number(row.n);
    }
    return [...groups.values()];
  }

  /** The rows of the XLSX: each action with its exercise, objective title, area for improvement's text and post code. */
  exportRows(filters: ImprovementActionFilters): Promise<ExportedAction[]> {
    const where = whereOf(filters);
    return this.em.execute<ExportedAction[]>(
      `select ${VIEW_COLUMNS},
              (select o->>'title' from jsonb_array_elements(e.objectives::jsonb) o where o->>'ref' = a.objective_ref limit 1) as "objectiveTitle",
              ob.text as "observationText", cp.code as "commandPostCode"
         from improvement_action a join exercise e on e.id = a.exercise_id
         left join observation ob on ob.id = a.observation_id
         left join command_post cp on cp.id = a.command_post_id
         ${where.sql}
        order by a.due_date asc, a.created_at asc, a.id asc`,
      where.params,
    );
  }

  async create(dto: CreateImprovementActionDto, actor: Actor): Promise<ImprovementActionView> {
    return this.em.transactional(async (em) => {
      const exercise = await em.findOne(Exercise, { id: dto.exerciseId }, { fields: ['id', 'objectives'] });
      if (!exercise) throw DomainError.invalid([{ field: 'exerciseId', message: 'names no exercise' }]);
      const action = new ImprovementAction();
      action.exercise = ref(Exercise, exercise.id);
      action.action = dto.action;
      action.capabilityElement = dto.capabilityElement;
      action.responsible = dto.responsible;
      action.dueDate = dto.dueDate;
      action.createdBy = ref(User, actor.id);
      em.persist(action);
      await this.apply(em, exercise, action, dto);
      await em.flush();
      await this.audit.record(em, exercise.id, auditActor(actor), 'improvement_action.created', { id: action.id, ...fieldsOf(action) });
      return this.view(em, action.id);
    });
  }

  async update(id: string, dto: UpdateImprovementActionDto, actor: Actor): Promise<ImprovementActionView> {
    return this.em.transactional(async (em) => {
      const action = await em.findOne(ImprovementAction, { id });
      if (!action) throw DomainError.notFound('improvement action');
      const exercise = await em.findOneOrFail(Exercise, { id: action.exercise.id }, { fields: ['id', 'objectives'] });
      const before = fieldsOf(action);
      await this.apply(em, exercise, action, dto);
      const after = fieldsOf(action);
      const changed = AUDITED.filter((field) => before[field] !== after[field]);
      if (changed.length) {
        await em.flush();
        await this.audit.record(em, exercise.id, auditActor(actor), 'improvement_action.updated', {
          id,
          changes: Object.fromEntries(changed.map((field) => [field, { from: before[field], to: after[field] }])),
        });
      }
      return this.view(em, id);
    });
  }

  async remove(id: string, actor: Actor): Promise<void> {
    await this.em.transactional(async (em) => {
      const action = await em.findOne(ImprovementAction, { id });
      if (!action) throw DomainError.notFound('improvement action');
      const fields = fieldsOf(action);
      const exerciseId = action.exercise.id;
      em.remove(action);
      await em.flush();
      await this.audit.record(em, exerciseId, auditActor(actor), 'improvement_action.deleted', { id, ...fields });
    });
  }

  /**
   * Applies the fields given (undefined: left as is) after checking them against the exercise: the objective
   * must be one of its frozen objectives, the observation one of its areas for improvement, the post a post
   * (whose member state and ministry fill those left out), and the start not after the due date.
   */
  private async apply(
    em: EntityManager,
    exercise: Pick<Exercise, 'id' | 'objectives'>,
    action: ImprovementAction,
    dto: UpdateImprovementActionDto,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    if (dto.objectiveRef !== undefined) {
      if (dto.objectiveRef !== null && !exercise.objectives.some((o) => o.ref === dto.objectiveRef))
        problems.push({ field: 'objectiveRef', message: "is not one of the exercise's objectives" });
      else action.objectiveRef = dto.objectiveRef;
    }
    if (dto.observationId !== undefined) {
      if (dto.observationId === null) action.observation = null;
      else {
        const observation = await em.findOne(Observation, { id: dto.observationId, exercise: exercise.id }, { fields: ['id', 'kind'] });
        if (!observation) problems.push({ field: 'observationId', message: 'names no observation of this exercise' });
        else if (observation.kind !== 'improvement') problems.push({ field: 'observationId', message: 'is not an area for improvement' });
        else action.observation = ref(Observation, observation.id);
      }
    }
    if (dto.commandPostId !== undefined) {
      if (dto.commandPostId === null) action.commandPost = null;
      else {
        const post = await em.findOne(CommandPost, { id: dto.commandPostId }, { fields: ['id', 'memberState', 'ministry'] });
        if (!post) problems.push({ field: 'commandPostId', message: 'names no command post' });
        else {
          action.commandPost = ref(CommandPost, post.id);
          if (dto.memberState === undefined) action.memberState = post.memberState;
          if (dto.ministry === undefined) action.ministry = post.ministry;
        }
      }
    }
    if (dto.action !== undefined) action.action = dto.action;
    if (dto.capabilityElement !== undefined) action.capabilityElement = dto.capabilityElement;
    if (dto.responsible !== undefined) action.responsible = dto.responsible;
    if (dto.memberState !== undefined) action.memberState = dto.memberState;
    if (dto.ministry !== undefined) action.ministry = dto.ministry;
    if (dto.pointOfContact !== undefined) action.pointOfContact = dto.pointOfContact;
    if (dto.startDate !== undefined) action.startDate = dto.startDate;
    if (dto.dueDate !== undefined) action.dueDate = dto.dueDate;
    if (dto.status !== undefined) action.status = dto.status;
    if (action.startDate !== null && action.startDate > action.dueDate)
      problems.push({ field: dto.startDate !== undefined ? 'startDate' : 'dueDate', message: 'the start date is after the due date' });
    if (problems.length) throw DomainError.invalid(problems);
  }

  private async view(em: EntityManager, id: string): Promise<ImprovementActionView> {
    const [view] = await em.execute<ImprovementActionView[]>(
      `select ${VIEW_COLUMNS} from improvement_action a join exercise e on e.id = a.exercise_id where a.id = ?`,
      [id],
    );
    if (!view) throw DomainError.notFound('improvement action');
    return view;
  }
}
