import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { MINISTRIES, type BilingualNames, type Ministry as MinistryKind } from '@excon/domain';
import { Ministry } from './ministry.entity';

/** A command post of a member state's ministry (or the CRC's own duty shift), with its IANA time zone. */
@Entity({ tableName: 'command_post' })
export class CommandPost {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 32 })
  @Unique()
  code!: string;

  /** The v1 name: the installation's language (EXCON_LANGUAGE), kept equal to `names` in that language. */
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'json' })
  names!: BilingualNames;

  /** The ministry's state and kind, copied from `ministryRef` so that v1 shapes and queries keep them. */
  @Property({ type: 'string', length: 2 })
  memberState!: string;

  @Enum({ items: () => [...MINISTRIES], nativeEnumName: undefined })
  ministry!: MinistryKind;

  @ManyToOne(() => Ministry, { ref: true, deleteRule: 'restrict', fieldName: 'ministry_id' })
  ministryRef!: Ref<Ministry>;

  /** A deactivated post keeps its history but is offered for no new target, group or user. */
  @Property({ type: 'boolean', default: true })
  active: boolean & Opt = true;

  @Property({ type: 'string', length: 64 })
  timeZone!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
