import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { socketRedisKey } from '@excon/engine';
import { openRedis } from '@excon/queue';

/** socket.io over Redis (REDIS_URL): an event emitted by any API or worker process reaches sockets on every API process. */
export class RedisIoAdapter extends IoAdapter {
  private readonly clients: Redis[];
  private readonly adapter: ReturnType<typeof createAdapter>;

  constructor(app: INestApplicationContext, redisUrl: string, prefix: string) {
    super(app);
    const pub = openRedis(redisUrl);
    const sub = pub.duplicate();
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
    await Promise.all(this.clients.map((client) => client.quit().catch(() => undefined)));
  }
}
