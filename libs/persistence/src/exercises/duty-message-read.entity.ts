import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@excon/domain';
import { DutyMessage } from './duty-message.entity';

/** A read receipt: the first time one user read one duty message. */
@Entity({ tableName: 'duty_message_read' })
@Unique({ properties: ['message', 'userId'] })
export class DutyMessageRead {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => DutyMessage, { ref: true, deleteRule: 'cascade' })
  message!: Ref<DutyMessage>;

  @Property({ type: 'uuid' })
  userId!: string;

  @Enum({ items: () => [...ROLES] })
  role!: Role;

  @Property({ type: 'string', length: 200 })
  displayName!: string;

  @Property({ type: 'uuid', nullable: true })
  commandPostId: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  readAt: Date = new Date();
}
