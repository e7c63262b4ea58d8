import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { socketRedisKey } from '@excon/engine';
import type { RedisTopology } from '@excon/config';
import { boundQueueCall, openPublisherRedis, openRedis, quietWarner, type RedisClient } from '@excon/queue';

/**
 * socket.io over Redis (one, Sentinel or Cluster; with a Cluster, PUBLISH reaches every node): an event emitted by any API or worker process reaches sockets on every
 * API process. While Redis is away, this process's own sockets still get every event at once; what goes to
 * the other processes waits (bounded) and goes out when Redis is back, and the subscriber re-subscribes
 * by itself. A publish never rejects (see openPublisherRedis), so an outage cannot end the process.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly clients: RedisClient[];
  private readonly adapter: ReturnType<typeof createAdapter>;

  constructor(app: INestApplicationContext, redis: RedisTopology, prefix: string) {
    super(app);
    const logger = new Logger(RedisIoAdapter.name);
    const pub = openPublisherRedis(redis, logger);
    const sub = openRedis(redis);
    sub.on('error', quietWarner(logger, 'redis (subscriber)'));
    this.clients = [pub, sub];
    this.adapter = createAdapter(pub, sub, { key: socketRedisKey(prefix) });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    server.adapter(this.adapter);
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    // quit() waits for a Redis that is away (it queues behind the reconnection): bounded, then dropped.
    await Promise.all(this.clients.map((client) => boundQueueCall('redis.quit', () => client.quit(), 2_000).catch(() => client.disconnect())));
  }
}
