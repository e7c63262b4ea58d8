import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { DutyShift } from './duty-shift.entity';

/** An open item handed from the outgoing shift to the incoming one. */
export interface HandoverItem {
  kind: 'delivery' | 'improvement_action' | 'note';
  /** The delivery's or action's id; null for a free-text item. */
  id: string | null;
  text: string;
}

/** A shift change: the outgoing shift's note and its open items, which the incoming shift takes over. */
@Entity({ tableName: 'duty_handover' })
@Index({ properties: ['at'] })
export class DutyHandover {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => DutyShift, { ref: true, deleteRule: 'restrict', nullable: true })
  fromShift: Ref<DutyShift> | null = null;

  @ManyToOne(() => DutyShift, { ref: true, deleteRule: 'restrict' })
  toShift!: Ref<DutyShift>;

  @Property({ type: 'text' })
  note: string = '';

  @Property({ type: 'json' })
  openItems: HandoverItem[] = [];

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  at: Date & Opt = new Date();

  @Property({ type: 'uuid' })
  byUserId!: string;

  /** When the incoming shift confirmed it took the items over. */
  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  acceptedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  acceptedByUserId: string | null = null;
}
