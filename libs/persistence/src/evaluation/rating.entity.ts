import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { RATINGS, type Rating } from '@excon/domain';
import { Exercise } from '../exercises/exercise.entity';
import { CommandPost } from '../organisation/command-post.entity';
import { User } from '../organisation/user.entity';

/**
 * A P/S/M/U rating of one objective at one post. One current rating per (objective, post, evaluator),
 * and at most one final rating per (objective, post); both are enforced by partial unique indexes of the
 * migration (MikroORM's @Unique has no WHERE). The history is in the audit trail.
 */
@Entity({ tableName: 'rating' })
export class ObjectiveRating {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Exercise, { ref: true, deleteRule: 'cascade' })
  exercise!: Ref<Exercise>;

  @Property({ type: 'string', length: 32 })
  objectiveRef!: string;

  @ManyToOne(() => CommandPost, { ref: true, deleteRule: 'restrict' })
  commandPost!: Ref<CommandPost>;

  /** Who rated; for a final rating, who set it. */
  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  evaluator!: Ref<User>;

  @Property({ type: 'string', length: 200 })
  evaluatorName!: string;

  @Enum({ items: () => [...RATINGS] })
  rating!: Rating;

  @Property({ type: 'text', default: '' })
  rationale: string = '';

  @Property({ type: 'boolean', default: false })
  final: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
