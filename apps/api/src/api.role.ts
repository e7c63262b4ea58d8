import type { ProcessRole } from '@excon/platform';
import { ApiModule } from './api.module';
import { installApi } from './install-api';

/** The API role: HTTP, the socket.io gateway, the consoles, control actions. Its own process, or beside the worker. */
export const API_ROLE: ProcessRole = {
  name: 'api',
  servesConsoles: true,
  modules: (settings) => [ApiModule.forRoot(settings.jwtSecret)],
  install: installApi,
};
