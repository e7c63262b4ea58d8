import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';

/** `GET /metrics` on the API's port; MetricsModule (libs/observability, global) holds the figures. */
@Module({ controllers: [MetricsController] })
export class MetricsEndpointModule {}
