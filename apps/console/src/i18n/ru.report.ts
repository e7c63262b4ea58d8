import type { reportEn } from './en.report';

/** Русские строки экранов (report); ключи те же, что в en.report.ts. */
export const reportRu: Record<keyof typeof reportEn, string> = {
  'report.title': 'Отчёт',
};
