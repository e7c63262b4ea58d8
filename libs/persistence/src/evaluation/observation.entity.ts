import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { OBSERVATION_KINDS, type ObservationKind } from '@excon/domain';
import { Delivery } from '../exercises/delivery.entity';
import { Exercise } from '../exercises/exercise.entity';
import { ExerciseInject } from '../exercises/exercise-inject.entity';
import { User } from '../organisation/user.entity';

/** What an evaluator (or controller) saw: staff only, never shown to an operator. */
@Entity({ tableName: 'observation' })
@Index({ properties: ['exercise', 'observedAt'] })
export class Observation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Exercise, { ref: true, deleteRule: 'cascade' })
  exercise!: Ref<Exercise>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  author!: Ref<User>;

  /** The author's display name when written, so the report does not depend on the account. */
  @Property({ type: 'string', length: 200 })
  authorName!: string;

  @Property({ type: 'text' })
  text!: string;

  @Enum({ items: () => [...OBSERVATION_KINDS] })
  kind!: ObservationKind;

  @Property({ type: 'json' })
  objectiveRefs: string[] = [];

  @Property({ type: 'json' })
  commandPostIds: string[] = [];

  @ManyToOne(() => ExerciseInject, { ref: true, nullable: true, deleteRule: 'set null' })
  exerciseInject: Ref<ExerciseInject> | null = null;

  @ManyToOne(() => Delivery, { ref: true, nullable: true, deleteRule: 'set null' })
  delivery: Ref<Delivery> | null = null;

  /** The exercise clock at observedAt. */
  @Property({ type: 'double' })
  scenarioSeconds!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  observedAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
