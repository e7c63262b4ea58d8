import { Inject } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { CONSOLE_NAMESPACE, RATE_LIMITED_ERROR, rooms, type ConsoleToServerEvents, type ServerToConsoleEvents } from '@excon/contracts';
import { APP_CONFIG, type AppConfig } from '@excon/config';
import { STAFF_ROLES } from '@excon/domain';
import { NamespacePublisher } from '@excon/engine';
import { MetricsService } from '@excon/observability';
import type { Actor } from '../auth/actor';
import { TokenService } from '../auth/token.service';
import { parseDeliveryRef, parseRespond, parseSync } from './console-payloads';
import { ConsoleService } from './console.service';
import { MessageRateLimit, SOCKET_LIMITS } from './message-rate-limit';

interface SocketData {
  actor: Actor;
  messages: MessageRateLimit;
  syncs: MessageRateLimit;
}

type ConsoleSocket = Socket<ConsoleToServerEvents, ServerToConsoleEvents, Record<string, never>, SocketData>;
/** Answers through the acknowledgement callback when the client gave one (the service never throws). */
function answer<T>(ack: unknown, result: Promise<T>): void {
  void result.then((value) => {
    if (typeof ack === 'function') (ack as (value: T) => void)(value);
  });
}

const RATE_LIMITED = { ok: false as const, error: RATE_LIMITED_ERROR };

type ConsoleNamespace = Namespace<ConsoleToServerEvents, ServerToConsoleEvents, Record<string, never>, SocketData>;

/**
 * The /console namespace. The handshake's token decides who the socket is; rooms come from that
 * identity only (an operator joins its own post's room, staff join `staff`), never from the client.
 */
@WebSocketGateway({ namespace: CONSOLE_NAMESPACE, serveClient: false, maxHttpBufferSize: 64 * 1024 })
export class ConsoleGateway implements OnGatewayInit<ConsoleNamespace>, OnGatewayConnection<ConsoleSocket> {
  constructor(
    private readonly tokens: TokenService,
    private readonly console: ConsoleService,
    private readonly publisher: NamespacePublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** Open /console sockets per user in this process, for the cap. */
  private readonly socketsOf = new Map<string, Set<string>>();

  afterInit(namespace: ConsoleNamespace): void {
    namespace.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
      const actor = this.tokens.verify(typeof token === 'string' ? token : null);
      if (!actor || (actor.role === 'operator' && !actor.commandPostId)) return next(new Error('unauthorized'));
      if ((this.socketsOf.get(actor.id)?.size ?? 0) >= this.config.socketsPerUser) return next(new Error('too many consoles'));
      socket.data.actor = actor;
      socket.data.messages = new MessageRateLimit(SOCKET_LIMITS.messages.perSecond, SOCKET_LIMITS.messages.burst);
      socket.data.syncs = new MessageRateLimit(SOCKET_LIMITS.sync.perSecond, SOCKET_LIMITS.sync.burst);
      next();
    });
    const server = namespace.server;
    // Only /console exists: the default namespace (and any other) is refused.
    server.of('/').use((_socket, next) => next(new Error('unknown namespace')));
    server.engine.on('connection', (raw: { request: unknown; id: string; close(): void; once(event: 'close', listener: () => void): void }) => {
      // Do not keep each connection's first HTTP request: it is most of a socket's memory (socket.io docs, "Memory usage").
      raw.request = null;
      // An engine.io session that does not join /console soon is closed: sessions cost memory, and nobody needs an idle one.
      const timer = setTimeout(() => {
        if (!this.joined.has(raw.id)) raw.close();
      }, SOCKET_LIMITS.joinWithinMs);
      timer.unref();
      raw.once('close', () => {
        clearTimeout(timer);
        this.joined.delete(raw.id);
      });
    });
    this.publisher.attach(namespace);
  }

  /** Engine.io sessions that have a /console socket. */
  private readonly joined = new Set<string>();

  /**
   * Rooms from the token's identity, then the four operator messages, parsed here and handed to
   * ConsoleService (receipt, acknowledgement and response go on to the engine's DeliveryLifecycleService).
   * They are bound with plain listeners rather than @SubscribeMessage: Nest builds an RxJS pipeline per
   * socket and message, which at 10,000 consoles cost more memory than socket.io itself
   * (docs/benchmarks.md). Every message is rate limited per socket; over the limit it is answered
   * `{ok:false, error:"rate limited"}`.
   */
  async handleConnection(socket: ConsoleSocket): Promise<void> {
    const { actor, messages, syncs } = socket.data;
    const engineSession = (socket.conn as unknown as { id: string }).id;
    this.joined.add(engineSession);
    const own = this.socketsOf.get(actor.id) ?? new Set<string>();
    own.add(socket.id);
    this.socketsOf.set(actor.id, own);
    socket.once('disconnect', this.metrics.consoleConnected(actor.role));
    socket.once('disconnect', () => {
      own.delete(socket.id);
      if (own.size === 0) this.socketsOf.delete(actor.id);
    });
    const limited = <T>(ack: unknown, work: () => Promise<T>, bucket = messages): void => {
      if (!messages.take() || (bucket !== messages && !bucket.take())) answer(ack, Promise.resolve(RATE_LIMITED));
      else answer(ack, work());
    };
    socket.on('inject:received', (payload, ack) => limited(ack, () => this.console.markReceived(actor, parseDeliveryRef(payload))));
    socket.on('inject:acknowledge', (payload, ack) => limited(ack, () => this.console.acknowledge(actor, parseDeliveryRef(payload))));
    socket.on('inject:respond', (payload, ack) => limited(ack, () => this.console.respond(actor, parseRespond(payload))));
    socket.on('sync', (payload, ack) => limited(ack, () => this.console.sync(actor, parseSync(payload)), syncs));
    if (actor.role === 'operator') await socket.join(rooms.commandPost(actor.commandPostId as string));
    else if (STAFF_ROLES.includes(actor.role)) await socket.join(rooms.staff);
  }
}
