import type { ProcessRole } from '@excon/platform';
import { WorkerModule } from './worker.module';

/**
 * The worker role: fires timed injects, deadlines and scheduled starts, and rebuilds the schedule from
 * PostgreSQL. Alone in a process it reaches the consoles through a Redis emitter; over HTTP it answers
 * only /api/health.
 */
export const WORKER_ROLE: ProcessRole = {
  name: 'worker',
  servesConsoles: false,
  modules: () => [WorkerModule],
};
