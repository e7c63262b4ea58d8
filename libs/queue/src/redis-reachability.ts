import { ConfigError, redisVariable, type RedisTopology } from '@excon/config';
import { connectRedis } from './redis-clients';

/**
 * Fails start-up with one line naming the Redis variable (REDIS_URL, EXCON_REDIS_SENTINELS or
 * EXCON_REDIS_CLUSTER_NODES) when Redis does not answer a PING within a few seconds (through the
 * sentinels: the primary they name; a cluster: a node of it, once the slot map is known).
 */
export async function assertRedisReachable(topology: RedisTopology): Promise<void> {
  const redis = connectRedis(
    topology,
    { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false },
    { enableOfflineQueue: false },
  );
  let lastError = '';
  redis.on('error', (error: Error) => (lastError = error.message));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new ConfigError(redisVariable(topology), `is unreachable (${lastError || (error as Error).message})`);
  } finally {
    redis.disconnect();
  }
}
