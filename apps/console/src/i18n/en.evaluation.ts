/** English strings of the evaluation screens (issue 11); merged into en.ts. `ru.evaluation.ts` carries the same keys. */
export const evaluationEn = {
  'evaluation.title': 'Evaluation',
};
