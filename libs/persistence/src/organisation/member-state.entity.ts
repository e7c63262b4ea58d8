import { Entity, PrimaryKey, PrimaryKeyProp, Property, type Opt } from '@mikro-orm/core';
import type { BilingualNames } from '@excon/domain';

/** A member state, by its ISO 3166-1 alpha-2 code, named in both languages. */
@Entity({ tableName: 'member_state' })
export class MemberState {
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ type: 'string', length: 2 })
  code!: string;

  @Property({ type: 'json' })
  names!: BilingualNames;

  @Property({ type: 'boolean', default: true })
  active: boolean & Opt = true;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}
