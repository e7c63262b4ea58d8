import { SetMetadata } from '@nestjs/common';

/** Metadata key the API's global guard reads (apps/api/src/auth/auth.guard.ts). */
export const PUBLIC_ROUTE = 'excon:public';

/**
 * The route needs no token (login, health). Every other route does. Here, not in apps/api, because the
 * health route is served by every process, the worker's included.
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
