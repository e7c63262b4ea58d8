import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@excon/config';
import {
  DomainError,
  PLAN_REFERENCE_ZONE,
  planPeriod,
  planYear,
  zonedTimes,
  type AgendaItem,
  type FieldProblem,
  type Language,
  type MinutesEntry,
  type PlanActivityKind,
  type PlanDocument,
  type PlanParticipants,
} from '@excon/domain';
import type { AttendanceView, PlanActivityView } from '@excon/contracts';
import { CommandPost, Exercise, MemberState, Ministry, PlanActivity, PlanAttendance, Scenario } from '@excon/persistence';
import type { Actor } from '../auth/actor';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type {
  AgendaItemDto,
  AttendanceDto,
  CreatePlanActivityDto,
  MinutesEntryDto,
  PlanDocumentDto,
  PresenceDto,
  UpdatePlanActivityDto,
} from './plan-activity.dto';

/** Kinds that are exercises: they may link a scenario, an exercise and, once held, its after-action report. */
const TRAINING_KINDS: readonly PlanActivityKind[] = ['joint_training', 'command_post_exercise'];

/** A post as the plan needs it: to expand participants and to show an operator its own zone. */
interface PlanPost {
  id: string;
  code: string;
  memberState: string;
  ministryId: string;
  timeZone: string;
}

/** Who reads the plan: staff see every activity and answer; an operator the ones inviting its post, cut down to it. */
export interface PlanViewer {
  role: Actor['role'];
  commandPostId: string | null;
  /** The zone of `localTimes` besides Moscow's. */
  zone: string;
}

/**
 * The year's joint-training plan: activities with their participants, status history, invitations and answers,
 * and a consultation's agenda, documents and minutes. Times are instants; each view also gives them on the
 * viewer's clock and Moscow's.
 */
@Injectable()
export class PlanActivitiesService {
  constructor(
    private readonly em: EntityManager,
    private readonly auditTrail: AuditTrailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The viewer of a request: an operator reads in its post's zone, staff in the zone asked for or Moscow's. */
  async viewer(actor: Pick<Actor, 'role' | 'commandPostId'>, zone?: string): Promise<PlanViewer> {
    if (actor.role === 'operator') {
      const post = actor.commandPostId ? await this.em.findOne(CommandPost, { id: actor.commandPostId }, { fields: ['timeZone'] }) : null;
      return { role: actor.role, commandPostId: actor.commandPostId, zone: post?.timeZone ?? PLAN_REFERENCE_ZONE };
    }
    return { role: actor.role, commandPostId: null, zone: zone ?? PLAN_REFERENCE_ZONE };
  }

  /** The activities starting in a plan year (or one month of it), by start; without a year, all of them. */
  async list(viewer: PlanViewer, year?: number, month?: number): Promise<PlanActivityView[]> {
    if (month !== undefined && year === undefined) throw DomainError.invalid([{ field: 'year', message: 'is required with month' }]);
    const period = year === undefined ? null : planPeriod(year, month);
    const activities = await this.em.find(PlanActivity, period ? { startAt: { $gte: period.from, $lt: period.to } } : {}, {
      orderBy: { startAt: 'asc', id: 'asc' },
    });
    return this.views(activities, viewer);
  }

  /** The activities a viewer sees from `since` on (the calendar feed). */
  async upcoming(viewer: PlanViewer, since: Date): Promise<PlanActivityView[]> {
    const activities = await this.em.find(PlanActivity, { endAt: { $gte: since } }, { orderBy: { startAt: 'asc', id: 'asc' } });
    return this.views(activities, viewer);
  }

  async get(id: string, viewer: PlanViewer): Promise<PlanActivityView> {
    const [view] = await this.views([await this.load(id)], viewer);
    if (!view) throw DomainError.notFound('plan activity');
    return view;
  }

  async create(dto: CreatePlanActivityDto, actor: Actor): Promise<PlanActivityView> {
    const startAt = new Date(dto.startAt);
    const endAt = new Date(dto.endAt);
    const consultation = this.consultation(dto.kind, dto, { agenda: [], documents: [], minutes: [] });
    const participants = await this.participants(dto.participants);
    const links = await this.links(dto.kind, dto.scenarioId ?? null, dto.exerciseId ?? null);
    this.assertDates(startAt, endAt);
    const activity = this.em.create(PlanActivity, {
      kind: dto.kind,
      titles: { ru: dto.titles.ru, en: dto.titles.en },
      startAt,
      endAt,
      participants,
      organiser: dto.organiser,
      status: dto.status ?? 'planned',
      scenario: links.scenario,
      exercise: links.exercise,
      ...consultation,
      createdByUserId: actor.id,
    });
    await this.em.flush();
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'plan.activity_created', {
      id: activity.id,
      kind: activity.kind,
      titles: activity.titles,
    });
    return this.get(activity.id, await this.viewer(actor));
  }

  async update(id: string, dto: UpdatePlanActivityDto, actor: Actor): Promise<PlanActivityView> {
    const activity = await this.load(id);
    const kind = dto.kind ?? activity.kind;
    const startAt = dto.startAt !== undefined ? new Date(dto.startAt) : activity.startAt;
    const endAt = dto.endAt !== undefined ? new Date(dto.endAt) : activity.endAt;
    this.assertDates(startAt, endAt);
    const status = dto.status ?? activity.status;
    const statusChanged = status !== activity.status;
    if (dto.reason !== undefined && !statusChanged) {
      throw DomainError.invalid([{ field: 'reason', message: 'goes with a change of status (postponed or cancelled)' }]);
    }
    if (statusChanged && (status === 'postponed' || status === 'cancelled') && dto.reason === undefined) {
      throw DomainError.invalid([{ field: 'reason', message: `is required to make an activity ${status}` }]);
    }
    if (statusChanged && status === 'postponed' && startAt.getTime() === activity.startAt.getTime()) {
      throw DomainError.invalid([{ field: 'startAt', message: 'a postponement needs the new dates' }]);
    }
    const consultation = this.consultation(kind, dto, activity);
    const participants = dto.participants ? await this.participants(dto.participants) : activity.participants;
    const links = await this.links(
      kind,
      dto.scenarioId !== undefined ? dto.scenarioId : (activity.scenario?.id ?? null),
      dto.exerciseId !== undefined ? dto.exerciseId : (activity.exercise?.id ?? null),
    );
    if (statusChanged) {
      activity.history = [
        ...activity.history,
        {
          status,
          reason: dto.reason ?? null,
          at: new Date().toISOString(),
          byDisplayName: actor.username,
          previousStartAt: activity.startAt.toISOString(),
          previousEndAt: activity.endAt.toISOString(),
        },
      ];
      activity.status = status;
      activity.statusReason = dto.reason ?? null;
    }
    activity.kind = kind;
    if (dto.titles) activity.titles = { ru: dto.titles.ru, en: dto.titles.en };
    activity.startAt = startAt;
    activity.endAt = endAt;
    activity.participants = participants;
    if (dto.organiser !== undefined) activity.organiser = dto.organiser;
    activity.scenario = links.scenario;
    activity.exercise = links.exercise;
    Object.assign(activity, consultation);
    activity.updatedAt = new Date();
    await this.em.flush();
    const { reason, ...fields } = dto;
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'plan.activity_updated', { id, ...fields, ...(reason ? { reason } : {}) });
    return this.get(id, await this.viewer(actor));
  }

  /** An operator confirms or declines for its post (a decline gives the reason); answering again replaces the answer. */
  async answer(id: string, dto: AttendanceDto, actor: Actor): Promise<PlanActivityView> {
    const viewer = await this.viewer(actor);
    const activity = await this.load(id);
    const postId = actor.commandPostId;
    const posts = await this.posts();
    if (!postId || !this.invited(activity.participants, posts).some((p) => p.id === postId)) throw DomainError.notFound('plan activity');
    if (activity.status === 'cancelled') throw DomainError.conflict('the activity is cancelled');
    if (activity.status === 'held' || activity.status === 'reported') throw DomainError.conflict('the activity has been held');
    if (dto.status === 'declined' && dto.reason === undefined) throw DomainError.invalid([{ field: 'reason', message: 'is required to decline' }]);
    const row =
      (await this.em.findOne(PlanAttendance, { activity: id, commandPost: postId })) ??
      this.em.create(PlanAttendance, { activity: id, commandPost: postId });
    row.status = dto.status;
    row.reason = dto.reason ?? null;
    row.respondedAt = new Date();
    row.respondedByUserId = actor.id;
    row.respondedByDisplayName = actor.username;
    await this.em.flush();
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'plan.attendance_answered', {
      id,
      commandPostId: postId,
      status: dto.status,
      ...(dto.reason ? { reason: dto.reason } : {}),
    });
    return this.get(id, viewer);
  }

  /** The organiser records which invited posts were there; every other invited post was not. */
  async presence(id: string, dto: PresenceDto, actor: Actor): Promise<PlanActivityView> {
    const activity = await this.load(id);
    const invited = this.invited(activity.participants, await this.posts()).map((p) => p.id);
    const present = new Set(dto.commandPostIds.map((p) => p.toLowerCase()));
    const strangers = [...present].filter((p) => !invited.includes(p));
    if (strangers.length)
      throw DomainError.invalid([{ field: 'commandPostIds', message: `names posts the activity does not invite (${strangers.join(', ')})` }]);
    const rows = new Map((await this.em.find(PlanAttendance, { activity: id })).map((r) => [r.commandPost.id, r]));
    for (const postId of invited) {
      const row = rows.get(postId) ?? this.em.create(PlanAttendance, { activity: id, commandPost: postId });
      row.present = present.has(postId);
    }
    await this.em.flush();
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'plan.presence_recorded', { id, commandPostIds: [...present] });
    return this.get(id, await this.viewer(actor));
  }

  /** The stored activity (staff routes; operators' routes check the invitation). */
  async load(id: string): Promise<PlanActivity> {
    const activity = await this.em.findOne(PlanActivity, { id });
    if (!activity) throw DomainError.notFound('plan activity');
    return activity;
  }

  /** Names for the minutes: posts, member states and ministries in a language. */
  async names(language: Language): Promise<{ post(id: string): string; state(code: string): string; ministry(id: string): string }> {
    const [posts, states, ministries] = await Promise.all([this.em.find(CommandPost, {}), this.em.find(MemberState, {}), this.em.find(Ministry, {})]);
    const post = new Map(posts.map((p) => [p.id, `${p.names[language]} (${p.code})`]));
    const state = new Map(states.map((s) => [s.code, s.names[language]]));
    const ministry = new Map(ministries.map((m) => [m.id, m.names[language]]));
    return { post: (id) => post.get(id) ?? id, state: (code) => state.get(code) ?? code, ministry: (id) => ministry.get(id) ?? id };
  }

  private async views(activities: PlanActivity[], viewer: PlanViewer): Promise<PlanActivityView[]> {
    if (activities.length === 0) return [];
    const posts = await this.posts();
    const answers = await this.em.find(PlanAttendance, { activity: { $in: activities.map((a) => a.id) } });
    const byActivity = new Map<string, Map<string, PlanAttendance>>();
    for (const row of answers) {
      const rows = byActivity.get(row.activity.id) ?? new Map<string, PlanAttendance>();
      rows.set(row.commandPost.id, row);
      byActivity.set(row.activity.id, rows);
    }
    return activities.flatMap((activity) => {
      const invited = this.invited(activity.participants, posts).map((p) => p.id);
      if (viewer.role === 'operator' && (!viewer.commandPostId || !invited.includes(viewer.commandPostId))) return [];
      const own = viewer.role === 'operator' ? viewer.commandPostId : null;
      const shown = own ? [own] : invited;
      const rows = byActivity.get(activity.id);
      return [this.view(activity, viewer, shown, own, (postId) => attendanceView(postId, rows?.get(postId)))];
    });
  }

  private view(
    activity: PlanActivity,
    viewer: PlanViewer,
    invited: string[],
    own: string | null,
    answer: (postId: string) => AttendanceView,
  ): PlanActivityView {
    const { participants } = activity;
    const held = activity.status === 'held' || activity.status === 'reported';
    return {
      id: activity.id,
      year: planYear(activity.startAt.getTime()),
      kind: activity.kind,
      titles: activity.titles,
      startAt: activity.startAt.toISOString(),
      endAt: activity.endAt.toISOString(),
      localTimes: zonedTimes(activity.startAt, activity.endAt, [viewer.zone, PLAN_REFERENCE_ZONE]),
      participants: {
        memberStates: participants.memberStates,
        ministryIds: participants.ministryIds,
        commandPostIds: own ? participants.commandPostIds.filter((p) => p === own) : participants.commandPostIds,
      },
      invitedCommandPostIds: invited,
      organiser: activity.organiser,
      status: activity.status,
      statusReason: activity.statusReason,
      history: activity.history,
      scenarioId: activity.scenario?.id ?? null,
      exerciseId: activity.exercise?.id ?? null,
      reportPath: held && activity.exercise ? `/api/exercises/${activity.exercise.id}/report` : null,
      attendance: invited.map(answer),
      agenda: activity.agenda,
      documents: activity.documents,
      minutes: activity.minutes,
      videoconferenceUrl:
        activity.kind === 'consultation' && this.config.videoconferenceUrlTemplate
          ? this.config.videoconferenceUrlTemplate.replaceAll('{id}', activity.id)
          : null,
      createdAt: activity.createdAt.toISOString(),
      updatedAt: activity.updatedAt.toISOString(),
    };
  }

  private async posts(): Promise<PlanPost[]> {
    const posts = await this.em.find(CommandPost, { active: true }, { orderBy: { code: 'asc' } });
    return posts.map((p) => ({ id: p.id, code: p.code, memberState: p.memberState, ministryId: p.ministryRef.id, timeZone: p.timeZone }));
  }

  /** The active posts the participants name: those of a member state, of a ministry, or named themselves; by code. */
  private invited(participants: PlanParticipants, posts: PlanPost[]): PlanPost[] {
    const states = new Set(participants.memberStates);
    const ministries = new Set(participants.ministryIds);
    const named = new Set(participants.commandPostIds);
    return posts.filter((p) => states.has(p.memberState) || ministries.has(p.ministryId) || named.has(p.id));
  }

  /** Participants that exist, once each; at least one of the three. */
  private async participants(dto: Partial<PlanParticipants>): Promise<PlanParticipants> {
    const memberStates = [...new Set(dto.memberStates ?? [])];
    const ministryIds = [...new Set((dto.ministryIds ?? []).map((id) => id.toLowerCase()))];
    const commandPostIds = [...new Set((dto.commandPostIds ?? []).map((id) => id.toLowerCase()))];
    if (memberStates.length + ministryIds.length + commandPostIds.length === 0) {
      throw DomainError.invalid([{ field: 'participants', message: 'names no member state, ministry or command post' }]);
    }
    const problems: FieldProblem[] = [];
    const missing = async <T extends object>(entity: new () => T, key: string, values: string[], where: object) => {
      if (values.length === 0) return [];
      const found = (await this.em.find(entity as never, where, { fields: [key] as never })) as unknown as Record<string, string>[];
      const known = new Set(found.map((row) => row[key]));
      return values.filter((v) => !known.has(v));
    };
    const states = await missing(MemberState, 'code', memberStates, { code: { $in: memberStates } });
    if (states.length) problems.push({ field: 'participants.memberStates', message: `names no member state (${states.join(', ')})` });
    const ministries = await missing(Ministry, 'id', ministryIds, { id: { $in: ministryIds } });
    if (ministries.length) problems.push({ field: 'participants.ministryIds', message: `names no ministry (${ministries.join(', ')})` });
    const posts = await missing(CommandPost, 'id', commandPostIds, { id: { $in: commandPostIds }, active: true });
    if (posts.length) problems.push({ field: 'participants.commandPostIds', message: `names no active command post (${posts.join(', ')})` });
    if (problems.length) throw DomainError.invalid(problems);
    return { memberStates, ministryIds, commandPostIds };
  }

  private async links(kind: PlanActivityKind, scenarioId: string | null, exerciseId: string | null) {
    const training = TRAINING_KINDS.includes(kind);
    if (!training && scenarioId)
      throw DomainError.invalid([{ field: 'scenarioId', message: `only a training activity (${TRAINING_KINDS.join(', ')}) links a scenario` }]);
    if (!training && exerciseId)
      throw DomainError.invalid([{ field: 'exerciseId', message: `only a training activity (${TRAINING_KINDS.join(', ')}) links an exercise` }]);
    const scenario = scenarioId ? await this.em.findOne(Scenario, { id: scenarioId }, { fields: ['id'] }) : null;
    if (scenarioId && !scenario) throw DomainError.invalid([{ field: 'scenarioId', message: 'names no scenario' }]);
    const exercise = exerciseId ? await this.em.findOne(Exercise, { id: exerciseId }, { fields: ['id', 'scenario'] }) : null;
    if (exerciseId && !exercise) throw DomainError.invalid([{ field: 'exerciseId', message: 'names no exercise' }]);
    return {
      scenario: scenario ? this.em.getReference(Scenario, scenario.id, { wrapped: true }) : exercise ? exercise.scenario : null,
      exercise: exercise ? this.em.getReference(Exercise, exercise.id, { wrapped: true }) : null,
    };
  }

  private assertDates(startAt: Date, endAt: Date): void {
    if (endAt.getTime() <= startAt.getTime()) throw DomainError.invalid([{ field: 'endAt', message: 'must be after startAt' }]);
  }

  /**
   * A consultation's agenda, documents and minutes as they will be stored (other kinds have none): ids made
   * up where left out, a document's updatedAt moved when it changed, every reference between them checked.
   */
  private consultation(
    kind: PlanActivityKind,
    dto: { agenda?: AgendaItemDto[]; documents?: PlanDocumentDto[]; minutes?: MinutesEntryDto[] },
    current: { agenda: AgendaItem[]; documents: PlanDocument[]; minutes: MinutesEntry[] },
  ): { agenda: AgendaItem[]; documents: PlanDocument[]; minutes: MinutesEntry[] } {
    const now = new Date().toISOString();
    const before = new Map(current.documents.map((d) => [d.id, d]));
    const documents: PlanDocument[] = dto.documents
      ? dto.documents.map((d) => {
          const id = d.id?.toLowerCase() ?? randomUUID();
          const old = before.get(id);
          const next = { id, title: d.title, version: d.version ?? old?.version ?? 1, status: d.status };
          const same = old && old.title === next.title && old.version === next.version && old.status === next.status;
          return { ...next, updatedAt: same ? old.updatedAt : now };
        })
      : current.documents;
    const agenda: AgendaItem[] = dto.agenda
      ? dto.agenda.map((a) => ({
          id: a.id?.toLowerCase() ?? randomUUID(),
          title: a.title,
          speakers: a.speakers,
          documents: a.documents.map((d) => d.toLowerCase()),
        }))
      : current.agenda;
    const minutes: MinutesEntry[] = dto.minutes
      ? dto.minutes.map((m) => ({
          agendaItemId: m.agendaItemId.toLowerCase(),
          decision: m.decision,
          actions: m.actions.map((a) => ({
            id: a.id?.toLowerCase() ?? randomUUID(),
            text: a.text,
            owner: a.owner,
            dueDate: a.dueDate,
            status: a.status,
          })),
        }))
      : current.minutes;
    if (kind !== 'consultation') {
      const used = (['agenda', 'documents', 'minutes'] as const).find((field) => ({ agenda, documents, minutes })[field].length > 0);
      if (used) throw DomainError.invalid([{ field: used, message: 'only a consultation has an agenda, documents and minutes' }]);
      return { agenda, documents, minutes };
    }
    const problems: FieldProblem[] = [];
    const unique = (field: string, ids: string[]) => {
      const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (twice.length) problems.push({ field, message: `names ${[...new Set(twice)].join(', ')} more than once` });
    };
    unique(
      'documents',
      documents.map((d) => d.id),
    );
    unique(
      'agenda',
      agenda.map((a) => a.id),
    );
    unique(
      'minutes',
      minutes.map((m) => m.agendaItemId),
    );
    const documentIds = new Set(documents.map((d) => d.id));
    agenda.forEach((item, i) => {
      const unknown = item.documents.filter((d) => !documentIds.has(d));
      if (unknown.length) problems.push({ field: `agenda.${i}.documents`, message: `names no document of the activity (${unknown.join(', ')})` });
    });
    const itemIds = new Set(agenda.map((a) => a.id));
    minutes.forEach((entry, i) => {
      if (!itemIds.has(entry.agendaItemId))
        problems.push({ field: `minutes.${i}.agendaItemId`, message: `names no agenda item of the activity (${entry.agendaItemId})` });
    });
    if (problems.length) throw DomainError.invalid(problems);
    return { agenda, documents, minutes };
  }
}

function attendanceView(commandPostId: string, row: PlanAttendance | undefined): AttendanceView {
  return {
    commandPostId,
    status: row?.status ?? 'pending',
    reason: row?.reason ?? null,
    respondedAt: row?.respondedAt?.toISOString() ?? null,
    respondedByDisplayName: row?.respondedByDisplayName ?? null,
    present: row?.present ?? null,
  };
}
