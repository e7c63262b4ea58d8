import {
  INJECT_KINDS,
  LANGUAGES,
  MEDIA_FORMATS,
  PRECEDENCES,
  normalizeInject,
  type InjectKind,
  type Language,
  type MediaSource,
  type Objective,
  type Precedence,
  type Translations,
} from '@excon/domain';
import { MSEL_JSON_FORMAT, MSEL_JSON_SCHEMA_VERSION } from '../msel-fields';
import type { PortableInject, PortableScenario } from '../portable-scenario';
import type { CellValue, SheetTable } from '../sheet-table';
import { MSEL_FILE_LIMITS } from './file-limits';
import { MselFileError } from './msel-file-error';
import { checkTableSize } from './sheet-shape';

/**
 * A JSON file as read: an ExCon scenario (its own export, or an older schema migrated, with warnings saying so),
 * or a list of flat objects (another tool's MSEL as JSON) turned into a table for the mapping.
 */
export type MselJsonRead =
  { kind: 'excon'; scenario: PortableScenario; warnings: string[]; schemaVersion: number } | { kind: 'table'; table: SheetTable };

/**
 * Reads a JSON MSEL. Three shapes are understood:
 * - ExCon's export `{format: "excon-msel", schemaVersion: 2, exportedAt, scenario}`, checked field by field;
 * - schema version 1, the body of `POST /api/scenarios` as a client saved it (no `format` key): migrated to
 *   version 2 with the API's defaults, empty controller notes and the targets as given (ids or codes), with a
 *   warning;
 * - an array of flat objects: a table whose header row is every key in first-seen order.
 *
 * Throws {@link MselFileError} for invalid JSON (with its line and column), a newer schema version, or a
 * document of the wrong shape, naming the JSON path (`scenario.injects[3].offsetSeconds`).
 */
export function readMselJson(data: Buffer): MselJsonRead {
  if (data.length > MSEL_FILE_LIMITS.maxFileBytes) {
    throw new MselFileError(`the file is larger than ${MSEL_FILE_LIMITS.maxFileBytes / 1024 / 1024} MB, the limit for an MSEL file`);
  }
  const document = parseJson(data);
  if (Array.isArray(document)) return { kind: 'table', table: rowsTable(document) };
  if (!isRecord(document)) throw new MselFileError('the JSON is neither an ExCon MSEL (an object) nor a list of rows (an array)');
  if (!('format' in document)) {
    if (!('injects' in document)) {
      throw new MselFileError('the JSON object is not an ExCon MSEL: it has neither a «format» key (an export) nor an «injects» list (a scenario)');
    }
    return { kind: 'excon', scenario: migrateV1(document, ''), warnings: [migratedWarning(1)], schemaVersion: 1 };
  }
  if (document.format !== MSEL_JSON_FORMAT) {
    throw new MselFileError(`the JSON's format is ${JSON.stringify(document.format)}, not "${MSEL_JSON_FORMAT}": it is not an ExCon MSEL`);
  }
  const version = document.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new MselFileError(`schemaVersion must be a whole number from 1 to ${MSEL_JSON_SCHEMA_VERSION}; the file has ${JSON.stringify(version)}`);
  }
  if (version > MSEL_JSON_SCHEMA_VERSION) {
    throw new MselFileError(
      `the file's schema version ${version} is newer than this ExCon reads (${MSEL_JSON_SCHEMA_VERSION}): export it again from an ExCon of the same version, or upgrade this one`,
    );
  }
  onlyKeys(document, ['format', 'schemaVersion', 'exportedAt', 'scenario'], '');
  if (document.exportedAt !== undefined) text(document.exportedAt, 'exportedAt');
  if (version === 1) {
    return {
      kind: 'excon',
      scenario: migrateV1(record(document.scenario, 'scenario'), 'scenario.'),
      warnings: [migratedWarning(1)],
      schemaVersion: 1,
    };
  }
  return { kind: 'excon', scenario: scenarioV2(record(document.scenario, 'scenario'), 'scenario.'), warnings: [], schemaVersion: version };
}

function migratedWarning(version: number): string {
  return `migrated from schema version ${version}: fields it did not have were given their defaults`;
}

function parseJson(data: Buffer): unknown {
  let content = data.toString('utf-8');
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
  if (content.trim() === '') throw new MselFileError('the JSON file is empty');
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    if (position === null) throw new MselFileError(`the file is not valid JSON: ${message}`);
    const before = content.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new MselFileError(`the file is not valid JSON (line ${line}, column ${column}): ${message}`);
  }
}

function rowsTable(items: unknown[]): SheetTable {
  if (items.length === 0) throw new MselFileError('the JSON list is empty');
  const headers: string[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (!isRecord(item)) throw new MselFileError(`[${index}] must be an object (one row of the MSEL), not ${describeType(item)}`);
    for (const key of Object.keys(item)) {
      if (!seen.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
  });
  checkTableSize('JSON', items.length + 1, headers.length);
  const rows: CellValue[][] = [headers];
  items.forEach((item, index) => {
    const row = item as Record<string, unknown>;
    rows.push(
      headers.map((key) => {
        const value = row[key];
        if (value === undefined || value === null || value === '') return null;
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
        throw new MselFileError(`[${index}].${key} must be a text, a number or a boolean (one cell), not ${describeType(value)}`);
      }),
    );
  });
  return { name: 'JSON', rows };
}

function scenarioV2(source: Record<string, unknown>, path: string): PortableScenario {
  onlyKeys(source, ['title', 'description', 'language', 'objectives', 'injects'], path);
  return {
    title: text(source.title, `${path}title`),
    description: text(source.description, `${path}description`),
    language: language(source.language, `${path}language`),
    objectives: list(source.objectives, `${path}objectives`).map((item, index) => objective(item, `${path}objectives[${index}]`)),
    injects: list(source.injects, `${path}injects`).map((item, index) => injectV2(item, `${path}injects[${index}]`)),
  };
}

function injectV2(item: unknown, path: string): PortableInject {
  const source = record(item, path);
  onlyKeys(source, V2_INJECT_KEYS, `${path}.`);
  return {
    ref: text(source.ref, `${path}.ref`),
    offsetSeconds: seconds(source.offsetSeconds, `${path}.offsetSeconds`),
    title: text(source.title, `${path}.title`),
    body: text(source.body, `${path}.body`),
    targets: texts(source.targets, `${path}.targets`),
    precedence: precedence(source.precedence, `${path}.precedence`),
    from: text(source.from, `${path}.from`),
    expectedAction: text(source.expectedAction, `${path}.expectedAction`),
    ackWithinSeconds: nullable(source.ackWithinSeconds, `${path}.ackWithinSeconds`, seconds),
    respondWithinSeconds: nullable(source.respondWithinSeconds, `${path}.respondWithinSeconds`, seconds),
    objectiveRefs: texts(source.objectiveRefs, `${path}.objectiveRefs`),
    translations: translations(source.translations, `${path}.translations`),
    contingencyRef: nullable(source.contingencyRef, `${path}.contingencyRef`, text),
    contingency: flag(source.contingency, `${path}.contingency`),
    // Optional so that a scenario written before controller notes existed still reads.
    controllerNotes: source.controllerNotes === undefined ? '' : text(source.controllerNotes, `${path}.controllerNotes`),
    // Optional: only media injects carry them.
    ...(source.kind === undefined ? {} : { kind: kind(source.kind, `${path}.kind`) }),
    ...(source.media === undefined ? {} : { media: nullable(source.media, `${path}.media`, media) }),
  };
}

function kind(value: unknown, path: string): InjectKind {
  return INJECT_KINDS.find((word) => word === value) ?? invalid(path, `one of ${INJECT_KINDS.join(', ')}`, value);
}

function media(value: unknown, path: string): MediaSource {
  const source = record(value, path);
  onlyKeys(source, ['outlet', 'format'], `${path}.`);
  const format =
    MEDIA_FORMATS.find((word) => word === source.format) ?? invalid(`${path}.format`, `one of ${MEDIA_FORMATS.join(', ')}`, source.format);
  return { outlet: text(source.outlet, `${path}.outlet`), format, outletLogoAttachmentId: null };
}

const V2_INJECT_KEYS = [
  'ref',
  'offsetSeconds',
  'title',
  'body',
  'targets',
  'precedence',
  'from',
  'expectedAction',
  'ackWithinSeconds',
  'respondWithinSeconds',
  'objectiveRefs',
  'translations',
  'contingencyRef',
  'contingency',
  'controllerNotes',
  'kind',
  'media',
] as const;

const V1_INJECT_KEYS = V2_INJECT_KEYS.filter((key) => key !== 'controllerNotes' && key !== 'kind' && key !== 'media');

/** Version 1: `POST /api/scenarios`'s body; the optional fields get the defaults the API gives them. */
function migrateV1(source: Record<string, unknown>, path: string): PortableScenario {
  onlyKeys(source, ['title', 'description', 'language', 'objectives', 'injects'], path);
  return {
    title: text(source.title, `${path}title`),
    description: optional(source.description, `${path}description`, text) ?? '',
    language: optional(source.language, `${path}language`, language) ?? 'ru',
    objectives: (optional(source.objectives, `${path}objectives`, list) ?? []).map((item, index) => objective(item, `${path}objectives[${index}]`)),
    injects: list(source.injects, `${path}injects`).map((item, index) => injectV1(item, `${path}injects[${index}]`)),
  };
}

function injectV1(item: unknown, path: string): PortableInject {
  const source = record(item, path);
  onlyKeys(source, V1_INJECT_KEYS, `${path}.`);
  const targets = texts(source.targets, `${path}.targets`);
  const normalized = normalizeInject({
    ref: text(source.ref, `${path}.ref`),
    title: text(source.title, `${path}.title`),
    body: text(source.body, `${path}.body`),
    targets,
    precedence: optional(source.precedence, `${path}.precedence`, precedence),
    from: optional(source.from, `${path}.from`, text),
    expectedAction: optional(source.expectedAction, `${path}.expectedAction`, text),
    ackWithinSeconds: optional(source.ackWithinSeconds, `${path}.ackWithinSeconds`, (value, at) => nullable(value, at, seconds)),
    respondWithinSeconds: optional(source.respondWithinSeconds, `${path}.respondWithinSeconds`, (value, at) => nullable(value, at, seconds)),
    objectiveRefs: optional(source.objectiveRefs, `${path}.objectiveRefs`, texts),
    translations: optional(source.translations, `${path}.translations`, translations),
    contingencyRef: optional(source.contingencyRef, `${path}.contingencyRef`, (value, at) => nullable(value, at, text)),
    contingency: optional(source.contingency, `${path}.contingency`, flag),
  });
  // normalizeInject lower-cases targets as post ids; version 1 may hold codes, which the importer resolves as given.
  const { kind: _kind, media: _media, ...fields } = normalized;
  return { ...fields, targets, offsetSeconds: seconds(source.offsetSeconds, `${path}.offsetSeconds`), controllerNotes: '' };
}

function objective(item: unknown, path: string): Objective {
  const source = record(item, path);
  onlyKeys(source, ['ref', 'title', 'capabilityTarget', 'criticalTasks'], `${path}.`);
  const result: Objective = { ref: text(source.ref, `${path}.ref`), title: text(source.title, `${path}.title`) };
  const target = optional(source.capabilityTarget, `${path}.capabilityTarget`, text);
  if (target !== undefined) result.capabilityTarget = target;
  const tasks = optional(source.criticalTasks, `${path}.criticalTasks`, texts);
  if (tasks !== undefined) result.criticalTasks = tasks;
  return result;
}

function translations(value: unknown, path: string): Translations {
  const source = record(value, path);
  onlyKeys(source, LANGUAGES, `${path}.`);
  const result: Translations = {};
  for (const lang of LANGUAGES) {
    const entry = source[lang];
    // The API accepts null for "no translation"; it stores none.
    if (entry === undefined || entry === null) continue;
    const fields = record(entry, `${path}.${lang}`);
    onlyKeys(fields, ['title', 'body'], `${path}.${lang}.`);
    result[lang] = { title: text(fields.title, `${path}.${lang}.title`), body: text(fields.body, `${path}.${lang}.body`) };
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function invalid(path: string, expected: string, value: unknown): never {
  throw new MselFileError(
    value === undefined ? `${path} is missing (${expected} expected)` : `${path} must be ${expected}, not ${describeType(value)}`,
  );
}

function record(value: unknown, path: string): Record<string, unknown> {
  return isRecord(value) ? value : invalid(path, 'an object', value);
}

function onlyKeys(source: Record<string, unknown>, allowed: readonly string[], prefix: string): void {
  const unknown = Object.keys(source).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new MselFileError(
      `unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.map((key) => `${prefix}${key}`).join(', ')}; allowed: ${allowed.join(', ')}`,
    );
  }
}

function text(value: unknown, path: string): string {
  return typeof value === 'string' ? value : invalid(path, 'a text', value);
}

function texts(value: unknown, path: string): string[] {
  return list(value, path).map((item, index) => text(item, `${path}[${index}]`));
}

function list(value: unknown, path: string): unknown[] {
  return Array.isArray(value) ? value : invalid(path, 'a list', value);
}

function seconds(value: unknown, path: string): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : invalid(path, 'a whole number of seconds, 0 or more', value);
}

function flag(value: unknown, path: string): boolean {
  return typeof value === 'boolean' ? value : invalid(path, 'true or false', value);
}

function language(value: unknown, path: string): Language {
  return LANGUAGES.find((lang) => lang === value) ?? invalid(path, `one of ${LANGUAGES.join(', ')}`, value);
}

function precedence(value: unknown, path: string): Precedence {
  return PRECEDENCES.find((word) => word === value) ?? invalid(path, `one of ${PRECEDENCES.join(', ')}`, value);
}

function nullable<T>(value: unknown, path: string, read: (value: unknown, path: string) => T): T | null {
  return value === null ? null : read(value, path);
}

function optional<T>(value: unknown, path: string, read: (value: unknown, path: string) => T): T | undefined {
  return value === undefined ? undefined : read(value, path);
}
