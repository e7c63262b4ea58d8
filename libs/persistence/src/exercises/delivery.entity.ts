import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { DELIVERY_STATUSES, type DeliveryStatus } from '@excon/domain';
import { CommandPost } from '../organisation/command-post.entity';
import { Exercise } from './exercise.entity';
import { ExerciseInject } from './exercise-inject.entity';

/**
 * One inject for one targeted command post. The unique keys are the exactly-once guarantee: one
 * delivery per (inject, post), and one gap-free `seq` per (exercise, post).
 */
@Entity({ tableName: 'delivery' })
@Unique({ properties: ['exerciseInject', 'commandPost'] })
@Unique({ properties: ['exercise', 'commandPost', 'seq'] })
export class Delivery {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Exercise, { ref: true, deleteRule: 'cascade' })
  exercise!: Ref<Exercise>;

  @ManyToOne(() => ExerciseInject, { ref: true, deleteRule: 'cascade' })
  exerciseInject!: Ref<ExerciseInject>;

  @ManyToOne(() => CommandPost, { ref: true, deleteRule: 'restrict' })
  commandPost!: Ref<CommandPost>;

  @Property({ type: 'integer' })
  seq!: number;

  @Enum({ items: () => [...DELIVERY_STATUSES], default: 'sent' })
  status: DeliveryStatus = 'sent';

  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  dueAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  firedAt!: Date;

  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  deliveredAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  acknowledgedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  respondedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  response: string | null = null;

  /** When an operator of the post first opened the inject (`inject:read`); null: never opened. */
  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  readAt: Date | null = null;

  /**
   * The console's own time of the acknowledgement, when it differs from `acknowledgedAt` (the server's receipt): an
   * acknowledgement made offline is queued by the console and sent on reconnect.
   */
  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  acknowledgedOnConsoleAt: Date | null = null;

  /** The console's own time of the response (see `acknowledgedOnConsoleAt`). */
  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  respondedOnConsoleAt: Date | null = null;

  /** The idempotency key the console sent with the acknowledgement that was stored: the same key again is answered as before. */
  @Property({ type: 'uuid', nullable: true })
  acknowledgeKey: string | null = null;

  /** The idempotency key of the stored response. */
  @Property({ type: 'uuid', nullable: true })
  respondKey: string | null = null;

  /** firedAt + the inject's ackWithinSeconds (wall seconds: people answer in real time). */
  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  ackDeadlineAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  overdueAt: Date | null = null;

  /** For a contingency delivery: the delivery whose missed deadline released it. */
  @Property({ type: 'uuid', nullable: true })
  releasedByDeliveryId: string | null = null;

  /** The CRC duty shift on the roster when the acknowledgement was stored (null: no shift on duty). */
  @Property({ type: 'uuid', nullable: true })
  acknowledgedDutyShiftId: string | null = null;

  /** The CRC duty shift on the roster when the response was stored. */
  @Property({ type: 'uuid', nullable: true })
  respondedDutyShiftId: string | null = null;
}
