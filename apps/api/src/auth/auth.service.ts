import { Injectable } from '@nestjs/common';
import { DomainError } from '@excon/domain';
import type { LoginResponse, RefreshResponse } from '@excon/contracts';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { UsersService } from '../users/users.service';
import { toUserView } from '../users/user.view';
import type { Actor } from './actor';
import { clientKey } from './client-address';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';
import { TokenService } from './token.service';
import type { LoginDto } from './login.dto';

/** Where a login came from, for the session list and the audit trail. */
export interface ClientInfo {
  address: string;
  device: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly auditTrail: AuditTrailService,
  ) {}

  /**
   * Opens a session. The attempt is counted before the password is checked: parallel guesses cannot slip
   * past the limit. A deactivated user is refused like a wrong password (nothing tells a guesser it exists).
   */
  async login(dto: LoginDto, client: ClientInfo): Promise<LoginResponse> {
    const key = clientKey(client.address);
    this.throttle.attempt(dto.username, key);
    const user = await this.users.findWithHash(dto.username);
    if (!(await this.passwords.verify(user?.passwordHash ?? null, dto.password)) || !user || !user.active) {
      await this.auditTrail.record({ id: user?.id ?? null, name: dto.username.slice(0, 200) }, 'account.login_failed', {
        address: client.address,
        reason: !user ? 'unknown username' : !user.active ? 'deactivated' : 'wrong password',
      });
      throw new DomainError('unauthorized', 'Wrong username or password');
    }
    this.throttle.succeeded(dto.username, key);
    const { sessionId, refreshToken } = await this.sessions.open(user.id, client.device, client.address);
    await this.auditTrail.record({ id: user.id, name: user.displayName }, 'account.login', {
      sessionId,
      address: client.address,
      device: client.device.slice(0, 300),
    });
    return { ...this.tokens.issue(user.id, sessionId), refreshToken, user: toUserView(user) };
  }

  /** A new access token for an open, non-idle session. */
  async refresh(refreshToken: string): Promise<RefreshResponse> {
    const actor = await this.sessions.refresh(refreshToken);
    if (!actor) throw new DomainError('unauthorized', 'The session has ended: log in again');
    return this.tokens.issue(actor.id, actor.sessionId);
  }

  async logout(actor: Actor): Promise<void> {
    await this.sessions.end({ sessionIds: [actor.sessionId] }, 'logout');
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'account.logout', { sessionId: actor.sessionId });
  }
}
