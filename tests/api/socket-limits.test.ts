import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { askRaw, connectConsole, connectRefused, type TestConsole } from '../support/consoles';
import { control, createExercise, inject } from '../support/exercises';
import { createCommandPost, createUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** Issue 8 item 3: socket.io has limits — per-socket message rates, sockets per user, idle sessions, namespaces. */
describe('socket limits', () => {
  let t: TestPlatform;
  let operator: { token: string };
  let exerciseId: string;
  const consoles: TestConsole[] = [];

  beforeAll(async () => {
    t = await startTestPlatform();
    const post = await createCommandPost(t);
    operator = await createUser(t, 'operator', post.id);
    const controller = await createUser(t, 'controller');
    exerciseId = (await createExercise(t, controller.token, [inject('L1', 0, [post.id])])).exercise.id;
    await control(t, controller.token, exerciseId, 'start');
  });
  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await t?.stop();
  });

  it('answers a flood of messages from one socket with "rate limited", and keeps answering the others', async () => {
    const console = await connectConsole(t.url, operator.token);
    consoles.push(console);
    const answers = (await Promise.all(Array.from({ length: 300 }, () => askRaw(console.socket, 'sync', { exerciseId, afterSeq: 0 })))) as {
      ok: boolean;
      error?: string;
    }[];
    const limited = answers.filter((a) => !a.ok && a.error === 'rate limited').length;
    expect(limited).toBeGreaterThanOrEqual(270);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(1);
    const flood = (await Promise.all(
      Array.from({ length: 200 }, () => askRaw(console.socket, 'inject:received', { deliveryId: '3f1c2b8e-8a5e-4c1e-9d7e-0b9f5b0a1c2d' })),
    )) as { error?: string }[];
    expect(flood.filter((a) => a.error === 'rate limited').length).toBeGreaterThan(100);
    // A second socket of the same user has its own budget.
    const other = await connectConsole(t.url, operator.token);
    consoles.push(other);
    expect(await askRaw(other.socket, 'sync', { exerciseId, afterSeq: 0 })).toEqual(expect.objectContaining({ ok: true }));
    other.close();
    console.close();
  });

  it('holds at most 10 sockets per user', async () => {
    const user = await createUser(t, 'evaluator');
    const open = await Promise.all(Array.from({ length: 10 }, () => connectConsole(t.url, user.token)));
    consoles.push(...open);
    expect(await connectRefused(t.url, user.token)).toBe('too many consoles');
    open[0].close();
    await new Promise((r) => setTimeout(r, 200));
    const again = await connectConsole(t.url, user.token);
    consoles.push(again);
    expect(again.socket.connected).toBe(true);
  });

  it('refuses every namespace but /console, the default one included', async () => {
    for (const namespace of ['/', '/admin']) {
      const socket = io(t.url + namespace, { auth: { token: operator.token }, transports: ['websocket'], forceNew: true, reconnection: false });
      const message = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error) => resolve(error.message));
      });
      socket.close();
      expect({ namespace, message }).toEqual({ namespace, message: expect.stringMatching(/unknown namespace|Invalid namespace/) });
    }
  });

  it('closes an engine.io session that has not joined /console within 10 s', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const opened = Date.now();
    const closedAt = await new Promise<number>((resolve) => ws.once('close', () => resolve(Date.now())));
    expect(closedAt - opened).toBeGreaterThan(8_000);
    expect(closedAt - opened).toBeLessThan(20_000);
  }, 30_000);
});
