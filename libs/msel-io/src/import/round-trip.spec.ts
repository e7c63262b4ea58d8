import fc from 'fast-check';
import { LANGUAGES, PRECEDENCES, MSEL_LIMITS, type Language } from '@excon/domain';
import { readCsv } from '../files/csv-reader';
import { readMselJson } from '../files/json-reader';
import { readXlsx } from '../files/xlsx-reader';
import { writeCsv } from '../files/csv-writer';
import { writeJson } from '../files/json-writer';
import { writeXlsx } from '../files/xlsx-writer';
import type { PortableInject, PortableScenario } from '../portable-scenario';
import type { PostRef } from '../values/cell-values';
import { importPortable, importSheets, type ImportBuild } from './msel-import';

/** Posts of the importing installation: the scenario's targets are their codes. */
const POSTS: PostRef[] = ['KZ-MCHS', 'BY-МЧС', 'RU-MO', 'AM-ЧС', 'KG-1'].map((code, i) => ({
  id: `00000000-0000-4000-8000-00000000000${i}`,
  code,
  names: [`Командный пункт ${i}`],
}));
/** Its post groups: an export writes their codes after the posts' in the same targets cell. */
const GROUPS: PostRef[] = ['ALL-MES', 'CENTRAL-ASIA'].map((code, i) => ({
  id: `10000000-0000-4000-8000-00000000000${i}`,
  code,
  names: [],
  group: true,
}));
const REFS = [...POSTS, ...GROUPS];
const idOf = new Map(REFS.map((p) => [p.code, p.id]));
const groupCodes = new Set(GROUPS.map((g) => g.code));

/**
 * Cell text as a controller writes it, with what breaks importers: Cyrillic, line breaks, quotes, `;` and `,`,
 * a leading `=` (a formula to a spreadsheet), a leading `'`. Never blank and never padded: the import trims cells.
 */
const text = (maxLength: number) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom('Паводок', 'ЧС', 'ёж', 'flood', '"кавычки"', ';', ',', '\n', '=СУММ(A1)', "'", '«»', '+7', '-', '@', ' ', 'x'),
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }),
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((parts) => parts.join('').replace(/\r/g, '').trim().slice(0, maxLength).trim())
    .filter((s) => s.length > 0);

const ref = fc
  .tuple(fc.constantFrom('В', 'INJ', 'Н', 'A'), fc.integer({ min: 1, max: 999 }), fc.constantFrom('', '.1', '-2', '/а'))
  .map(([head, n, tail]) => `${head}-${n}${tail}`);

const seconds = fc.integer({ min: 1, max: MSEL_LIMITS.maxDeadlineSeconds });

const scenario: fc.Arbitrary<PortableScenario> = fc
  .record({
    language: fc.constantFrom<Language>(...LANGUAGES),
    title: text(200),
    description: text(300),
    objectives: fc.uniqueArray(
      fc.record(
        {
          ref: fc.constantFrom('ЦЕЛЬ-1', 'ЦЕЛЬ-2', 'OBJ-3', 'OBJ-4'),
          title: text(100),
          capabilityTarget: text(2000),
          criticalTasks: fc.array(text(500), { minLength: 1, maxLength: 5 }),
        },
        { requiredKeys: ['ref', 'title'] },
      ),
      {
        selector: (o) => o.ref,
        maxLength: 4,
      },
    ),
    injects: fc.uniqueArray(
      fc.record({
        ref,
        offsetSeconds: fc.integer({ min: 0, max: MSEL_LIMITS.maxOffsetSeconds }),
        title: text(200),
        body: text(2000),
        translation: fc.option(fc.record({ title: text(200), body: text(500) }), { nil: undefined }),
        targets: fc
          .tuple(
            fc.uniqueArray(fc.constantFrom(...POSTS.map((p) => p.code)), { maxLength: 3 }),
            fc.uniqueArray(fc.constantFrom(...GROUPS.map((g) => g.code)), { maxLength: 2 }),
          )
          .map(([posts, groups]) => [...posts, ...groups])
          .filter((codes) => codes.length > 0),
        precedence: fc.constantFrom(...PRECEDENCES),
        from: fc.oneof(fc.constant(''), text(200)),
        expectedAction: fc.oneof(fc.constant(''), text(500)),
        ackWithinSeconds: fc.option(seconds, { nil: null }),
        respondWithinSeconds: fc.option(seconds, { nil: null }),
        objectivePicks: fc.array(fc.nat(3), { maxLength: 3 }),
        contingency: fc.boolean(),
        controllerNotes: fc.oneof(fc.constant(''), text(500)),
      }),
      { selector: (i) => i.ref, minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ language, title, description, objectives, injects }) => {
    const contingencies = injects.filter((i) => i.contingency).map((i) => i.ref);
    const other = LANGUAGES.find((l) => l !== language) as Language;
    return {
      title,
      description,
      language,
      objectives,
      injects: injects.map(({ translation, objectivePicks, ...inject }, k): PortableInject => {
        const contingencyRef = !inject.contingency && contingencies.length && k % 2 === 0 ? contingencies[k % contingencies.length] : null;
        return {
          ...inject,
          translations: translation ? { [other]: translation } : {},
          objectiveRefs: objectives.length ? [...new Set(objectivePicks.map((n) => objectives[n % objectives.length].ref))] : [],
          contingencyRef,
        };
      }),
    };
  });

/** The scenario an import should give back: the same, targets as the importing installation's post ids, group codes as group ids. */
function expected(source: PortableScenario) {
  return {
    ...source,
    injects: source.injects.map((i) => ({
      ...i,
      targets: i.targets.filter((code) => !groupCodes.has(code)).map((code) => idOf.get(code)),
      targetGroups: i.targets.filter((code) => groupCodes.has(code)).map((code) => idOf.get(code)),
    })),
  };
}

function built(build: ImportBuild) {
  expect(build.problems).toEqual([]);
  return build.scenario;
}

describe('import(export(s)) equals s', () => {
  it('through XLSX: every field, both languages, the objectives and the scenario sheet', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const back = built(importSheets(await readXlsx(await writeXlsx(s)), {}, REFS, 'export.xlsx'));
        expect(back).toEqual(expected(s));
      }),
      { numRuns: 40 },
    );
  });

  it('through XLSX, a scenario titled "#": the title row merged across the MSEL sheet is not taken for its header (fast-check seed 1107157594)', async () => {
    const titled: PortableScenario = {
      title: '#',
      description: 'Паводок',
      language: 'ru',
      objectives: [],
      injects: [
        {
          ref: 'В-1',
          offsetSeconds: 0,
          title: 'Паводок',
          body: '!',
          targets: ['ALL-MES'],
          precedence: 'flash',
          from: '',
          expectedAction: '!',
          ackWithinSeconds: null,
          respondWithinSeconds: null,
          contingency: false,
          controllerNotes: 'Паводок',
          translations: {},
          objectiveRefs: [],
          contingencyRef: null,
        },
      ],
    };
    const back = built(importSheets(await readXlsx(await writeXlsx(titled)), {}, REFS, 'export.xlsx'));
    expect(back).toEqual(expected(titled));
  });

  it('through ExCon JSON: every field', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const read = readMselJson(writeJson(s));
        if (read.kind !== 'excon') throw new Error('not read as ExCon JSON');
        expect(built(importPortable(read.scenario, {}, REFS))).toEqual(expected(s));
      }),
      { numRuns: 60 },
    );
  });

  it('through CSV: every inject field (a CSV has no title, description or objective titles: those come from the file name and the refs)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const back = built(importSheets([readCsv(writeCsv(s), 'export.csv').table], { language: s.language }, REFS, 'export.csv'));
        expect(back.injects).toEqual(expected(s).injects);
        expect(back.title).toBe('export');
        const used = new Set(s.injects.flatMap((i) => i.objectiveRefs));
        expect(back.objectives.map((o) => o.ref).sort()).toEqual([...used].sort());
      }),
      { numRuns: 40 },
    );
  });
});
