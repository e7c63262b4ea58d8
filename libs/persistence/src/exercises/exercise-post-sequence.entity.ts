import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The last `seq` handed out per (exercise, command post); its row lock serialises firings to one post. */
@Entity({ tableName: 'exercise_post_sequence' })
export class ExercisePostSequence {
  @PrimaryKey({ type: 'uuid' })
  exerciseId!: string;

  @PrimaryKey({ type: 'uuid' })
  commandPostId!: string;

  @Property({ type: 'integer' })
  lastSeq: number = 0;
}
