import type { attachmentsEn } from './en.attachments';

/** Russian strings of inject attachments; the same keys as en.attachments.ts. */
export const attachmentsRu: Record<keyof typeof attachmentsEn, string> = {
  'attachment.heading': 'Вложения',
  'attachment.none': 'Файлов нет.',
  'attachment.open': 'Открыть',
  'attachment.openLabel': 'Открыть {name}',
  'attachment.download': 'Скачать',
  'attachment.downloadLabel': 'Скачать {name}',
  'attachment.remove': 'Удалить',
  'attachment.removeLabel': 'Удалить {name}',
  'attachment.add': 'Приложить файл',
  'attachment.hint': 'Карты, фотографии, сканы и документы: PNG, JPEG, GIF, WebP, PDF, текст, Word, Excel, PowerPoint или OpenDocument.',
  'attachment.uploading': 'Загрузка {name}…',
  'attachment.added': 'Файл {name} приложен.',
  'attachment.removed': 'Файл {name} удалён.',
  'attachment.unavailable': 'Не удалось получить файл.',
  'attachment.afterSave': 'Сначала сохраните вводную, затем прикладывайте к ней файлы.',
  'attachment.count': 'Файлов: {count}',
  'attachment.ofInject': 'Файлы вводной {ref} (до её выдачи)',
};
