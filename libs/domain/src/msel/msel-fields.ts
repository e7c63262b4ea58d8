/**
 * The fields an MSEL column can be mapped to (CONTRACT.md "MSEL import and export", extended with the
 * per-language text, the respond deadline and the contingency ref that ExCon's own export writes).
 */
export const MSEL_FIELDS = [
  'ref',
  'time',
  'title',
  'body',
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
  'controllerNotes',
  'contingency',
  'contingencyRef',
] as const;
export type MselField = (typeof MSEL_FIELDS)[number];
