import type { DutyMessage, DutyReadReceipt } from '@excon/contracts';
import { BROADCAST_CHANNEL } from '@excon/domain';
import { ask, askRaw, eventsOf, sleep, waitFor, type TestConsole } from '../support/consoles';
import { queryDatabase } from '../support/database';
import { control, createExercise, inject } from '../support/exercises';
import { startEngineSuite, type EngineSuite } from '../support/engine-suite';
import { QUEUE_MODES, type TestPlatform } from '../support/test-platform';

/**
 * Duty communications over /console (issue 13): the CRC duty shift (controllers) and each post talk on the post's
 * channel, and the duty shift broadcasts to every post. A post never receives, replays or reads another post's
 * channel; staff see all; reads are stored once and pushed; a console that was away gets what it missed, in order.
 */
describe.each(QUEUE_MODES)('duty messages (%s queues)', (queueMode) => {
  let suite: EngineSuite<'evaluator'>;
  let t: TestPlatform;
  let exerciseId: string;
  let postA: string;
  let postB: string;
  let staff: TestConsole;
  let a: TestConsole;
  let b: TestConsole;

  const messagesOf = (c: TestConsole) => eventsOf<DutyMessage>(c, 'duty:message').filter((m) => m.exerciseId === exerciseId);
  const send = async (c: TestConsole, payload: { channel?: string; text: string }) => {
    const answer = await ask(c.socket, 'duty:send', { exerciseId, ...payload });
    if (!answer.ok) throw new Error(`duty:send: ${answer.error}`);
    return answer;
  };

  beforeAll(async () => {
    suite = await startEngineSuite(queueMode, { posts: 3, operators: [0, 1], staff: ['evaluator'] });
    t = suite.t;
    [postA, postB] = [suite.posts[0].id, suite.posts[1].id];
    const { exercise } = await createExercise(t, suite.controller.token, [inject('D1', 3600, [postA, postB])]);
    exerciseId = exercise.id;
    staff = await suite.open(suite.controller.token);
    a = await suite.open(suite.operators[0].token);
    b = await suite.open(suite.operators[1].token);
  });

  afterAll(() => suite?.stop());

  it('refuses messages before the exercise runs, and bad payloads, naming the field', async () => {
    expect(await ask(a.socket, 'duty:send', { exerciseId, text: 'too early' })).toEqual({
      ok: false,
      error: 'duty messages are sent while the exercise runs or is paused',
    });
    await control(t, suite.controller.token, exerciseId, 'start');
    expect(await askRaw(a.socket, 'duty:send', { exerciseId, text: '' })).toEqual({ ok: false, error: 'text must be 1-4000 characters' });
    expect(await askRaw(a.socket, 'duty:send', { exerciseId: 'nope', text: 'x' })).toEqual({ ok: false, error: 'exerciseId must be an exercise id' });
    expect(await askRaw(staff.socket, 'duty:send', { exerciseId, text: 'no channel' })).toEqual({
      ok: false,
      error: `channel: must be a post of the exercise or "${BROADCAST_CHANNEL}"`,
    });
    // A post that takes no part in the exercise is no channel of it.
    expect(await askRaw(staff.socket, 'duty:send', { exerciseId, channel: suite.posts[2].id, text: 'x' })).toEqual({
      ok: false,
      error: `channel: must be a post of the exercise or "${BROADCAST_CHANNEL}"`,
    });
    // An operator cannot write on another post's channel, and an evaluator only reads.
    expect(await askRaw(a.socket, 'duty:send', { exerciseId, channel: postB, text: 'x' })).toEqual({
      ok: false,
      error: 'an operator sends on its own post’s channel only',
    });
    const evaluator = await suite.open(suite.evaluator.token);
    expect(await askRaw(evaluator.socket, 'duty:send', { exerciseId, channel: BROADCAST_CHANNEL, text: 'x' })).toEqual({
      ok: false,
      error: 'evaluators and reviewers read the duty channels; they do not send',
    });
    const [{ count }] = await queryDatabase<{ count: string }>(t.databaseUrl, 'select count(*) from duty_message');
    expect(Number(count)).toBe(0);
  });

  it("keeps each post's channel to that post and staff, and gives the broadcast to every post", async () => {
    const fromA = await send(a, { text: 'ДКП A: связь установлена' });
    const toB = await send(staff, { channel: postB, text: 'Post B, report your readiness' });
    const all = await send(staff, { channel: BROADCAST_CHANNEL, text: 'All posts: STARTEX confirmed' });
    await waitFor(() => messagesOf(staff).length === 3, 'staff to see the three messages');
    await waitFor(() => messagesOf(a).length === 2 && messagesOf(b).length === 2, 'each post to get its channel and the broadcast');
    await sleep(200);
    expect(messagesOf(a).map((m) => m.id)).toEqual([fromA.messageId, all.messageId]);
    expect(messagesOf(b).map((m) => m.id)).toEqual([toB.messageId, all.messageId]);
    expect(messagesOf(staff).map((m) => [m.channel, m.text])).toEqual([
      [postA, 'ДКП A: связь установлена'],
      [postB, 'Post B, report your readiness'],
      [BROADCAST_CHANNEL, 'All posts: STARTEX confirmed'],
    ]);
    const first = messagesOf(staff)[0];
    expect(first.from).toEqual(expect.objectContaining({ role: 'operator', commandPostId: postA }));
    expect(first.scenarioSeconds).toBeGreaterThanOrEqual(0);
    expect(fromA.seq).toBeLessThan(toB.seq);
    expect(toB.seq).toBeLessThan(all.seq);
  });

  it('gives the same record over REST: staff every channel, each operator its own and the broadcast', async () => {
    const record = async (token: string) => {
      const response = await t.http().get(`/api/exercises/${exerciseId}/duty-messages`).set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(200);
      return response.body as DutyMessage[];
    };
    expect((await record(suite.controller.token)).map((m) => m.id)).toEqual(messagesOf(staff).map((m) => m.id));
    const ofA = await record(suite.operators[0].token);
    expect(ofA.map((m) => m.id)).toEqual(messagesOf(a).map((m) => m.id));
    expect(JSON.stringify(ofA)).not.toContain(postB);
    const ofB = await record(suite.operators[1].token);
    expect(ofB.map((m) => m.id)).toEqual(messagesOf(b).map((m) => m.id));
    expect(JSON.stringify(ofB)).not.toContain(postA);
    expect(ofB.every((m) => m.channel === postB || m.channel === BROADCAST_CHANNEL)).toBe(true);
  });

  it('stores a read once, pushes the receipt to staff and the post, and refuses reads of another channel', async () => {
    const [forB] = messagesOf(b);
    const ofA = messagesOf(a)[0];
    expect(await askRaw(b.socket, 'duty:read', { messageId: ofA.id })).toEqual({ ok: false, error: 'duty message not found' });
    const read = await ask(b.socket, 'duty:read', { messageId: forB.id });
    if (!read.ok) throw new Error(read.error);
    expect(await ask(b.socket, 'duty:read', { messageId: forB.id })).toEqual({ ok: true, readAt: read.readAt });
    const receipts = (c: TestConsole) => eventsOf<DutyReadReceipt>(c, 'duty:receipt').filter((r) => r.messageId === forB.id);
    await waitFor(() => receipts(staff).length === 1 && receipts(b).length === 1, 'the receipt at staff and post B');
    await sleep(200);
    expect(receipts(staff)).toHaveLength(1);
    expect(receipts(a)).toEqual([]);
    expect(receipts(staff)[0]).toEqual(
      expect.objectContaining({ channel: postB, readAt: read.readAt, reader: expect.objectContaining({ role: 'operator', commandPostId: postB }) }),
    );
  });

  it('replays what a console missed through sync, in order, without another post’s channel', async () => {
    const seen = Math.max(...messagesOf(b).map((m) => m.seq));
    b.close();
    await send(staff, { channel: postB, text: 'B, while you were away (1)' });
    await send(staff, { channel: postA, text: 'A only' });
    await send(staff, { channel: BROADCAST_CHANNEL, text: 'Everyone (2)' });
    await send(staff, { channel: postB, text: 'B, while you were away (3)' });
    b = await suite.open(suite.operators[1].token);
    const missed = await ask(b.socket, 'sync', { exerciseId, afterSeq: 0, afterMessageSeq: seen });
    if (!missed.ok) throw new Error(missed.error);
    expect(missed.messages.map((m) => m.text)).toEqual(['B, while you were away (1)', 'Everyone (2)', 'B, while you were away (3)']);
    const everything = await ask(b.socket, 'sync', { exerciseId, afterSeq: 0 });
    if (!everything.ok) throw new Error(everything.error);
    const seqs = everything.messages.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(everything.messages.every((m) => m.channel === postB || m.channel === BROADCAST_CHANNEL)).toBe(true);
    expect(everything.messages).toHaveLength(5);
    // The replay carries the post's own receipts.
    expect(everything.messages[0].readBy.map((r) => r.reader.commandPostId)).toEqual([postB]);
    expect(await askRaw(b.socket, 'sync', { exerciseId, afterSeq: 0, afterMessageSeq: -1 })).toEqual({
      ok: false,
      error: 'afterMessageSeq must be a whole number, 0 or more',
    });
  });
});
