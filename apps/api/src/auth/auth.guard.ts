import { Injectable, UnauthorizedException, ForbiddenException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@excon/domain';
import { ALLOWED_ROLES, PASSWORD_CHANGE_ROUTE, PUBLIC_ROUTE } from './access.decorators';
import type { AuthenticatedRequest } from './actor';
import { Authenticator } from './authenticator.service';
import { TokenService } from './token.service';

/**
 * Global guard: every HTTP route needs the bearer token of an open session unless @Public(); @Roles() narrows
 * who may call it. A user whose password an admin reset may call only the routes marked @DuringPasswordChange().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const authenticated = await this.authenticator.authenticate(TokenService.fromHeader(request.headers.authorization));
    if (!authenticated) throw new UnauthorizedException('A valid bearer token of an open session is required');
    const { actor } = authenticated;
    request.actor = actor;
    if (actor.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_ROUTE, targets)) {
      throw new ForbiddenException('An administrator reset your password: choose a new one first (POST /api/users/me/password)');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(actor.role)) throw new ForbiddenException(`The ${actor.role} role may not do this`);
    return true;
  }
}
