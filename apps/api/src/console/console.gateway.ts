import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { CONSOLE_NAMESPACE, rooms, type Ack, type ConsoleToServerEvents, type InjectMessage, type ServerToConsoleEvents } from '@excon/contracts';
import { STAFF_ROLES } from '@excon/domain';
import { NamespacePublisher } from '@excon/engine';
import type { Actor } from '../auth/actor';
import { TokenService } from '../auth/token.service';
import { ConsoleService } from './console.service';

interface SocketData {
  actor: Actor;
}

type ConsoleSocket = Socket<ConsoleToServerEvents, ServerToConsoleEvents, Record<string, never>, SocketData>;
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

  async handleConnection(socket: ConsoleSocket): Promise<void> {
    const { actor } = socket.data;
    if (actor.role === 'operator') await socket.join(rooms.commandPost(actor.commandPostId as string));
    else if (STAFF_ROLES.includes(actor.role)) await socket.join(rooms.staff);
  }

  @SubscribeMessage('inject:received')
  received(@ConnectedSocket() socket: ConsoleSocket, @MessageBody() payload: unknown): Promise<Ack<{ deliveredAt: string }>> {
    return this.console.markReceived(socket.data.actor, payload);
  }

  @SubscribeMessage('inject:acknowledge')
  acknowledge(@ConnectedSocket() socket: ConsoleSocket, @MessageBody() payload: unknown): Promise<Ack<{ acknowledgedAt: string }>> {
    return this.console.acknowledge(socket.data.actor, payload);
  }

  @SubscribeMessage('inject:respond')
  respond(@ConnectedSocket() socket: ConsoleSocket, @MessageBody() payload: unknown): Promise<Ack<{ respondedAt: string }>> {
    return this.console.respond(socket.data.actor, payload);
  }

  @SubscribeMessage('sync')
  sync(@ConnectedSocket() socket: ConsoleSocket, @MessageBody() payload: unknown): Promise<Ack<{ injects: InjectMessage[] }>> {
    return this.console.sync(socket.data.actor, payload);
  }
}
