import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MetricsService } from '@excon/observability';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';

/**
 * `GET /metrics` (outside the /api prefix, where Prometheus looks): this process's figures, for an
 * admin's bearer token. EXCON_METRICS_PORT serves the same without a token (libs/observability).
 */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({
    description: "Prometheus' text exposition format (version 0.0.4): this process's figures",
    content: {
      'text/plain': { schema: { type: 'string', example: '# TYPE excon_deliveries_total gauge\nexcon_deliveries_total{status="sent"} 3\n' } },
    },
  })
  @ApiErrorResponses(401, 403, 500, 503)
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    const text = await this.metrics.render();
    response.setHeader('Content-Type', this.metrics.contentType);
    response.setHeader('Cache-Control', 'no-store');
    return text;
  }
}
