import { Injectable, StreamableFile } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type Objective } from '@excon/domain';
import type { CommandPostView, ReportFormat } from '@excon/contracts';
import { AuditService } from '@excon/engine';
import type { Exercise } from '@excon/persistence';
import type { Actor } from '../auth/actor';
import { toExerciseView } from '../exercises/exercise.view';
import { ExercisesService } from '../exercises/exercises.service';
import type { ReportHeader, ReportSourceDelivery, ReportSourceInject } from './report-builder';
import { ReportRenderer } from './report-renderer.service';
import type { ToRenderWorker } from './report-worker.messages';

/** Deliveries per query and per message to the render worker. */
export const DELIVERY_PAGE_SIZE = 2000;

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

/** What an operator did counts only while the exercise ran: an action stamped after ENDEX is left out of the report. */
const ENDEX = `coalesce((select e.completed_at from exercise e where e.id = delivery.exercise_id), 'infinity'::timestamptz)`;
const duringRun = (column: string) => `case when ${column} <= ${ENDEX} then ${column} end`;

const DELIVERY_COLUMNS = [
  'id',
  'exercise_inject_id as "injectId"',
  'command_post_id as "commandPostId"',
  'seq',
  'status',
  epochMs('fired_at', 'firedAt'),
  epochMs(duringRun('delivered_at'), 'deliveredAt'),
  epochMs(duringRun('acknowledged_at'), 'acknowledgedAt'),
  epochMs(duringRun('responded_at'), 'respondedAt'),
  `case when responded_at <= ${ENDEX} then response end as response`,
  epochMs('ack_deadline_at', 'ackDeadlineAt'),
  epochMs('overdue_at', 'overdueAt'),
  'released_by_delivery_id as "releasedByDeliveryId"',
].join(', ');

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
  ) {}

  async render(id: string, format: ReportFormat, actor: Actor): Promise<StreamableFile> {
    // Not found or not visible is answered before the request waits for a render slot.
    const exercise = await this.exercises.visible(id, actor);
    const bytes = await this.renderer.render(format, (send) => this.feed(exercise, send));
    if (format === 'json') return new StreamableFile(bytes, { type: 'application/json; charset=utf-8', length: bytes.length });
    const file = FILES[format];
    return new StreamableFile(bytes, { type: file.type, disposition: `attachment; filename="excon-report-${id}.${file.extension}"` });
  }

  /** Reads the report's sources and sends them to the render worker: the header, then the deliveries page by page. */
  private async feed(seen: Exercise, send: (message: ToRenderWorker) => boolean): Promise<void> {
    // The request may have waited for its slot: read the exercise as it is now.
    const exercise = await this.em.refresh(seen);
    if (!exercise) throw DomainError.notFound('exercise');
    const header = await this.header(exercise, new Date());
    if (!send({ kind: 'header', header })) return;
    let after: ReportSourceDelivery | null = null;
    for (;;) {
      const rows: ReportSourceDelivery[] = await this.em.execute<ReportSourceDelivery[]>(
        `select ${DELIVERY_COLUMNS} from delivery
          where exercise_id = ?${after ? ' and (command_post_id, seq) > (?::uuid, ?)' : ''}
          order by command_post_id, seq limit ${DELIVERY_PAGE_SIZE}`,
        after ? [exercise.id, after.commandPostId, after.seq] : [exercise.id],
      );
      if (rows.length && !send({ kind: 'deliveries', rows })) return;
      if (rows.length < DELIVERY_PAGE_SIZE) return;
      after = rows[rows.length - 1];
    }
  }

  private async header(exercise: Exercise, now: Date): Promise<ReportHeader> {
    const id = exercise.id;
    const [scenario] = await this.em.execute<{ title: string; description: string; objectives: Objective[] }[]>(
      `select title, description, objectives from scenario where id = ?`,
      [exercise.scenario.id],
    );
    const injects = await this.em.execute<ReportSourceInject[]>(
      `select ${INJECT_COLUMNS} from exercise_inject where exercise_id = ? order by offset_seconds, ref`,
      [id],
    );
    const receivers = await this.em.execute<{ command_post_id: string }[]>(`select distinct command_post_id from delivery where exercise_id = ?`, [
      id,
    ]);
    const postIds = [...new Set([...exercise.commandPostIds, ...injects.flatMap((i) => i.targets), ...receivers.map((r) => r.command_post_id)])];
    const posts = await this.em.execute<CommandPostView[]>(
      `select id, code, name, member_state as "memberState", ministry, time_zone as "timeZone" from command_post where id = any(?::uuid[]) order by code`,
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
        objectives: scenario?.objectives ?? [],
        scope: exercise.scope,
        missionArea: exercise.missionArea,
      },
      asOf: exercise.completedAt?.getTime() ?? now.getTime(),
      generatedAt: now.toISOString(),
      injects,
      auditTrail,
    };
  }
}
