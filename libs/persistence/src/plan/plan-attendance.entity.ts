import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '@excon/domain';
import { CommandPost } from '../organisation/command-post.entity';
import { PlanActivity } from './plan-activity.entity';

/** An invited post's answer to a plan activity, and (after a consultation) whether it was present. */
@Entity({ tableName: 'plan_attendance' })
@Unique({ properties: ['activity', 'commandPost'] })
export class PlanAttendance {
  [OptionalProps]?: 'status' | 'reason' | 'respondedAt' | 'respondedByUserId' | 'respondedByDisplayName' | 'present';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => PlanActivity, { ref: true, deleteRule: 'cascade' })
  activity!: Ref<PlanActivity>;

  @ManyToOne(() => CommandPost, { ref: true, deleteRule: 'restrict' })
  commandPost!: Ref<CommandPost>;

  @Enum({ items: () => [...ATTENDANCE_STATUSES], default: 'pending' })
  status: AttendanceStatus = 'pending';

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  respondedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  respondedByUserId: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  respondedByDisplayName: string | null = null;

  @Property({ type: 'boolean', nullable: true })
  present: boolean | null = null;
}
