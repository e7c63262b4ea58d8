import { Injectable } from '@nestjs/common';
import type { Actor } from './actor';
import { SessionsService } from './sessions.service';
import { TokenService, type VerifiedToken } from './token.service';

/** Token → actor, for HTTP requests and sockets alike: a valid signature, an unexpired token, an open session. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
  ) {}

  async authenticate(token: string | null | undefined): Promise<{ actor: Actor; token: VerifiedToken } | null> {
    const verified = this.tokens.verify(token);
    if (!verified) return null;
    const actor = await this.sessions.check(verified.sessionId);
    if (!actor || actor.id !== verified.userId) return null;
    return { actor, token: verified };
  }
}
