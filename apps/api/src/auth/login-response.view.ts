import type * as contract from '@excon/contracts';
import { UserView } from '../users/user.view';

export class LoginResponse implements contract.LoginResponse {
  /**
   * Send it as `Authorization: Bearer <accessToken>` on every other route, and as `auth.token` when opening the socket.
   * @example "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwYjhmNWE2MiJ9.c2lnbmF0dXJl"
   */
  accessToken!: string;

  user!: UserView;
}
