import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { INJECT_KINDS, PRECEDENCES, type InjectKind, type MediaSource, type Precedence, type Translations } from '@excon/domain';
import { Scenario } from './scenario.entity';

/** One line of the MSEL. */
@Entity({ tableName: 'scenario_inject' })
@Unique({ properties: ['scenario', 'ref'] })
export class ScenarioInject {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Scenario, { ref: true, deleteRule: 'cascade' })
  scenario!: Ref<Scenario>;

  @Property({ type: 'string', length: 32 })
  ref!: string;

  /** Seconds after STARTEX. */
  @Property({ type: 'integer' })
  offsetSeconds!: number;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  /** Ids of the targeted command posts. */
  @Property({ type: 'json' })
  targets: string[] = [];

  /** Ids of targeted post groups: expanded to their posts when an exercise is created (the exercise keeps only posts). */
  @Property({ type: 'json', default: '[]' })
  targetGroups: string[] & Opt = [];

  @Enum({ items: () => [...PRECEDENCES], default: 'routine' })
  precedence: Precedence = 'routine';

  /** The simulated sender. */
  @Property({ type: 'string', length: 200 })
  from: string = '';

  @Property({ type: 'text' })
  expectedAction: string = '';

  /** Staff only: never sent to an operator. */
  @Property({ type: 'text', default: '' })
  controllerNotes: string = '';

  @Property({ type: 'integer', nullable: true })
  ackWithinSeconds: number | null = null;

  @Property({ type: 'integer', nullable: true })
  respondWithinSeconds: number | null = null;

  @Property({ type: 'json' })
  objectiveRefs: string[] = [];

  @Property({ type: 'json' })
  translations: Translations = {};

  @Property({ type: 'string', length: 32, nullable: true })
  contingencyRef: string | null = null;

  @Property({ type: 'boolean', default: false })
  contingency: boolean = false;

  @Enum({ items: () => [...INJECT_KINDS], default: 'message' })
  kind: InjectKind & Opt = 'message';

  /** A media inject's outlet; null for a message. */
  @Property({ type: 'json', nullable: true })
  media: MediaSource | null = null;
}
