import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Public } from '../auth/access.decorators';
import { HealthReport } from './health-report.view';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 once the database (and Redis, when configured) answer; 503 otherwise. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthReport, description: 'The database and the queue are up' })
  @ApiServiceUnavailableResponse({ type: HealthReport, description: 'The database or the queue is down (the report says which)' })
  @ApiErrorResponses(500)
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') response.status(503);
    return report;
  }
}
