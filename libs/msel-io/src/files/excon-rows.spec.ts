import { EXCON_COLUMNS } from '../msel-fields';
import { exconRow } from './excon-rows';
import { EXAMPLE_SCENARIO } from './portable-scenario.testing';

const [first, second] = EXAMPLE_SCENARIO.injects;

describe('exconRow', () => {
  it('writes one text per ExCon column, in their order', () => {
    expect(EXCON_COLUMNS.map((column) => column.field)).toEqual([
      'ref',
      'time',
      'titleRu',
      'bodyRu',
      'titleEn',
      'bodyEn',
      'from',
      'targets',
      'precedence',
      'expectedAction',
      'ackWithin',
      'respondWithin',
      'objectiveRefs',
      'contingency',
      'contingencyRef',
      'controllerNotes',
    ]);
    expect(exconRow(first, 'ru')).toEqual([
      '1',
      'T+00:05:00',
      'Пожар на складе',
      'Обнаружен пожар.\nЭвакуация, "срочно"; доложить',
      'Warehouse fire',
      'A fire is reported.',
      'Дежурный',
      'CRC-1, EMR-2',
      'FLASH',
      'Доложить в 10 мин',
      '00:10:00',
      '01:00:00',
      'O1, O2',
      '',
      '1a',
      "'Не раскрывать заранее",
    ]);
  });

  it('writes empty fields as empty texts, hours past 99 unpadded, and the contingency mark', () => {
    expect(exconRow(second, 'ru')).toEqual(['1a', 'T+720:00:00', '=1+1', '@все', '', '', '', '', 'ROUTINE', '', '', '', '', 'да / yes', '', '']);
  });

  it("puts an English scenario's own text in the English columns and its Russian translation in the Russian ones", () => {
    const inject = { ...first, title: 'Fire', body: 'Evacuate', translations: { ru: { title: 'Пожар', body: 'Эвакуация' } } };
    expect(exconRow(inject, 'en').slice(2, 6)).toEqual(['Пожар', 'Эвакуация', 'Fire', 'Evacuate']);
  });

  it('writes seconds to the second', () => {
    expect(exconRow({ ...second, offsetSeconds: 3 * 3600 + 25 * 60 + 7, ackWithinSeconds: 59 }, 'ru').slice(0, 2)).toEqual(['1a', 'T+03:25:07']);
    expect(exconRow({ ...second, ackWithinSeconds: 59 }, 'ru')[10]).toBe('00:00:59');
  });
});
