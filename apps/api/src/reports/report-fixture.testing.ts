/**
 * Hand-made ExerciseReport fixtures for the document renderers' tests: a realistic bilingual after-action
 * report (6 posts, 3 objectives with ratings, strengths and areas for improvement, feedback, a plan), and
 * a synthetic one at the benchmark's scale. Not a test file itself (`*.testing.ts`).
 */
import type {
  ExerciseReport,
  ImprovementActionView,
  ObservationView,
  RatingView,
  ReportMissedDeadline,
  ReportObjective,
  ReportPostStatistics,
  ReportTimelineEntry,
} from '@excon/contracts';
import { summariseRatings, type Rating } from '@excon/domain';
import type { CommandPostView } from '@excon/contracts';

const EXERCISE = '3f1c9a62-5d7e-4b8a-9c2d-7e6f5a4b3c21';
const START = Date.UTC(2026, 11, 20, 6, 0, 0);
const at = (seconds: number) => new Date(START + seconds * 1000).toISOString();

export const FIXTURE_POSTS: CommandPostView[] = [
  {
    id: 'p-kz-mes',
    code: 'KZ-MES',
    name: 'ДКП МЧС Республики Казахстан',
    memberState: 'KZ',
    ministry: 'emergency',
    timeZone: 'Asia/Almaty',
    names: { ru: 'ДКП МЧС Республики Казахстан', en: 'ДКП МЧС Республики Казахстан' },
    ministryId: 'ministry-1',
    active: true,
  },
  {
    id: 'p-kz-mod',
    code: 'KZ-MOD',
    name: 'ЦКП Министерства обороны РК',
    memberState: 'KZ',
    ministry: 'defense',
    timeZone: 'Asia/Almaty',
    names: { ru: 'ЦКП Министерства обороны РК', en: 'ЦКП Министерства обороны РК' },
    ministryId: 'ministry-1',
    active: true,
  },
  {
    id: 'p-kg-mes',
    code: 'KG-MES',
    name: 'ДКП МЧС Кыргызской Республики',
    memberState: 'KG',
    ministry: 'emergency',
    timeZone: 'Asia/Bishkek',
    names: { ru: 'ДКП МЧС Кыргызской Республики', en: 'ДКП МЧС Кыргызской Республики' },
    ministryId: 'ministry-1',
    active: true,
  },
  {
    id: 'p-ru-mes',
    code: 'RU-MES',
    name: 'НЦУКС МЧС России',
    memberState: 'RU',
    ministry: 'emergency',
    timeZone: 'Europe/Moscow',
    names: { ru: 'НЦУКС МЧС России', en: 'НЦУКС МЧС России' },
    ministryId: 'ministry-1',
    active: true,
  },
  {
    id: 'p-by-crc',
    code: 'BY-CRC',
    name: 'Белорусский Красный Крест',
    memberState: 'BY',
    ministry: 'crc',
    timeZone: 'Europe/Minsk',
    names: { ru: 'Белорусский Красный Крест', en: 'Белорусский Красный Крест' },
    ministryId: 'ministry-1',
    active: true,
  },
  {
    id: 'p-am-mes',
    code: 'AM-MES',
    name: 'Crisis Management Centre, Armenia',
    memberState: 'AM',
    ministry: 'emergency',
    timeZone: 'Asia/Yerevan',
    names: { ru: 'Crisis Management Centre, Armenia', en: 'Crisis Management Centre, Armenia' },
    ministryId: 'ministry-1',
    active: true,
  },
];

const EVALUATORS = [
  { id: 'u-eval-1', name: 'Иванова А. С.' },
  { id: 'u-eval-2', name: 'J. Smith' },
  { id: 'u-lead', name: 'Петров В. И. (lead)' },
];

const OBJECTIVES = [
  {
    ref: 'O1',
    title: 'Оповещение: дежурные смены оповещают все пункты управления',
    capabilityTarget: 'Within 15 minutes of notification, the duty shift alerts every post of the affected states.',
    criticalTasks: ['Receive and confirm the flood warning', 'Alert the posts by the agreed channels', 'Report the alert to the coordination centre'],
  },
  {
    ref: 'O2',
    title: 'Coordination of resources across borders',
    capabilityTarget: 'Requests for assistance are answered within 60 minutes with the resources available.',
    criticalTasks: ['Assess the request', 'Offer resources', 'Agree on the crossing point (пункт пропуска)'],
  },
  {
    ref: 'O3',
    title: 'Информирование населения',
    capabilityTarget: '',
    criticalTasks: [],
  },
];

let observationSeq = 0;
function observation(
  kind: ObservationView['kind'],
  text: string,
  seconds: number,
  objectiveRefs: string[],
  postIds: string[],
  author = EVALUATORS[observationSeq % 2],
): ObservationView {
  observationSeq += 1;
  return {
    id: `obs-${observationSeq}`,
    exerciseId: EXERCISE,
    authorId: author.id,
    authorName: author.name,
    text,
    kind,
    objectiveRefs,
    commandPostIds: postIds,
    exerciseInjectId: null,
    deliveryId: null,
    scenarioSeconds: seconds,
    observedAt: at(seconds),
    createdAt: at(seconds + 30),
    updatedAt: at(seconds + 30),
  };
}

function rating(
  objectiveRef: string,
  commandPostId: string,
  value: Rating,
  evaluator: (typeof EVALUATORS)[number],
  final = false,
  rationale = '',
): RatingView {
  return {
    exerciseId: EXERCISE,
    objectiveRef,
    commandPostId,
    rating: value,
    rationale,
    evaluatorId: evaluator.id,
    evaluatorName: evaluator.name,
    final,
    updatedAt: at(7200),
  };
}

function timelineEntry(
  i: number,
  targets: CommandPostView[],
  counts: { acknowledged: number; inTime: number; responded: number },
): ReportTimelineEntry {
  const offsetSeconds = 300 + i * 420;
  return {
    injectId: `inj-${i}`,
    ref: `I-${String(i + 1).padStart(3, '0')}`,
    offsetSeconds,
    title: i % 2 ? `Уровень воды поднялся на ${i * 10} см` : `Request for assistance #${i}`,
    precedence: i % 3 === 0 ? 'flash' : 'routine',
    from: 'EXCON',
    expectedAction: 'Acknowledge and report',
    status: 'fired',
    dueAt: at(offsetSeconds),
    firedAt: at(offsetSeconds),
    latenessMs: 4,
    ackWithinSeconds: 120,
    targets: targets.map((p) => p.id),
    targetCodes: targets.map((p) => p.code),
    contingency: false,
    adHoc: false,
    objectiveRefs: ['O1'],
    acknowledged: counts.acknowledged,
    acknowledgedInTime: counts.inTime,
    responded: counts.responded,
    overdue: targets.length - counts.inTime,
    deliveries: [],
  };
}

function postStatistics(post: CommandPostView, k: number): ReportPostStatistics {
  return {
    commandPostId: post.id,
    code: post.code,
    name: post.name,
    injects: 12,
    delivered: 12,
    acknowledged: 12 - (k % 3),
    responded: 10 - (k % 3),
    overdue: k % 3,
    acknowledgedInTime: 12 - (k % 3) - (k === 4 ? 1 : 0),
    contingenciesReleased: k % 2,
    medianSecondsToReceive: 0.4 + k * 0.1,
    p90SecondsToReceive: 0.9 + k * 0.2,
    maxSecondsToReceive: 2 + k,
    medianSecondsToAcknowledge: 20 + k * 9,
    p90SecondsToAcknowledge: 45 + k * 14,
    maxSecondsToAcknowledge: 80 + k * 20,
    medianSecondsToRespond: k === 5 ? null : 120 + k * 25,
    p90SecondsToRespond: k === 5 ? null : 210 + k * 30,
    maxSecondsToRespond: k === 5 ? null : 300 + k * 40,
    read: 11 - (k % 3),
    medianSecondsToRead: 5 + k,
    p90SecondsToRead: 12 + k * 2,
    maxSecondsToRead: 30 + k * 5,
  };
}

function action(
  id: number,
  fields: Partial<ImprovementActionView> & Pick<ImprovementActionView, 'action' | 'capabilityElement' | 'responsible' | 'dueDate'>,
): ImprovementActionView {
  return {
    id: `ia-${id}`,
    exerciseId: EXERCISE,
    exerciseTitle: 'Учения «Паводок-2026»',
    objectiveRef: null,
    observationId: null,
    memberState: null,
    ministry: null,
    commandPostId: null,
    pointOfContact: null,
    startDate: null,
    status: 'open',
    overdue: false,
    createdAt: at(9000),
    updatedAt: at(9000),
    ...fields,
  };
}

/** A completed exercise's report with every section filled, in Russian and English. */
export function richReport(): ExerciseReport {
  observationSeq = 0;
  const [kzMes, kzMod, kgMes, ruMes, byCrc, amMes] = FIXTURE_POSTS;
  const observations = [
    observation('strength', 'Дежурная смена KZ-MES оповестила все пункты за 6 минут, раньше целевого времени.', 640, ['O1'], [kzMes.id]),
    observation(
      'improvement',
      'BY-CRC did not confirm the warning: the duty officer was not reachable on the agreed channel.',
      910,
      ['O1'],
      [byCrc.id],
    ),
    observation('improvement', 'Список контактов KG-MES устарел: два номера не отвечают.', 1210, ['O1'], [kgMes.id]),
    observation(
      'strength',
      'RU-MES offered two pumping units within 25 minutes, with the crossing point agreed.',
      2400,
      ['O2'],
      [ruMes.id, kzMes.id],
    ),
    observation('improvement', 'Запрос помощи KZ-MOD ушёл без указания пункта пропуска; уточнение заняло 40 минут.', 3300, ['O2'], [kzMod.id]),
    observation('note', 'Связь с AM-MES прерывалась между 01:10 и 01:25.', 4300, [], [amMes.id]),
    observation('improvement', 'Press release was drafted only in Russian; the Kyrgyz version came after ENDEX.', 6100, ['O3'], [kgMes.id]),
  ];
  const ratings: RatingView[] = [
    rating('O1', kzMes.id, 'P', EVALUATORS[0], false, 'All posts alerted within 6 min.'),
    rating('O1', kzMes.id, 'P', EVALUATORS[2], true, 'Выполнено без замечаний.'),
    rating('O1', kzMod.id, 'S', EVALUATORS[1]),
    rating('O1', kgMes.id, 'M', EVALUATORS[0], false, 'Outdated contact list.'),
    rating('O1', kgMes.id, 'M', EVALUATORS[2], true),
    rating('O1', ruMes.id, 'P', EVALUATORS[1]),
    rating('O1', byCrc.id, 'U', EVALUATORS[0], false, 'Не подтвердили получение.'),
    rating('O1', byCrc.id, 'M', EVALUATORS[1]),
    rating('O2', kzMes.id, 'S', EVALUATORS[1]),
    rating('O2', kzMod.id, 'M', EVALUATORS[1], false, 'Crossing point missing from the request.'),
    rating('O2', ruMes.id, 'P', EVALUATORS[2], true, 'Resources offered within 25 minutes.'),
    rating('O2', amMes.id, 'S', EVALUATORS[0]),
    rating('O3', kgMes.id, 'S', EVALUATORS[0]),
  ];
  const summaries = summariseRatings(
    OBJECTIVES.map((o) => o.ref),
    ratings,
  );
  const objectives: ReportObjective[] = OBJECTIVES.map((o, i) => ({
    ...o,
    ratings: ratings.filter((r) => r.objectiveRef === o.ref),
    summary: summaries[i],
    strengths: observations.filter((x) => x.kind === 'strength' && x.objectiveRefs.includes(o.ref)),
    areasForImprovement: observations.filter((x) => x.kind === 'improvement' && x.objectiveRefs.includes(o.ref)),
  }));
  const timeline = Array.from({ length: 16 }, (_, i) =>
    timelineEntry(i, i % 2 ? FIXTURE_POSTS : FIXTURE_POSTS.slice(0, 4), {
      acknowledged: i % 2 ? 5 : 4,
      inTime: i % 2 ? 4 - (i % 3) : 4,
      responded: 3,
    }),
  );
  const missedDeadlines: ReportMissedDeadline[] = timeline
    .filter((e) => e.overdue > 0)
    .map((e, i) => ({
      deliveryId: `d-${i}`,
      injectId: e.injectId,
      ref: e.ref,
      offsetSeconds: e.offsetSeconds,
      title: e.title,
      precedence: e.precedence,
      commandPostId: byCrc.id,
      commandPostCode: byCrc.code,
      firedAt: at(e.offsetSeconds),
      deadlineAt: at(e.offsetSeconds + 120),
      acknowledgedAt: i % 2 ? at(e.offsetSeconds + 150) : null,
      secondsLate: i % 2 ? 30 : null,
    }));
  return {
    schemaVersion: 2,
    overview: {
      exerciseId: EXERCISE,
      title: 'Учения «Паводок-2026»',
      scenarioId: 'sc-flood',
      scenarioTitle: 'Паводок на реке Чу / Flood on the Chu river',
      scenarioDescription:
        'Весенний паводок на приграничном участке реки Чу. The command posts of five member states coordinate warning, evacuation and cross-border assistance.',
      status: 'completed',
      speed: 1,
      startedAt: at(0),
      completedAt: at(7200),
      scenarioSeconds: 7200,
      posts: FIXTURE_POSTS,
      objectives: OBJECTIVES,
      scope: 'Функциональные учения: оповещение и взаимодействие дежурных служб; field units are simulated.',
      missionArea: 'response',
    },
    totals: { injects: 16, fired: 16, held: 0, skipped: 0, pending: 0, deliveries: 80, delivered: 80, acknowledged: 72, responded: 48, overdue: 14 },
    timeline,
    postStatistics: FIXTURE_POSTS.map(postStatistics),
    missedDeadlines,
    auditTrail: [],
    dutyShifts: [
      {
        dutyShiftId: 'shift-b',
        code: 'B',
        names: { ru: 'Дежурная смена «Б»', en: 'Duty shift B' },
        acknowledgements: 40,
        responses: 28,
        controlActions: 6,
        watches: [{ from: '2026-11-28T05:00:00.000Z', to: '2026-11-28T17:00:00.000Z' }],
      },
      {
        dutyShiftId: 'shift-c',
        code: 'C',
        names: { ru: 'Дежурная смена «В»', en: 'Duty shift C' },
        acknowledgements: 32,
        responses: 20,
        controlActions: 3,
        watches: [{ from: '2026-11-28T17:00:00.000Z', to: '2026-11-29T05:00:00.000Z' }],
      },
    ],
    dutyMessages: [
      {
        id: 'duty-1',
        exerciseId: 'ex-rich',
        seq: 1,
        channel: FIXTURE_POSTS[2].id,
        from: { role: 'controller', displayName: 'Петров П. П.', commandPostId: null, dutyShift: { id: 'shift-b', code: 'B' } },
        text: 'KG-MES, доложите уровень воды на посту Ала-Арча',
        sentAt: '2026-11-28T06:10:00.000Z',
        scenarioSeconds: 600,
        readBy: [
          {
            messageId: 'duty-1',
            exerciseId: 'ex-rich',
            channel: FIXTURE_POSTS[2].id,
            reader: { role: 'operator', displayName: 'Оператор КГ', commandPostId: FIXTURE_POSTS[2].id },
            readAt: '2026-11-28T06:11:00.000Z',
          },
        ],
      },
      {
        id: 'duty-2',
        exerciseId: 'ex-rich',
        seq: 2,
        channel: 'broadcast',
        from: { role: 'controller', displayName: 'Петров П. П.', commandPostId: null, dutyShift: { id: 'shift-b', code: 'B' } },
        text: 'All posts: ENDEX at 12:00 UTC',
        sentAt: '2026-11-28T07:00:00.000Z',
        scenarioSeconds: 3600,
        readBy: [],
      },
    ],
    objectives,
    observations,
    improvementPlan: [
      action(1, {
        objectiveRef: 'O1',
        observationId: 'obs-2',
        action: 'Назначить резервный канал связи для дежурного BY-CRC',
        capabilityElement: 'equipment',
        responsible: 'Белорусский Красный Крест',
        memberState: 'BY',
        ministry: 'crc',
        commandPostId: byCrc.id,
        pointOfContact: 'Козлова Н. П., +375 17 000-00-00',
        startDate: '2027-01-10',
        dueDate: '2027-03-01',
        status: 'in_progress',
      }),
      action(2, {
        objectiveRef: 'O1',
        observationId: 'obs-3',
        action: 'Update the contact list quarterly and test it monthly',
        capabilityElement: 'planning',
        responsible: 'MES of the Kyrgyz Republic',
        memberState: 'KG',
        ministry: 'emergency',
        pointOfContact: 'A. Asanov',
        dueDate: '2026-12-01',
        overdue: true,
      }),
      action(3, {
        objectiveRef: 'O2',
        observationId: 'obs-5',
        action: 'Add the crossing point to the request-for-assistance template',
        capabilityElement: 'organization',
        responsible: 'KZ-MOD',
        commandPostId: kzMod.id,
        dueDate: '2027-02-15',
        status: 'done',
      }),
      action(4, {
        objectiveRef: 'O3',
        action: 'Обучить пресс-службы подготовке двуязычных сообщений',
        capabilityElement: 'training',
        responsible: 'Все государства',
        dueDate: '2027-06-30',
      }),
    ],
    feedback: {
      responses: 9,
      posts: 6,
      questions: [
        {
          questionId: 'realism',
          kind: 'rating',
          text: 'Насколько реалистичным был сценарий?',
          translations: { en: 'How realistic was the scenario?' },
          answers: 9,
          mean: 4.11,
          distribution: [0, 0, 2, 4, 3],
          texts: [],
        },
        {
          questionId: 'clarity',
          kind: 'rating',
          text: 'Насколько понятными были вводные?',
          translations: { en: 'How clear were the injects?' },
          answers: 8,
          mean: 3.5,
          distribution: [0, 1, 3, 3, 1],
          texts: [{ commandPostCode: 'AM-MES', text: 'Some injects referred to maps we did not have.' }],
        },
        {
          questionId: 'comments',
          kind: 'text',
          text: 'Что следует улучшить?',
          translations: { en: 'What should be improved?' },
          answers: 3,
          mean: null,
          distribution: [0, 0, 0, 0, 0],
          texts: [
            { commandPostCode: 'KG-MES', text: 'Больше времени на подготовку ответа на запрос помощи.' },
            { commandPostCode: 'BY-CRC', text: 'A test of the channels the day before STARTEX.' },
            { commandPostCode: 'KZ-MES', text: 'Вводные на двух языках.' },
          ],
        },
      ],
    },
    generatedAt: at(7300),
  };
}

/**
 * A report at the benchmark's scale, as the pipeline hands it to the PDF/DOCX renderers: `injects` timeline
 * entries targeting `posts` posts each (deliveries left out), `missed` missed deadlines, and ratings of every
 * post for the rich report's objectives.
 */
export function largeReport(injects = 10_000, posts = 100, missed = 100_000): ExerciseReport {
  const base = richReport();
  const postList: CommandPostView[] = Array.from({ length: posts }, (_, i) => ({
    id: `p-${i}`,
    code: `P${String(i).padStart(3, '0')}`,
    name: `Пункт управления №${i}`,
    names: { ru: `Пункт управления №${i}`, en: `Command post No. ${i}` },
    memberState: 'KZ',
    ministry: 'emergency',
    ministryId: 'ministry-1',
    timeZone: 'Asia/Almaty',
    active: true,
  }));
  const targets = postList.map((p) => p.id);
  const targetCodes = postList.map((p) => p.code);
  const timeline: ReportTimelineEntry[] = Array.from({ length: injects }, (_, i) => ({
    ...base.timeline[0],
    injectId: `inj-${i}`,
    ref: `I-${i}`,
    offsetSeconds: i * 30,
    title: `Вводная ${i}`,
    dueAt: at(i * 30),
    firedAt: at(i * 30),
    targets,
    targetCodes,
    acknowledged: posts - (i % 7),
    acknowledgedInTime: posts - (i % 7) - (i % 5),
    responded: posts - 10,
    overdue: (i % 7) + (i % 5),
  }));
  const missedDeadlines: ReportMissedDeadline[] = Array.from({ length: missed }, (_, i) => ({
    deliveryId: `d-${i}`,
    injectId: `inj-${i % injects}`,
    ref: `I-${i % injects}`,
    offsetSeconds: (i % injects) * 30,
    title: `Вводная ${i % injects}`,
    precedence: 'routine',
    commandPostId: postList[i % posts].id,
    commandPostCode: postList[i % posts].code,
    firedAt: at((i % injects) * 30),
    deadlineAt: at((i % injects) * 30 + 120),
    acknowledgedAt: null,
    secondsLate: null,
  }));
  const ratings: RatingView[] = base.overview.objectives.flatMap((o, k) =>
    postList.map((p, i) => rating(o.ref, p.id, (['P', 'S', 'M', 'U'] as const)[(i + k) % 4], EVALUATORS[i % 3], i % 3 === 2)),
  );
  const summaries = summariseRatings(
    base.overview.objectives.map((o) => o.ref),
    ratings,
  );
  return {
    ...base,
    overview: { ...base.overview, posts: postList },
    totals: { ...base.totals, injects, fired: injects, deliveries: injects * posts, delivered: injects * posts, overdue: missed },
    timeline,
    postStatistics: postList.map((p, i) => ({ ...postStatistics(FIXTURE_POSTS[i % 6], i % 6), commandPostId: p.id, code: p.code, name: p.name })),
    missedDeadlines,
    objectives: base.objectives.map((o, k) => ({ ...o, ratings: ratings.filter((r) => r.objectiveRef === o.ref), summary: summaries[k] })),
  };
}
