import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, mselProblems, type FieldProblem, type MselImportOptions } from '@excon/domain';
import {
  MselFileError,
  detectFormat,
  importPortable,
  importSheets,
  inspectSheets,
  readCsv,
  readMselJson,
  readXlsx,
  type ImportBuild,
  type PostRef,
  type SheetTable,
} from '@excon/msel-io';
import { APP_CONFIG, type AppConfig } from '@excon/config';
import { CommandPost, PostGroup } from '@excon/persistence';
import type { ImportInspectView, ImportPreviewView, ScenarioView } from '@excon/contracts';
import { fieldProblems, validationException } from '../common/validation';
import { CreateScenarioDto } from '../scenarios/create-scenario.dto';
import { ScenariosService } from '../scenarios/scenarios.service';
import { ImportOptionsDto } from './import-options.dto';
import { ImportPresetsService } from './import-presets.service';
import { AttachmentsService } from '../attachments/attachments.service';
import { readPackage, type PackageFile } from './msel-package';
import type { ImportedFile } from '../scenarios/scenarios.service';

/** The upload as multer hands it over (memory storage). */
export interface UploadedMselFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** A 400 lists at most this many cells; the message says how many more there were. */
const MAX_PROBLEMS = 1000;

type ReadFile =
  | { format: 'xlsx' | 'csv'; sheets: SheetTable[]; encoding?: ImportInspectView['encoding']; delimiter?: ImportInspectView['delimiter'] }
  | { format: 'json'; sheets: SheetTable[] | null; portable: Extract<ReturnType<typeof readMselJson>, { kind: 'excon' }> | null };

/**
 * MSEL import: the file read (libs/msel-io), its cells mapped to injects, the result checked by the same
 * DTO rules and MSEL rules as a scenario written by hand, and written in one transaction, or not at all.
 * Every problem of the file comes back at once, named by its row and column.
 */
@Injectable()
export class MselImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly scenarios: ScenariosService,
    private readonly presets: ImportPresetsService,
    private readonly attachments: AttachmentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The mapping step: sheets, the header row and each column with its first values and proposed field. */
  async inspect(file: UploadedMselFile | undefined, rawOptions: string | undefined): Promise<ImportInspectView> {
    const options = await this.options(rawOptions);
    const read = await this.read(file);
    if (read.format === 'json' && read.portable) {
      return { format: 'json', sheets: [], sheet: null, headerRow: 0, rowCount: read.portable.scenario.injects.length, columns: [], mapping: {} };
    }
    const { layout, problems } = inspectSheets(read.sheets ?? [], options);
    if (!layout) throw validationException(problems);
    return {
      format: read.format,
      ...layout,
      ...(read.format !== 'json' && read.encoding ? { encoding: read.encoding } : {}),
      ...(read.format !== 'json' && read.delimiter ? { delimiter: read.delimiter } : {}),
    };
  }

  /** `?dryRun=true`: the scenario the import would create; nothing is written. */
  async preview(file: UploadedMselFile | undefined, rawOptions: string | undefined): Promise<ImportPreviewView> {
    const { build } = await this.checkedBuild(file, rawOptions);
    return {
      scenario: build.scenario,
      mapping: build.mapping,
      warnings: build.warnings,
      rows: build.locator.rows,
      unmapped: build.unmapped,
    };
  }

  /** Creates the scenario, or the next version of `options.scenarioId`. */
  async commit(file: UploadedMselFile | undefined, rawOptions: string | undefined): Promise<ScenarioView> {
    const { build, options, files } = await this.checkedBuild(file, rawOptions);
    return this.scenarios.saveImported(build.scenario, options.scenarioId, options.title !== undefined, files);
  }

  private async checkedBuild(
    file: UploadedMselFile | undefined,
    rawOptions: string | undefined,
  ): Promise<{ build: ImportBuild; options: MselImportOptions; files: ImportedFile[] }> {
    const options = await this.options(rawOptions);
    const read = await this.read(file);
    const posts = await this.posts();
    let build: ImportBuild;
    if (read.format === 'json' && read.portable) {
      build = importPortable(read.portable.scenario, options, posts);
      build.warnings.push(...read.portable.warnings);
    } else build = importSheets(read.sheets ?? [], options, posts, file?.originalname);
    const problems = [...build.problems];
    if (!problems.some((p) => p.field.startsWith('options') || p.field === 'file'))
      problems.push(
        ...(await this.ruleProblems(
          build,
          new Set(posts.filter((p) => !p.group).map((p) => p.id)),
          new Set(posts.filter((p) => p.group).map((p) => p.id)),
        )),
      );
    if (problems.length) throw this.invalid(problems);
    return { build, options, files: await this.packageFiles(build, read.files ?? []) };
  }

  /** An MSEL package's files, each for an inject the MSEL holds and checked as an upload would be. */
  private async packageFiles(build: ImportBuild, files: PackageFile[]): Promise<ImportedFile[]> {
    const refs = new Set(build.scenario.injects.map((i) => i.ref));
    const missing = files.filter((f) => !refs.has(f.ref));
    if (missing.length)
      throw DomainError.invalid(
        missing.map((f) => ({ field: 'file', message: `attachments.json puts «${f.name}» on inject "${f.ref}", which the MSEL does not hold` })),
      );
    const prepared: ImportedFile[] = [];
    for (const file of files) prepared.push({ ref: file.ref, logo: file.logo, file: await this.attachments.prepare(file.name, file.bytes) });
    return prepared;
  }

  /** The rules of a scenario written by hand: the DTO's field rules, then the MSEL's cross-field rules, at the cells they came from. */
  private async ruleProblems(build: ImportBuild, postIds: ReadonlySet<string>, groupIds: ReadonlySet<string>): Promise<FieldProblem[]> {
    const dto = plainToInstance(CreateScenarioDto, build.scenario);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
    const found = [...fieldProblems(errors), ...mselProblems(build.scenario, postIds, groupIds)];
    const seen = new Set(build.problems.map((p) => p.field));
    const problems: FieldProblem[] = [];
    for (const problem of found) {
      const at = /^injects\[(\d+)\]\.(.+)$/.exec(problem.field);
      let located: FieldProblem;
      if (at) located = { ...build.locator.fieldOf(Number(at[1]), at[2]), message: problem.message };
      else if (problem.field === 'title')
        located = { field: 'options.title', message: `the scenario's title ${problem.message.replace(/^title /, '')}` };
      else if (problem.field === 'injects')
        located = { field: 'file', message: problem.message.replace(/^injects /, 'the file holds too many injects: ') };
      else located = problem;
      if (seen.has(located.field)) continue;
      seen.add(located.field);
      problems.push(located);
    }
    return problems;
  }

  private invalid(problems: FieldProblem[]): Error {
    if (problems.length <= MAX_PROBLEMS) return validationException(problems);
    const error = validationException(problems.slice(0, MAX_PROBLEMS));
    const body = error.getResponse() as { message: string };
    body.message = `${problems.length} cells are invalid; the first ${MAX_PROBLEMS} are listed`;
    return error;
  }

  /** The `options` part: JSON, checked field by field, with a named preset's options under it. */
  private async options(raw: string | undefined): Promise<MselImportOptions> {
    if (raw === undefined || raw.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw DomainError.invalid([{ field: 'options', message: `is not valid JSON (${(error as Error).message})` }]);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw DomainError.invalid([{ field: 'options', message: 'must be a JSON object' }]);
    const dto = plainToInstance(ImportOptionsDto, parsed);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
    if (errors.length) throw validationException(fieldProblems(errors, 'options'));
    const given = parsed as MselImportOptions;
    if (given.preset === undefined) return given;
    const preset = await this.presets.findByName(given.preset);
    if (!preset) throw DomainError.invalid([{ field: 'options.preset', message: `names no saved preset («${given.preset}»)` }]);
    const { preset: _name, ...rest } = given;
    return { ...preset.options, ...rest };
  }

  private async read(file: UploadedMselFile | undefined): Promise<ReadFile & { files?: PackageFile[] }> {
    if (!file || file.size === 0)
      throw DomainError.invalid([{ field: 'file', message: 'send the MSEL as the multipart field "file" (.xlsx, .csv, .json or an ExCon .zip)' }]);
    try {
      // An ExCon package: the MSEL inside it, and its injects' files.
      if (/\.zip$/i.test(file.originalname)) {
        const { msel, files } = await readPackage(file.buffer, this.config.attachmentMaxBytes);
        return { ...(await this.read({ originalname: msel.name, buffer: msel.bytes, size: msel.bytes.length })), files };
      }
      const format = detectFormat(file.originalname, file.buffer);
      if (format === 'xlsx') return { format, sheets: await readXlsx(file.buffer) };
      if (format === 'csv') {
        const csv = readCsv(file.buffer, file.originalname);
        return { format, sheets: [csv.table], encoding: csv.encoding, delimiter: csv.delimiter };
      }
      const json = readMselJson(file.buffer);
      return json.kind === 'excon' ? { format, sheets: null, portable: json } : { format, sheets: [json.table], portable: null };
    } catch (error: unknown) {
      if (error instanceof MselFileError) throw DomainError.invalid([{ field: 'file', message: error.message }]);
      throw error;
    }
  }

  /** The posts a targets cell may name (by code or either language's name), and the post groups (by code). */
  private async posts(): Promise<PostRef[]> {
    const posts = await this.em.find(CommandPost, {}, { fields: ['id', 'code', 'name', 'names'] });
    const groups = await this.em.find(PostGroup, {}, { fields: ['id', 'code'] });
    return [
      ...posts.map((p) => ({ id: p.id, code: p.code, names: [...new Set([p.name, p.names.ru, p.names.en])] })),
      ...groups.map((g) => ({ id: g.id, code: g.code, names: [], group: true })),
    ];
  }
}
