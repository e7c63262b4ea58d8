import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { QueueConnections } from '@excon/queue';

export interface HealthReport {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  queue: { mode: 'redis' | 'postgres'; status: 'up' | 'down' };
  uptimeSeconds: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

@Injectable()
export class HealthService {
  constructor(
    private readonly em: EntityManager,
    private readonly queues: QueueConnections,
  ) {}

  async check(): Promise<HealthReport> {
    const database = await withTimeout(this.em.getConnection().execute('select 1'), 2000).then(
      () => 'up' as const,
      () => 'down' as const,
    );
    const queue =
      this.queues.mode === 'postgres'
        ? database
        : await withTimeout(this.queues.pingRedis(), 2000).then(
            () => 'up' as const,
            () => 'down' as const,
          );
    return {
      status: database === 'up' && queue === 'up' ? 'ok' : 'error',
      database,
      queue: { mode: this.queues.mode, status: queue },
      uptimeSeconds: Math.round(process.uptime()),
    };
  }
}
