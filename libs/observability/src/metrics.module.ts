import { Global, Module } from '@nestjs/common';
import { MetricsPortServer } from './metrics-port.server';
import { MetricsService } from './metrics.service';

/**
 * One MetricsService per application (its own prom-client registry), for every process role: the
 * engine and the gateway count on it, `GET /metrics` (apps/api) and EXCON_METRICS_PORT serve it.
 */
@Global()
@Module({ providers: [MetricsService, MetricsPortServer], exports: [MetricsService, MetricsPortServer] })
export class MetricsModule {}
