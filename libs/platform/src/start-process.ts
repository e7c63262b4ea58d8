import 'reflect-metadata';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, type AppConfig } from '@excon/config';
import type { EmbeddedDatabase } from '@excon/persistence';
import { CoreModule } from './core.module';
import { ExconLogger } from './logging/excon-logger';
import { resolveRuntime, type RuntimeSettings } from './runtime-settings';

/** What one role brings to a process; apps/api/src/api.role.ts and apps/worker/src/worker.role.ts define them. */
export interface ProcessRole {
  name: 'api' | 'worker';
  /** The role holds the socket.io gateway, so the engine pushes through this process's namespace. */
  servesConsoles: boolean;
  /** The role's modules, on top of the core module. */
  modules(settings: RuntimeSettings): Array<Type | DynamicModule>;
  /** HTTP set-up between creating the application and listening (after the /api prefix is set). */
  install?(app: NestExpressApplication, config: AppConfig): void;
}

export interface RunningPlatform {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  embeddedDatabase: EmbeddedDatabase | null;
  /** Stops accepting work, lets in-flight jobs finish, closes sockets and the database. */
  stop(): Promise<void>;
}

/** The root module of one process: the core and its roles' modules. */
@Module({})
class ProcessModule {
  static forRoot(settings: RuntimeSettings, roles: ProcessRole[]): DynamicModule {
    return {
      module: ProcessModule,
      imports: [
        CoreModule.forRoot(settings, roles.some((role) => role.servesConsoles) ? 'namespace' : 'redis-emitter'),
        ...roles.flatMap((role) => role.modules(settings)),
      ],
    };
  }
}

/**
 * One process with only some of the roles is one of several, which share queues and console pushes
 * through Redis: without it the API's queued jobs would reach no worker's pushes, so refuse to start.
 */
function assertRolesCanRunApart(config: AppConfig, roles: ProcessRole[]): void {
  const names = new Set(roles.map((role) => role.name));
  if (names.size === 0) throw new Error('a process needs at least one role');
  if (config.redis !== null || (names.has('api') && names.has('worker'))) return;
  const only = names.has('api') ? 'API' : 'worker';
  throw new ConfigError(
    'REDIS_URL',
    `(or EXCON_REDIS_SENTINELS, EXCON_REDIS_CLUSTER_NODES) must be set to run the ${only} alone (several processes share queues and consoles through Redis); \`npm start\` runs everything in one process without it`,
  );
}

/**
 * Boots one process with the given roles: resolves the database (embedded or DATABASE_URL) and
 * secrets, checks Redis, applies migrations (DatabaseModule) and listens on config.port; every process
 * answers /api/health there.
 */
export async function startProcess(config: AppConfig, roles: ProcessRole[], log: (line: string) => void = () => undefined): Promise<RunningPlatform> {
  assertRolesCanRunApart(config, roles);
  const { settings, embeddedDatabase } = await resolveRuntime(config, log);
  try {
    const app = await NestFactory.create<NestExpressApplication>(ProcessModule.forRoot(settings, roles), { bodyParser: false, bufferLogs: true });
    app.useLogger(app.get(ExconLogger));
    app.disable('x-powered-by');
    // CONTRACT.md: /metrics and the queue dashboard (/admin/queues) sit outside the API's prefix.
    app.setGlobalPrefix('api', { exclude: ['metrics', 'admin/queues', 'admin/queues/{*path}'] });
    for (const role of roles) role.install?.(app, config);
    try {
      await app.listen(config.port);
    } catch (error) {
      await app.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new ConfigError('PORT', `${config.port} is already in use`);
      if (code === 'EACCES') throw new ConfigError('PORT', `${config.port} may not be opened by this user`);
      throw error;
    }
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    let stopping: Promise<void> | undefined;
    return {
      app,
      port,
      url: `http://127.0.0.1:${port}`,
      embeddedDatabase,
      stop: () =>
        (stopping ??= (async () => {
          await app.close();
          await embeddedDatabase?.stop();
        })()),
    };
  } catch (error) {
    await embeddedDatabase?.stop();
    throw error;
  }
}
