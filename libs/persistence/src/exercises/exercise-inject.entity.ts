import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import {
  EXERCISE_INJECT_STATUSES,
  INJECT_KINDS,
  PRECEDENCES,
  type InjectKind,
  type MediaSource,
  type AttachmentSummary,
  type ExerciseInjectStatus,
  type Precedence,
  type Translations,
} from '@excon/domain';
import { Exercise } from './exercise.entity';

/** One inject of an exercise: a frozen copy of a scenario inject, or one added during the run. */
@Entity({ tableName: 'exercise_inject' })
@Unique({ properties: ['exercise', 'ref'] })
@Index({ properties: ['status', 'dueAt'] })
export class ExerciseInject {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Exercise, { ref: true, deleteRule: 'cascade' })
  exercise!: Ref<Exercise>;

  /** The scenario inject it was copied from; null for an ad-hoc inject. */
  @Property({ type: 'uuid', nullable: true })
  sourceInjectId: string | null = null;

  @Property({ type: 'string', length: 32 })
  ref!: string;

  @Property({ type: 'integer' })
  offsetSeconds!: number;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'json' })
  translations: Translations = {};

  @Property({ type: 'json' })
  targets: string[] = [];

  @Enum({ items: () => [...PRECEDENCES] })
  precedence: Precedence = 'routine';

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

  @Property({ type: 'string', length: 32, nullable: true })
  contingencyRef: string | null = null;

  @Property({ type: 'boolean', default: false })
  contingency: boolean = false;

  @Enum({ items: () => [...INJECT_KINDS], default: 'message' })
  kind: InjectKind & Opt = 'message';

  /** A media inject's outlet; null for a message. */
  @Property({ type: 'json', nullable: true })
  media: MediaSource | null = null;

  @Property({ type: 'boolean', default: false })
  adHoc: boolean = false;

  /**
   * The files it carries, as sent to the posts (the rows of `attachment` are the bytes' owner and decide who may
   * fetch them): frozen with the inject, so firing reads one row.
   */
  @Property({ type: 'json', default: '[]' })
  attachments: AttachmentSummary[] & Opt = [];

  @Enum({ items: () => [...EXERCISE_INJECT_STATUSES], default: 'pending' })
  status: ExerciseInjectStatus = 'pending';

  /** When it is due on the wall clock; null while the clock stands, while held, or for a contingency inject. */
  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  dueAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  firedAt: Date | null = null;

  /** Milliseconds between due and fired (float8: an int overflows past 24.8 days). */
  @Property({ type: 'double', nullable: true })
  latenessMs: number | null = null;

  /** Bumped by every change of its schedule (pause, resume, retime, hold, speed), so an outdated timed job fires nothing. */
  @Property({ type: 'integer', default: 0 })
  generation: number = 0;
}
