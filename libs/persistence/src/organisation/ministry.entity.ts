import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { MINISTRIES, type BilingualNames, type Ministry as MinistryKind } from '@excon/domain';
import { MemberState } from './member-state.entity';

/** A member state's ministry of defence or for emergencies, or the CRC itself: one of each kind per state. */
@Entity({ tableName: 'ministry' })
@Unique({ properties: ['memberState', 'kind'] })
export class Ministry {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => MemberState, { ref: true, deleteRule: 'restrict' })
  memberState!: Ref<MemberState>;

  @Enum({ items: () => [...MINISTRIES] })
  kind!: MinistryKind;

  @Property({ type: 'json' })
  names!: BilingualNames;

  @Property({ type: 'boolean', default: true })
  active: boolean & Opt = true;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
