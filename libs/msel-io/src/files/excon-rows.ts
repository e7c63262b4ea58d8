import type { Language, MselField } from '@excon/domain';
import { EXCON_COLUMNS } from '../msel-fields';
import type { PortableInject } from '../portable-scenario';

/** The contingency column's text for a contingency inject, in both languages like the headers. */
export const CONTINGENCY_MARK = 'да / yes';

/**
 * One inject as a row of ExCon's export, one text per {@link EXCON_COLUMNS} entry, in that order: the time as
 * `T+HH:MM:SS`, each language's title and body in its own columns (the scenario's `language` from the inject's
 * own text, the other from its translation, if any), targets and objectives joined with ", ", the precedence as
 * its English word in capitals, deadlines as `HH:MM:SS`. Empty fields are empty texts.
 */
export function exconRow(inject: PortableInject, language: Language): string[] {
  return EXCON_COLUMNS.map(({ field }) => exconCell(inject, language, field));
}

function exconCell(inject: PortableInject, language: Language, field: MselField): string {
  switch (field) {
    case 'ref':
      return inject.ref;
    case 'time':
      return `T+${clock(inject.offsetSeconds)}`;
    case 'title':
      return inject.title;
    case 'body':
      return inject.body;
    case 'titleRu':
      return textIn(inject, language, 'ru').title;
    case 'bodyRu':
      return textIn(inject, language, 'ru').body;
    case 'titleEn':
      return textIn(inject, language, 'en').title;
    case 'bodyEn':
      return textIn(inject, language, 'en').body;
    case 'from':
      return inject.from;
    case 'targets':
      return inject.targets.join(', ');
    case 'precedence':
      return inject.precedence.toUpperCase();
    case 'expectedAction':
      return inject.expectedAction;
    case 'ackWithin':
      return inject.ackWithinSeconds === null ? '' : clock(inject.ackWithinSeconds);
    case 'respondWithin':
      return inject.respondWithinSeconds === null ? '' : clock(inject.respondWithinSeconds);
    case 'objectiveRefs':
      return inject.objectiveRefs.join(', ');
    case 'contingency':
      return inject.contingency ? CONTINGENCY_MARK : '';
    case 'contingencyRef':
      return inject.contingencyRef ?? '';
    case 'controllerNotes':
      return inject.controllerNotes;
  }
}

function textIn(inject: PortableInject, scenarioLanguage: Language, column: Language): { title: string; body: string } {
  if (column === scenarioLanguage) return { title: inject.title, body: inject.body };
  return inject.translations[column] ?? { title: '', body: '' };
}

/** 5400 → "01:30:00"; hours grow past two digits (720:00:00) rather than roll over into days. */
function clock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
