import type { InjectKind, Language, MediaFormat, MediaSource, Precedence } from '../vocabulary';
import type { Translations } from './msel-shapes';

/** An inject as a client sends it (a scenario's or an ad-hoc one), after the per-field checks. */
export interface InjectDraftInput {
  ref: string;
  title: string;
  body: string;
  targets: string[];
  precedence?: Precedence;
  from?: string;
  expectedAction?: string;
  /** For controllers and evaluators only: never sent to an operator, by any route. */
  controllerNotes?: string;
  ackWithinSeconds?: number | null;
  respondWithinSeconds?: number | null;
  objectiveRefs?: string[];
  translations?: Partial<Record<Language, { title: string; body: string } | null | undefined>>;
  /** Ref of a contingency inject released to the posts that miss this inject's acknowledge deadline. */
  contingencyRef?: string | null;
  /** A contingency inject is not scheduled: it is only released by an escalation or by hand. */
  contingency?: boolean;
  /** Default `message`. */
  kind?: InjectKind;
  /** Required for a `media` inject, absent (or null) for a message. */
  media?: { outlet: string; format?: MediaFormat; outletLogoAttachmentId?: string | null } | null;
}

/** The same inject with every optional field given its value, as stored. */
export interface NormalizedInject {
  ref: string;
  title: string;
  body: string;
  targets: string[];
  precedence: Precedence;
  from: string;
  expectedAction: string;
  controllerNotes: string;
  ackWithinSeconds: number | null;
  respondWithinSeconds: number | null;
  objectiveRefs: string[];
  translations: Translations;
  contingencyRef: string | null;
  contingency: boolean;
  kind: InjectKind;
  /** Null for a message. */
  media: MediaSource | null;
}

/**
 * The one normalisation of an inject, for scenario and ad-hoc injects alike: ids in their canonical
 * lower-case spelling (an upper-case UUID names the same post), defaults filled in, translations
 * given as null left out. Duplicates are not dropped here: `mselProblems` refuses them.
 */
export function normalizeInject(input: InjectDraftInput): NormalizedInject {
  return {
    ref: input.ref,
    title: input.title,
    body: input.body,
    targets: input.targets.map((id) => id.toLowerCase()),
    precedence: input.precedence ?? 'routine',
    from: input.from ?? '',
    expectedAction: input.expectedAction ?? '',
    controllerNotes: input.controllerNotes ?? '',
    ackWithinSeconds: input.ackWithinSeconds ?? null,
    respondWithinSeconds: input.respondWithinSeconds ?? null,
    objectiveRefs: input.objectiveRefs ?? [],
    translations: Object.fromEntries(Object.entries(input.translations ?? {}).filter(([, text]) => text !== null && text !== undefined)),
    contingencyRef: input.contingencyRef ?? null,
    contingency: input.contingency ?? false,
    kind: input.kind ?? 'message',
    media: input.media
      ? {
          outlet: input.media.outlet,
          format: input.media.format ?? 'article',
          outletLogoAttachmentId: input.media.outletLogoAttachmentId?.toLowerCase() ?? null,
        }
      : null,
  };
}
