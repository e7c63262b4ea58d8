import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { LANGUAGES, ROLES, type Language, type Role } from '@excon/domain';
import { CommandPost } from './command-post.entity';

/** A person who logs in. Operators belong to exactly one command post; other roles to none. */
@Entity({ tableName: 'app_user' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 64 })
  @Unique()
  username!: string;

  @Property({ type: 'string', length: 200 })
  displayName!: string;

  @Enum({ items: () => [...ROLES] })
  role!: Role;

  @ManyToOne(() => CommandPost, { nullable: true, ref: true, deleteRule: 'restrict' })
  commandPost: Ref<CommandPost> | null = null;

  @Enum({ items: () => [...LANGUAGES], default: 'ru' })
  language: Language = 'ru';

  /** argon2id; never leaves the server. */
  @Property({ type: 'string', length: 255, hidden: true, lazy: true })
  passwordHash!: string;

  /** A deactivated user cannot log in and has no session. */
  @Property({ type: 'boolean', default: true })
  active: boolean & Opt = true;

  /** Set by an admin's reset: the next login must choose a new password before anything else. */
  @Property({ type: 'boolean', default: false })
  mustChangePassword: boolean & Opt = false;

  @Property({ type: 'datetime', nullable: true })
  passwordChangedAt: (Date & Opt) | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
