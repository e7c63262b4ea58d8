import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, ConfigModule, type AppConfig, type RedisTopology } from '@excon/config';
import { ConsolePublisher, EngineModule, NamespacePublisher, RedisEmitterPublisher, socketRedisKey } from '@excon/engine';
import { MetricsModule } from '@excon/observability';
import { DatabaseModule } from '@excon/persistence';
import { QueueModule, openPublisherRedis } from '@excon/queue';
import { HealthModule } from './health/health.module';
import { ExconLogger } from './logging/excon-logger';
import { loggerParams } from './logging/log-options';
import type { RuntimeSettings } from './runtime-settings';

/**
 * How the engine reaches consoles: through this process's socket.io namespace when it holds the
 * gateway (its Redis adapter reaches the other API processes), through a Redis emitter otherwise (a
 * worker-only process).
 */
export type ConsoleReach = 'namespace' | 'redis-emitter';

function consolePublisher(reach: ConsoleReach): Provider[] {
  if (reach === 'namespace') return [NamespacePublisher, { provide: ConsolePublisher, useExisting: NamespacePublisher }];
  return [
    {
      provide: ConsolePublisher,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new RedisEmitterPublisher(openPublisherRedis(c.redis as RedisTopology), socketRedisKey(c.redisPrefix)),
    },
  ];
}

/**
 * What every process runs, whatever its role: the config, the logger, the database (migrations
 * applied on start), the queues, the metrics, the engine, and /api/health.
 */
@Module({})
export class CoreModule {
  static forRoot(settings: RuntimeSettings, consoles: ConsoleReach): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [
        ConfigModule.forRoot(settings.config),
        LoggerModule.forRoot(loggerParams(settings.config)),
        // Every process keeps and serves its own metrics (EXCON_METRICS_PORT); the engine records into them.
        MetricsModule,
        DatabaseModule.forRoot(settings.databaseUrl),
        QueueModule,
        EngineModule.forRoot(consolePublisher(consoles)),
        HealthModule,
      ],
      providers: [ExconLogger],
      exports: [ExconLogger],
    };
  }
}
