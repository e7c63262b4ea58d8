import { io, type Socket } from 'socket.io-client';
import { useEffect, useState } from 'preact/hooks';
import { CONSOLE_NAMESPACE, type Ack, type ConsoleToServerEvents, type ServerToConsoleEvents } from '@excon/contracts';
import { api } from '../api/api';
import { currentToken, endSession } from '../common/session';

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
 * The /console namespace with the session's token. A refused handshake (`unauthorized`) ends the
 * session; any other failure is retried by socket.io with back-off.
 */
export function connectConsole(token: string): ConsoleSocket {
  const socket: ConsoleSocket = io(location.origin + CONSOLE_NAMESPACE, {
    auth: { token },
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  socket.on('connect_error', (error) => {
    if (error.message === 'unauthorized') {
      socket.disconnect();
      endSession('expired');
    }
  });
  // The server closed the connection on purpose: a token it no longer accepts ends the session (the
  // 401 of /users/me does that), anything else is retried after a pause.
  socket.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect') return;
    api.me().then(
      () => setTimeout(() => socket.connect(), 1000),
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
