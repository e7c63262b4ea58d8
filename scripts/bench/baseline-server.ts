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

consoles.on('connection', (socket) => {
  if (socket.handshake.auth?.token === 'bench-control') {
    void socket.join('control');
    socket.on('fire', (plan: { dueAt: number[] }) => {
      for (const dueAt of plan.dueAt) {
        setTimeout(() => consoles.except('control').emit('inject', { dueAt: new Date(dueAt).toISOString(), title: 'baseline', body: 'x'.repeat(300) }), Math.max(0, dueAt - Date.now()));
      }
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
