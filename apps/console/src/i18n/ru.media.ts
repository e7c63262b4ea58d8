import type { mediaEn } from './en.media';

/** Russian strings of media injects; the same keys as en.media.ts. */
export const mediaRu: Record<keyof typeof mediaEn, string> = {
  'media.kind': 'Вид',
  'media.kind.message': 'Сообщение пункту',
  'media.kind.media': 'СМИ (имитация новостей)',
  'media.outlet': 'Издание',
  'media.outletHint': 'Имитируемая газета, канал или аккаунт, например «Канал 24 Новости».',
  'media.format': 'Формат',
  'media.format.article': 'Новостная статья',
  'media.format.bulletin': 'Теле- или радиовыпуск',
  'media.format.social': 'Пост в соцсети',
  'media.logo': 'Логотип издания',
  'media.logoNone': 'Без логотипа',
  'media.logoHint': 'Одно из изображений вводной (сначала приложите его).',
  'media.tabs': 'Представления',
  'media.tabInjects': 'Вводные',
  'media.tabMedia': 'СМИ',
  'media.feed': 'Лента СМИ',
  'media.empty': 'Материалов СМИ пока нет.',
  'media.exerciseMarking': 'УЧЕНИЯ · имитация СМИ',
  'media.openInject': 'Открыть как вводную',
};
