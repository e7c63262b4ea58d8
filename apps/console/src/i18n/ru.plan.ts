import type { planEn } from './en.plan';

/** Русские строки экранов (plan); ключи те же, что в en.plan.ts. */
export const planRu: Record<keyof typeof planEn, string> = {
  'plan.title': 'План улучшений',
};
