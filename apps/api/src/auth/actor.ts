import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '@excon/domain';

/** The authenticated caller: the user of the token's open session, as the database has it now. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  commandPostId: string | null;
  /** The login session the token belongs to. */
  sessionId: string;
  /** After an admin's reset: only the password change, the caller's own record and logout are served. */
  mustChangePassword: boolean;
}

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
}

/** Injects the Actor that AuthGuard attached to the request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
