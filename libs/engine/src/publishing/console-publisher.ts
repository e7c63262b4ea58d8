import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Cluster, Redis } from 'ioredis';
import type { Namespace } from 'socket.io';
import { CONSOLE_NAMESPACE, rooms, type ServerToConsoleEvents } from '@excon/contracts';

export type ConsoleEvent = keyof ServerToConsoleEvents;
export type ConsolePayload<E extends ConsoleEvent> = Parameters<ServerToConsoleEvents[E]>[0];

/**
 * Pushes events to the consoles' rooms. The composition root picks the implementation: the
 * socket.io namespace of this process (API role; with Redis, its adapter reaches every API process),
 * or a Redis emitter (worker-only process).
 */
export abstract class ConsolePublisher {
  protected abstract emit<E extends ConsoleEvent>(targetRooms: string[], event: E, payload: ConsolePayload<E>): void;

  toPost<E extends ConsoleEvent>(commandPostId: string, event: E, payload: ConsolePayload<E>): void {
    this.emit([rooms.commandPost(commandPostId)], event, payload);
  }

  toStaff<E extends ConsoleEvent>(event: E, payload: ConsolePayload<E>): void {
    this.emit([rooms.staff], event, payload);
  }

  /** Staff and the posts taking part in an exercise (each socket gets it once). */
  toExercise<E extends ConsoleEvent>(commandPostIds: string[], event: E, payload: ConsolePayload<E>): void {
    this.emit([rooms.staff, ...commandPostIds.map(rooms.commandPost)], event, payload);
  }

  /** Staff get `payload`; each post its own copy (`forPost`), one emit per post. */
  toExerciseEach<E extends ConsoleEvent>(
    commandPostIds: string[],
    event: E,
    payload: ConsolePayload<E>,
    forPost: (commandPostId: string) => ConsolePayload<E>,
  ): void {
    this.toStaff(event, payload);
    for (const id of commandPostIds) this.toPost(id, event, forPost(id));
  }
}

/** The /console namespace of this process, attached by the gateway once socket.io is up. */
export class NamespacePublisher extends ConsolePublisher {
  private readonly logger = new Logger(NamespacePublisher.name);
  private namespace: Namespace | null = null;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  protected emit<E extends ConsoleEvent>(targetRooms: string[], event: E, payload: ConsolePayload<E>): void {
    if (!this.namespace) {
      this.logger.warn(`no socket server yet: ${event} not pushed (consoles catch up through sync)`);
      return;
    }
    this.namespace.to(targetRooms).emit(event, payload);
  }
}

/**
 * For a worker-only process: publishes through Redis to the socket.io Redis adapter of the API processes.
 * Give it a connection whose `publish` never rejects (openPublisherRedis of @excon/queue).
 *
 * The connection is closed only when the application has shut down (onApplicationShutdown runs after
 * every onModuleDestroy and beforeApplicationShutdown: the reconciler's last pass and the workers'
 * in-flight jobs are over by then). Anything published after that is a logged no-op.
 */
export class RedisEmitterPublisher extends ConsolePublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisEmitterPublisher.name);
  private readonly emitter: Emitter;
  private closed = false;

  constructor(
    private readonly redis: Redis | Cluster,
    key: string,
  ) {
    super();
    this.emitter = new Emitter(redis, { key });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  protected emit<E extends ConsoleEvent>(targetRooms: string[], event: E, payload: ConsolePayload<E>): void {
    if (this.closed) {
      this.logger.warn(`shutting down: ${event} not pushed (consoles catch up through sync)`);
      return;
    }
    this.emitter.of(CONSOLE_NAMESPACE).to(targetRooms).emit(event, payload);
  }
}

/** The key the socket.io Redis adapter and emitter share, under the installation's prefix. */
export function socketRedisKey(prefix: string): string {
  return `${prefix}:socket.io`;
}
