import { Inject } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { CONSOLE_NAMESPACE, RATE_LIMITED_ERROR, rooms, type ConsoleToServerEvents, type ServerToConsoleEvents } from '@excon/contracts';
import { APP_CONFIG, type AppConfig } from '@excon/config';
import { STAFF_ROLES } from '@excon/domain';
import { NamespacePublisher } from '@excon/engine';
import { MetricsService } from '@excon/observability';
import type { Actor } from '../auth/actor';
import { Authenticator } from '../auth/authenticator.service';
import { SessionsService } from '../auth/sessions.service';
import { DutyMessagesService } from '../duty-messages/duty-messages.service';
import { parseAcknowledge, parseDeliveryRef, parseDutyRead, parseDutySend, parseRenew, parseRespond, parseSync } from './console-payloads';
import { ConsoleService } from './console.service';
import { MessageRateLimit, SOCKET_LIMITS } from './message-rate-limit';

interface SocketData {
  actor: Actor;
  messages: MessageRateLimit;
  syncs: MessageRateLimit;
  /** Epoch ms when the socket's token expires, unless `auth:renew` brings a newer one of the same session. */
  expiresAt: number;
}

/** Server-to-server event (socket.io adapter): these sessions ended; forget them and acknowledge. */
const SESSIONS_ENDED = 'excon:sessions-ended';
interface BetweenApiProcesses {
  [SESSIONS_ENDED]: (sessionIds: string[], ack: (ok: boolean) => void) => void;
}
/** How long ending a session waits for the other API processes to acknowledge. */
const PEERS_WAIT_MS = 1_000;

type ConsoleSocket = Socket<ConsoleToServerEvents, ServerToConsoleEvents, BetweenApiProcesses, SocketData>;
/** Answers through the acknowledgement callback when the client gave one (the service never throws). */
function answer<T>(ack: unknown, result: Promise<T>): void {
  void result.then((value) => {
    if (typeof ack === 'function') (ack as (value: T) => void)(value);
  });
}

const RATE_LIMITED = { ok: false as const, error: RATE_LIMITED_ERROR };
const SESSION_ENDED = { ok: false as const, error: 'session ended' };
/** The session could not be checked (the database is away and this process had not seen it yet). */
const UNAVAILABLE = { ok: false as const, error: 'service unavailable' };

type ConsoleNamespace = Namespace<ConsoleToServerEvents, ServerToConsoleEvents, BetweenApiProcesses, SocketData>;

/**
 * The /console namespace. The handshake's token decides who the socket is; rooms come from that
 * identity only (an operator joins its own post's room, staff join `staff`), never from the client.
 */
@WebSocketGateway({ namespace: CONSOLE_NAMESPACE, serveClient: false, maxHttpBufferSize: 64 * 1024 })
export class ConsoleGateway implements OnGatewayInit<ConsoleNamespace>, OnGatewayConnection<ConsoleSocket> {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly sessions: SessionsService,
    private readonly console: ConsoleService,
    private readonly dutyMessages: DutyMessagesService,
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
      void this.authenticator.authenticate(typeof token === 'string' ? token : null).then(
        (authenticated) => {
          const actor = authenticated?.actor;
          // A user who must change a reset password has no console until it is changed.
          if (!authenticated || !actor || actor.mustChangePassword || (actor.role === 'operator' && !actor.commandPostId)) {
            return next(new Error('unauthorized'));
          }
          if ((this.socketsOf.get(actor.id)?.size ?? 0) >= this.config.socketsPerUser) return next(new Error('too many consoles'));
          socket.data.actor = actor;
          socket.data.expiresAt = authenticated.token.expiresAt;
          socket.data.messages = new MessageRateLimit(SOCKET_LIMITS.messages.perSecond, SOCKET_LIMITS.messages.burst);
          socket.data.syncs = new MessageRateLimit(SOCKET_LIMITS.sync.perSecond, SOCKET_LIMITS.sync.burst);
          next();
        },
        () => next(new Error('service unavailable')),
      );
    });
    this.acceptSessionEnds(namespace);
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
   * Rooms from the token's identity, then the operator messages and the duty channels' (DutyMessagesService), parsed here and handed to
   * ConsoleService (receipt, read, acknowledgement and response go on to the engine's DeliveryLifecycleService).
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
    // The token's expiry disconnects the socket unless `auth:renew` brought a newer token of the session.
    let expiry: NodeJS.Timeout | undefined;
    const armExpiry = () => {
      clearTimeout(expiry);
      expiry = setTimeout(() => this.close(socket, 'expired'), Math.min(Math.max(socket.data.expiresAt - Date.now(), 0), 2 ** 31 - 1));
      expiry.unref();
    };
    armExpiry();
    socket.once('disconnect', () => clearTimeout(expiry));
    // Every message is served only while the session is open (SessionsService's cache, cleared at once by an end).
    const limited = <T>(ack: unknown, work: () => Promise<T>, bucket = messages): void => {
      if (!messages.take() || (bucket !== messages && !bucket.take())) return answer(ack, Promise.resolve(RATE_LIMITED));
      answer(
        ack,
        this.sessions.check(actor.sessionId).then<T | typeof SESSION_ENDED, typeof UNAVAILABLE>(
          (open) => {
            if (open) return work();
            this.close(socket, 'ended');
            return SESSION_ENDED;
          },
          () => UNAVAILABLE,
        ),
      );
    };
    socket.on('auth:renew', (payload, ack) =>
      limited(ack, async () => {
        const parsed = parseRenew(payload);
        if ('error' in parsed) return { ok: false as const, error: parsed.error };
        const renewed = await this.authenticator.authenticate(parsed.value.token);
        if (!renewed || renewed.actor.sessionId !== actor.sessionId) return { ok: false as const, error: 'not a token of this session' };
        socket.data.expiresAt = Math.max(socket.data.expiresAt, renewed.token.expiresAt);
        armExpiry();
        return { ok: true as const, expiresAt: new Date(socket.data.expiresAt).toISOString() };
      }),
    );
    socket.on('inject:received', (payload, ack) => limited(ack, () => this.console.markReceived(actor, parseDeliveryRef(payload))));
    socket.on('inject:acknowledge', (payload, ack) => limited(ack, () => this.console.acknowledge(actor, parseAcknowledge(payload))));
    socket.on('inject:read', (payload, ack) => limited(ack, () => this.console.markRead(actor, parseDeliveryRef(payload))));
    socket.on('inject:respond', (payload, ack) => limited(ack, () => this.console.respond(actor, parseRespond(payload))));
    socket.on('sync', (payload, ack) => limited(ack, () => this.console.sync(actor, parseSync(payload)), syncs));
    socket.on('duty:send', (payload, ack) => limited(ack, () => this.dutyMessages.send(actor, parseDutySend(payload))));
    socket.on('duty:read', (payload, ack) => limited(ack, () => this.dutyMessages.read(actor, parseDutyRead(payload))));
    await socket.join(rooms.session(actor.sessionId));
    if (actor.role === 'operator') await socket.join(rooms.commandPost(actor.commandPostId as string));
    else if (STAFF_ROLES.includes(actor.role)) await socket.join(rooms.staff);
  }

  /** Tells the socket why, then disconnects it (the console goes to its login page instead of reconnecting). */
  private close(socket: ConsoleSocket, reason: 'ended' | 'expired'): void {
    socket.emit('session:ended', { reason });
    socket.disconnect(true);
  }

  /**
   * Ending a session (SessionsService.end) closes its sockets on every API process, and, before it returns,
   * has every other API process forget the session, so that its next request answers 401 wherever it lands.
   * Across processes this rides on the socket.io adapter (Redis): `disconnectSockets` and a server-side event
   * with acknowledgements. Alone (no REDIS_URL), the platform is one process and the local part is all.
   */
  private acceptSessionEnds(namespace: ConsoleNamespace): void {
    const closeLocal = (sessionIds: string[]) => {
      for (const id of sessionIds) {
        const room = rooms.session(id);
        for (const socketId of namespace.adapter.rooms.get(room) ?? []) {
          const socket = namespace.sockets.get(socketId);
          if (socket) this.close(socket, 'ended');
        }
      }
    };
    const peers = this.config.redis !== null;
    if (peers) {
      namespace.on(SESSIONS_ENDED, (sessionIds: unknown, ack: unknown) => {
        const ids = Array.isArray(sessionIds) ? sessionIds.filter((id): id is string => typeof id === 'string') : [];
        this.sessions.forget(ids);
        closeLocal(ids);
        if (typeof ack === 'function') (ack as (ok: boolean) => void)(true);
      });
    }
    this.sessions.onEnded(async (sessionIds) => {
      closeLocal(sessionIds);
      if (!peers) return;
      // Bounded: while Redis is away the others cannot be told, and their caches forget within SESSION_CACHE_MS.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        namespace.serverSideEmitWithAck(SESSIONS_ENDED, sessionIds),
        new Promise((resolve) => (timer = setTimeout(resolve, PEERS_WAIT_MS))),
      ]).finally(() => clearTimeout(timer));
    });
  }
}
