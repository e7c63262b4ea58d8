import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE, type ConsoleToServerEvents, type InjectMessage, type ServerToConsoleEvents } from '@excon/contracts';

export type ConsoleSocket = Socket<ServerToConsoleEvents, ConsoleToServerEvents>;

/** A console connected to /console with a token, recording every event it receives with its arrival time. */
export interface TestConsole {
  socket: ConsoleSocket;
  injects: (InjectMessage & { receivedAt: number })[];
  events: { event: string; payload: unknown; at: number }[];
  close(): void;
}

/**
 * `asBrowser`: connect as the browser consoles do, HTTP long-polling first and then the upgrade to a
 * WebSocket, keeping cookies (a load balancer's sticky-session cookie) as a browser does; otherwise
 * straight to a WebSocket.
 */
export function connectConsole(
  baseUrl: string,
  token: string | undefined,
  options: { forceNew?: boolean; asBrowser?: boolean } = {},
): Promise<TestConsole> {
  const socket: ConsoleSocket = io(baseUrl + CONSOLE_NAMESPACE, {
    auth: token === undefined ? {} : { token },
    ...(options.asBrowser ? { withCredentials: true } : { transports: ['websocket'] }),
    forceNew: options.forceNew ?? true,
    reconnection: false,
  });
  const record: TestConsole = { socket, injects: [], events: [], close: () => socket.close() };
  socket.on('inject', (message) => record.injects.push({ ...message, receivedAt: Date.now() }));
  socket.onAny((event: string, payload: unknown) => record.events.push({ event, payload, at: Date.now() }));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(record));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Emits with an acknowledgement and waits for it. */
export function ask<E extends keyof ConsoleToServerEvents>(
  socket: ConsoleSocket,
  event: E,
  payload: Parameters<ConsoleToServerEvents[E]>[0],
): Promise<Parameters<Parameters<ConsoleToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve) => {
    (socket.emit as (e: string, p: unknown, ack: (r: unknown) => void) => void)(event, payload, (result) =>
      resolve(result as Parameters<Parameters<ConsoleToServerEvents[E]>[1]>[0]),
    );
  });
}

/** Polls until `check` holds or the time runs out (then throws with `what`). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The payloads of one event a console received, in arrival order, with their arrival times. */
export function eventsOf<T = unknown>(console: TestConsole, event: string): (T & { receivedAt: number })[] {
  return console.events.filter((e) => e.event === event).map((e) => ({ ...(e.payload as T), receivedAt: e.at }));
}

/** Connects expecting the handshake to be refused; resolves with the connect_error message. */
export async function connectRefused(baseUrl: string, token: string | undefined, auth?: Record<string, unknown>): Promise<string> {
  const socket = io(baseUrl + CONSOLE_NAMESPACE, {
    auth: auth ?? (token === undefined ? {} : { token }),
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('neither connect nor connect_error within 10 s'));
    }, 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.close();
      reject(new Error('the handshake was accepted'));
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      resolve(error.message);
    });
  });
}

/** Emits any event with any payload (malformed on purpose) and waits for the acknowledgement. */
export function askRaw(socket: ConsoleSocket, event: string, payload: unknown, timeoutMs = 5000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no acknowledgement of ${event} within ${timeoutMs} ms`)), timeoutMs);
    (socket.emit as (e: string, p: unknown, ack: (r: unknown) => void) => void)(event, payload, (result) => {
      clearTimeout(timer);
      resolve(result);
    });
  });
}
