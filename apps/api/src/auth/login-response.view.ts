import type * as contract from '@excon/contracts';
import { UserView } from '../users/user.view';

export class RefreshResponse implements contract.RefreshResponse {
  /**
   * Send it as `Authorization: Bearer <accessToken>` on every other route, and as `auth.token` when opening the socket.
   * Short-lived (EXCON_JWT_TTL_SECONDS, default 15 minutes).
   * @example "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwYjhmNWE2MiJ9.c2lnbmF0dXJl"
   */
  accessToken!: string;

  /**
   * When the access token expires: refresh it before (POST /api/auth/refresh).
   * @example "2027-04-14T09:15:00.000Z"
   */
  expiresAt!: string;
}

export class LoginResponse extends RefreshResponse implements contract.LoginResponse {
  /**
   * Exchanged at POST /api/auth/refresh for a new access token while the session is open (ended by logout, an admin,
   * or EXCON_SESSION_IDLE_SECONDS without use). Keep it like a password.
   * @example "0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f.Zm9vYmFyYmF6cXV4"
   */
  refreshToken!: string;

  user!: UserView;
}
