import type { ImportColumnView, ImportInspectView } from '@excon/contracts';
import type { Language, MselField, MselImportOptions } from '@excon/domain';
import { zonedWallTimeToIso } from './zoned-time';

/** Which posts get the rows that name none. */
export type TargetsMode = 'none' | 'all' | 'chosen';

/** What the wizard's inputs hold; `buildOptions` turns it into the `options` part of the upload. */
export interface ImportDraft {
  /** The chosen preset's options: everything the inputs below do not set comes from here. */
  base: MselImportOptions;
  presetName: string;
  title: string;
  language: Language;
  /** A `datetime-local` value in `timeZone`; empty: no STARTEX given. */
  startex: string;
  timeZone: string;
  targetsMode: TargetsMode;
  /** Post codes, when `targetsMode` is 'chosen'. */
  targetCodes: string[];
  /** Null: the server's choice (the first sheet with data). */
  sheet: string | null;
  /** Null: the server finds the header row; 0: none. */
  headerRow: number | null;
  /** Null: the server proposes one from the headers. */
  mapping: Partial<Record<MselField, string>> | null;
}

/** A fresh draft: nothing chosen but the language and the zone. */
export function emptyDraft(language: Language, timeZone: string): ImportDraft {
  return {
    base: {},
    presetName: '',
    title: '',
    language,
    startex: '',
    timeZone,
    targetsMode: 'none',
    targetCodes: [],
    sheet: null,
    headerRow: null,
    mapping: null,
  };
}

/** The draft with a preset's options filled in (the file, the title and the STARTEX typed so far stay). */
export function applyPreset(draft: ImportDraft, name: string, options: MselImportOptions): ImportDraft {
  const targets = options.defaultTargets ?? [];
  return {
    ...draft,
    base: options,
    presetName: name,
    title: options.title ?? draft.title,
    language: options.language ?? draft.language,
    timeZone: options.timeZone ?? draft.timeZone,
    targetsMode: targets.includes('all') ? 'all' : targets.length ? 'chosen' : draft.targetsMode,
    targetCodes: targets.includes('all') || !targets.length ? draft.targetCodes : targets,
    sheet: options.sheet ?? null,
    headerRow: options.headerRow ?? null,
    mapping: options.mapping ?? null,
  };
}

/** The draft without a preset: the preset's options are dropped, what was typed stays. */
export function clearPreset(draft: ImportDraft): ImportDraft {
  return { ...draft, base: {}, presetName: '', sheet: null, headerRow: null, mapping: null };
}

/** `buildOptions`'s answer: the options, or the inputs whose value cannot be sent. */
export type BuiltOptions = { options: MselImportOptions; invalid?: undefined } | { options?: undefined; invalid: 'startex' };

/** The `options` part of an upload: the preset's options under the draft's, STARTEX as an instant with its offset. */
export function buildOptions(draft: ImportDraft, scenarioId?: string): BuiltOptions {
  let startex: string | undefined;
  if (draft.startex.trim()) {
    const iso = zonedWallTimeToIso(draft.startex, draft.timeZone);
    if (!iso) return { invalid: 'startex' };
    startex = iso;
  }
  // The preset's name is not sent: its options are already in the draft, and an edited mapping must not be merged
  // back under the preset's.
  const { preset: _preset, startex: _startex, scenarioId: _scenarioId, ...base } = draft.base;
  const options: MselImportOptions = {
    ...base,
    language: draft.language,
    timeZone: draft.timeZone,
    ...(draft.title.trim() ? { title: draft.title.trim() } : { title: undefined }),
    ...(startex ? { startex } : {}),
    ...(draft.sheet !== null ? { sheet: draft.sheet } : { sheet: undefined }),
    ...(draft.headerRow !== null ? { headerRow: draft.headerRow } : { headerRow: undefined }),
    ...(draft.mapping ? { mapping: draft.mapping } : { mapping: undefined }),
    defaultTargets: draft.targetsMode === 'all' ? ['all'] : draft.targetsMode === 'chosen' ? draft.targetCodes : undefined,
    ...(scenarioId ? { scenarioId } : {}),
  };
  // JSON drops undefined, but a preset saved from these options should not carry empty keys either.
  for (const key of Object.keys(options) as (keyof MselImportOptions)[]) if (options[key] === undefined) delete options[key];
  return { options };
}

/** Whether the controller set the sheet and the header row (by hand or by a preset), rather than the server finding them. */
export interface ChosenByHand {
  sheet: boolean;
  headerRow: boolean;
}

/**
 * What a preset keeps of the options: how to read such files, not this import's title, STARTEX or scenario. The
 * sheet and the header row only when set by hand (or "no header row"): found ones belong to this one file, and the
 * next file may have a title row more.
 */
export function presetOptions(options: MselImportOptions, chosen: ChosenByHand): MselImportOptions {
  const { title: _title, startex: _startex, scenarioId: _scenarioId, preset: _preset, sheet, headerRow, ...kept } = options;
  return {
    ...kept,
    ...(sheet !== undefined && chosen.sheet ? { sheet } : {}),
    ...(headerRow !== undefined && (chosen.headerRow || headerRow === 0) ? { headerRow } : {}),
  };
}

/** Column letter → field, as the mapping table's selects show it. */
export type ColumnChoices = Record<string, MselField | null>;

/** The mapping table's starting point: each column's field as the server gave it (or as its mapping names the column). */
export function choicesOf(inspect: ImportInspectView): ColumnChoices {
  const choices: ColumnChoices = {};
  for (const column of inspect.columns) choices[column.letter] = column.field;
  for (const [field, target] of Object.entries(inspect.mapping) as [MselField, string][]) {
    const column = inspect.columns.find((c) => c.letter === target) ?? inspect.columns.find((c) => c.header === target);
    if (column && choices[column.letter] === null && !Object.values(choices).includes(field)) choices[column.letter] = field;
  }
  return choices;
}

/**
 * Puts `field` on the column `letter` (null: ignore the column) and takes it off any other column: for a choice
 * made by the program (a carried-over mapping). The controller's own choices are set as made and may clash
 * (`clashes`) until resolved, so that stepping through a select's options by keyboard moves nothing else.
 */
export function assignField(choices: ColumnChoices, letter: string, field: MselField | null): ColumnChoices {
  const next: ColumnChoices = {};
  for (const [column, current] of Object.entries(choices)) next[column] = column === letter ? field : current === field ? null : current;
  return next;
}

/** The columns whose field is also chosen for another column: letter → the other letters. Empty: no clash. */
export function clashes(choices: ColumnChoices): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const entries = Object.entries(choices);
  for (const [letter, field] of entries) {
    if (!field) continue;
    const others = entries.filter(([other, f]) => f === field && other !== letter).map(([other]) => other);
    if (others.length) found[letter] = others;
  }
  return found;
}

/** Header texts compare as the server's mapping does: case, spaces at the ends and repeated spaces aside. */
const headerKey = (header: string | null | undefined) => (header ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The `mapping` option of the choices: each field to its column's header text when that names the column alone
 * (so that a preset still fits when the columns move; the server prefers a header text over a letter), otherwise
 * to its letter (no header row, an empty header, or one repeated in another column). A letter that is also
 * another column's header would name that column: no mapping can say it, and real files do not do it.
 */
export function mappingOf(columns: readonly ImportColumnView[], choices: ColumnChoices, headerRow: number): Partial<Record<MselField, string>> {
  const mapping: Partial<Record<MselField, string>> = {};
  const keys = columns.map((c) => headerKey(c.header));
  for (const column of columns) {
    const field = choices[column.letter];
    if (!field) continue;
    const key = headerKey(column.header);
    const unique = key !== '' && keys.filter((k) => k === key).length === 1;
    // The header as the server read it (untrimmed: Blueprint's "Inject Description " ends in a space).
    mapping[field] = headerRow > 0 && unique ? (column.header as string) : column.letter;
  }
  return mapping;
}

/** The columns and choices of a file read before, to carry over to the next one chosen. */
export interface CarriedChoices {
  columns: readonly ImportColumnView[];
  choices: ColumnChoices;
  headerRow: number;
}

/**
 * The choices for a file chosen again (corrected in Excel, say): the server's proposal, with each field chosen
 * before put on the column of the same header (by letter when either file has no header row); a field whose
 * column is gone keeps the server's proposal.
 */
export function carryChoices(before: CarriedChoices, next: ImportInspectView): ColumnChoices {
  let choices = choicesOf(next);
  const byLetter = before.headerRow === 0 || next.headerRow === 0;
  for (const old of before.columns) {
    const field = before.choices[old.letter] ?? null;
    const key = headerKey(old.header);
    const same = byLetter
      ? next.columns.find((c) => c.letter === old.letter)
      : key
        ? next.columns.find((c) => headerKey(c.header) === key)
        : undefined;
    if (same) choices = assignField(choices, same.letter, field);
  }
  return choices;
}
