import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { MINISTRIES, type Ministry } from '@excon/domain';

/** A command post of a member state's ministry (or the CRC's own duty shift), with its IANA time zone. */
@Entity({ tableName: 'command_post' })
export class CommandPost {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 32 })
  @Unique()
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 2 })
  memberState!: string;

  @Enum({ items: () => [...MINISTRIES], nativeEnumName: undefined })
  ministry!: Ministry;

  @Property({ type: 'string', length: 64 })
  timeZone!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
