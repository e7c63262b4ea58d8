import { SetMetadata } from '@nestjs/common';
import type { Role } from '@excon/domain';

// @Public() lives with the health route that every process serves; the API's routes use it from here.
export { PUBLIC_ROUTE, Public } from '@excon/platform';
export const ALLOWED_ROLES = 'excon:roles';

/** Only these roles may call the route (class or handler level; the handler wins). */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export const PASSWORD_CHANGE_ROUTE = 'excon:password-change';

/** Served even while the user must change a password an admin reset (the change itself, the caller's record, logout). */
export const DuringPasswordChange = () => SetMetadata(PASSWORD_CHANGE_ROUTE, true);
