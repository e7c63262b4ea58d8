import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { SessionEndReason } from '@excon/domain';
import { User } from '../organisation/user.entity';

/**
 * A login: its id is in every access token it issues (`sid`), and a request or socket message is served only
 * while the session is open. Ended sessions stay as history (who was logged in from where).
 */
@Entity({ tableName: 'user_session' })
@Index({ properties: ['user', 'endedAt'] })
export class UserSession {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date & Opt = new Date();

  /** The last request, socket connection or refresh (written at most once a minute). */
  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  lastSeenAt: Date & Opt = new Date();

  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  endedAt: Date | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  endedReason: SessionEndReason | null = null;

  /** The User-Agent of the login, cut to 300 characters. */
  @Property({ type: 'string', length: 300 })
  device: string = '';

  @Property({ type: 'string', length: 64 })
  address: string = '';

  /** SHA-256 of the refresh token (the token itself is only ever in the login answer). */
  @Property({ type: 'string', length: 64, hidden: true })
  refreshHash!: string;
}
