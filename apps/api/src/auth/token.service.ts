import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@excon/config';

interface AccessTokenClaims {
  sub: string;
  /** The server-side session (user_session.id). */
  sid: string;
}

/** What a valid token says: whose session it is, and until when it may be used. */
export interface VerifiedToken {
  userId: string;
  sessionId: string;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * Signs and verifies access tokens (HS256, secret from EXCON_JWT_SECRET or EXCON_DATA_DIR). A token names
 * only the user and the session; who the user is and whether the session is open is asked of SessionsService.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(userId: string, sessionId: string): { accessToken: string; expiresAt: string } {
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    const accessToken = this.jwt.sign(claims, { expiresIn: this.config.jwtTtlSeconds });
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    return { accessToken, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The claims of a valid token, or null for a missing, forged, expired or malformed one. */
  verify(token: string | undefined | null): VerifiedToken | null {
    if (!token) return null;
    try {
      const claims = this.jwt.verify<AccessTokenClaims & { exp: number }>(token, { algorithms: ['HS256'] });
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || typeof claims.exp !== 'number') return null;
      return { userId: claims.sub, sessionId: claims.sid, expiresAt: claims.exp * 1000 };
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
