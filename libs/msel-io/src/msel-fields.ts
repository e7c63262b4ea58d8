import type { MselField } from '@excon/domain';

/**
 * The columns of ExCon's own XLSX and CSV export, in order, each header in both languages. The import
 * recognises these headers exactly, so `import(export(s))` needs no mapping.
 */
export const EXCON_COLUMNS: readonly { field: MselField; header: string; width: number }[] = [
  { field: 'ref', header: '№ / Ref', width: 10 },
  { field: 'time', header: 'Время / Time', width: 14 },
  { field: 'titleRu', header: 'Заголовок (ru) / Title (ru)', width: 30 },
  { field: 'bodyRu', header: 'Содержание (ru) / Text (ru)', width: 60 },
  { field: 'titleEn', header: 'Заголовок (en) / Title (en)', width: 30 },
  { field: 'bodyEn', header: 'Содержание (en) / Text (en)', width: 60 },
  { field: 'from', header: 'От кого / From', width: 24 },
  { field: 'targets', header: 'Кому / To', width: 20 },
  { field: 'precedence', header: 'Срочность / Precedence', width: 14 },
  { field: 'expectedAction', header: 'Ожидаемые действия / Expected action', width: 40 },
  { field: 'ackWithin', header: 'Подтвердить за / Acknowledge within', width: 16 },
  { field: 'respondWithin', header: 'Ответить за / Respond within', width: 16 },
  { field: 'objectiveRefs', header: 'Цели / Objectives', width: 16 },
  { field: 'contingency', header: 'Резервный / Contingency', width: 12 },
  { field: 'contingencyRef', header: 'Резервный ввод / Contingency inject', width: 14 },
  { field: 'controllerNotes', header: 'Заметки посредника / Controller notes', width: 40 },
];

/** Sheet names of ExCon's XLSX export: the MSEL, the objectives, the scenario's own fields. */
export const EXCON_SHEETS = { msel: 'MSEL', objectives: 'Цели - Objectives', scenario: 'Сценарий - Scenario' } as const;

/** Version of ExCon's JSON export; older versions are migrated on import, newer ones refused. */
export const MSEL_JSON_SCHEMA_VERSION = 2;
export const MSEL_JSON_FORMAT = 'excon-msel';
