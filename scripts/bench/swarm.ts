/**
 * N consoles in this process, speaking socket.io's wire protocol (Engine.IO v4 over WebSocket,
 * Socket.IO v5 packets) directly on `ws`, so that one process can hold 10,000 of them and stamp each
 * inject the moment its frame arrives. (socket.io-client decodes every packet through several
 * layers; with thousands of clients in one process that decoding, not the server, sets the figures.)
 * The same clients measure ExCon and the baseline.
 *
 * Where a thundering herd could come from, each client behaves as the browser's operator console
 * (apps/console/src/operator/operator-feed.ts): it keeps, per exercise, the highest seq up to which it holds every
 * inject; an `inject` whose seq is beyond the next one, or an `exercise:state` (not draft) whose `lastSeq` is beyond
 * what it holds (or that carries no `lastSeq`, as the console does), makes it ask `sync` from there, one sync per
 * exercise at a time (a request during one runs once more after it), again 1–1.5 s later when rate limited. The
 * injects a sync answers are merged. It does not confirm receipts (`inject:received`) nor reconnect.
 */
import WebSocket from 'ws';

export interface SyncCounts {
  /** `sync` packets sent (a retry after "rate limited" counts again). */
  sent: number;
  /** Their acks received. */
  answered: number;
  /** Of those answers, how many were "rate limited". */
  rateLimited: number;
  /** Why a sync was asked: a gap in an inject's seq, an exercise:state beyond the seq held. */
  onGap: number;
  onState: number;
}

export interface Swarm {
  sockets: WebSocket[];
  /** Milliseconds between each receipt of the measured event and its dueAt. */
  latencies: number[];
  /** The same latencies grouped by the frame's dueAt (ISO text), e.g. for the first inject's figures. */
  byDue: Map<string, number[]>;
  syncs: SyncCounts;
  /** Clears latencies, byDue and the sync counts (not what each console holds). */
  reset(): void;
  close(): void;
}

const OPEN = 0x30; // '0'
const PING = 0x32; // '2'
const MESSAGE = 0x34; // '4'
const CONNECT = 0x30; // '40'
const CONNECT_ERROR = 0x34; // '44'
const EVENT = 0x32; // '42'
const ACK = 0x33; // '43'
const DUE = '"dueAt":"';
const RATE_LIMITED = '"rate limited"';

/** The number after `"key":` in a JSON text, or null. */
function numberField(text: string, key: string): number | null {
  const at = text.indexOf(`"${key}":`);
  if (at < 0) return null;
  const value = parseInt(text.slice(at + key.length + 3, at + key.length + 23), 10);
  return Number.isNaN(value) ? null : value;
}

/** The string after `"key":"` in a JSON text (no escapes expected: ids and statuses), or null. */
function stringField(text: string, key: string): string | null {
  const at = text.indexOf(`"${key}":"`);
  if (at < 0) return null;
  const start = at + key.length + 4;
  const end = text.indexOf('"', start);
  return end < 0 ? null : text.slice(start, end);
}

/** One console's view of its injects: per exercise the seqs held and the highest complete one. */
class Inbox {
  private readonly seen = new Map<string, Set<number>>();
  private readonly complete = new Map<string, number>();

  completeSeq(exerciseId: string): number {
    return this.complete.get(exerciseId) ?? 0;
  }

  note(exerciseId: string, seq: number): void {
    let seen = this.seen.get(exerciseId);
    if (!seen) this.seen.set(exerciseId, (seen = new Set()));
    seen.add(seq);
    let complete = this.complete.get(exerciseId) ?? 0;
    while (seen.has(complete + 1)) seen.delete((complete += 1));
    this.complete.set(exerciseId, complete);
  }
}

function connectOne(origin: string, namespace: string, token: string, swarm: Swarm, event: string): Promise<WebSocket> {
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  const measured = `42${namespace},["${event}",`;
  const inject = `42${namespace},["inject",`;
  const state = `42${namespace},["exercise:state",`;
  const ackPrefix = `43${namespace},`;
  const inbox = new Inbox();
  let nextAckId = 1;
  /** Ack id → exercise of a sync in flight; exercises syncing; those asked again meanwhile. */
  const pending = new Map<number, string>();
  const syncing = new Set<string>();
  const again = new Set<string>();

  const sendSync = (exerciseId: string) => {
    const id = nextAckId++;
    pending.set(id, exerciseId);
    syncing.add(exerciseId);
    swarm.syncs.sent++;
    // Socket.IO v5: type, namespace, ack id, payload (42/console,7["sync",{…}]); the answer is 43/console,7[{…}].
    ws.send(`42${namespace},${id}${JSON.stringify(['sync', { exerciseId, afterSeq: inbox.completeSeq(exerciseId), afterMessageSeq: 0 }])}`);
  };
  const askSync = (exerciseId: string) => {
    if (syncing.has(exerciseId)) again.add(exerciseId);
    else sendSync(exerciseId);
  };
  const answered = (text: string) => {
    let at = ackPrefix.length;
    while (text.charCodeAt(at) >= 0x30 && text.charCodeAt(at) <= 0x39) at++;
    const id = Number(text.slice(ackPrefix.length, at));
    const exerciseId = pending.get(id);
    if (exerciseId === undefined) return;
    pending.delete(id);
    swarm.syncs.answered++;
    if (text.includes(RATE_LIMITED)) {
      swarm.syncs.rateLimited++;
      setTimeout(() => ws.readyState === WebSocket.OPEN && sendSync(exerciseId), 1000 + Math.random() * 500);
      return;
    }
    const [answer] = JSON.parse(text.slice(at)) as [{ injects?: { exerciseId: string; seq: number }[] }];
    for (const i of answer.injects ?? []) inbox.note(i.exerciseId, i.seq);
    if (again.delete(exerciseId)) sendSync(exerciseId);
    else syncing.delete(exerciseId);
  };

  return new Promise((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const receivedAt = Date.now();
      if (data[0] === MESSAGE && data[1] === EVENT) {
        const text = data.toString();
        if (text.startsWith(measured)) {
          const at = text.indexOf(DUE);
          if (at >= 0) {
            const due = text.slice(at + DUE.length, at + DUE.length + 24);
            const latency = receivedAt - Date.parse(due);
            swarm.latencies.push(latency);
            const group = swarm.byDue.get(due);
            if (group) group.push(latency);
            else swarm.byDue.set(due, [latency]);
          }
        }
        if (text.startsWith(inject)) {
          const exerciseId = stringField(text, 'exerciseId');
          const seq = numberField(text, 'seq');
          if (exerciseId === null || seq === null) return;
          const gap = seq > inbox.completeSeq(exerciseId) + 1;
          inbox.note(exerciseId, seq);
          if (gap) {
            swarm.syncs.onGap++;
            askSync(exerciseId);
          }
        } else if (text.startsWith(state)) {
          const exerciseId = stringField(text, 'exerciseId');
          const lastSeq = numberField(text, 'lastSeq');
          if (exerciseId === null || stringField(text, 'status') === 'draft') return;
          if (lastSeq === null || lastSeq > inbox.completeSeq(exerciseId)) {
            swarm.syncs.onState++;
            askSync(exerciseId);
          }
        }
      } else if (data[0] === MESSAGE && data[1] === ACK) {
        answered(data.toString());
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

const noSyncs = (): SyncCounts => ({ sent: 0, answered: 0, rateLimited: 0, onGap: 0, onState: 0 });

export async function connectSwarm(origin: string, namespace: string, tokens: string[], count: number, event = 'inject'): Promise<Swarm> {
  const swarm: Swarm = {
    sockets: [],
    latencies: [],
    byDue: new Map(),
    syncs: noSyncs(),
    reset: () => {
      swarm.latencies = [];
      swarm.byDue = new Map();
      swarm.syncs = noSyncs();
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

/** The latencies of the earliest dueAt the swarm saw (the first inject of a run). */
export function firstDue(swarm: Swarm): number[] {
  const first = [...swarm.byDue.keys()].sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  return first === undefined ? [] : (swarm.byDue.get(first) ?? []);
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
