import { Entity, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { BilingualNames } from '@excon/domain';

/** One of the CRC's duty shifts (A–D) and its members. */
@Entity({ tableName: 'duty_shift' })
export class DutyShift {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 16 })
  @Unique()
  code!: string;

  @Property({ type: 'json' })
  names!: BilingualNames;

  @Property({ type: 'json' })
  memberUserIds: string[] & Opt = [];

  @Property({ type: 'boolean', default: true })
  active: boolean & Opt = true;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
