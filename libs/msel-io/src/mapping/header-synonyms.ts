import { MSEL_FIELDS, type MselField } from '@excon/domain';
import { EXCON_COLUMNS } from '../msel-fields';

/**
 * A header as the mapping compares it: lower case, ё as е, "#", "№" and "+" kept (they mean "number" and
 * "relative time" in MSEL headers), every other punctuation mark a space, runs of spaces one space, trimmed.
 * "Inject#" and "Inject #" are the same header, so are "Время (Ч+)" and "время ч+".
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[#№]/g, ' $& ')
    .replace(/[^\p{L}\p{N}#№+]+/gu, ' ')
    .replace(/ ?\+ ?/g, '+')
    .trim();
}

/**
 * Header spellings per field, most wanted first: when two columns could be one field, the earlier spelling
 * wins (Blueprint's "Exercise Time" over its "Simulated Time", "Description" over "Details", "To" over
 * "Assigned To", which names the controller). ExCon's own export header comes first in each list.
 */
const SPELLINGS: Record<MselField, string[]> = {
  ref: [
    'Ref',
    'Reference',
    'MSEL Event #',
    'Event #',
    'Inject #',
    'MSEL #',
    'Event No',
    'Event Number',
    'Inject No',
    'Inject Number',
    'Inject ID',
    '#',
    'No',
    'Nr',
    'ID',
    '№',
    '№ п/п',
    'Номер',
    'Номер вводной',
    '№ вводной',
  ],
  time: [
    'Exercise Time',
    'Scenario Time',
    'Designated Scenario Time',
    'Event Time',
    'Inject Time',
    'Delivery Time',
    'Trigger Time',
    'Time',
    'Real Time',
    'T+min',
    'T+',
    'Simulated Time',
    'Время (Ч+)',
    'Ч+',
    'Время',
    'Время ввода',
    'Время выдачи',
    'Астрономическое время',
  ],
  title: ['Inject Title', 'Event Title', 'Title', 'Subject', 'Заголовок', 'Тема', 'Название', 'Наименование'],
  body: [
    'Inject Description',
    'Event Description',
    'Description',
    'Message',
    'Script',
    'Text',
    'Body',
    'Content',
    'Inject',
    'Details',
    'Содержание вводной',
    'Текст вводной',
    'Содержание',
    'Текст',
    'Вводная',
    'Сообщение',
  ],
  titleRu: ['Заголовок (ru)', 'Title (ru)', 'Заголовок (рус)', 'Title (Russian)'],
  bodyRu: ['Содержание (ru)', 'Text (ru)', 'Текст (ru)', 'Body (ru)', 'Содержание (рус)', 'Text (Russian)'],
  titleEn: ['Заголовок (en)', 'Title (en)', 'Заголовок (англ)', 'Title (English)'],
  bodyEn: ['Содержание (en)', 'Text (en)', 'Текст (en)', 'Body (en)', 'Содержание (англ)', 'Text (English)'],
  from: ['From', 'Sender', 'Source', 'От кого', 'Отправитель', 'Источник', 'От'],
  targets: [
    'To',
    'Recipient',
    'Recipients',
    'Player',
    'Players',
    'Team',
    'Teams',
    'Target',
    'Targets',
    'Кому',
    'Получатель',
    'Получатели',
    'Адресат',
    'Адресаты',
    'Исполнитель',
    'Исполнители',
  ],
  precedence: ['Precedence', 'Priority', 'Urgency', 'Срочность', 'Приоритет', 'Важность'],
  expectedAction: [
    'Expected Action',
    'Expected Actions',
    'Expected Player Action',
    'Expected Player Actions',
    'Expected Response',
    'Expected Outcome',
    'Expectation',
    'Expectations',
    'Ожидаемые действия',
    'Ожидаемое действие',
    'Ожидаемая реакция',
    'Ожидаемый результат',
  ],
  ackWithin: ['Acknowledge within', 'Ack within', 'Acknowledge by', 'Подтвердить за', 'Подтверждение за', 'Срок подтверждения'],
  respondWithin: ['Respond within', 'Response within', 'Reply within', 'Ответить за', 'Ответ за', 'Срок ответа'],
  objectiveRefs: [
    'Objectives',
    'Objective',
    'Objective/Core Capability',
    'Objective/Capability',
    'Core Capability',
    'Core Capabilities',
    'Capability',
    'Цели',
    'Цель',
    'Учебные цели',
    'Учебная цель',
  ],
  controllerNotes: [
    'Controller Notes',
    'Notes',
    'Note',
    'Evaluation Notes/Hints',
    'Evaluator Notes',
    'Hints',
    'Заметки посредника',
    'Примечание',
    'Примечания',
    'Заметки',
    'Комментарий',
  ],
  contingency: ['Contingency', 'Event Type', 'Резервный', 'Резервная', 'Резерв'],
  contingencyRef: ['Contingency Ref', 'Contingency Inject', 'Резервный ввод'],
};

/**
 * The normalised header spellings (see `normalizeHeader`) that propose each field, most wanted first: ExCon's
 * export headers, the HSEEP MSEL template, Blueprint's standard MSEL, T3SF, the asapcyber CSV and the Russian
 * forms. No spelling belongs to two fields.
 */
export const HEADER_SYNONYMS: Record<MselField, string[]> = Object.fromEntries(
  MSEL_FIELDS.map((field) => {
    const own = EXCON_COLUMNS.filter((column) => column.field === field).map((column) => column.header);
    return [field, [...new Set([...own, ...SPELLINGS[field]].map(normalizeHeader))]];
  }),
) as Record<MselField, string[]>;

/** Which field each normalised spelling proposes, and how wanted it is there (0 = first). */
export const FIELD_OF_SYNONYM: ReadonlyMap<string, { field: MselField; rank: number }> = new Map(
  MSEL_FIELDS.flatMap((field) => HEADER_SYNONYMS[field].map((spelling, rank) => [spelling, { field, rank }] as const)),
);
