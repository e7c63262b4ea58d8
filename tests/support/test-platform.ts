import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig, type AppConfig } from '@excon/config';
import type { LoginResponse } from '@excon/contracts';
import { startProcess } from '@excon/platform';
import { API_ROLE } from '../../apps/api/src/api.role';
import { startPlatform, type RunningPlatform } from '../../apps/standalone/src/platform';
import { WORKER_ROLE } from '../../apps/worker/src/worker.role';
import { ADMIN, createTestDatabase, deleteRedisPrefix, TEST_REDIS_URL, uniqueName, type QueueMode } from './services';

// Re-exported: suites import them from here, scripts from ./services (no platform sources loaded).
export { ADMIN, createTestDatabase, deleteRedisPrefix, QUEUE_MODES, TEST_POSTGRES_URL, TEST_REDIS_URL, uniqueName, type QueueMode } from './services';

export interface TestPlatform {
  platform: RunningPlatform;
  config: AppConfig;
  url: string;
  databaseUrl: string;
  http(): ReturnType<typeof request>;
  login(username: string, password: string): Promise<LoginResponse>;
  adminToken(): Promise<string>;
  /** Stops the platform; `keepData` leaves the database and Redis keys for a restart on the same data. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface TestPlatformOptions {
  queueMode?: QueueMode;
  env?: Record<string, string>;
  /** One role alone, as its entry point runs it (needs the Redis queue mode); default both, as `npm start`. */
  only?: 'api' | 'worker';
  /** Reuse the database (and Redis prefix) of an earlier platform. */
  reuse?: { databaseUrl: string; redisPrefix: string; drop(): Promise<void> };
}

/** Boots the whole platform in this process on its own database and Redis prefix, on a free port. */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const queueMode = options.queueMode ?? 'postgres';
  const database = options.reuse ?? (await createTestDatabase());
  const databaseUrl = 'url' in database ? database.url : database.databaseUrl;
  const redisPrefix = options.reuse?.redisPrefix ?? uniqueName('excon-test');
  const dataDir = mkdtempSync(join(tmpdir(), 'excon-test-'));
  let config: AppConfig;
  let platform: RunningPlatform;
  try {
    config = loadConfig({
      PORT: '0',
      DATABASE_URL: databaseUrl,
      EXCON_DATA_DIR: dataDir,
      ...(queueMode === 'redis' ? { REDIS_URL: TEST_REDIS_URL } : {}),
      EXCON_REDIS_PREFIX: redisPrefix,
      EXCON_ADMIN_USERNAME: ADMIN.username,
      EXCON_ADMIN_PASSWORD: ADMIN.password,
      EXCON_JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
      EXCON_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      ...options.env,
    });
    platform = options.only ? await startProcess(config, [options.only === 'api' ? API_ROLE : WORKER_ROLE]) : await startPlatform(config);
  } catch (error) {
    // A boot that fails leaves neither its database nor its temp dir behind.
    rmSync(dataDir, { recursive: true, force: true });
    if (!options.reuse) await database.drop().catch(() => undefined);
    throw error;
  }
  let adminToken: string | undefined;
  const self: TestPlatform = {
    platform,
    config,
    url: platform.url,
    databaseUrl,
    http: () => request(platform.url),
    login: async (username, password) => {
      const response = await request(platform.url).post('/api/auth/login').send({ username, password });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as LoginResponse;
    },
    adminToken: async () => (adminToken ??= (await self.login(ADMIN.username, ADMIN.password)).accessToken),
    stop: async ({ keepData = false } = {}) => {
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (!keepData) {
        await database.drop();
        if (queueMode === 'redis') await deleteRedisPrefix(redisPrefix);
      }
    },
  };
  return self;
}
