/** English strings of the report screens (issue 11); merged into en.ts. `ru.report.ts` carries the same keys. */
export const reportEn = {
  'report.title': 'Report',
};
