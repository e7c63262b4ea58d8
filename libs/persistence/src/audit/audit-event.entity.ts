import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * One control action, engine decision, or admin and account action (exerciseId null), kept for the after-action
 * review. Written in the same transaction as the change. Append-only: a trigger refuses UPDATE and DELETE.
 */
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['exerciseId', 'at'] })
@Index({ properties: ['at'] })
export class AuditEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true })
  exerciseId: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  at: Date = new Date();

  /** Null for the engine itself (timed firing, deadlines, reconciliation). */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Property({ type: 'string', length: 200 })
  actorName!: string;

  @Property({ type: 'string', length: 64 })
  action!: string;

  @Property({ type: 'json' })
  details: Record<string, unknown> = {};

  /** The CRC duty shift on the roster at `at` (null: none on duty). */
  @Property({ type: 'uuid', nullable: true })
  dutyShiftId: string | null = null;
}
