import { ApiProperty } from '@nestjs/swagger';
import type { HealthReport as HealthReportShape } from './health.service';

// Listed for the OpenAPI enums (in a fixed order: the type checker's order of a union's members is not).
const STATUSES = ['ok', 'error'] as const satisfies readonly HealthReportShape['status'][];
const UP_DOWN = ['up', 'down'] as const satisfies readonly HealthReportShape['database'][];
const QUEUE_MODES = ['redis', 'postgres'] as const satisfies readonly HealthReportShape['queue']['mode'][];

export class QueueHealth {
  /**
   * Where the job queues live: Redis when REDIS_URL is set, otherwise PostgreSQL.
   * @example "postgres"
   */
  @ApiProperty({ enum: QUEUE_MODES })
  mode!: HealthReportShape['queue']['mode'];

  /**
   * @example "up"
   */
  @ApiProperty({ enum: UP_DOWN })
  status!: HealthReportShape['queue']['status'];
}

/** The same body on 200 (everything up) and 503 (something down). */
export class HealthReport implements HealthReportShape {
  /**
   * @example "ok"
   */
  @ApiProperty({ enum: STATUSES })
  status!: HealthReportShape['status'];

  /**
   * @example "up"
   */
  @ApiProperty({ enum: UP_DOWN })
  database!: HealthReportShape['database'];

  queue!: QueueHealth;

  /**
   * @example 3600
   */
  uptimeSeconds!: number;
}
