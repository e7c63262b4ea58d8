import { Entity, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { BilingualNames } from '@excon/domain';

/** A named set of command posts ("all MES posts") that an inject may target; expanded when an exercise is created. */
@Entity({ tableName: 'post_group' })
export class PostGroup {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 32 })
  @Unique()
  code!: string;

  @Property({ type: 'json' })
  names!: BilingualNames;

  /** Ids of the member command posts. */
  @Property({ type: 'json' })
  commandPostIds: string[] & Opt = [];

  @Property({ type: 'boolean', default: true })
  active: boolean & Opt = true;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
