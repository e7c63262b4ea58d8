import { Module, RequestMethod, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, ConfigModule, type AppConfig } from '@excon/config';
import { ConsolePublisher, EngineModule, NamespacePublisher, RedisEmitterPublisher, socketRedisKey } from '@excon/engine';
import { MetricsModule } from '@excon/observability';
import { DatabaseModule } from '@excon/persistence';
import { QueueModule, openPublisherRedis } from '@excon/queue';
import { WorkerModule } from '@excon/worker';
import { AdminQueuesModule } from './admin-queues/admin-queues.module';
import { AuthModule } from './auth/auth.module';
import { CommandPostsModule } from './command-posts/command-posts.module';
import { ConsoleModule } from './console/console.module';
import { ExercisesModule } from './exercises/exercises.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { HealthModule } from './health/health.module';
import { MetricsEndpointModule } from './metrics/metrics-endpoint.module';
import { ReportsModule } from './reports/reports.module';
import { ScenariosModule } from './scenarios/scenarios.module';
import { UsersModule } from './users/users.module';

/** What boot resolved before Nest starts: the validated config, the database URL and the token secret. */
export interface RuntimeSettings {
  config: AppConfig;
  databaseUrl: string;
  jwtSecret: string;
}

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * How the engine reaches consoles: through this process's socket.io namespace when it serves the API
 * (its Redis adapter reaches the other API processes), through a Redis emitter in a worker-only process.
 */
function consolePublisher(config: AppConfig): Provider[] {
  if (config.roles.includes('api')) return [NamespacePublisher, { provide: ConsolePublisher, useExisting: NamespacePublisher }];
  return [
    {
      provide: ConsolePublisher,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new RedisEmitterPublisher(openPublisherRedis(c.redisUrl as string), socketRedisKey(c.redisPrefix)),
    },
  ];
}

/** The composition root: EXCON_ROLES picks the API (HTTP, socket.io) and/or the worker (timed events). */
@Module({})
export class AppModule {
  static forRoot(settings: RuntimeSettings): DynamicModule {
    const { config } = settings;
    const api = config.roles.includes('api');
    const worker = config.roles.includes('worker');
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            genReqId: requestId,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        DatabaseModule.forRoot(settings.databaseUrl),
        QueueModule,
        MetricsModule,
        EngineModule.forRoot(consolePublisher(config)),
        ...(api
          ? [AuthModule.forRoot(settings.jwtSecret), UsersModule, CommandPostsModule, ScenariosModule, ExercisesModule, ReportsModule, ConsoleModule, MetricsEndpointModule, AdminQueuesModule]
          : []),
        ...(worker ? [WorkerModule] : []),
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
