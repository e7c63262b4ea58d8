import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { CAPABILITY_ELEMENTS, IMPROVEMENT_STATUSES, MINISTRIES, type CapabilityElement, type ImprovementStatus, type Ministry } from '@excon/domain';
import { Exercise } from '../exercises/exercise.entity';
import { CommandPost } from '../organisation/command-post.entity';
import { User } from '../organisation/user.entity';
import { Observation } from './observation.entity';

/** A corrective action of the improvement plan, tracked after the exercise. */
@Entity({ tableName: 'improvement_action' })
@Index({ properties: ['status', 'dueDate'] })
export class ImprovementAction {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Exercise, { ref: true, deleteRule: 'cascade' })
  exercise!: Ref<Exercise>;

  @Property({ type: 'string', length: 32, nullable: true })
  objectiveRef: string | null = null;

  /** The area for improvement it answers. */
  @ManyToOne(() => Observation, { ref: true, nullable: true, deleteRule: 'set null' })
  observation: Ref<Observation> | null = null;

  @Property({ type: 'text' })
  action!: string;

  @Enum({ items: () => [...CAPABILITY_ELEMENTS] })
  capabilityElement!: CapabilityElement;

  /** Who must act, as written (e.g. "MES of Kazakhstan, duty service"). */
  @Property({ type: 'string', length: 200 })
  responsible!: string;

  /** ISO 3166-1 alpha-2, when the responsible is (in) a member state. */
  @Property({ type: 'string', length: 2, nullable: true })
  memberState: string | null = null;

  @Enum({ items: () => [...MINISTRIES], nullable: true })
  ministry: Ministry | null = null;

  @ManyToOne(() => CommandPost, { ref: true, nullable: true, deleteRule: 'set null' })
  commandPost: Ref<CommandPost> | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  pointOfContact: string | null = null;

  @Property({ type: 'date', nullable: true })
  startDate: string | null = null;

  @Property({ type: 'date' })
  dueDate!: string;

  @Enum({ items: () => [...IMPROVEMENT_STATUSES], default: 'open' })
  status: ImprovementStatus = 'open';

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy: Ref<User> | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
