/**
 * The baseline: a bare socket.io server, no queue, no database. On `fire` from the bench it waits
 * for the due time with a timer and broadcasts one message to every console, as ExCon's fan-out does.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 0);
const http = createServer();
const server = new Server(http, { serveClient: false });
const consoles = server.of('/console');
// The same memory setting as ExCon's gateway: no reference to each connection's first HTTP request.
server.engine.on('connection', (raw: { request: unknown }) => {
  raw.request = null;
});

const BODY = 'УЧЕНИЯ УЧЕНИЯ УЧЕНИЯ. ' + 'Обстановка: '.repeat(20);

consoles.on('connection', (socket) => {
  const token = String(socket.handshake.auth?.token ?? '');
  // Consoles of "post-<n>" join that post's room, as ExCon's operators do.
  if (token.startsWith('post-')) void socket.join(token);
  if (token === 'bench-control') {
    void socket.join('control');
    // Every console at each due time; or, for a burst, message i to the room of post i mod posts.
    socket.on('fire', (plan: { dueAt: number[]; posts?: number }) => {
      plan.dueAt.forEach((dueAt, i) => {
        setTimeout(
          () => {
            const target = plan.posts ? consoles.to(`post-${i % plan.posts}`) : consoles.except('control');
            target.emit('inject', { dueAt: new Date(dueAt).toISOString(), title: 'baseline', body: BODY });
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
  process.exit(0);
});
