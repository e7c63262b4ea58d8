import {
  LANGUAGES,
  MSEL_FIELDS,
  type FieldProblem,
  type InjectDraftInput,
  type Language,
  type MselField,
  type MselImportOptions,
  type Objective,
  type Translations,
  INSTANT_EXAMPLE,
  parseInstant,
} from '@excon/domain';
import { columnLetter, type CellValue, type SheetTable } from '../sheet-table';
import { EXCON_SHEETS } from '../msel-fields';
import type { PortableScenario } from '../portable-scenario';
import { findHeaderRow, proposeMapping, resolveColumn } from '../mapping/propose-mapping';
import { formatOffset, parseTime, resolveOffsets, type ParsedTime } from '../values/time-value';
import {
  cellText,
  matchTargets,
  objectiveRefFromText,
  parseContingency,
  parseDuration,
  parsePrecedence,
  partitionTargets,
  splitList,
  type PostRef,
} from '../values/cell-values';

/** An inject as the import builds it: the body of `POST /api/scenarios`' inject, targets as post ids. */
export interface ImportedInject extends Omit<InjectDraftInput, 'translations'> {
  offsetSeconds: number;
  /** Ids of the post groups the targets cell named by code. */
  targetGroups: string[];
  controllerNotes: string;
  translations: Translations;
}

/** The scenario an import would create, before the API's field rules (the DTOs) check it again. */
export interface ImportedScenario {
  title: string;
  description: string;
  language: Language;
  objectives: Objective[];
  injects: ImportedInject[];
}

/** Where each inject came from, so that a problem the API finds later is reported at its cell. */
export interface ImportLocator {
  /** The file row (1-based) of each inject; for ExCon JSON, its index + 1. */
  rows: number[];
  /** The problem's field for inject `index` and its property path (`title`, `translations.en.body`, `targets[2]`). */
  fieldOf(index: number, path: string): FieldProblem;
}

export interface ImportBuild {
  scenario: ImportedScenario;
  /** Field → the header text (or column letter) it was read from. */
  mapping: Partial<Record<MselField, string>>;
  /** Headers (or letters) of the columns no field reads. */
  unmapped: string[];
  warnings: string[];
  /** Every problem found while reading the cells; the scenario is only usable when empty. */
  problems: FieldProblem[];
  locator: ImportLocator;
}

/** What the mapping step shows: the sheet, its header row and its columns with their first values. */
export interface ImportLayout {
  sheets: string[];
  sheet: string | null;
  headerRow: number;
  rowCount: number;
  columns: { letter: string; header: string | null; samples: string[]; field: MselField | null }[];
  mapping: Partial<Record<MselField, string>>;
}

/** How many first values of each column the mapping step shows. */
const SAMPLE_ROWS = 3;
/** A title made from the start of a body: its first line, cut at a word within this many characters. */
const DERIVED_TITLE_LENGTH = 80;

/** Which text column gives a language's title and body. */
const TEXT_FIELDS: Record<Language, { title: MselField; body: MselField }> = {
  ru: { title: 'titleRu', body: 'bodyRu' },
  en: { title: 'titleEn', body: 'bodyEn' },
};

interface SheetChoice {
  table: SheetTable;
  /** 0-based index of the header row; null: no header row. */
  headerIndex: number | null;
  headers: (string | null)[];
  columns: Partial<Record<MselField, number>>;
  unmapped: number[];
}

/**
 * Reads the layout of a spreadsheet or CSV for the mapping step: problems with the options (an unknown
 * sheet, a header row past the end, a mapping naming no column) are returned, never thrown.
 */
export function inspectSheets(sheets: SheetTable[], options: MselImportOptions): { layout: ImportLayout | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const choice = chooseLayout(sheets, options, problems);
  if (!choice) return { layout: null, problems };
  const fieldOfColumn = new Map<number, MselField>();
  for (const [field, column] of Object.entries(choice.columns) as [MselField, number][]) fieldOfColumn.set(column, field);
  const first = choice.headerIndex === null ? 0 : choice.headerIndex + 1;
  const dataRows = choice.table.rows.slice(first).filter((row) => !isBlank(row));
  const width = Math.max(choice.headers.length, ...choice.table.rows.map((r) => r.length));
  return {
    layout: {
      sheets: sheets.map((s) => s.name),
      sheet: choice.table.name,
      headerRow: choice.headerIndex === null ? 0 : choice.headerIndex + 1,
      rowCount: dataRows.length,
      columns: Array.from({ length: width }, (_, j) => ({
        letter: columnLetter(j),
        header: choice.headers[j] ?? null,
        samples: dataRows.slice(0, SAMPLE_ROWS).map((row) => cellText(row[j] ?? null)),
        field: fieldOfColumn.get(j) ?? null,
      })),
      mapping: mappingLabels(choice),
    },
    problems,
  };
}

/**
 * Builds a scenario from a sheet: the header row found (or given), the columns mapped (proposed from
 * the headers, or given by header text or letter), every row read into an inject. Every bad cell is a
 * problem naming its row and column as the file shows them; nothing is thrown for bad input.
 */
export function importSheets(sheets: SheetTable[], options: MselImportOptions, posts: PostRef[], fileName?: string): ImportBuild {
  const problems: FieldProblem[] = [];
  const warnings: string[] = [];
  const choice = chooseLayout(sheets, options, problems);
  const empty: ImportBuild = {
    scenario: { title: options.title ?? '', description: '', language: options.language ?? 'ru', objectives: [], injects: [] },
    mapping: {},
    unmapped: [],
    warnings,
    problems,
    locator: { rows: [], fieldOf: (_i, path) => ({ field: path, message: '' }) },
  };
  if (!choice) return empty;
  const { table, headerIndex, headers, columns } = choice;
  const cellField = (row: number, field: MselField): FieldProblem => {
    const j = columns[field] as number;
    const header = headers[j];
    return { field: `row ${row}, column ${columnLetter(j)}${header ? ` «${header}»` : ''}`, message: '', row, column: columnLetter(j) };
  };
  const problem = (row: number, field: MselField, message: string) => problems.push({ ...cellField(row, field), message });

  if (columns.time === undefined) problems.push({ field: 'options.mapping', message: 'no column is mapped to time' });
  if (columns.title === undefined && columns.body === undefined && !hasTextColumns(columns))
    problems.push({ field: 'options.mapping', message: 'no column is mapped to the title or the text' });
  const defaults = defaultTargets(options, posts, problems);
  if (columns.targets === undefined && defaults === null)
    problems.push({ field: 'options.mapping', message: 'no column is mapped to targets: map one, or give default targets' });
  if (problems.length) return { ...empty, mapping: mappingLabels(choice), unmapped: unmappedLabels(choice) };

  const exconSheets = exconWorkbook(sheets);
  const language = options.language ?? exconSheets.language ?? guessLanguage(table, columns);
  const objectives: Objective[] = [...exconSheets.objectives];
  const known = new Set(objectives.map((o) => o.ref));
  const first = headerIndex === null ? 0 : headerIndex + 1;
  const cell = (row: CellValue[], field: MselField): CellValue => (columns[field] === undefined ? null : (row[columns[field]] ?? null));

  const rows: number[] = [];
  const times: ParsedTime[] = [];
  const injects: ImportedInject[] = [];
  const textSources: { title: MselField | null; body: MselField | null }[] = [];
  const skipped: number[] = [];
  const generatedRefs = columns.ref === undefined;
  for (let i = first; i < table.rows.length; i++) {
    const row = table.rows[i];
    if (isBlank(row)) continue;
    const fileRow = i + 1;
    // A row with no text is no inject (OpenAEV's "???" rows, section markers): skipped, and said so.
    const text = injectText(row, columns, language, cell);
    if (!text.body && !text.title) {
      skipped.push(fileRow);
      continue;
    }
    rows.push(fileRow);
    textSources.push(text.sources);

    const time = parseTime(cell(row, 'time'));
    if ('error' in time) {
      problem(fileRow, 'time', time.error);
      times.push({ kind: 'offset', seconds: 0 });
    } else times.push(time);

    let ref = cellText(cell(row, 'ref'));
    if (!ref) {
      if (!generatedRefs) problem(fileRow, 'ref', 'the ref is empty');
      ref = String(injects.length + 1);
    }

    let chosen: string[] = [];
    const matched = matchTargets(cell(row, 'targets'), posts);
    if ('error' in matched) problem(fileRow, 'targets', matched.error);
    else chosen = matched.ids.length ? matched.ids : (defaults ?? []);
    if (!chosen.length && !('error' in matched))
      problem(fileRow, 'targets', 'no target: name a command post (code or name) or a post group (code), or give default targets');
    const { targets, targetGroups } = partitionTargets(chosen, posts);

    const precedence = parsePrecedence(cell(row, 'precedence'));
    if (precedence !== null && typeof precedence === 'object') problem(fileRow, 'precedence', precedence.error);
    const duration = (field: 'ackWithin' | 'respondWithin'): number | null => {
      const parsed = parseDuration(cell(row, field));
      if (parsed !== null && typeof parsed === 'object') {
        problem(fileRow, field, parsed.error);
        return null;
      }
      return parsed;
    };
    const contingency = parseContingency(cell(row, 'contingency'));
    if (typeof contingency === 'object') problem(fileRow, 'contingency', contingency.error);

    const objectiveRefs: string[] = [];
    for (const item of splitList(cell(row, 'objectiveRefs'))) {
      const objective = objectiveRefFromText(item);
      if (!known.has(objective.ref)) {
        known.add(objective.ref);
        objectives.push(objective);
        warnings.push(`row ${fileRow}: objective "${objective.ref}" is not defined in the file; it was created with the title «${objective.title}»`);
      }
      if (!objectiveRefs.includes(objective.ref)) objectiveRefs.push(objective.ref);
    }
    const contingencyRef = cellText(cell(row, 'contingencyRef'));

    injects.push({
      ref,
      offsetSeconds: 0,
      title: text.title,
      body: text.body,
      translations: text.translations,
      targets,
      targetGroups,
      precedence: precedence !== null && typeof precedence === 'string' ? precedence : 'routine',
      from: cellText(cell(row, 'from')),
      expectedAction: cellText(cell(row, 'expectedAction')),
      ackWithinSeconds: duration('ackWithin'),
      respondWithinSeconds: duration('respondWithin'),
      objectiveRefs,
      contingency: typeof contingency === 'boolean' ? contingency : false,
      contingencyRef: contingencyRef || null,
      controllerNotes: cellText(cell(row, 'controllerNotes')),
    });
  }
  if (!injects.length) problems.push({ field: 'file', message: `the sheet «${table.name}» has no rows under its header` });

  const startex = parseStartex(options, problems);
  const resolved = resolveOffsets(times, { startex: startex ?? undefined, timeZone: options.timeZone ?? 'UTC' });
  for (const { index, error } of resolved.errors) problem(rows[index], 'time', error);
  resolved.offsets.forEach((offset, k) => (injects[k].offsetSeconds = offset));
  if (resolved.shiftSeconds > 0) {
    const earliest = resolved.offsets.indexOf(0);
    warnings.push(
      `times before STARTEX: every inject was moved ${formatOffset(resolved.shiftSeconds).slice(2)} later so that the earliest (row ${rows[earliest]}) is at T+00:00:00`,
    );
  }
  if (skipped.length) warnings.push(`${skipped.length === 1 ? 'row' : 'rows'} ${skipped.join(', ')}: no title or text, not imported`);
  if (generatedRefs) warnings.push('no column is mapped to ref: the injects were numbered 1, 2, 3… in file order');

  const titleRow = titleAbove(table, headerIndex);
  const scenario: ImportedScenario = {
    title: options.title ?? exconSheets.title ?? titleRow ?? baseName(fileName) ?? table.name,
    description: exconSheets.description ?? '',
    language,
    objectives,
    injects,
  };
  const locator: ImportLocator = {
    rows,
    fieldOf: (index, path) => {
      const field = fieldOfPath(path, textSources[index], language);
      if (!field || columns[field] === undefined) return { field: `row ${rows[index]}`, message: '', row: rows[index] };
      return cellField(rows[index], field);
    },
  };
  return { scenario, mapping: mappingLabels(choice), unmapped: unmappedLabels(choice), warnings, problems, locator };
}

/**
 * An ExCon JSON document (already read and migrated by files/json-reader): targets named by post code
 * (or, from schema version 1, by id) are resolved; problems name the JSON path.
 */
export function importPortable(source: PortableScenario, options: MselImportOptions, posts: PostRef[]): ImportBuild {
  const problems: FieldProblem[] = [];
  const byId = new Set(posts.map((p) => p.id));
  const injects: ImportedInject[] = source.injects.map((inject, i) => {
    const targets: string[] = [];
    inject.targets.forEach((target, k) => {
      const id = target.toLowerCase();
      if (byId.has(id)) return void targets.push(id);
      const matched = matchTargets(target, posts);
      if ('error' in matched) problems.push({ field: `scenario.injects[${i}].targets[${k}]`, message: matched.error });
      else targets.push(...matched.ids);
    });
    return { ...inject, ...partitionTargets([...new Set(targets)], posts) };
  });
  return {
    scenario: {
      title: options.title ?? source.title,
      description: source.description,
      language: options.language ?? source.language,
      objectives: source.objectives,
      injects,
    },
    mapping: {},
    unmapped: [],
    warnings: [],
    problems,
    locator: { rows: injects.map((_, i) => i + 1), fieldOf: (index, path) => ({ field: `scenario.injects[${index}].${path}`, message: '' }) },
  };
}

function chooseLayout(sheets: SheetTable[], options: MselImportOptions, problems: FieldProblem[]): SheetChoice | null {
  let table: SheetTable | undefined;
  if (options.sheet !== undefined) {
    const wanted = options.sheet.trim().toLowerCase();
    table = sheets.find((s) => s.name === options.sheet) ?? sheets.find((s) => s.name.trim().toLowerCase() === wanted);
    if (!table) {
      problems.push({
        field: 'options.sheet',
        message: `the file has no sheet «${options.sheet}»; it has: ${sheets.map((s) => `«${s.name}»`).join(', ')}`,
      });
      return null;
    }
  } else table = sheets.find((s) => s.name === EXCON_SHEETS.msel) ?? sheets.find((s) => s.rows.some((r) => !isBlank(r)));
  if (!table) {
    problems.push({ field: 'file', message: 'the file holds no data' });
    return null;
  }
  let headerIndex: number | null;
  if (options.headerRow !== undefined) {
    if (options.headerRow > table.rows.length) {
      problems.push({ field: 'options.headerRow', message: `the sheet «${table.name}» has ${table.rows.length} rows` });
      return null;
    }
    headerIndex = options.headerRow === 0 ? null : options.headerRow - 1;
  } else headerIndex = findHeaderRow(table.rows);
  const width = Math.max(0, ...table.rows.map((r) => r.length));
  const headers = Array.from({ length: width }, (_, j) => (headerIndex === null ? null : cellText(table.rows[headerIndex][j] ?? null) || null));
  let columns: Partial<Record<MselField, number>>;
  let unmapped: number[];
  if (options.mapping) {
    columns = {};
    for (const [field, spec] of Object.entries(options.mapping) as [MselField, string][]) {
      if (!MSEL_FIELDS.includes(field)) {
        problems.push({ field: `options.mapping.${field}`, message: `is not a field; the fields are ${MSEL_FIELDS.join(', ')}` });
        continue;
      }
      const column = resolveColumn(spec, headers);
      if (typeof column === 'object') problems.push({ field: `options.mapping.${field}`, message: column.error });
      else if (column >= width)
        problems.push({ field: `options.mapping.${field}`, message: `column ${columnLetter(column)} is past the sheet's last column` });
      else columns[field] = column;
    }
    const used = new Set(Object.values(columns));
    unmapped = Array.from({ length: width }, (_, j) => j).filter((j) => !used.has(j) && (headerIndex === null || headers[j]));
  } else if (headerIndex === null) {
    problems.push({
      field: 'options.mapping',
      message: 'no header row was found: give the header row (options.headerRow) or map the columns by letter, e.g. {"time": "C", "body": "F"}',
    });
    return null;
  } else ({ mapping: columns, unmapped } = proposeMapping(headers));
  return { table, headerIndex, headers, columns, unmapped };
}

function mappingLabels(choice: SheetChoice): Partial<Record<MselField, string>> {
  const labels: Partial<Record<MselField, string>> = {};
  for (const [field, j] of Object.entries(choice.columns) as [MselField, number][]) labels[field] = choice.headers[j] ?? columnLetter(j);
  return labels;
}

function unmappedLabels(choice: SheetChoice): string[] {
  return choice.unmapped.map((j) => choice.headers[j] ?? columnLetter(j));
}

function hasTextColumns(columns: Partial<Record<MselField, number>>): boolean {
  return LANGUAGES.some((l) => columns[TEXT_FIELDS[l].title] !== undefined || columns[TEXT_FIELDS[l].body] !== undefined);
}

/**
 * An inject's title and body in the scenario's language, and the other language's as a translation.
 * A row with a body but no title gets one from the body's start; a title without a body is its own body.
 */
function injectText(
  row: CellValue[],
  columns: Partial<Record<MselField, number>>,
  language: Language,
  cell: (row: CellValue[], field: MselField) => CellValue,
): { title: string; body: string; translations: Translations; sources: { title: MselField | null; body: MselField | null } } {
  const own = TEXT_FIELDS[language];
  const pick = (plain: MselField, perLanguage: MselField): [string, MselField | null] => {
    const a = cellText(cell(row, plain));
    if (a) return [a, plain];
    const b = cellText(cell(row, perLanguage));
    if (b) return [b, perLanguage];
    return ['', columns[plain] !== undefined ? plain : columns[perLanguage] !== undefined ? perLanguage : null];
  };
  let [title, titleSource] = pick('title', own.title);
  let [body, bodySource] = pick('body', own.body);
  if (!title && body) {
    title = titleFromBody(body);
    titleSource = bodySource;
  }
  if (!body && title) {
    body = title;
    bodySource = titleSource;
  }
  const translations: Translations = {};
  for (const other of LANGUAGES.filter((l) => l !== language)) {
    const otherTitle = cellText(cell(row, TEXT_FIELDS[other].title));
    const otherBody = cellText(cell(row, TEXT_FIELDS[other].body));
    if (otherTitle || otherBody) translations[other] = { title: otherTitle || titleFromBody(otherBody), body: otherBody || otherTitle };
  }
  return { title, body, translations, sources: { title: titleSource, body: bodySource } };
}

/** The first line of a body, cut at a word boundary, with an ellipsis when cut. */
function titleFromBody(body: string): string {
  const line =
    body
      .split(/\r?\n/)
      .find((l) => l.trim())
      ?.trim() ?? '';
  if (line.length <= DERIVED_TITLE_LENGTH) return line;
  const cut = line.slice(0, DERIVED_TITLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > DERIVED_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Which column a DTO property path came from. */
function fieldOfPath(path: string, text: { title: MselField | null; body: MselField | null } | undefined, language: Language): MselField | null {
  const head = path.split(/[.[]/)[0];
  const translated = /^translations\.(ru|en)\.(title|body)/.exec(path);
  if (translated) return TEXT_FIELDS[translated[1] as Language][translated[2] as 'title' | 'body'];
  const direct: Record<string, MselField> = {
    ref: 'ref',
    offsetSeconds: 'time',
    from: 'from',
    targets: 'targets',
    precedence: 'precedence',
    expectedAction: 'expectedAction',
    ackWithinSeconds: 'ackWithin',
    respondWithinSeconds: 'respondWithin',
    objectiveRefs: 'objectiveRefs',
    controllerNotes: 'controllerNotes',
    contingency: 'contingency',
    contingencyRef: 'contingencyRef',
  };
  if (head === 'title') return text?.title ?? TEXT_FIELDS[language].title;
  if (head === 'body') return text?.body ?? TEXT_FIELDS[language].body;
  return direct[head] ?? null;
}

/** Default targets from the options: post codes or names, or "all". */
function defaultTargets(options: MselImportOptions, posts: PostRef[], problems: FieldProblem[]): string[] | null {
  if (!options.defaultTargets?.length) return null;
  const matched = matchTargets(options.defaultTargets.join('\n'), posts);
  if ('error' in matched) {
    problems.push({ field: 'options.defaultTargets', message: matched.error });
    return null;
  }
  return matched.ids;
}

function parseStartex(options: MselImportOptions, problems: FieldProblem[]): number | null {
  if (options.startex === undefined) return null;
  const ms = parseInstant(options.startex);
  if (ms === null)
    problems.push({ field: 'options.startex', message: `must be an ISO-8601 instant with Z or an offset, such as ${INSTANT_EXAMPLE}` });
  return ms;
}

/** The scenario's fields and objectives when the workbook is one of ExCon's own exports. */
function exconWorkbook(sheets: SheetTable[]): { title?: string; description?: string; language?: Language; objectives: Objective[] } {
  const result: { title?: string; description?: string; language?: Language; objectives: Objective[] } = { objectives: [] };
  const scenario = sheets.find((s) => s.name === EXCON_SHEETS.scenario);
  for (const [key, value] of (scenario?.rows ?? []).slice(1).map((r) => [cellText(r[0] ?? null), cellText(r[1] ?? null)])) {
    if (key === 'title' && value) result.title = value;
    if (key === 'description') result.description = value;
    if (key === 'language' && (LANGUAGES as readonly string[]).includes(value)) result.language = value as Language;
  }
  const objectives = sheets.find((s) => s.name === EXCON_SHEETS.objectives);
  for (const row of (objectives?.rows ?? []).slice(1)) {
    const ref = cellText(row[0] ?? null);
    if (!ref) continue;
    const objective: Objective = { ref, title: cellText(row[1] ?? null) || ref };
    const target = cellText(row[2] ?? null);
    if (target) objective.capabilityTarget = target;
    const tasks = row
      .slice(3)
      .map((cell) => cellText(cell ?? null))
      .filter(Boolean);
    if (tasks.length) objective.criticalTasks = tasks;
    result.objectives.push(objective);
  }
  return result;
}

/**
 * The scenario's language: with per-language columns, the one filled in more rows (the scenario's own text
 * is in every row, a translation may be missing); otherwise, or on a tie, Cyrillic in most text cells.
 */
function guessLanguage(table: SheetTable, columns: Partial<Record<MselField, number>>): Language {
  const filled = (language: Language) =>
    table.rows.filter((row) =>
      [TEXT_FIELDS[language].title, TEXT_FIELDS[language].body].some((f) => columns[f] !== undefined && cellText(row[columns[f]] ?? null)),
    ).length;
  const ru = filled('ru');
  const en = filled('en');
  if (ru !== en) return ru > en ? 'ru' : 'en';
  const textColumns = (['title', 'body', 'titleRu', 'bodyRu'] as MselField[]).map((f) => columns[f]).filter((j) => j !== undefined);
  const texts = table.rows.flatMap((row) => textColumns.map((j) => cellText(row[j] ?? null))).filter(Boolean);
  const cyrillic = texts.filter((t) => /\p{Script=Cyrillic}/u.test(t)).length;
  return cyrillic > 0 && cyrillic * 2 >= texts.length ? 'ru' : 'en';
}

/** The text of a title row above the header (ExCon's export writes the scenario's title there). */
function titleAbove(table: SheetTable, headerIndex: number | null): string | null {
  if (headerIndex === null) return null;
  for (let i = 0; i < headerIndex; i++) {
    const text = table.rows[i].map(cellText).find(Boolean);
    if (text) return text;
  }
  return null;
}

function baseName(fileName: string | undefined): string | null {
  const name = fileName?.replace(/\.[^.]+$/, '').trim();
  return name ? name : null;
}

function isBlank(row: CellValue[]): boolean {
  return row.every((c) => c === null || (typeof c === 'string' && !c.trim()));
}
