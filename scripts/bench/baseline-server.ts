/**
 * The baseline: a bare socket.io server, no queue, no database. On `fire` from the bench it tells every post the
 * exercise started (`exercise:state` with the post's `lastSeq`, as ExCon's STARTEX does), waits for each due time
 * with a timer and emits one `inject` per targeted post room, carrying the post's next `seq` and the exercise id
 * (as ExCon's fan-out does: one emit per delivery). Right after the emits of a due message it records
 * Date.now() − dueAt (ExCon's `observePush` is taken at the same point); `stats` answers their p50/p99 and starts
 * afresh. `sync` is answered with an empty replay so that the swarm's code path is ExCon's.
 *
 * For bench:cluster, behind a balancer and in several processes: it answers GET /api/health with 200 (docker/haproxy.cfg's
 * health check) and, with BASELINE_REDIS_URL, runs on @socket.io/redis-adapter under the key BASELINE_REDIS_KEY, as
 * ExCon's API processes do (apps/api/src/console/redis-io.adapter.ts): an emit of the process the control socket is on
 * reaches the consoles of every process through Redis, as ExCon's worker → API fan-out does.
 *
 * `node -r ts-node/register/transpile-only baseline-server.ts [port]`; prints `listening <port>`.
 */
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { percentile } from './swarm';

const port = Number(process.argv[2] ?? 0);
const http = createServer((request, response) => {
  // socket.io answers /socket.io/ itself and hands every other request here.
  response.writeHead(request.url === '/api/health' ? 200 : 404, { 'content-type': 'application/json' });
  response.end(request.url === '/api/health' ? '{"status":"ok"}' : '{}');
});
const server = new Server(http, { serveClient: false });
const redisUrl = process.env.BASELINE_REDIS_URL;
const clients: Redis[] = [];
if (redisUrl) {
  const pub = new Redis(redisUrl);
  const sub = pub.duplicate();
  clients.push(pub, sub);
  server.adapter(createAdapter(pub, sub, { key: process.env.BASELINE_REDIS_KEY ?? 'excon-bench-baseline' }));
}
const consoles = server.of('/console');
// The same memory setting as ExCon's gateway: no reference to each connection's first HTTP request.
server.engine.on('connection', (raw: { request: unknown }) => {
  raw.request = null;
});

const BODY = 'УЧЕНИЯ УЧЕНИЯ УЧЕНИЯ. ' + 'Обстановка: '.repeat(20);
/** Per exercise and post room, the last seq sent. */
const seqs = new Map<string, number>();
/** Milliseconds from due to the last emit of each due message, since the last `stats`. */
let pushed: number[] = [];

interface FirePlan {
  exerciseId: string;
  dueAt: number[];
  /** How many post rooms (post-0 … post-<posts − 1>). */
  posts: number;
  /** Message i to post i mod posts (a burst); otherwise every message to every post. */
  spread?: boolean;
}

function emitTo(exerciseId: string, post: number, dueAt: number): void {
  const key = `${exerciseId}/${post}`;
  const seq = (seqs.get(key) ?? 0) + 1;
  seqs.set(key, seq);
  consoles.to(`post-${post}`).emit('inject', { exerciseId, seq, dueAt: new Date(dueAt).toISOString(), title: 'baseline', body: BODY });
}

consoles.on('connection', (socket) => {
  const token = String(socket.handshake.auth?.token ?? '');
  // Consoles of "post-<n>" join that post's room, as ExCon's operators do.
  if (token.startsWith('post-')) void socket.join(token);
  socket.on('sync', (_payload: unknown, ack?: (answer: unknown) => void) => ack?.({ ok: true, injects: [], messages: [] }));
  if (token === 'bench-control') {
    void socket.join('control');
    socket.on('stats', (_payload: unknown, ack?: (answer: unknown) => void) => {
      const sorted = [...pushed].sort((a, b) => a - b);
      pushed = [];
      ack?.({ n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) });
    });
    socket.on('fire', (plan: FirePlan) => {
      const at = new Date().toISOString();
      for (let post = 0; post < plan.posts; post++) {
        const state = { exerciseId: plan.exerciseId, status: 'running', speed: 1, scenarioSeconds: 0, at, title: 'baseline' };
        consoles.to(`post-${post}`).emit('exercise:state', { ...state, lastSeq: seqs.get(`${plan.exerciseId}/${post}`) ?? 0 });
      }
      plan.dueAt.forEach((dueAt, i) => {
        setTimeout(
          () => {
            if (plan.spread) emitTo(plan.exerciseId, i % plan.posts, dueAt);
            else for (let post = 0; post < plan.posts; post++) emitTo(plan.exerciseId, post, dueAt);
            pushed.push(Date.now() - dueAt);
          },
          Math.max(0, dueAt - Date.now()),
        );
      });
    });
  }
});

http.listen(port, '127.0.0.1', () => {
  const address = http.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : port}\n`);
});
process.on('SIGTERM', () => {
  void server.close();
  clients.forEach((client) => client.disconnect());
  process.exit(0);
});
