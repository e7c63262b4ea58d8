/** English strings of the plan screens (issue 11); merged into en.ts. `ru.plan.ts` carries the same keys. */
export const planEn = {
  'plan.title': 'Plan',
};
