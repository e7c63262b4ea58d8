import { io, type Socket } from 'socket.io-client';
import { useEffect, useState } from 'preact/hooks';
import { CONSOLE_NAMESPACE, type Ack, type ConsoleToServerEvents, type ServerToConsoleEvents } from '@excon/contracts';
import { api } from '../api/api';
import { currentToken, endSession, onTokenRefreshed, refreshNow } from '../common/session';

export type ConsoleSocket = Socket<ServerToConsoleEvents, ConsoleToServerEvents>;
export type ConnectionStatus = 'connecting' | 'connected' | 'offline';

/** How long an acknowledgement callback may take before the console treats the call as failed. */
export const ACK_TIMEOUT_MS = 10_000;

/**
 * The socket for requests the server answers, with the acknowledgement timeout: `emitWithAck` resolves
 * to the answer ConsoleToServerEvents declares and rejects once `ms` pass. socket.io's own type of
 * `socket.timeout(ms)` prepends the timeout error to every acknowledgement callback (right for `emit`
 * with a callback), which leaves `emitWithAck`'s answer `any`; the promise form rejects instead, so the
 * answer is exactly the event map's.
 */
export function withTimeout(socket: ConsoleSocket, ms: number = ACK_TIMEOUT_MS): Pick<ConsoleSocket, 'emitWithAck'> {
  return socket.timeout(ms);
}

/** Handlers by event: `connect`, and any the server pushes, each typed as ServerToConsoleEvents declares it. */
export type ConsoleHandlers = { connect?: () => void } & { [E in keyof ServerToConsoleEvents]?: ServerToConsoleEvents[E] };

/**
 * Subscribes every handler and returns what unsubscribes them all: a live store's start and stop. The map is
 * typed per event; socket.io's overloads cannot take a map of them, hence the one untyped view below.
 */
export function listen(socket: ConsoleSocket, handlers: ConsoleHandlers): () => void {
  const entries = Object.entries(handlers) as [string, (...args: never[]) => void][];
  const untyped = socket as unknown as { on(event: string, handler: unknown): void; off(event: string, handler: unknown): void };
  for (const [event, handler] of entries) untyped.on(event, handler);
  return () => {
    for (const [event, handler] of entries) untyped.off(event, handler);
  };
}

/**
 * The /console namespace with the session's current token (read at every connection attempt, so a reconnect
 * uses the refreshed one). A refreshed token renews the open socket (`auth:renew`), which the server would
 * otherwise close when the old token expires. A refused handshake (`unauthorized`) refreshes once and tries
 * again, and ends the session when the server refuses the refresh too; any other failure is retried by
 * socket.io with back-off. A session ended on the server (logout elsewhere, an admin) ends it here.
 */
export function connectConsole(_token: string): ConsoleSocket {
  const socket: ConsoleSocket = io(location.origin + CONSOLE_NAMESPACE, {
    auth: (deliver) => deliver({ token: currentToken() }),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  const stopRenewing = onTokenRefreshed((token) => {
    if (socket.connected) socket.emit('auth:renew', { token }, () => undefined);
  });
  socket.on('connect_error', (error) => {
    if (error.message !== 'unauthorized') return;
    socket.disconnect();
    void refreshNow().then((goesOn) => {
      if (goesOn) setTimeout(() => currentToken() && socket.connect(), 1000);
    });
  });
  socket.on('session:ended', ({ reason }) => {
    if (reason === 'ended') {
      stopRenewing();
      endSession('ended');
    }
  });
  // The server closed the connection on purpose: a token it no longer accepts ends the session (the
  // 401 of /users/me does that, after a refresh), anything else is retried after a pause.
  socket.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect' || !currentToken()) return;
    api.me().then(
      () => setTimeout(() => currentToken() && socket.connect(), 1000),
      () => setTimeout(() => currentToken() && socket.connect(), 5000),
    );
  });
  return socket;
}

/** One socket for the lifetime of the component; closed on unmount. */
export function useConsoleSocket(token: string): ConsoleSocket {
  const [socket] = useState(() => connectConsole(token));
  useEffect(() => () => void socket.disconnect(), [socket]);
  return socket;
}

export function useConnectionStatus(socket: ConsoleSocket): ConnectionStatus {
  const [status, setStatus] = useState<ConnectionStatus>(socket.connected ? 'connected' : 'connecting');
  useEffect(() => {
    const up = () => setStatus('connected');
    const down = () => setStatus('offline');
    socket.on('connect', up);
    socket.on('disconnect', down);
    socket.on('connect_error', down);
    if (socket.connected) up();
    return () => {
      socket.off('connect', up);
      socket.off('disconnect', down);
      socket.off('connect_error', down);
    };
  }, [socket]);
  return status;
}

/** Unwraps a socket acknowledgement: the payload on `ok: true`, an Error naming the server's reason otherwise. */
export function ackResult<T extends object>(result: Ack<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result;
}
