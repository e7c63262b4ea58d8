import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from '@excon/domain';
import { APP_CONFIG, type AppConfig } from '@excon/config';
import type { Actor } from './actor';

interface AccessTokenClaims {
  sub: string;
  usr: string;
  role: Role;
  cp: string | null;
}

/** Signs and verifies access tokens (HS256, secret from EXCON_JWT_SECRET or EXCON_DATA_DIR). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(actor: Actor): string {
    const claims: AccessTokenClaims = { sub: actor.id, usr: actor.username, role: actor.role, cp: actor.commandPostId };
    return this.jwt.sign(claims, { expiresIn: this.config.jwtTtlSeconds });
  }

  /** The actor of a valid token, or null for a missing, forged, expired or malformed one. */
  verify(token: string | undefined | null): Actor | null {
    if (!token) return null;
    try {
      const claims = this.jwt.verify<AccessTokenClaims & { exp: number }>(token, { algorithms: ['HS256'] });
      if (typeof claims.sub !== 'string' || !(ROLES as readonly string[]).includes(claims.role)) return null;
      return { id: claims.sub, username: claims.usr, role: claims.role, commandPostId: claims.cp ?? null };
    } catch {
      return null;
    }
  }

  /** `Authorization: Bearer <token>` → token. */
  static fromHeader(header: string | undefined): string | null {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    return match ? match[1] : null;
  }
}
