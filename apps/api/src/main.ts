import { runMain, startProcess } from '@excon/platform';
import { API_ROLE } from './api.role';

/**
 * `npm run start:api` (dist/apps/api/src/main.js): the API alone — HTTP, socket.io, the consoles — one of
 * several processes sharing PostgreSQL and Redis with worker processes (apps/worker). `npm start` runs both.
 */
runMain({
  start: (config, log) => startProcess(config, [API_ROLE], log),
  started: ({ port }) => {
    const where = `http://localhost:${port}`;
    return `ExCon API is listening on ${where} (API ${where}/api, OpenAPI ${where}/api/docs)\n`;
  },
});
