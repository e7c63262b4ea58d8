import { Injectable } from '@nestjs/common';
import { EntityManager, ref } from '@mikro-orm/postgresql';
import { DomainError, STAFF_ROLES, assertMediaLogo, mselProblems, normalizeInject, parseInstant, problemsOfInject } from '@excon/domain';
import { CommandPost, Exercise, ExerciseInject, PostGroup, Scenario, type ScenarioInject } from '@excon/persistence';
import type { AuditEventView, DeliveryView, ExerciseInjectView, ExerciseSummaryView, ExerciseView } from '@excon/contracts';
import {
  AuditService,
  ExerciseClockService,
  InjectFiringService,
  toDeliveryView,
  toExerciseInjectView,
  type AuditActor,
  type DeliveryRow,
  type InjectRow,
} from '@excon/engine';
import { AttachmentsService } from '../attachments/attachments.service';
import type { Actor } from '../auth/actor';
import type { AdHocInjectDto } from './ad-hoc-inject.dto';
import type { CreateExerciseDto } from './create-exercise.dto';
import type { UpdateExerciseDto } from './update-exercise.dto';
import { toExerciseSummary, toExerciseView } from './exercise.view';

export function auditActor(actor: Actor): AuditActor {
  return { id: actor.id, name: actor.username };
}

function isStaff(actor: Actor): boolean {
  return STAFF_ROLES.includes(actor.role);
}

/**
 * Exercises as controllers, evaluators, reviewers and operators see them, and the control actions
 * that the engine carries out. An operator sees only exercises its post takes part in, never their
 * injects, and only its own post's deliveries; anything else is 404, whatever id it guesses.
 */
@Injectable()
export class ExercisesService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: ExerciseClockService,
    private readonly firing: InjectFiringService,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
  ) {}

  /**
   * A frozen copy of the scenario's injects: later scenario edits do not touch the exercise. Each inject's post
   * groups become their posts that are active now, after the inject's own targets; the exercise holds posts only,
   * so a later change of a group does not reach it.
   */
  async create(dto: CreateExerciseDto, actor: Actor): Promise<ExerciseView> {
    const exercise = await this.em.transactional(async (em) => {
      const scenario = await em.findOne(Scenario, { id: dto.scenarioId }, { populate: ['injects'] });
      if (!scenario) throw DomainError.invalid([{ field: 'scenarioId', message: 'names no scenario' }]);
      const injects = scenario.injects.getItems();
      const targetsOf = await this.expandGroups(em, injects);
      const created = Object.assign(new Exercise(), {
        scenario: ref(scenario),
        title: dto.title ?? scenario.title,
        speed: dto.speed ?? 1,
        commandPostIds: [...new Set(injects.flatMap(targetsOf))],
        objectives: structuredClone(scenario.objectives),
      });
      em.persist(created);
      for (const inject of injects) {
        const { id: sourceInjectId, scenario: _scenario, targetGroups: _groups, ...fields } = inject;
        const copy = Object.assign(new ExerciseInject(), fields, {
          targets: targetsOf(inject),
          objectiveRefs: [...fields.objectiveRefs],
          translations: { ...fields.translations },
          sourceInjectId,
          exercise: ref(created),
        });
        em.persist(copy);
      }
      await em.flush();
      await this.attachments.copyToExercise(em, created.id);
      await this.audit.record(em, created.id, auditActor(actor), 'exercise.created', {
        scenarioId: scenario.id,
        injects: injects.length,
        speed: created.speed,
      });
      return created;
    });
    return this.get(exercise.id, actor);
  }

  /** For each inject: its targets, then the active posts of its groups in the groups' order, each post once. */
  private async expandGroups(em: EntityManager, injects: ScenarioInject[]): Promise<(inject: ScenarioInject) => string[]> {
    const groupIds = [...new Set(injects.flatMap((i) => i.targetGroups))];
    const groups = groupIds.length ? await em.find(PostGroup, { id: { $in: groupIds } }) : [];
    const memberIds = [...new Set(groups.flatMap((g) => g.commandPostIds))];
    const active = new Set(
      (memberIds.length ? await em.find(CommandPost, { id: { $in: memberIds }, active: true }, { fields: ['id'] }) : []).map((p) => p.id),
    );
    const membersOf = new Map(groups.map((g) => [g.id, g.commandPostIds.filter((id) => active.has(id))]));
    return (inject) => [...new Set([...inject.targets, ...inject.targetGroups.flatMap((id) => membersOf.get(id) ?? [])])];
  }

  async list(actor: Actor): Promise<ExerciseSummaryView[]> {
    const where = isStaff(actor) ? {} : { commandPostIds: { $contains: [actor.commandPostId as string] } };
    const exercises = await this.em.find(Exercise, where, { orderBy: { createdAt: 'desc' } });
    if (!isStaff(actor)) return exercises.map((e) => toExerciseSummary(e, undefined));
    const counts = await this.em.execute<{ exercise_id: string; count: string }[]>(
      `select exercise_id, count(*) from exercise_inject where exercise_id = any(?::uuid[]) group by exercise_id`,
      [`{${exercises.map((e) => e.id).join(',')}}`],
    );
    const countOf = new Map(counts.map((c) => [c.exercise_id, Number(c.count)]));
    return exercises.map((e) => toExerciseSummary(e, countOf.get(e.id) ?? 0));
  }

  async get(id: string, actor: Actor): Promise<ExerciseView> {
    const exercise = await this.visible(id, actor);
    return toExerciseView(exercise, isStaff(actor) ? await this.injectsOf(id) : undefined);
  }

  async update(id: string, dto: UpdateExerciseDto, actor: Actor): Promise<ExerciseView> {
    const exercise = await this.visible(id, actor);
    // The speed change is the part that can be refused (409 on a completed exercise): it goes first, so a refused request writes nothing.
    if (dto.speed !== undefined) await this.clock.changeSpeed(id, dto.speed, auditActor(actor));
    else if (dto.title !== undefined && exercise.status === 'completed') throw DomainError.conflict('the exercise is completed');
    // Scope and mission area describe the exercise for its after-action report: they may change after ENDEX too.
    const described = {
      ...(dto.scope === undefined ? {} : { scope: dto.scope }),
      ...(dto.missionArea === undefined ? {} : { missionArea: dto.missionArea }),
    };
    if (dto.title !== undefined || Object.keys(described).length) {
      await this.em.transactional(async (em) => {
        await em.nativeUpdate(Exercise, { id }, { ...(dto.title === undefined ? {} : { title: dto.title }), ...described });
        if (dto.title !== undefined) await this.audit.record(em, id, auditActor(actor), 'exercise.renamed', { title: dto.title });
        if (Object.keys(described).length) await this.audit.record(em, id, auditActor(actor), 'exercise.described', described);
      });
    }
    this.em.clear();
    return this.get(id, actor);
  }

  async start(id: string, at: string | undefined, actor: Actor): Promise<ExerciseView> {
    await this.clock.start(id, auditActor(actor), at === undefined ? undefined : new Date(parseInstant(at) as number));
    return this.get(id, actor);
  }

  async pause(id: string, actor: Actor): Promise<ExerciseView> {
    await this.clock.pause(id, auditActor(actor));
    return this.get(id, actor);
  }

  async resume(id: string, actor: Actor): Promise<ExerciseView> {
    await this.clock.resume(id, auditActor(actor));
    return this.get(id, actor);
  }

  async stop(id: string, actor: Actor): Promise<ExerciseView> {
    await this.clock.stop(id, auditActor(actor));
    return this.get(id, actor);
  }

  async fireNow(id: string, injectId: string, actor: Actor): Promise<ExerciseInjectView> {
    return toExerciseInjectView(await this.firing.fireNow(id, injectId, auditActor(actor)));
  }

  async controlInject(
    id: string,
    injectId: string,
    action: 'hold' | 'release' | 'skip' | 'retime',
    actor: Actor,
    offsetSeconds?: number,
  ): Promise<ExerciseInjectView> {
    return toExerciseInjectView(await this.clock.controlInject(id, injectId, action, auditActor(actor), offsetSeconds));
  }

  /**
   * An inject written during the run: due at its offset, or created and fired at once (one
   * transaction) without one. It goes through the same normalisation and MSEL rules as a scenario's
   * inject, checked against the exercise's own injects and its frozen objectives.
   */
  async addInject(id: string, dto: AdHocInjectDto, actor: Actor): Promise<ExerciseInjectView> {
    const exercise = await this.visible(id, actor);
    const inject = normalizeInject(dto);
    assertMediaLogo(inject.media, []);
    const existing = await this.em.execute<{ ref: string; contingency: boolean; targets: string[] }[]>(
      `select ref, contingency, targets from exercise_inject where exercise_id = ?`,
      [id],
    );
    const known = await this.em.find(CommandPost, { id: { $in: inject.targets } }, { fields: ['id'] });
    const draft = { objectives: exercise.objectives, injects: [...existing.map((e) => ({ ...e, targets: [] })), inject] };
    // The exercise's own injects stand as they are (their targets are not re-checked here): only the new one's problems count.
    const others = /^injects\[\d+\]/;
    const own = `injects[${existing.length}].`;
    const problems = problemsOfInject(
      mselProblems(draft, new Set(known.map((p) => p.id))).filter((p) => !others.test(p.field) || p.field.startsWith(own)),
      existing.length,
    );
    if (problems.length) throw DomainError.invalid(problems);
    // An ad-hoc inject is never a contingency inject (nothing would release it).
    const row = await this.clock.addInject(id, { ...inject, contingency: false, offsetSeconds: dto.offsetSeconds ?? null }, auditActor(actor));
    return toExerciseInjectView(row);
  }

  async deliveries(id: string, actor: Actor): Promise<DeliveryView[]> {
    await this.visible(id, actor);
    const rows = isStaff(actor)
      ? await this.em.execute<DeliveryRow[]>(`select * from delivery where exercise_id = ? order by fired_at, command_post_id`, [id])
      : await this.em.execute<DeliveryRow[]>(`select * from delivery where exercise_id = ? and command_post_id = ? order by seq`, [
          id,
          actor.commandPostId,
        ]);
    return rows.map(toDeliveryView);
  }

  async auditTrail(id: string, actor: Actor): Promise<AuditEventView[]> {
    await this.visible(id, actor);
    return this.audit.trail(this.em, id);
  }

  /** The exercise if the actor may see it; 404 otherwise (an operator's post must take part). */
  async visible(id: string, actor: Actor): Promise<Exercise> {
    const exercise = await this.em.findOne(Exercise, { id });
    if (!exercise || (!isStaff(actor) && !exercise.commandPostIds.includes(actor.commandPostId as string))) throw DomainError.notFound('exercise');
    return exercise;
  }

  async injectsOf(id: string): Promise<ExerciseInjectView[]> {
    const rows = await this.em.execute<InjectRow[]>(`select * from exercise_inject where exercise_id = ? order by offset_seconds, ref`, [id]);
    return rows.map(toExerciseInjectView);
  }
}
