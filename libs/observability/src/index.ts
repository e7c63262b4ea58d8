export * from './excon-metrics';
export * from './metrics.service';
export * from './metrics-port.server';
export * from './metrics.module';
