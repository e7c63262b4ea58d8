import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '@excon/domain';

/** The authenticated caller, derived from the access token only. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  commandPostId: string | null;
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
