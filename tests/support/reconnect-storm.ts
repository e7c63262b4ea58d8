/**
 * The reconnect storm (issue 7): N operator consoles over P command posts while injects fire every
 * second, and a chaos loop that keeps a fraction of the consoles offline, each for a random time, again
 * and again. At the end every console must hold exactly seq 1..n of its post (n = the deliveries to that
 * post in PostgreSQL), no gap, no repeat, and no inject may have been pushed to it twice.
 *
 * Used by tests/resilience/reconnect-storm.test.ts (short, in CI) and scripts/soak/reconnect.ts (long,
 * `npm run soak:reconnect`). It spawns the built server (dist/) on its own database and, in Redis mode,
 * its own Redis prefix; loopback only. Only type imports from @excon/*, so a plain ts-node can run it.
 *
 * Each console does what the browser's OperatorFeed does (apps/console/src/operator/operator-feed.ts):
 * it keeps what it has by delivery id, asks `sync {exerciseId, afterSeq: highest complete seq}` on every
 * (re)connect, on every `exercise:state` and whenever a pushed seq reveals a gap (one sync at a time, a
 * request during a sync runs once more after it), confirms receipt of what is new (`inject:received`),
 * and acknowledges some injects. Its socket reconnects by itself, with the browser's back-off, when the
 * server or the network drops it; the chaos loop's own drops are timed by the loop.
 */
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import type { DeliveryView, ExerciseView, InjectInput, InjectMessage, ServerToConsoleEvents, ConsoleToServerEvents } from '@excon/contracts';
import { createExerciseOverHttp, seedOverHttp, serverEnv, startServer, stopRunning, type RunningServer } from './remote-setup';
import { createTestDatabase, deleteRedisPrefix, uniqueName, type QueueMode } from './services';

type ConsoleSocket = Socket<ServerToConsoleEvents, ConsoleToServerEvents>;

/** As the browser console (console-socket.ts). */
const ACK_TIMEOUT_MS = 10_000;
const RECONNECTION = { reconnectionDelay: 500, reconnectionDelayMax: 5000 } as const;

export interface StormOptions {
  queues: QueueMode;
  consoles: number;
  posts: number;
  /** Injects fire one a second for this long (one inject per second). */
  injectSeconds: number;
  /** Share of the consoles kept offline at any moment (0.1: 10%). */
  dropFraction: number;
  dropMinMs: number;
  dropMaxMs: number;
  /** Chance that a console acknowledges an inject it has just got. */
  ackChance: number;
  /** After the last inject: how long every console may take to be complete before it counts as a violation. */
  settleMs: number;
  /** Seed of the run's random choices (targets, who drops, for how long); printed with the figures. */
  seed: number;
  /** 'no-sync': the consoles never call sync (only what is pushed live): shows that the check finds what a console misses. */
  fault?: 'no-sync';
  log?: (line: string) => void;
}

export const STORM_DEFAULTS: Omit<StormOptions, 'queues' | 'consoles' | 'injectSeconds' | 'dropMaxMs' | 'seed'> = {
  posts: 13,
  dropFraction: 0.1,
  dropMinMs: 1000,
  ackChance: 0.05,
  settleMs: 60_000,
};

export interface StormFigures {
  queues: QueueMode;
  consoles: number;
  posts: number;
  seed: number;
  runSeconds: number;
  injectsPlanned: number;
  injectsFired: number;
  deliveries: number;
  /** What every console should hold at the end, summed over consoles. */
  expectedRecords: number;
  liveReceipts: number;
  syncCalls: number;
  /** Syncs that failed while the console stayed connected (a timeout or an error answer). */
  syncFailures: number;
  /** Syncs cut by a drop (socket.io fails the pending acknowledgement; the reconnect syncs again). */
  syncsCutByDrop: number;
  /** Injects in sync answers, and how many of them the console did not have yet. */
  syncedReceipts: number;
  syncedNew: number;
  drops: number;
  reconnects: number;
  /** Disconnects the chaos loop did not cause (server, heartbeat), each followed by socket.io's own reconnect. */
  unplannedDisconnects: number;
  /** `inject:received` sent for each new inject still `sent` (as the browser does), and those that failed or timed out. */
  receiptConfirmations: number;
  receiptConfirmationsFailed: number;
  acknowledgementsSent: number;
  acknowledgementsFailed: number;
  /** Reconnect (connect() called) → the console holds every seq its post had at the moment it was back. */
  catchUpSamples: number;
  catchUpP50Ms: number;
  catchUpP99Ms: number;
  catchUpMaxMs: number;
  /** Catch-ups cut short by the next drop before they completed. */
  catchUpInterrupted: number;
  /** Time from the last inject's due time until every console held everything. */
  settledAfterMs: number | null;
  serverRssMb: number | null;
}

export interface StormViolation {
  console: number;
  post: number;
  kind: 'missing' | 'extra' | 'seq-mismatch' | 'seq-repeat' | 'live-twice' | 'seq-changed' | 'not-fired' | 'deliveries' | 'foreign-exercise';
  detail: string;
}

export interface StormResult {
  figures: StormFigures;
  violations: StormViolation[];
}

/** mulberry32: small, seeded, good enough to choose targets and victims reproducibly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** "1-3, 7, 9-12": seqs as ranges, for a violation's detail. */
export function ranges(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The scenario: one inject a second, its targets one post, several, or all, in turn. */
export function stormScenario(posts: string[], seconds: number, next: () => number, firstOffsetSeconds = 3): InjectInput[] {
  return Array.from({ length: seconds }, (_, i) => {
    let targets: string[];
    if (i % 3 === 0) targets = posts;
    else if (i % 3 === 1) targets = [posts[Math.floor(next() * posts.length)]];
    else targets = posts.filter(() => next() < 0.4).slice(0, posts.length - 1);
    if (targets.length === 0) targets = [posts[i % posts.length]];
    return { ref: `S-${i + 1}`, offsetSeconds: firstOffsetSeconds + i, title: `Storm ${i + 1}`, body: `Storm inject ${i + 1}`, targets };
  });
}

type ConsoleState = 'online' | 'offline' | 'connecting';

class StormConsole {
  readonly socket: ConsoleSocket;
  state: ConsoleState = 'connecting';
  /** deliveryId → seq, whatever way it came. */
  readonly held = new Map<string, number>();
  readonly seqOwner = new Map<number, string>();
  readonly liveTimes = new Map<string, number>();
  complete = 0;
  catchUp: { startedAt: number; target: number } | null = null;
  private syncing: Promise<void> | null = null;
  private again = false;
  private dropTimer: NodeJS.Timeout | null = null;
  private planned = false;
  everConnected = false;

  constructor(
    readonly index: number,
    readonly post: number,
    url: string,
    token: string,
    private readonly storm: Storm,
  ) {
    this.socket = io(`${url}/console`, { auth: { token }, transports: ['websocket'], forceNew: true, ...RECONNECTION });
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('disconnect', (reason) => this.onDisconnect(reason));
    this.socket.on('inject', (message) => this.onInject(message));
    this.socket.on('exercise:state', (state) => {
      if (state.exerciseId === storm.exerciseId && state.status !== 'draft' && this.socket.connected) void this.sync().catch(() => undefined);
    });
  }

  private onConnect(): void {
    this.state = 'online';
    if (this.everConnected) {
      this.storm.figures.reconnects++;
      const startedAt = this.catchUp?.startedAt ?? Date.now();
      this.catchUp = { startedAt, target: this.storm.postSeq[this.post] };
      this.checkCaughtUp();
    }
    this.everConnected = true;
    if (this.storm.exerciseId) void this.sync().catch(() => undefined);
  }

  private onDisconnect(reason: string): void {
    if (this.planned) return;
    // Not ours: socket.io reconnects by itself (unless the server ended it on purpose, which the browser handles with a retry).
    this.storm.figures.unplannedDisconnects++;
    this.storm.log(`console ${this.index} (post ${this.post}) disconnected: ${reason}`);
    this.state = 'connecting';
    this.catchUp = { startedAt: Date.now(), target: 0 };
    if (reason === 'io server disconnect') setTimeout(() => this.socket.connect(), 1000);
  }

  /** The chaos loop's drop: a clean client disconnect or a dead TCP connection, for `ms`. */
  drop(ms: number, kind: 'disconnect' | 'kill'): void {
    if (this.catchUp) this.storm.figures.catchUpInterrupted++;
    this.catchUp = null;
    this.planned = true;
    this.state = 'offline';
    this.storm.figures.drops++;
    if (kind === 'disconnect') {
      this.socket.disconnect();
    } else {
      this.socket.io.reconnection(false);
      const transport = (this.socket.io.engine as unknown as { transport?: { ws?: { terminate?: () => void } } } | undefined)?.transport;
      if (transport?.ws?.terminate) transport.ws.terminate();
      else this.socket.io.engine?.close();
    }
    this.dropTimer = setTimeout(() => this.back(), ms);
  }

  /** The end of a drop: reconnect now. */
  back(): void {
    if (this.dropTimer) clearTimeout(this.dropTimer);
    this.dropTimer = null;
    if (this.state !== 'offline') return;
    this.planned = false;
    this.state = 'connecting';
    this.catchUp = { startedAt: Date.now(), target: 0 };
    this.socket.io.reconnection(true);
    this.socket.connect();
  }

  private onInject(message: InjectMessage): void {
    const figures = this.storm.figures;
    figures.liveReceipts++;
    if (this.liveTimes.has(message.deliveryId)) {
      this.storm.violation(this, 'live-twice', `delivery ${message.deliveryId} (seq ${message.seq}, ${message.ref}) pushed again`);
    }
    this.liveTimes.set(message.deliveryId, (this.liveTimes.get(message.deliveryId) ?? 0) + 1);
    const gap = message.seq > this.complete + 1;
    this.arrived(this.merge([message]));
    if (gap) void this.sync().catch(() => undefined);
  }

  /** Adds what is new; returns it. Checks that a delivery keeps its seq and a seq keeps its delivery. */
  private merge(messages: InjectMessage[]): InjectMessage[] {
    const fresh: InjectMessage[] = [];
    for (const message of messages) {
      if (message.exerciseId !== this.storm.exerciseId) {
        this.storm.violation(this, 'foreign-exercise', `delivery ${message.deliveryId} of exercise ${message.exerciseId}`);
        continue;
      }
      const known = this.held.get(message.deliveryId);
      if (known !== undefined) {
        if (known !== message.seq)
          this.storm.violation(this, 'seq-changed', `delivery ${message.deliveryId} came as seq ${known}, then as seq ${message.seq}`);
        continue;
      }
      const owner = this.seqOwner.get(message.seq);
      if (owner !== undefined)
        this.storm.violation(this, 'seq-repeat', `seq ${message.seq} is delivery ${owner} and delivery ${message.deliveryId} (${message.ref})`);
      else this.seqOwner.set(message.seq, message.deliveryId);
      this.held.set(message.deliveryId, message.seq);
      fresh.push(message);
    }
    while (this.seqOwner.has(this.complete + 1)) this.complete++;
    this.checkCaughtUp();
    return fresh;
  }

  private checkCaughtUp(): void {
    if (!this.catchUp || this.state !== 'online' || this.complete < this.catchUp.target) return;
    this.storm.catchUps.push(Date.now() - this.catchUp.startedAt);
    this.catchUp = null;
  }

  /** Confirms receipt of what is new (as the browser does), and acknowledges some of it. */
  private arrived(fresh: InjectMessage[]): void {
    for (const message of fresh) {
      if (message.status === 'sent') {
        this.storm.figures.receiptConfirmations++;
        this.socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck('inject:received', { deliveryId: message.deliveryId })
          .then(
            (result) => {
              if (!result.ok) this.storm.figures.receiptConfirmationsFailed++;
            },
            () => this.storm.figures.receiptConfirmationsFailed++,
          );
      }
      if (this.storm.next() < this.storm.options.ackChance) {
        this.storm.figures.acknowledgementsSent++;
        this.socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck('inject:acknowledge', { deliveryId: message.deliveryId })
          .then(
            (result) => {
              if (!result.ok) this.storm.figures.acknowledgementsFailed++;
            },
            () => this.storm.figures.acknowledgementsFailed++,
          );
      }
    }
  }

  /** One sync at a time; a request during a sync runs once more after it (OperatorFeed.sync). */
  sync(): Promise<void> {
    if (this.storm.options.fault === 'no-sync') return Promise.resolve();
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    const figures = this.storm.figures;
    const run = (async () => {
      try {
        do {
          this.again = false;
          figures.syncCalls++;
          let result;
          try {
            result = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('sync', { exerciseId: this.storm.exerciseId, afterSeq: this.complete });
          } catch (error) {
            if (this.socket.connected) {
              figures.syncFailures++;
              this.storm.logFailure(`console ${this.index} (post ${this.post}): sync failed while connected: ${(error as Error).message}`);
            } else figures.syncsCutByDrop++;
            throw error;
          }
          if (!result.ok) {
            figures.syncFailures++;
            this.storm.logFailure(`console ${this.index} (post ${this.post}): sync answered ${result.error}`);
            throw new Error(result.error);
          }
          figures.syncedReceipts += result.injects.length;
          const fresh = this.merge(result.injects);
          figures.syncedNew += fresh.length;
          this.arrived(fresh);
        } while (this.again);
      } finally {
        this.syncing = null;
      }
    })();
    this.syncing = run;
    return run;
  }

  whenConnected(timeoutMs: number): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`console ${this.index} did not connect within ${timeoutMs} ms`)), timeoutMs);
      this.socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  close(): void {
    if (this.dropTimer) clearTimeout(this.dropTimer);
    this.planned = true;
    this.socket.close();
  }
}

class Storm {
  exerciseId = '';
  /** Highest seq per post index, from the staff console's `delivery:update` (what a reconnecting console must reach). */
  postSeq: number[];
  readonly catchUps: number[] = [];
  readonly violations: StormViolation[] = [];
  readonly next: () => number;
  readonly figures: StormFigures;

  constructor(readonly options: StormOptions) {
    this.next = random(options.seed);
    this.postSeq = Array.from({ length: options.posts }, () => 0);
    this.figures = {
      queues: options.queues,
      consoles: options.consoles,
      posts: options.posts,
      seed: options.seed,
      runSeconds: 0,
      injectsPlanned: options.injectSeconds,
      injectsFired: 0,
      deliveries: 0,
      expectedRecords: 0,
      liveReceipts: 0,
      syncCalls: 0,
      syncFailures: 0,
      syncsCutByDrop: 0,
      syncedReceipts: 0,
      syncedNew: 0,
      drops: 0,
      reconnects: 0,
      unplannedDisconnects: 0,
      receiptConfirmations: 0,
      receiptConfirmationsFailed: 0,
      acknowledgementsSent: 0,
      acknowledgementsFailed: 0,
      catchUpSamples: 0,
      catchUpP50Ms: NaN,
      catchUpP99Ms: NaN,
      catchUpMaxMs: NaN,
      catchUpInterrupted: 0,
      settledAfterMs: null,
      serverRssMb: null,
    };
  }

  log(line: string): void {
    this.options.log?.(line);
  }

  private failuresLogged = 0;

  /** The first few failures in full, then only counted (an overloaded server fails thousands). */
  logFailure(line: string): void {
    if (++this.failuresLogged <= 20) this.log(line);
    else if (this.failuresLogged === 21) this.log('… further failures are only counted');
  }

  /** `who`: a console, or index -1 for the engine's own record (of one post, or -1: the exercise). */
  violation(who: { index: number; post: number }, kind: StormViolation['kind'], detail: string): void {
    this.violations.push({ console: who.index, post: who.post, kind, detail });
  }
}

async function api<T>(url: string, path: string, token: string, body?: unknown, timeoutMs = 30_000): Promise<T> {
  const response = await fetch(url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = (await response.json()) as T;
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** A spawned server on a database (and, in Redis mode, a Redis prefix) of its own, seeded with posts and tokens. */
export interface StormPlatform {
  queues: QueueMode;
  url: string;
  pid: number;
  posts: string[];
  operatorTokens: string[];
  controllerToken: string;
  /** The server's stderr and stdout so far (its warnings and errors: EXCON_LOG_LEVEL=warn). */
  serverOutput(): string;
  stop(): Promise<void>;
}

export async function startStormPlatform(queues: QueueMode, postCount: number, log?: (line: string) => void): Promise<StormPlatform> {
  const database = await createTestDatabase();
  const prefix = uniqueName('excon-storm');
  let server: RunningServer | null = null;
  const stop = async () => {
    if (server) await stopRunning(server);
    await database.drop();
    if (queues === 'redis') await deleteRedisPrefix(prefix);
  };
  try {
    server = await startServer(
      serverEnv(database.url, prefix, queues === 'redis', {
        EXCON_SOCKETS_PER_USER: '100000',
        // The swarm's consoles keep one token for the whole run (up to 30 min by hand) and do not refresh it as the browser consoles do.
        EXCON_JWT_TTL_SECONDS: '86400',
      }),
    );
    log?.(`server ${server.url} (pid ${server.process.pid}), ${queues} queues, database ${database.name}`);
    const seeded = await seedOverHttp(server.url, postCount);
    const running = server;
    return {
      queues,
      url: server.url,
      pid: server.process.pid,
      ...seeded,
      serverOutput: () => running.process.stderr() + running.process.stdout(),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/**
 * Runs one storm (its own exercise) on `platform`, or on a platform of its own started and stopped here;
 * returns the figures and every violation found.
 */
export async function runReconnectStorm(options: StormOptions, platform?: StormPlatform): Promise<StormResult> {
  const own = platform ? null : await startStormPlatform(options.queues, options.posts, options.log);
  const used = (platform ?? own) as StormPlatform;
  try {
    return await runStorm(options, used);
  } catch (error) {
    // The server's own account of why, before it is stopped.
    options.log?.(`the storm failed: ${(error as Error).message}\nserver output (last 4,000 characters):\n${used.serverOutput().slice(-4000)}`);
    throw error;
  } finally {
    await own?.stop();
  }
}

async function runStorm(options: StormOptions, platform: StormPlatform): Promise<StormResult> {
  if (platform.queues !== options.queues || platform.posts.length !== options.posts)
    throw new Error(
      `the platform has ${platform.posts.length} posts on ${platform.queues} queues; the storm wants ${options.posts} on ${options.queues}`,
    );
  const storm = new Storm(options);
  const { figures } = storm;
  const { url, posts, operatorTokens, controllerToken } = platform;
  const consoles: StormConsole[] = [];
  let staff: ConsoleSocket | null = null;
  try {
    const postIndex = new Map(posts.map((id, i) => [id, i]));
    const scenario = stormScenario(posts, options.injectSeconds, storm.next);
    const exercise = await createExerciseOverHttp(url, controllerToken, scenario, 1);
    storm.exerciseId = exercise.id;

    // The staff console: every delivery's seq as it is made, so a reconnecting console knows where its post is.
    staff = io(`${url}/console`, { auth: { token: controllerToken }, transports: ['websocket'], forceNew: true, ...RECONNECTION });
    staff.on('delivery:update', (update) => {
      const post = postIndex.get(update.commandPostId);
      if (update.exerciseId === exercise.id && post !== undefined && update.seq > storm.postSeq[post]) storm.postSeq[post] = update.seq;
    });
    staff.on(
      'disconnect',
      (reason) =>
        reason !== 'io client disconnect' && storm.log(`the staff console disconnected (${reason}): catch-up targets may read low until it is back`),
    );
    await new Promise<void>((resolve) => staff?.once('connect', () => resolve()));

    for (let start = 0; start < options.consoles; start += 100) {
      const batch: StormConsole[] = [];
      for (let i = start; i < Math.min(options.consoles, start + 100); i++)
        batch.push(new StormConsole(i, i % options.posts, url, operatorTokens[i % options.posts], storm));
      consoles.push(...batch);
      await Promise.all(batch.map((c) => c.whenConnected(60_000)));
    }
    storm.log(`${consoles.length} consoles connected over ${options.posts} posts; starting exercise ${exercise.id}`);

    const started = await api<ExerciseView>(url, `/api/exercises/${exercise.id}/start`, controllerToken, {});
    const startedAt = Date.parse(started.startedAt as string);
    const lastDueAt = startedAt + scenario[scenario.length - 1].offsetSeconds * 1000;

    // Chaos: keep dropFraction of the consoles offline, each for dropMin..dropMax, until the last inject is due.
    const offlineTarget = Math.round(options.consoles * options.dropFraction);
    let lastReport = Date.now();
    while (Date.now() < lastDueAt) {
      let offline = consoles.filter((c) => c.state === 'offline').length;
      const online = consoles.filter((c) => c.state === 'online');
      while (offline < offlineTarget && online.length > 0) {
        const victim = online.splice(Math.floor(storm.next() * online.length), 1)[0];
        victim.drop(
          options.dropMinMs + Math.floor(storm.next() * (options.dropMaxMs - options.dropMinMs + 1)),
          storm.next() < 0.5 ? 'disconnect' : 'kill',
        );
        offline++;
      }
      if (Date.now() - lastReport >= 30_000) {
        lastReport = Date.now();
        storm.log(
          `t+${Math.round((Date.now() - startedAt) / 1000)} s: live ${figures.liveReceipts}, synced ${figures.syncedNew}/${figures.syncedReceipts}, drops ${figures.drops}, reconnects ${figures.reconnects}, server RSS ${rssMb(platform.pid)} MB`,
        );
      }
      await sleep(200);
    }

    // The end: everyone comes back now, and every console must then hold all its post's deliveries.
    storm.log('last inject due: the chaos stops, every dropped console reconnects');
    for (const c of consoles) c.back();
    const exerciseAfter = await waitForAllFired(url, controllerToken, exercise.id, options.settleMs);
    figures.injectsFired = exerciseAfter.injects?.filter((i) => i.status === 'fired').length ?? 0;
    const deliveries = await api<DeliveryView[]>(
      url,
      `/api/exercises/${exercise.id}/deliveries`,
      controllerToken,
      undefined,
      Math.max(30_000, options.settleMs),
    );
    figures.deliveries = deliveries.length;
    const perPost: DeliveryView[][] = posts.map(() => []);
    for (const d of deliveries) perPost[postIndex.get(d.commandPostId) as number].push(d);
    figures.expectedRecords = consoles.reduce((sum, c) => sum + perPost[c.post].length, 0);
    const settleDeadline = Date.now() + options.settleMs;
    while (
      Date.now() < settleDeadline &&
      !consoles.every((c) => c.state === 'online' && c.complete >= perPost[c.post].length && c.held.size >= perPost[c.post].length)
    )
      await sleep(100);
    if (consoles.every((c) => c.complete >= perPost[c.post].length)) figures.settledAfterMs = Date.now() - lastDueAt;
    // A moment more, so that anything pushed or replayed twice would have arrived.
    await sleep(1000);
    figures.runSeconds = Math.round((Date.now() - startedAt) / 1000);
    figures.serverRssMb = rssMb(platform.pid);

    check(storm, scenario, posts, perPost, exerciseAfter, consoles);
    const sorted = [...storm.catchUps].sort((a, b) => a - b);
    figures.catchUpSamples = sorted.length;
    figures.catchUpP50Ms = percentile(sorted, 50);
    figures.catchUpP99Ms = percentile(sorted, 99);
    figures.catchUpMaxMs = sorted[sorted.length - 1] ?? NaN;
    return { figures, violations: storm.violations };
  } finally {
    consoles.forEach((c) => c.close());
    staff?.close();
    // ENDEX, so that a later storm on the same platform meets no running exercise.
    if (storm.exerciseId)
      await api(url, `/api/exercises/${storm.exerciseId}/stop`, controllerToken, {}).catch((error: Error) => storm.log(`stop: ${error.message}`));
  }
}

async function waitForAllFired(url: string, token: string, exerciseId: string, timeoutMs: number): Promise<ExerciseView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // An overloaded server may answer slowly: wait for it (the figures show how long the end took).
    const view = await api<ExerciseView>(url, `/api/exercises/${exerciseId}`, token, undefined, Math.max(30_000, timeoutMs));
    if ((view.injects ?? []).every((i) => i.status === 'fired') || Date.now() > deadline) return view;
    await sleep(500);
  }
}

/** The engine's record against the plan, then every console's record against the engine's. */
function check(
  storm: Storm,
  scenario: InjectInput[],
  posts: string[],
  perPost: DeliveryView[][],
  exercise: ExerciseView,
  consoles: StormConsole[],
): void {
  const whole = { index: -1, post: -1 };
  for (const inject of exercise.injects ?? []) {
    if (inject.status !== 'fired') storm.violation(whole, 'not-fired', `${inject.ref} is ${inject.status} after the settle period`);
  }
  posts.forEach((postId, p) => {
    const planned = scenario.filter((i) => i.targets.includes(postId)).length;
    const seqs = perPost[p].map((d) => d.seq).sort((a, b) => a - b);
    const injects = new Set(perPost[p].map((d) => d.injectId));
    const gapFree = seqs.every((seq, i) => seq === i + 1);
    if (seqs.length !== planned || !gapFree || injects.size !== seqs.length) {
      storm.violation(
        { index: -1, post: p },
        'deliveries',
        `post ${p}: ${seqs.length} deliveries of ${injects.size} injects for ${planned} planned, seqs ${ranges(seqs)}`,
      );
    }
  });
  for (const c of consoles) {
    const expected = perPost[c.post];
    const missing: number[] = [];
    const mismatched: string[] = [];
    for (const d of expected) {
      const seq = c.held.get(d.id);
      if (seq === undefined) missing.push(d.seq);
      else if (seq !== d.seq) mismatched.push(`${d.id}: console seq ${seq}, PostgreSQL seq ${d.seq}`);
    }
    const known = new Set(expected.map((d) => d.id));
    const extra = [...c.held.entries()].filter(([id]) => !known.has(id)).map(([id, seq]) => `${id} (seq ${seq})`);
    if (missing.length)
      storm.violation(
        c,
        'missing',
        `post ${c.post}: missing seqs ${ranges(missing)} of 1..${expected.length} (complete up to ${c.complete}, ${c.state})`,
      );
    if (mismatched.length) storm.violation(c, 'seq-mismatch', mismatched.slice(0, 5).join('; '));
    if (extra.length) storm.violation(c, 'extra', `not a delivery of post ${c.post}: ${extra.slice(0, 5).join(', ')}`);
  }
}

/** The figures as a Markdown table, for the script and the test's output. */
export function formatFigures(f: StormFigures): string {
  const n = (v: number | null) => (v === null || Number.isNaN(v) ? '–' : v.toLocaleString('en-GB'));
  const rows: [string, string][] = [
    ['queues', f.queues === 'redis' ? 'Redis' : 'PostgreSQL'],
    ['consoles / posts', `${n(f.consoles)} / ${f.posts}`],
    ['run (start → verified)', `${n(f.runSeconds)} s`],
    ['injects fired / planned', `${n(f.injectsFired)} / ${n(f.injectsPlanned)}`],
    ['deliveries (PostgreSQL)', n(f.deliveries)],
    ['records expected (Σ consoles × their post’s deliveries)', n(f.expectedRecords)],
    ['receipts live', n(f.liveReceipts)],
    ['receipts by sync (new / all replayed)', `${n(f.syncedNew)} / ${n(f.syncedReceipts)}`],
    ['sync calls (failed while connected / cut by a drop)', `${n(f.syncCalls)} (${n(f.syncFailures)} / ${n(f.syncsCutByDrop)})`],
    ['drops / reconnects', `${n(f.drops)} / ${n(f.reconnects)}`],
    ['unplanned disconnects', n(f.unplannedDisconnects)],
    ['receipt confirmations sent (failed or timed out)', `${n(f.receiptConfirmations)} (${n(f.receiptConfirmationsFailed)})`],
    ['acknowledgements sent (failed)', `${n(f.acknowledgementsSent)} (${n(f.acknowledgementsFailed)})`],
    [
      'catch-up p50 / p99 / worst',
      `${n(f.catchUpP50Ms)} / ${n(f.catchUpP99Ms)} / ${n(f.catchUpMaxMs)} ms (${n(f.catchUpSamples)} reconnects; ${n(f.catchUpInterrupted)} cut short by the next drop)`,
    ],
    ['all consoles complete after the last inject', f.settledAfterMs === null ? 'not within the settle period' : `${n(f.settledAfterMs)} ms`],
    ['server RSS at the end', f.serverRssMb === null ? '–' : `${f.serverRssMb} MB`],
    ['seed', String(f.seed)],
  ];
  return ['| figure | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}
