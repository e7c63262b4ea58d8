import { Injectable } from '@nestjs/common';
import { DomainError } from '@excon/domain';
import type { LoginResponse } from '@excon/contracts';
import { UsersService } from '../users/users.service';
import { toUserView } from '../users/user.view';
import { clientKey } from './client-address';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { TokenService } from './token.service';
import type { LoginDto } from './login.dto';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** The attempt is counted before the password is checked: parallel guesses cannot slip past the limit. */
  async login(dto: LoginDto, address: string): Promise<LoginResponse> {
    const client = clientKey(address);
    this.throttle.attempt(dto.username, client);
    const user = await this.users.findWithHash(dto.username);
    if (!(await this.passwords.verify(user?.passwordHash ?? null, dto.password)) || !user) {
      throw new DomainError('unauthorized', 'Wrong username or password');
    }
    this.throttle.succeeded(dto.username, client);
    const view = toUserView(user);
    return {
      accessToken: this.tokens.issue({ id: view.id, username: view.username, role: view.role, commandPostId: view.commandPostId }),
      user: view,
    };
  }
}
