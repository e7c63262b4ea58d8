import type { AppConfig } from '@excon/config';
import { startProcess, type RunningPlatform } from '@excon/platform';
import { API_ROLE } from '../../api/src/api.role';
import { WORKER_ROLE } from '../../worker/src/worker.role';

export type { RunningPlatform } from '@excon/platform';

/**
 * The whole platform in one process: the API and the worker side by side (`npm start`, and the tests).
 * The only place where the two apps meet.
 */
export function startPlatform(config: AppConfig, log: (line: string) => void = () => undefined): Promise<RunningPlatform> {
  return startProcess(config, [API_ROLE, WORKER_ROLE], log);
}
