import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from './public-route.decorator';
import { HealthService, type HealthReport } from './health.service';

/** Served by every process (API, worker, all-in-one) at /api/health, so orchestration probes each the same way. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 once the database (and Redis, when configured) answer; 503 otherwise. */
  @Public()
  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') response.status(503);
    return report;
  }
}
