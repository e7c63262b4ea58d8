import { Injectable, UnauthorizedException, ForbiddenException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@excon/domain';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './access.decorators';
import type { AuthenticatedRequest } from './actor';
import { TokenService } from './token.service';

/** Global guard: every HTTP route needs a valid bearer token unless @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = this.tokens.verify(TokenService.fromHeader(request.headers.authorization));
    if (!actor) throw new UnauthorizedException('A valid bearer token is required');
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(actor.role)) throw new ForbiddenException(`The ${actor.role} role may not do this`);
    return true;
  }
}
