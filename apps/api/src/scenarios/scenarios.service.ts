import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, MSEL_LIMITS, mselProblems, normalizeInject, problemsOfInject, assertMediaLogo, type MselDraft } from '@excon/domain';
import { CommandPost, PostGroup, Scenario, ScenarioInject } from '@excon/persistence';
import type { InjectInput, InjectView, ScenarioSummaryView, ScenarioView } from '@excon/contracts';
import { toObjective, type CreateScenarioDto } from './create-scenario.dto';
import type { UpdateScenarioDto } from './update-scenario.dto';
import type { InjectDto, UpdateInjectDto } from './inject.dto';
import { AttachmentsService, type PreparedAttachment } from '../attachments/attachments.service';
import { compareInjects, toInjectView, toScenarioView } from './scenario.view';

type InjectFields = Omit<ScenarioInject, 'id' | 'scenario'>;

/**
 * Many injects in one statement: PostgreSQL unpacks them from one JSON parameter (10,000 rows in a few
 * hundred milliseconds, where the ORM's batched inserts took seconds, and no 65,535-parameter limit).
 */
async function insertInjects(em: EntityManager, scenarioId: string, injects: (InjectFields & { id: string })[]): Promise<void> {
  if (!injects.length) return;
  const rows = injects.map((i) => ({
    id: i.id,
    ref: i.ref,
    offset_seconds: i.offsetSeconds,
    title: i.title,
    body: i.body,
    targets: i.targets,
    target_groups: i.targetGroups,
    precedence: i.precedence,
    from: i.from,
    expected_action: i.expectedAction,
    controller_notes: i.controllerNotes,
    ack_within_seconds: i.ackWithinSeconds,
    respond_within_seconds: i.respondWithinSeconds,
    objective_refs: i.objectiveRefs,
    translations: i.translations,
    contingency_ref: i.contingencyRef,
    contingency: i.contingency,
    kind: i.kind,
    media: i.media,
  }));
  await em.execute(
    `insert into scenario_inject (id, scenario_id, ref, offset_seconds, title, body, targets, target_groups, precedence, "from", expected_action, controller_notes,
                                  ack_within_seconds, respond_within_seconds, objective_refs, translations, contingency_ref, contingency, kind, media)
     select r.id, ?, r.ref, r.offset_seconds, r.title, r.body, r.targets, r.target_groups, r.precedence, r."from", r.expected_action, r.controller_notes,
            r.ack_within_seconds, r.respond_within_seconds, r.objective_refs, r.translations, r.contingency_ref, r.contingency, r.kind, r.media
       from jsonb_to_recordset(?::jsonb) as r(id uuid, ref text, offset_seconds int, title text, body text, targets jsonb, target_groups jsonb, precedence text, "from" text,
                                              expected_action text, controller_notes text, ack_within_seconds int, respond_within_seconds int,
                                              objective_refs jsonb, translations jsonb, contingency_ref text, contingency boolean, kind text, media jsonb)`,
    [scenarioId, JSON.stringify(rows)],
  );
}

/** A file of an MSEL package, checked, for the inject of `ref`; `logo`: that media inject's outlet logo. */
export interface ImportedFile {
  ref: string;
  file: PreparedAttachment;
  logo: boolean;
}

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
  return { ...normalizeInject(input), offsetSeconds: input.offsetSeconds, targetGroups: (input.targetGroups ?? []).map((id) => id.toLowerCase()) };
}

/** Scenario authoring: the MSEL and its objectives. Every write validates the whole MSEL first and writes nothing when it fails. */
@Injectable()
export class ScenariosService {
  /** Per scenario, the end of the last add queued in this process (see oneAtATime). */
  private readonly adding = new Map<string, Promise<void>>();

  constructor(
    private readonly em: EntityManager,
    private readonly attachments: AttachmentsService,
  ) {}

  async create(dto: CreateScenarioDto): Promise<ScenarioView> {
    const injects = dto.injects.map(injectFields);
    const objectives = (dto.objectives ?? []).map(toObjective);
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
   * (exercises keep their frozen copies) and its title kept unless the import gave one. One transaction;
   * the injects go in as multi-row inserts, not through the unit of work (10,000 of them in well under a
   * second), and the answer is built from what was written rather than read back.
   */
  async saveImported(
    draft: ImportedScenarioDraft,
    scenarioId: string | undefined,
    titleGiven: boolean,
    files: readonly ImportedFile[] = [],
  ): Promise<ScenarioView> {
    const injects = draft.injects.map((input) => ({ id: randomUUID(), ...injectFields(input) }));
    const scenario = await this.em.transactional(async (em) => {
      const now = new Date();
      let row: Pick<Scenario, 'id' | 'title' | 'description' | 'version' | 'createdAt'>;
      if (scenarioId) {
        const [locked] = await em.execute<{ id: string; title: string; description: string; version: number; created_at: Date }[]>(
          `select id, title, description, version, created_at from scenario where id = ? for update`,
          [scenarioId],
        );
        if (!locked) throw DomainError.invalid([{ field: 'options.scenarioId', message: 'names no scenario' }]);
        row = {
          id: locked.id,
          title: titleGiven ? draft.title : locked.title,
          description: draft.description || locked.description,
          version: locked.version + 1,
          createdAt: new Date(locked.created_at),
        };
        await em.nativeDelete(ScenarioInject, { scenario: scenarioId });
        await em.nativeUpdate(
          Scenario,
          { id: scenarioId },
          {
            title: row.title,
            description: row.description,
            language: draft.language,
            objectives: draft.objectives,
            version: row.version,
            updatedAt: now,
          },
        );
      } else {
        row = { id: randomUUID(), title: draft.title, description: draft.description, version: 1, createdAt: now };
        await em.insert(Scenario, { ...row, language: draft.language, objectives: draft.objectives, updatedAt: now });
      }
      await insertInjects(em, row.id, injects);
      // An MSEL package's files, in the same transaction: the scenario comes with all of them or not at all.
      const idOf = new Map(injects.map((i) => [i.ref, i.id]));
      for (const { ref, file, logo } of files) {
        const injectId = idOf.get(ref) as string;
        const attachmentId = await this.attachments.attachInTransaction(em, injectId, file);
        if (logo && file.contentType.startsWith('image/'))
          await em.execute(
            `update scenario_inject set media = jsonb_set(media, '{outletLogoAttachmentId}', to_jsonb(?::text)) where id = ? and kind = 'media' and media is not null`,
            [attachmentId, injectId],
          );
      }
      return { ...row, updatedAt: now };
    });
    if (files.length) return this.get(scenario.id);
    return {
      id: scenario.id,
      title: scenario.title,
      description: scenario.description,
      language: draft.language,
      objectives: draft.objectives,
      injects: [...injects].sort(compareInjects).map((inject) => toInjectView(inject)),
      version: scenario.version,
      createdAt: scenario.createdAt.toISOString(),
      updatedAt: scenario.updatedAt.toISOString(),
    };
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
    return toScenarioView(await this.load(id), await this.attachments.ofScenario(id));
  }

  async update(id: string, dto: UpdateScenarioDto): Promise<ScenarioView> {
    const scenario = await this.load(id);
    if (dto.objectives) {
      const objectives = dto.objectives.map(toObjective);
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
    return toScenarioView(scenario, await this.attachments.ofScenario(id));
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
    assertMediaLogo(fields.media, []);
    const inject = await this.oneAtATime(scenarioId, () =>
      this.em.transactional(async (em) => {
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
      }),
    );
    return toInjectView(inject);
  }

  /**
   * Runs the adds to one scenario one after another in this process, so that an add waiting for the one before
   * it holds no pooled connection meanwhile: six parallel adds to a 10,000-inject scenario queued on the row lock
   * with a connection each, and the last ones timed out on the pool (503) on a loaded machine. The row lock still
   * orders adds of different processes.
   */
  private oneAtATime<T>(scenarioId: string, work: () => Promise<T>): Promise<T> {
    const before = this.adding.get(scenarioId) ?? Promise.resolve();
    const run = before.then(work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.adding.set(scenarioId, tail);
    void tail.then(() => {
      if (this.adding.get(scenarioId) === tail) this.adding.delete(scenarioId);
    });
    return run;
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
    const files = (await this.attachments.ofScenario(scenarioId)).get(injectId) ?? [];
    assertMediaLogo(merged.media, files);
    Object.assign(items[index], merged);
    scenario.updatedAt = new Date();
    await this.em.flush();
    return toInjectView(items[index], files);
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
    const groupIds = [...new Set(draft.injects.flatMap((i) => i.targetGroups ?? []))];
    const groups = groupIds.length ? await em.find(PostGroup, { id: { $in: groupIds } }, { fields: ['id'] }) : [];
    let problems = mselProblems(draft, new Set(known.map((p) => p.id)), new Set(groups.map((g) => g.id)));
    if (editedIndex !== undefined) problems = problemsOfInject(problems, editedIndex);
    if (problems.length) throw DomainError.invalid(problems);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
