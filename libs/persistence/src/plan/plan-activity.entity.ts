import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import {
  PLAN_ACTIVITY_KINDS,
  PLAN_ACTIVITY_STATUSES,
  type AgendaItem,
  type BilingualNames,
  type MinutesEntry,
  type PlanActivityKind,
  type PlanActivityStatus,
  type PlanDocument,
  type PlanParticipants,
  type PlanStatusChange,
} from '@excon/domain';

import { Exercise } from '../exercises/exercise.entity';
import { Scenario } from '../scenarios/scenario.entity';

/**
 * One activity of the year's joint-training plan: a joint duty-shift training, a command-post exercise, a
 * videoconference consultation, staff talks or a working-group meeting. A consultation's agenda, documents and
 * minutes are kept with it (each is read and written whole, with the activity).
 */
@Entity({ tableName: 'plan_activity' })
@Index({ properties: ['startAt'] })
export class PlanActivity {
  [OptionalProps]?: 'status' | 'statusReason' | 'history' | 'agenda' | 'documents' | 'minutes' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => [...PLAN_ACTIVITY_KINDS] })
  kind!: PlanActivityKind;

  @Property({ type: 'json' })
  titles!: BilingualNames;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  startAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  endAt!: Date;

  @Property({ type: 'json' })
  participants!: PlanParticipants;

  @Property({ type: 'string', length: 200 })
  organiser!: string;

  @Enum({ items: () => [...PLAN_ACTIVITY_STATUSES], default: 'planned' })
  status: PlanActivityStatus = 'planned';

  @Property({ type: 'text', nullable: true })
  statusReason: string | null = null;

  @Property({ type: 'json' })
  history: PlanStatusChange[] = [];

  @ManyToOne(() => Scenario, { ref: true, nullable: true, deleteRule: 'set null' })
  scenario: Ref<Scenario> | null = null;

  @ManyToOne(() => Exercise, { ref: true, nullable: true, deleteRule: 'set null' })
  exercise: Ref<Exercise> | null = null;

  @Property({ type: 'json' })
  agenda: AgendaItem[] = [];

  @Property({ type: 'json' })
  documents: PlanDocument[] = [];

  @Property({ type: 'json' })
  minutes: MinutesEntry[] = [];

  @Property({ type: 'uuid' })
  createdByUserId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
