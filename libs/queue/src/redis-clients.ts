import { Logger } from '@nestjs/common';
import IORedis, { type Redis } from 'ioredis';
import { QUEUE_CALL_TIMEOUT_MS } from './queue-unavailable.error';

/**
 * A Redis connection for BullMQ workers: commands wait through reconnects instead of failing, so a
 * worker picks up again by itself when Redis is back (BullMQ requires `maxRetriesPerRequest: null` there).
 */
export function openRedis(url: string): Redis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * A fail-fast Redis connection for producers (Queue instances) and health pings: while Redis is
 * unreachable a command is refused at once instead of waiting in ioredis' offline queue, a command in
 * flight when the connection drops is rejected rather than resent, and one that gets no reply is timed
 * out. The connection itself keeps reconnecting in the background.
 */
export function openProducerRedis(url: string): Redis {
  return new IORedis(url, {
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
export function openPublisherRedis(url: string, logger = new Logger('RedisPublisher')): Redis {
  const redis = openRedis(url);
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
