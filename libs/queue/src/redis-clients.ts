import { Logger } from '@nestjs/common';
import IORedis, { Cluster, type Redis, type RedisOptions } from 'ioredis';
import type { RedisTopology } from '@excon/config';
import { QUEUE_CALL_TIMEOUT_MS } from './queue-unavailable.error';

/** One Redis, or a Cluster: ioredis gives both the same command API (BullMQ and socket.io take either). */
export type RedisClient = Redis | Cluster;

/**
 * An ioredis client on the configured topology with the given per-connection options. Sentinel: ioredis
 * asks the sentinels for the current primary on every (re)connection and listens for `+switch-master`,
 * so after a failover the client reconnects to the promoted replica by itself. Cluster: the nodes are
 * seeds; ioredis follows MOVED/ASK redirections and refreshes the slot map.
 */
export function connectRedis(redis: RedisTopology, options: RedisOptions, cluster: { enableOfflineQueue?: boolean } = {}): RedisClient {
  switch (redis.kind) {
    case 'single':
      return new IORedis(redis.url, options);
    case 'sentinel':
      return new IORedis({
        ...options,
        sentinels: redis.sentinels,
        name: redis.name,
        ...(redis.sentinelPassword === null ? {} : { sentinelPassword: redis.sentinelPassword }),
        failoverDetector: true,
        ...authOptions(redis.auth),
        ...(redis.auth.tls ? { enableTLSForSentinelMode: true } : {}),
      });
    case 'cluster':
      return new Cluster(redis.nodes, {
        redisOptions: { ...options, ...authOptions(redis.auth) },
        enableReadyCheck: options.enableReadyCheck,
        lazyConnect: options.lazyConnect,
        ...(options.enableOfflineQueue === undefined ? {} : { enableOfflineQueue: options.enableOfflineQueue }),
        ...cluster,
      });
  }
}

function authOptions(auth: Extract<RedisTopology, { kind: 'cluster' }>['auth']): RedisOptions {
  return { username: auth.username, password: auth.password, db: auth.db, ...(auth.tls ? { tls: {} } : {}) };
}

/**
 * A Redis connection for BullMQ workers: commands wait through reconnects instead of failing, so a
 * worker picks up again by itself when Redis is back (BullMQ requires `maxRetriesPerRequest: null` there).
 */
export function openRedis(redis: RedisTopology): RedisClient {
  return connectRedis(redis, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * A fail-fast Redis connection for producers (Queue instances) and health pings: while Redis is
 * unreachable a command is refused at once instead of waiting in ioredis' offline queue, a command in
 * flight when the connection drops is rejected rather than resent, and one that gets no reply is timed
 * out. The connection itself keeps reconnecting in the background.
 */
export function openProducerRedis(redis: RedisTopology): RedisClient {
  return connectRedis(redis, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: QUEUE_CALL_TIMEOUT_MS,
    connectTimeout: QUEUE_CALL_TIMEOUT_MS,
    enableReadyCheck: true,
  });
}

/** One warning per kind of error and minute: a Redis that is away reports every reconnect attempt. */
export function quietWarner(logger: Logger, what: string): (error: Error) => void {
  const last = new Map<string, number>();
  return (error: Error) => {
    const now = Date.now();
    if ((last.get(error.message) ?? 0) > now - 60_000) return;
    last.set(error.message, now);
    logger.warn(`${what}: ${error.message}`);
  };
}

/** Publishes kept for a Redis that is away; beyond this many, newer ones are dropped (the consoles catch up through `sync`). */
export const PUBLISH_BACKLOG_LIMIT = 5000;

/**
 * A Redis connection for socket.io's Redis adapter and emitter, whose `publish` never rejects: the
 * adapter and the emitter call it without handling the promise, so a rejection would be an unhandled
 * one (which ends the process). While Redis is away, publishes wait (up to PUBLISH_BACKLOG_LIMIT) and go
 * out when it is back; a publish after the connection was closed is dropped with a log line.
 */
export function openPublisherRedis(topology: RedisTopology, logger = new Logger('RedisPublisher')): RedisClient {
  const redis = openRedis(topology);
  redis.on('error', quietWarner(logger, 'redis (publisher)'));
  const publish: (channel: string | Buffer, message: string | Buffer) => Promise<number> = redis.publish.bind(redis);
  let waiting = 0;
  let dropped = 0;
  redis.on('ready', () => {
    if (dropped) logger.warn(`redis is back: ${dropped} publish(es) were dropped while it was away (consoles catch up through sync)`);
    dropped = 0;
  });
  const guarded = (channel: string | Buffer, message: string | Buffer): Promise<number> => {
    if (redis.status === 'end') {
      logger.debug('publish after the connection was closed: dropped');
      return Promise.resolve(0);
    }
    const offline = redis.status !== 'ready';
    if (offline && waiting >= PUBLISH_BACKLOG_LIMIT) {
      dropped += 1;
      return Promise.resolve(0);
    }
    if (offline) waiting += 1;
    return publish(channel, message)
      .catch((error: Error) => {
        logger.warn(`publish failed: ${error.message}`);
        return 0;
      })
      .finally(() => {
        if (offline) waiting -= 1;
      });
  };
  (redis as unknown as { publish: typeof guarded }).publish = guarded;
  return redis;
}
