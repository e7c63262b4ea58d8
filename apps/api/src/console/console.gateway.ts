import { WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { CONSOLE_NAMESPACE, rooms, type ConsoleToServerEvents, type ServerToConsoleEvents } from '@excon/contracts';
import { STAFF_ROLES } from '@excon/domain';
import { NamespacePublisher } from '@excon/engine';
import type { Actor } from '../auth/actor';
import { TokenService } from '../auth/token.service';
import { ConsoleService } from './console.service';

interface SocketData {
  actor: Actor;
}

type ConsoleSocket = Socket<ConsoleToServerEvents, ServerToConsoleEvents, Record<string, never>, SocketData>;
/** Answers through the acknowledgement callback when the client gave one (the service never throws). */
function answer<T>(ack: unknown, result: Promise<T>): void {
  void result.then((value) => {
    if (typeof ack === 'function') (ack as (value: T) => void)(value);
  });
}

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
  ) {}

  afterInit(namespace: ConsoleNamespace): void {
    namespace.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
      const actor = this.tokens.verify(typeof token === 'string' ? token : null);
      if (!actor || (actor.role === 'operator' && !actor.commandPostId)) return next(new Error('unauthorized'));
      socket.data.actor = actor;
      next();
    });
    // Do not keep each connection's first HTTP request: it is most of a socket's memory (socket.io docs, "Memory usage").
    namespace.server.engine.on('connection', (raw: { request: unknown }) => {
      raw.request = null;
    });
    this.publisher.attach(namespace as unknown as Namespace);
  }

  /**
   * Rooms from the token's identity, then the four operator messages. They are bound here with plain
   * listeners rather than @SubscribeMessage: Nest builds an RxJS pipeline per socket and message, which
   * at 10,000 consoles cost more memory than socket.io itself (docs/benchmarks.md).
   */
  async handleConnection(socket: ConsoleSocket): Promise<void> {
    const { actor } = socket.data;
    socket.on('inject:received', (payload, ack) => answer(ack, this.console.markReceived(actor, payload)));
    socket.on('inject:acknowledge', (payload, ack) => answer(ack, this.console.acknowledge(actor, payload)));
    socket.on('inject:respond', (payload, ack) => answer(ack, this.console.respond(actor, payload)));
    socket.on('sync', (payload, ack) => answer(ack, this.console.sync(actor, payload)));
    if (actor.role === 'operator') await socket.join(rooms.commandPost(actor.commandPostId as string));
    else if (STAFF_ROLES.includes(actor.role)) await socket.join(rooms.staff);
  }
}
