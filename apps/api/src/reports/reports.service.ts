import { Injectable, StreamableFile } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { computeReportStatistics, type StatisticsDelivery } from '@excon/domain';
import type { CommandPostView, ExerciseReport, ObjectiveView, ReportDelivery, ReportFormat, ReportMissedDeadline, ReportTimelineEntry } from '@excon/contracts';
import { iso, type DeliveryRow, type InjectRow } from '@excon/engine';
import type { Actor } from '../auth/actor';
import { toExerciseView } from '../exercises/exercise.view';
import { ExercisesService } from '../exercises/exercises.service';
import { renderReportCsv } from './report-csv';
import { renderReportPdf } from './report-pdf';

function ms(value: Date | string | null): number | null {
  return value === null ? null : new Date(value).getTime();
}

/**
 * The after-action report of one exercise: loaded with a handful of queries, its statistics computed
 * by the domain (libs/domain/src/reports), rendered as JSON, CSV or PDF. For staff only (the route
 * keeps operators out); an unknown exercise is 404.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly em: EntityManager,
    private readonly exercises: ExercisesService,
  ) {}

  async render(id: string, format: ReportFormat, actor: Actor): Promise<ExerciseReport | StreamableFile> {
    const report = await this.build(id, actor);
    switch (format) {
      case 'json':
        return report;
      case 'csv':
        return new StreamableFile(renderReportCsv(report), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="excon-report-${id}.csv"` });
      case 'pdf':
        return new StreamableFile(await renderReportPdf(report), { type: 'application/pdf', disposition: `attachment; filename="excon-report-${id}.pdf"` });
    }
  }

  async build(id: string, actor: Actor, now = new Date()): Promise<ExerciseReport> {
    const exercise = await this.exercises.visible(id, actor);
    const [scenario] = await this.em.execute<{ title: string; description: string; objectives: ObjectiveView[] }[]>(
      `select title, description, objectives from scenario where id = ?`,
      [exercise.scenario.id],
    );
    const injects = await this.em.execute<InjectRow[]>(`select * from exercise_inject where exercise_id = ? order by offset_seconds, ref`, [id]);
    const deliveries = await this.em.execute<DeliveryRow[]>(`select * from delivery where exercise_id = ? order by fired_at, seq`, [id]);
    const postIds = [...new Set([...exercise.commandPostIds, ...injects.flatMap((i) => i.targets), ...deliveries.map((d) => d.command_post_id)])];
    const posts = await this.em.execute<CommandPostView[]>(
      `select id, code, name, member_state as "memberState", ministry, time_zone as "timeZone" from command_post where id = any(?::uuid[]) order by code`,
      [`{${postIds.join(',')}}`],
    );
    const auditTrail = await this.exercises.auditTrail(id, actor);

    const codeOf = new Map(posts.map((p) => [p.id, p.code]));
    const code = (postId: string) => codeOf.get(postId) ?? postId;
    const stats = computeReportStatistics(
      injects.map((i) => ({ id: i.id, status: i.status, targets: i.targets, ackWithinSeconds: i.ack_within_seconds })),
      deliveries.map(
        (d): StatisticsDelivery => ({
          id: d.id,
          injectId: d.exercise_inject_id,
          commandPostId: d.command_post_id,
          firedAt: ms(d.fired_at) as number,
          deliveredAt: ms(d.delivered_at),
          acknowledgedAt: ms(d.acknowledged_at),
          respondedAt: ms(d.responded_at),
          ackDeadlineAt: ms(d.ack_deadline_at),
          overdueAt: ms(d.overdue_at),
        }),
      ),
      { asOf: exercise.completedAt?.getTime() ?? now.getTime(), postIds: posts.map((p) => p.id) },
    );
    const injectStats = new Map(stats.injects.map((s) => [s.injectId, s]));

    const timeline = injects.map((inject): ReportTimelineEntry => {
      const perInject = injectStats.get(inject.id);
      const own = deliveries
        .filter((d) => d.exercise_inject_id === inject.id)
        .map((d): ReportDelivery => {
          const outcome = stats.deliveries.get(d.id);
          return {
            deliveryId: d.id,
            commandPostId: d.command_post_id,
            commandPostCode: code(d.command_post_id),
            seq: d.seq,
            status: d.status,
            firedAt: iso(d.fired_at) as string,
            deliveredAt: iso(d.delivered_at),
            acknowledgedAt: iso(d.acknowledged_at),
            respondedAt: iso(d.responded_at),
            response: d.response,
            ackDeadlineAt: outcome && outcome.deadlineAt !== null ? new Date(outcome.deadlineAt).toISOString() : null,
            overdue: outcome?.missedDeadline ?? false,
            secondsToAcknowledge: outcome?.secondsToAcknowledge ?? null,
            secondsToRespond: outcome?.secondsToRespond ?? null,
            releasedByDeliveryId: d.released_by_delivery_id,
          };
        })
        .sort((a, b) => a.commandPostCode.localeCompare(b.commandPostCode));
      return {
        injectId: inject.id,
        ref: inject.ref,
        offsetSeconds: inject.offset_seconds,
        title: inject.title,
        precedence: inject.precedence,
        from: inject.from,
        expectedAction: inject.expected_action,
        status: inject.status,
        dueAt: iso(inject.due_at),
        firedAt: iso(inject.fired_at),
        latenessMs: inject.lateness_ms,
        ackWithinSeconds: inject.ack_within_seconds,
        targets: inject.targets,
        targetCodes: inject.targets.map(code),
        contingency: inject.contingency,
        adHoc: inject.ad_hoc,
        objectiveRefs: inject.objective_refs,
        acknowledged: perInject?.acknowledged ?? 0,
        acknowledgedInTime: perInject?.acknowledgedInTime ?? 0,
        responded: perInject?.responded ?? 0,
        overdue: perInject?.overdue ?? 0,
        deliveries: own,
      };
    });

    const missedDeadlines = timeline
      .flatMap((entry) =>
        entry.deliveries
          .filter((d) => d.overdue)
          .map(
            (d): ReportMissedDeadline => ({
              deliveryId: d.deliveryId,
              injectId: entry.injectId,
              ref: entry.ref,
              offsetSeconds: entry.offsetSeconds,
              title: entry.title,
              precedence: entry.precedence,
              commandPostId: d.commandPostId,
              commandPostCode: d.commandPostCode,
              firedAt: d.firedAt,
              deadlineAt: d.ackDeadlineAt as string,
              acknowledgedAt: d.acknowledgedAt,
              secondsLate: stats.deliveries.get(d.deliveryId)?.secondsLate ?? null,
            }),
          ),
      )
      .sort((a, b) => a.deadlineAt.localeCompare(b.deadlineAt) || a.commandPostCode.localeCompare(b.commandPostCode));

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
      },
      totals: stats.totals,
      timeline,
      postStatistics: stats.posts.map(({ commandPostId, ...figures }) => ({
        commandPostId,
        code: code(commandPostId),
        name: posts.find((p) => p.id === commandPostId)?.name ?? '',
        ...figures,
      })),
      missedDeadlines,
      auditTrail,
      generatedAt: now.toISOString(),
    };
  }
}
