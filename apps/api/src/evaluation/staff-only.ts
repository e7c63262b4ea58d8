import { applyDecorators, ForbiddenException, Injectable, SetMetadata, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, STAFF_ROLES, type Role } from '@excon/domain';
import type { AuthenticatedRequest } from '../auth/actor';

const STAFF_ONLY_ROLES = 'excon:staff-only-roles';

type StaffRole = Exclude<Role, 'operator'>;

/**
 * Runs after the global AuthGuard (which has attached the actor): an operator gets 404, as for an id it may
 * not see (evaluation is invisible to players, so not even a 403 tells it the exercise exists); a staff role
 * not listed gets 403.
 */
@Injectable()
export class StaffOnlyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (!actor || actor.role === 'operator') throw DomainError.notFound('exercise');
    const roles = this.reflector.getAllAndOverride<readonly Role[] | undefined>(STAFF_ONLY_ROLES, [context.getHandler(), context.getClass()]);
    if (roles && !roles.includes(actor.role)) throw new ForbiddenException(`The ${actor.role} role may not do this`);
    return true;
  }
}

/**
 * A route of an exercise's evaluation: staff only (every staff role when none is named). Use it instead of
 * @Roles, which would answer an operator 403.
 */
export const StaffOnly = (...roles: StaffRole[]) =>
  applyDecorators(SetMetadata(STAFF_ONLY_ROLES, roles.length ? roles : STAFF_ROLES), UseGuards(StaffOnlyGuard));
