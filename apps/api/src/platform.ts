import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadOrCreateSecrets, type AppConfig } from '@excon/config';
import { assertDatabaseReachable, startEmbeddedDatabase, type EmbeddedDatabase } from '@excon/persistence';
import { assertRedisReachable } from '@excon/queue';
import { AppModule } from './app.module';
import { installApiDocs } from './common/api-docs';
import { installBodyParsing } from './common/body-parsing';
import { findConsoleDir, installConsolePages } from './common/console-pages';
import { installSecurityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { RedisIoAdapter } from './console/redis-io.adapter';

export interface RunningPlatform {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  embeddedDatabase: EmbeddedDatabase | null;
  /** Stops accepting work, lets in-flight jobs finish, closes sockets and the database. */
  stop(): Promise<void>;
}

/**
 * Boots ExCon: resolves the database (embedded or DATABASE_URL) and secrets, checks Redis, applies
 * migrations (DatabaseModule) and listens. Used by main.ts and by the tests.
 */
export async function startPlatform(config: AppConfig, log: (line: string) => void = () => undefined): Promise<RunningPlatform> {
  const secrets = config.databaseUrl === null || config.jwtSecret === null ? await loadOrCreateSecrets(config.dataDir) : null;
  if (config.redisUrl) await assertRedisReachable(config.redisUrl);
  let embeddedDatabase: EmbeddedDatabase | null = null;
  let databaseUrl = config.databaseUrl;
  if (databaseUrl === null) {
    embeddedDatabase = await startEmbeddedDatabase(config.dataDir, (secrets as { databasePassword: string }).databasePassword, log);
    databaseUrl = embeddedDatabase.url;
  } else {
    await assertDatabaseReachable(databaseUrl);
  }
  try {
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, databaseUrl, jwtSecret: config.jwtSecret ?? (secrets as { jwtSecret: string }).jwtSecret }),
      { bodyParser: false, bufferLogs: true },
    );
    app.useLogger(app.get(Logger));
    app.disable('x-powered-by');
    app.set('trust proxy', config.trustProxy);
    installSecurityHeaders(app.getHttpAdapter().getInstance());
    installBodyParsing(app.getHttpAdapter().getInstance(), config.bodyLimitBytes);
    app.setGlobalPrefix('api', { exclude: ['metrics', 'admin/queues', 'admin/queues/{*path}'] });
    const consoleDir = config.roles.includes('api') ? findConsoleDir() : null;
    if (consoleDir) installConsolePages(app.getHttpAdapter().getInstance(), consoleDir);
    app.useGlobalPipes(createValidationPipe());
    if (config.redisUrl && config.roles.includes('api')) app.useWebSocketAdapter(new RedisIoAdapter(app, config.redisUrl, config.redisPrefix));
    installApiDocs(app);
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
