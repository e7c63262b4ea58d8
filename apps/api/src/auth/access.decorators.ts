import { SetMetadata } from '@nestjs/common';
import type { Role } from '@excon/domain';

export const PUBLIC_ROUTE = 'excon:public';
export const ALLOWED_ROLES = 'excon:roles';

/** The route needs no token (login, health). Every other route does. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route (class or handler level; the handler wins). */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);
