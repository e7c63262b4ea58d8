import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { DutyShift } from './duty-shift.entity';

/** One watch of the rotation calendar: the shift on duty over [from, to). Watches do not overlap. */
@Entity({ tableName: 'duty_roster_entry' })
@Index({ properties: ['from', 'to'] })
export class DutyRosterEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => DutyShift, { ref: true, deleteRule: 'restrict' })
  dutyShift!: Ref<DutyShift>;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', fieldName: 'from_at' })
  from!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', fieldName: 'to_at' })
  to!: Date;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
