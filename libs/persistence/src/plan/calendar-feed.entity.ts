import { Entity, OneToOne, PrimaryKeyProp, Property, Unique, type Ref } from '@mikro-orm/core';
import { User } from '../organisation/user.entity';

/**
 * A user's calendar feed (`/api/plan/feed/<secret>.ics`): only the secret's SHA-256 is kept, so a database dump
 * does not open anyone's feed; rotating replaces it and the old URL answers 404.
 */
@Entity({ tableName: 'calendar_feed' })
export class CalendarFeed {
  [PrimaryKeyProp]?: 'user';

  @OneToOne(() => User, { primary: true, ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'string', length: 64 })
  @Unique()
  secretSha256!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date = new Date();
}
