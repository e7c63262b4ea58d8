import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, MSEL_LIMITS, mselProblems, normalizeInject, problemsOfInject, type MselDraft } from '@excon/domain';
import { CommandPost, Scenario, ScenarioInject } from '@excon/persistence';
import type { InjectInput, InjectView, ScenarioSummaryView, ScenarioView } from '@excon/contracts';
import type { CreateScenarioDto } from './create-scenario.dto';
import type { UpdateScenarioDto } from './update-scenario.dto';
import type { InjectDto, UpdateInjectDto } from './inject.dto';
import { toInjectView, toScenarioView } from './scenario.view';

type InjectFields = Omit<ScenarioInject, 'id' | 'scenario'>;

/** A whole MSEL as an import produced it, already checked. */
export interface ImportedScenarioDraft {
  title: string;
  description: string;
  language: Scenario['language'];
  objectives: Scenario['objectives'];
  injects: InjectInput[];
}

/** An inject as stored: the one normalisation of libs/domain, shared with ad-hoc injects. */
function injectFields(input: InjectInput): InjectFields {
  return { ...normalizeInject(input), offsetSeconds: input.offsetSeconds };
}

/** Scenario authoring: the MSEL and its objectives. Every write validates the whole MSEL first and writes nothing when it fails. */
@Injectable()
export class ScenariosService {
  constructor(private readonly em: EntityManager) {}

  async create(dto: CreateScenarioDto): Promise<ScenarioView> {
    const injects = dto.injects.map(injectFields);
    const objectives = (dto.objectives ?? []).map(({ ref, title }) => ({ ref, title }));
    await this.assertValid({ objectives, injects });
    const now = new Date();
    const scenario = this.em.create(Scenario, {
      title: dto.title,
      description: dto.description ?? '',
      language: dto.language ?? 'ru',
      objectives,
      createdAt: now,
      updatedAt: now,
    });
    for (const inject of injects) scenario.injects.add(this.em.create(ScenarioInject, { ...inject, scenario }));
    await this.em.persistAndFlush(scenario);
    return toScenarioView(await this.load(scenario.id));
  }

  /**
   * Writes an imported MSEL (apps/api/src/msel-files checked it with the DTO and MSEL rules): a new
   * scenario, or, with `scenarioId`, that scenario's next version, its objectives and injects replaced
   * (exercises keep their frozen copies) and its title kept unless the import gave one. One transaction.
   */
  async saveImported(draft: ImportedScenarioDraft, scenarioId: string | undefined, titleGiven: boolean): Promise<ScenarioView> {
    const id = await this.em.transactional(async (em) => {
      const now = new Date();
      let scenario: Scenario;
      if (scenarioId) {
        const locked = await em.execute<{ id: string }[]>(`select id from scenario where id = ? for update`, [scenarioId]);
        if (locked.length === 0) throw DomainError.invalid([{ field: 'options.scenarioId', message: 'names no scenario' }]);
        scenario = await this.load(scenarioId, em);
        await em.nativeDelete(ScenarioInject, { scenario: scenarioId });
        if (titleGiven) scenario.title = draft.title;
        scenario.description = draft.description || scenario.description;
        scenario.language = draft.language;
        scenario.objectives = draft.objectives;
        scenario.version += 1;
        scenario.updatedAt = now;
      } else {
        const { injects: _injects, ...fields } = draft;
        scenario = em.create(Scenario, { ...fields, createdAt: now, updatedAt: now });
        em.persist(scenario);
      }
      for (const inject of draft.injects) em.persist(em.create(ScenarioInject, { ...injectFields(inject), scenario }));
      await em.flush();
      return scenario.id;
    });
    this.em.clear();
    return toScenarioView(await this.load(id));
  }

  async list(): Promise<ScenarioSummaryView[]> {
    const rows = await this.em.getConnection().execute<{ id: string; title: string; description: string; inject_count: string; updated_at: Date }[]>(
      `select s.id, s.title, s.description, s.updated_at, count(i.id) as inject_count
         from scenario s left join scenario_inject i on i.scenario_id = s.id
        group by s.id order by s.updated_at desc`,
    );
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      description: row.description,
      injectCount: Number(row.inject_count),
      updatedAt: new Date(row.updated_at).toISOString(),
    }));
  }

  async get(id: string): Promise<ScenarioView> {
    return toScenarioView(await this.load(id));
  }

  async update(id: string, dto: UpdateScenarioDto): Promise<ScenarioView> {
    const scenario = await this.load(id);
    if (dto.objectives) {
      const objectives = dto.objectives.map(({ ref, title }) => ({ ref, title }));
      const problems = mselProblems({ objectives, injects: [] }, new Set());
      const kept = new Set(objectives.map((o) => o.ref));
      const stillNamed = new Map<string, string[]>();
      for (const inject of scenario.injects) {
        for (const ref of inject.objectiveRefs) if (!kept.has(ref)) stillNamed.set(ref, [...(stillNamed.get(ref) ?? []), inject.ref]);
      }
      for (const [ref, injectRefs] of stillNamed)
        problems.push({ field: 'objectives', message: `objective "${ref}" is still named by inject ${injectRefs.join(', ')}` });
      if (problems.length) throw DomainError.invalid(problems);
      scenario.objectives = objectives;
    }
    if (dto.title !== undefined) scenario.title = dto.title;
    if (dto.description !== undefined) scenario.description = dto.description;
    if (dto.language !== undefined) scenario.language = dto.language;
    scenario.updatedAt = new Date();
    await this.em.flush();
    return toScenarioView(scenario);
  }

  /** Refused with 409 while an exercise was created from it (the exercise's foreign key restricts it). */
  async remove(id: string): Promise<void> {
    const scenario = await this.load(id);
    await this.em.removeAndFlush(scenario);
  }

  /**
   * Adds one inject within MSEL_LIMITS.maxInjects. The scenario row is locked first, so parallel adds
   * see each other's injects and cannot pass the limit together.
   */
  async addInject(scenarioId: string, dto: InjectDto): Promise<InjectView> {
    const fields = injectFields(dto);
    const inject = await this.em.transactional(async (em) => {
      const locked = await em.execute<{ id: string }[]>(`select id from scenario where id = ? for update`, [scenarioId]);
      if (locked.length === 0) throw DomainError.notFound('scenario');
      // A statement of its own after the lock: its snapshot holds what the adds before this one committed.
      const [{ injects }] = await em.execute<{ injects: number }[]>(`select count(*)::int as injects from scenario_inject where scenario_id = ?`, [
        scenarioId,
      ]);
      if (injects >= MSEL_LIMITS.maxInjects) {
        throw DomainError.invalid([{ field: 'injects', message: `a scenario holds at most ${MSEL_LIMITS.maxInjects} injects` }]);
      }
      const scenario = await this.load(scenarioId, em);
      const existing = scenario.injects.getItems().map((i) => this.fieldsOf(i));
      await this.assertValid({ objectives: scenario.objectives, injects: [...existing, fields] }, existing.length, em);
      const created = em.create(ScenarioInject, { ...fields, scenario });
      scenario.injects.add(created);
      scenario.updatedAt = new Date();
      await em.flush();
      return created;
    });
    return toInjectView(inject);
  }

  async updateInject(scenarioId: string, injectId: string, dto: UpdateInjectDto): Promise<InjectView> {
    const scenario = await this.load(scenarioId);
    const items = scenario.injects.getItems();
    const index = items.findIndex((i) => i.id === injectId);
    if (index < 0) throw DomainError.notFound('inject');
    const merged = injectFields({ ...this.fieldsOf(items[index]), ...stripUndefined(dto) });
    // The edited inject goes last, so a clash with another inject's ref is reported on the edited one.
    const others = items.filter((_, k) => k !== index).map((i) => this.fieldsOf(i));
    const oldRef = items[index].ref;
    if (merged.ref !== oldRef) {
      const namers = items.filter((i) => i.contingencyRef === oldRef).map((i) => i.ref);
      if (namers.length) throw DomainError.conflict(`inject ${namers.join(', ')} names "${oldRef}" as its contingency inject`);
    }
    await this.assertValid({ objectives: scenario.objectives, injects: [...others, merged] }, others.length);
    Object.assign(items[index], merged);
    scenario.updatedAt = new Date();
    await this.em.flush();
    return toInjectView(items[index]);
  }

  async removeInject(scenarioId: string, injectId: string): Promise<void> {
    const scenario = await this.load(scenarioId);
    const inject = scenario.injects.getItems().find((i) => i.id === injectId);
    if (!inject) throw DomainError.notFound('inject');
    const namers = scenario.injects
      .getItems()
      .filter((i) => i.contingencyRef === inject.ref)
      .map((i) => i.ref);
    if (namers.length) throw DomainError.conflict(`inject ${namers.join(', ')} names "${inject.ref}" as its contingency inject`);
    scenario.injects.remove(inject);
    scenario.updatedAt = new Date();
    await this.em.flush();
  }

  /** The scenario with its injects; `em` of a transaction reads them afresh. */
  private async load(id: string, em: EntityManager = this.em): Promise<Scenario> {
    const scenario = await em.findOne(Scenario, { id }, { populate: ['injects'], refresh: em !== this.em });
    if (!scenario) throw DomainError.notFound('scenario');
    return scenario;
  }

  private fieldsOf(inject: ScenarioInject): InjectFields {
    const { id: _id, scenario: _scenario, ...fields } = inject;
    return fields;
  }

  /** Throws a 400 naming every offending field; `editedIndex` reports that inject's fields without their prefix. */
  private async assertValid(draft: MselDraft, editedIndex?: number, em: EntityManager = this.em): Promise<void> {
    const ids = [...new Set(draft.injects.flatMap((i) => i.targets))];
    const known = ids.length ? await em.find(CommandPost, { id: { $in: ids } }, { fields: ['id'] }) : [];
    let problems = mselProblems(draft, new Set(known.map((p) => p.id)));
    if (editedIndex !== undefined) problems = problemsOfInject(problems, editedIndex);
    if (problems.length) throw DomainError.invalid(problems);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
