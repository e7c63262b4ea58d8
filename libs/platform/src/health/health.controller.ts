import { Controller, Get, Res } from '@nestjs/common';
import { ApiInternalServerErrorResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from './public-route.decorator';
import { HealthReport } from './health-report.view';
import { HealthService } from './health.service';

/** Served by every process (API, worker, all-in-one) at /api/health, so orchestration probes each the same way. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 once the database (and Redis, when configured) answer; 503 otherwise. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthReport, description: 'The database and the queue are up' })
  @ApiServiceUnavailableResponse({ type: HealthReport, description: 'The database or the queue is down (the report says which)' })
  // The API's error body (apps/api's ApiError schema, in the same document); libs do not import apps.
  @ApiInternalServerErrorResponse({ description: 'An unexpected error', schema: { $ref: '#/components/schemas/ApiError' } })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') response.status(503);
    return report;
  }
}
