export * from './runtime-settings';
export * from './core.module';
export * from './start-process';
export * from './process-main';
export * from './health/public-route.decorator';
export * from './health/health.service';
export * from './logging/excon-logger';
export * from './logging/log-options';
