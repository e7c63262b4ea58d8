import type { evaluationEn } from './en.evaluation';

/** Русские строки экранов (evaluation); ключи те же, что в en.evaluation.ts. */
export const evaluationRu: Record<keyof typeof evaluationEn, string> = {
  'evaluation.title': 'Оценка',
};
