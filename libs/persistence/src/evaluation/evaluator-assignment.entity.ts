import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Exercise } from '../exercises/exercise.entity';
import { User } from '../organisation/user.entity';

/** Which posts and objectives one evaluator watches in one exercise (empty lists: all). */
@Entity({ tableName: 'evaluator_assignment' })
@Unique({ properties: ['exercise', 'evaluator'] })
export class EvaluatorAssignment {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Exercise, { ref: true, deleteRule: 'cascade' })
  exercise!: Ref<Exercise>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  evaluator!: Ref<User>;

  @Property({ type: 'json' })
  commandPostIds: string[] = [];

  @Property({ type: 'json' })
  objectiveRefs: string[] = [];

  /** The lead evaluator sets final ratings. */
  @Property({ type: 'boolean', default: false })
  lead: boolean = false;
}
