import { PRECEDENCES } from '@excon/domain';
import fc from 'fast-check';
import type { PortableInject, PortableScenario } from '../portable-scenario';

/** Texts that break naive writers: Cyrillic, line breaks, quotes, delimiters, leading `=` and `'`. */
export const trickyText = fc.oneof(
  fc.constantFrom(
    '',
    'План «Гроза»',
    'a;b,c',
    'строка\nвторая',
    'Windows\r\nline',
    '_x005F_ и _x000d_',
    '"цитата"',
    '=SUM(A1:A3)',
    "'уже",
    '-1',
    '+7 900',
    '@post',
    ' пробел ',
  ),
  fc.string({
    unit: fc.constantFrom('а', 'Я', 'z', ' ', ',', ';', '"', "'", '=', '+', '-', '@', '\n', '\r', '\t', 'ё', '№', '_x000D_'),
    maxLength: 20,
  }),
);

const code = fc.stringMatching(/^[A-Z][A-Z0-9-]{0,7}$/);
const seconds = fc.integer({ min: 0, max: 30 * 24 * 3600 });

/** Any inject a writer may be handed, valid for an import or not: the writers must keep every cell as it is. */
export const portableInject: fc.Arbitrary<PortableInject> = fc.record({
  ref: fc.stringMatching(/^[A-Za-zА-Яа-я0-9.-]{1,12}$/),
  offsetSeconds: seconds,
  title: trickyText,
  body: trickyText,
  targets: fc.array(code, { maxLength: 3 }),
  precedence: fc.constantFrom(...PRECEDENCES),
  from: trickyText,
  expectedAction: trickyText,
  ackWithinSeconds: fc.option(seconds, { nil: null }),
  respondWithinSeconds: fc.option(seconds, { nil: null }),
  objectiveRefs: fc.array(code, { maxLength: 3 }),
  translations: fc.option(fc.record({ title: trickyText, body: trickyText }), { nil: undefined }).map((text) => (text ? { en: text } : {})),
  contingencyRef: fc.option(code, { nil: null }),
  contingency: fc.boolean(),
  controllerNotes: trickyText,
});

export const portableScenario: fc.Arbitrary<PortableScenario> = fc.record({
  title: trickyText.filter((text) => text !== ''),
  description: trickyText,
  language: fc.constant('ru' as const),
  objectives: fc.uniqueArray(fc.record({ ref: code, title: trickyText }), { maxLength: 3, selector: (objective) => objective.ref }),
  injects: fc.array(portableInject, { minLength: 1, maxLength: 4 }),
});

const EXAMPLE_INJECTS: PortableInject[] = [
  {
    ref: '1',
    offsetSeconds: 300,
    title: 'Пожар на складе',
    body: 'Обнаружен пожар.\nЭвакуация, "срочно"; доложить',
    targets: ['CRC-1', 'EMR-2'],
    precedence: 'flash',
    from: 'Дежурный',
    expectedAction: 'Доложить в 10 мин',
    ackWithinSeconds: 600,
    respondWithinSeconds: 3600,
    objectiveRefs: ['O1', 'O2'],
    translations: { en: { title: 'Warehouse fire', body: 'A fire is reported.' } },
    contingencyRef: '1a',
    contingency: false,
    controllerNotes: "'Не раскрывать заранее",
  },
  {
    ref: '1a',
    offsetSeconds: 720 * 3600,
    title: '=1+1',
    body: '@все',
    targets: [],
    precedence: 'routine',
    from: '',
    expectedAction: '',
    ackWithinSeconds: null,
    respondWithinSeconds: null,
    objectiveRefs: [],
    translations: {},
    contingencyRef: null,
    contingency: true,
    controllerNotes: '',
  },
];

/** A hand-written scenario with one of each kind of field. */
export const EXAMPLE_SCENARIO: PortableScenario = {
  title: 'КШУ «Гроза-2025»',
  description: 'Учение ЦУКС; проверка оповещения',
  language: 'ru',
  objectives: [
    {
      ref: 'O1',
      title: 'Оповещение, сбор',
      capabilityTarget: 'За 15 минут оповестить все пункты',
      criticalTasks: ['Принять сигнал', '=Доложить\nв ЦУКС'],
    },
    { ref: 'O2', title: '=опасная формула' },
  ],
  injects: EXAMPLE_INJECTS,
};
