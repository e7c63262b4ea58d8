import { runMain, startProcess } from '@excon/platform';
import { WORKER_ROLE } from './worker.role';

/**
 * `npm run start:worker` (dist/apps/worker/src/main.js): the worker alone, one of several processes
 * sharing PostgreSQL and Redis with API processes (apps/api). It listens on PORT for /api/health only.
 */
runMain({
  start: (config, log) => startProcess(config, [WORKER_ROLE], log),
  started: ({ port }) => `ExCon worker is running (health at http://localhost:${port}/api/health)\n`,
});
