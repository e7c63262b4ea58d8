import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@excon/config';
import { installApiDocs } from './common/api-docs';
import { installBodyParsing } from './common/body-parsing';
import { findConsoleDir, installConsolePages } from './common/console-pages';
import { installSecurityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { RedisIoAdapter } from './console/redis-io.adapter';

/**
 * The API's HTTP set-up, before listening: client addresses behind trusted proxies, security headers,
 * body limits, the console pages, validation, socket.io over Redis (when configured) and OpenAPI.
 */
export function installApi(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', config.trustProxy);
  installSecurityHeaders(app.getHttpAdapter().getInstance());
  installBodyParsing(app.getHttpAdapter().getInstance(), config.bodyLimitBytes);
  const consoleDir = findConsoleDir();
  if (consoleDir) installConsolePages(app.getHttpAdapter().getInstance(), consoleDir);
  app.useGlobalPipes(createValidationPipe());
  if (config.redis) app.useWebSocketAdapter(new RedisIoAdapter(app, config.redis, config.redisPrefix));
  installApiDocs(app);
}
