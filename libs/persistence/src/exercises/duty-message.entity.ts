import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@excon/domain';
import { CommandPost } from '../organisation/command-post.entity';
import { Exercise } from './exercise.entity';

/**
 * A duty communication of an exercise: between the CRC duty shift and one post (`commandPost` set), or broadcast to
 * every post (`commandPost` null). Part of the exercise record; `seq` orders them for the consoles' replay.
 */
@Entity({ tableName: 'duty_message' })
@Index({ properties: ['exercise', 'seq'] })
export class DutyMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** From a sequence shared by every exercise: increasing in the order the messages were stored. */
  @Property({ type: 'bigint', autoincrement: true, unique: true })
  seq!: number;

  @ManyToOne(() => Exercise, { ref: true, deleteRule: 'cascade' })
  exercise!: Ref<Exercise>;

  /** The post's channel; null for the broadcast channel. */
  @ManyToOne(() => CommandPost, { ref: true, nullable: true, deleteRule: 'restrict' })
  commandPost: Ref<CommandPost> | null = null;

  @Property({ type: 'uuid' })
  fromUserId!: string;

  @Enum({ items: () => [...ROLES] })
  fromRole!: Role;

  @Property({ type: 'string', length: 200 })
  fromDisplayName!: string;

  /** The sender's post (operators). */
  @Property({ type: 'uuid', nullable: true })
  fromCommandPostId: string | null = null;

  /** The CRC duty shift on duty when it was sent. */
  @Property({ type: 'uuid', nullable: true })
  dutyShiftId: string | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  dutyShiftCode: string | null = null;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  sentAt: Date = new Date();

  @Property({ type: 'double' })
  scenarioSeconds!: number;
}
