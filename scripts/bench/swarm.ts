/**
 * N consoles in this process, speaking socket.io's wire protocol (Engine.IO v4 over WebSocket,
 * Socket.IO v5 packets) directly on `ws`, so that one process can hold 10,000 of them and stamp each
 * inject the moment its frame arrives. (socket.io-client decodes every packet through several
 * layers; with thousands of clients in one process that decoding, not the server, sets the figures.)
 * The same clients measure ExCon and the baseline.
 */
import WebSocket from 'ws';

export interface Swarm {
  sockets: WebSocket[];
  /** Milliseconds between each receipt and its dueAt. */
  latencies: number[];
  reset(): void;
  close(): void;
}

const OPEN = 0x30; // '0'
const PING = 0x32; // '2'
const MESSAGE = 0x34; // '4'
const CONNECT = 0x30; // '40'
const CONNECT_ERROR = 0x34; // '44'
const EVENT = 0x32; // '42'
const DUE = '"dueAt":"';

function connectOne(origin: string, namespace: string, token: string, swarm: Swarm, event: string): Promise<WebSocket> {
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  const prefix = `42${namespace},["${event}"`;
  return new Promise((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const receivedAt = Date.now();
      if (data[0] === MESSAGE && data[1] === EVENT) {
        const text = data.toString();
        if (!text.startsWith(prefix)) return;
        const at = text.indexOf(DUE);
        if (at >= 0) swarm.latencies.push(receivedAt - Date.parse(text.slice(at + DUE.length, at + DUE.length + 24)));
      } else if (data[0] === PING) {
        ws.send('3');
      } else if (data[0] === OPEN) {
        ws.send(`40${namespace},${JSON.stringify({ token })}`);
      } else if (data[0] === MESSAGE && data[1] === CONNECT) {
        resolve(ws);
      } else if (data[0] === MESSAGE && data[1] === CONNECT_ERROR) {
        reject(new Error(data.toString()));
      }
    });
    ws.once('error', reject);
  });
}

export async function connectSwarm(origin: string, namespace: string, tokens: string[], count: number, event = 'inject'): Promise<Swarm> {
  const swarm: Swarm = {
    sockets: [],
    latencies: [],
    reset: () => {
      swarm.latencies = [];
    },
    close: () => swarm.sockets.forEach((s) => s.terminate()),
  };
  const batch = 200;
  for (let start = 0; start < count; start += batch) {
    const connecting: Promise<WebSocket>[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++)
      connecting.push(connectOne(origin, namespace, tokens[i % tokens.length], swarm, event));
    swarm.sockets.push(...(await Promise.all(connecting)));
  }
  return swarm;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summary(latencies: number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

export async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}
