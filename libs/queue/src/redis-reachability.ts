import IORedis from 'ioredis';
import { ConfigError } from '@excon/config';

/** Fails start-up with one line naming REDIS_URL when Redis does not answer a PING within a few seconds. */
export async function assertRedisReachable(url: string): Promise<void> {
  const redis = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let lastError = '';
  redis.on('error', (error: Error) => (lastError = error.message));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new ConfigError('REDIS_URL', `is unreachable (${lastError || (error as Error).message})`);
  } finally {
    redis.disconnect();
  }
}
