import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { INJECT_KINDS, LANGUAGES, MEDIA_FORMATS, PRECEDENCES } from '@excon/domain';
import type * as domain from '@excon/domain';
import type { Scenario, ScenarioInject } from '@excon/persistence';
import type * as contract from '@excon/contracts';
import { AttachmentSummaryView } from '../attachments/attachment.view';

type AttachmentSummary = domain.AttachmentSummary;

export class Objective implements domain.Objective {
  /**
   * @example "OBJ-1"
   */
  ref!: string;

  /**
   * @example "Alert the duty services of every post within 15 minutes"
   */
  title!: string;

  /**
   * The performance the objective expects; absent when not set.
   * @example "Within 15 minutes of the warning, every emergency ministry's post has acknowledged it"
   */
  capabilityTarget?: string;

  /**
   * @example ["Receive the warning", "Alert the posts"]
   */
  criticalTasks?: string[];
}

/** An inject's title and body in one language. */
export class InjectText {
  /**
   * @example "Flood warning"
   */
  title!: string;

  /**
   * @example "The river has risen 2 m above the warning level at Brest."
   */
  body!: string;
}

/** Who publishes a media inject. */
export class MediaSourceView implements domain.MediaSource {
  /**
   * @example "Channel 24 News"
   */
  outlet!: string;

  /**
   * @example "bulletin"
   */
  @ApiProperty({ enum: MEDIA_FORMATS })
  format!: domain.MediaFormat;

  /** One of the inject's image attachments, shown as the outlet's logo. */
  outletLogoAttachmentId!: string | null;
}

/** The inject's text in the other language(s); keys are languages. */
export class Translations implements domain.Translations {
  ru?: InjectText;
  en?: InjectText;
}

/** The fields every stored inject has, scenario and exercise alike (libs/domain normalizeInject). */
export abstract class StoredInjectView implements Omit<contract.InjectView, 'targetGroups'> {
  /**
   * @example "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  id!: string;

  /**
   * Unique within the scenario.
   * @example "INJ-1.2"
   */
  ref!: string;

  /**
   * Scenario seconds after STARTEX.
   * @example 900
   */
  offsetSeconds!: number;

  /**
   * In the scenario's language.
   * @example "Flood warning"
   */
  title!: string;

  /**
   * @example "The river has risen 2 m above the warning level at Brest."
   */
  body!: string;

  /** Command post ids. */
  targets!: string[];

  /**
   * @example "immediate"
   */
  @ApiProperty({ enum: PRECEDENCES })
  precedence!: contract.InjectView['precedence'];

  /**
   * Who the message is from, as the players see it; empty when unset.
   * @example "Hydrometeorological centre"
   */
  from!: string;

  /**
   * Staff only; empty when unset.
   * @example "Warn the districts downstream"
   */
  expectedAction!: string;

  /**
   * Notes for controllers and evaluators (how to play the inject, what to watch for); never sent to an operator. Empty when unset.
   * @example "If the post asks, the dam operator cannot be reached until T+00:40."
   */
  controllerNotes!: string;

  /**
   * Seconds after firing within which the post must acknowledge; null: no deadline.
   * @example 300
   */
  ackWithinSeconds!: number | null;

  /**
   * Seconds after firing within which the post must respond; null: no deadline.
   * @example null
   */
  respondWithinSeconds!: number | null;

  /** Refs of the scenario objectives the inject serves. */
  objectiveRefs!: string[];

  /** Only the languages given. */
  translations!: Translations;

  /**
   * Ref of the contingency inject released to the posts that miss the acknowledge deadline.
   * @example null
   */
  contingencyRef!: string | null;

  /** A contingency inject is not scheduled: an escalation or a controller releases it. */
  contingency!: boolean;

  /** The files it carries, in the order added (`GET /api/attachments/:id`). */
  attachments!: AttachmentSummaryView[];

  /**
   * `media`: simulated news (an article, a bulletin, a social post) shown in the operators' Media tab.
   * @example "message"
   */
  @ApiProperty({ enum: INJECT_KINDS })
  kind!: domain.InjectKind;

  /** A media inject's outlet; null for a message. */
  @ApiProperty({ nullable: true, allOf: [{ $ref: getSchemaPath(MediaSourceView) }] })
  media!: MediaSourceView | null;
}

/** A scenario inject as stored. */
export class InjectView extends StoredInjectView implements contract.InjectView {
  /** Post group ids, next to the posts of `targets`; an exercise gets the groups' active posts when it is created. */
  targetGroups!: string[];
}

export class ScenarioView implements contract.ScenarioView {
  /**
   * @example "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"
   */
  id!: string;

  /**
   * @example "Spring flood 2027"
   */
  title!: string;

  /**
   * @example "Joint command-post exercise of the emergency services"
   */
  description!: string;

  /**
   * The language the injects are written in.
   * @example "ru"
   */
  @ApiProperty({ enum: LANGUAGES })
  language!: contract.ScenarioView['language'];

  objectives!: Objective[];

  /** Ordered by offsetSeconds, then ref. */
  injects!: InjectView[];

  /**
   * 1 when created; each import of a new version of its MSEL adds one.
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  version!: number;

  /**
   * @example "2027-03-01T09:00:00.000Z"
   */
  createdAt!: string;

  /**
   * @example "2027-03-02T14:30:00.000Z"
   */
  updatedAt!: string;
}

export class ScenarioSummaryView implements contract.ScenarioSummaryView {
  /**
   * @example "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"
   */
  id!: string;

  /**
   * @example "Spring flood 2027"
   */
  title!: string;

  /**
   * @example "Joint command-post exercise of the emergency services"
   */
  description!: string;

  /**
   * @example 42
   */
  injectCount!: number;

  /**
   * @example "2027-03-02T14:30:00.000Z"
   */
  updatedAt!: string;
}

export function toInjectView(inject: Omit<ScenarioInject, 'scenario'>, attachments: AttachmentSummary[] = []): contract.InjectView {
  return {
    id: inject.id,
    ref: inject.ref,
    offsetSeconds: inject.offsetSeconds,
    title: inject.title,
    body: inject.body,
    targets: inject.targets,
    targetGroups: inject.targetGroups,
    precedence: inject.precedence,
    from: inject.from,
    expectedAction: inject.expectedAction,
    controllerNotes: inject.controllerNotes,
    ackWithinSeconds: inject.ackWithinSeconds,
    respondWithinSeconds: inject.respondWithinSeconds,
    objectiveRefs: inject.objectiveRefs,
    translations: inject.translations,
    contingencyRef: inject.contingencyRef,
    contingency: inject.contingency,
    kind: inject.kind,
    media: inject.media,
    attachments,
  };
}

/** MSEL order: by offset, then by ref in code-point order (the same whatever the database's collation). */
export function compareInjects(a: Pick<ScenarioInject, 'offsetSeconds' | 'ref'>, b: Pick<ScenarioInject, 'offsetSeconds' | 'ref'>): number {
  return a.offsetSeconds - b.offsetSeconds || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
}

/** Injects ordered by offset, then ref. */
export function toScenarioView(scenario: Scenario, attachmentsOf: ReadonlyMap<string, AttachmentSummary[]> = new Map()): contract.ScenarioView {
  return {
    id: scenario.id,
    title: scenario.title,
    description: scenario.description,
    language: scenario.language,
    objectives: scenario.objectives,
    injects: [...scenario.injects.getItems()].sort(compareInjects).map((inject) => toInjectView(inject, attachmentsOf.get(inject.id))),
    version: scenario.version,
    createdAt: scenario.createdAt.toISOString(),
    updatedAt: scenario.updatedAt.toISOString(),
  };
}
