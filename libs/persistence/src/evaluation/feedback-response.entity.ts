import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { FeedbackAnswer } from '@excon/domain';
import { Exercise } from '../exercises/exercise.entity';
import { CommandPost } from '../organisation/command-post.entity';
import { User } from '../organisation/user.entity';

/** One operator's answers to the exercise's feedback form, after ENDEX. Sending again replaces them. */
@Entity({ tableName: 'feedback_response' })
@Unique({ properties: ['exercise', 'user'] })
export class FeedbackResponse {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Exercise, { ref: true, deleteRule: 'cascade' })
  exercise!: Ref<Exercise>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @ManyToOne(() => CommandPost, { ref: true, deleteRule: 'restrict' })
  commandPost!: Ref<CommandPost>;

  @Property({ type: 'json' })
  answers: FeedbackAnswer[] = [];

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  submittedAt: Date = new Date();
}
