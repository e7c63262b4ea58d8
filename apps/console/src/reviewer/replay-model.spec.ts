import fc from 'fast-check';
import type { AuditEventView, DeliveryView, DutyMessage, ExerciseInjectView, ExerciseView } from '@excon/contracts';
import { BROADCAST_CHANNEL } from '@excon/domain';
import {
  clockAt,
  eventInstants,
  markerFractions,
  matrixAt,
  matrixCounts,
  matrixEvents,
  MATRIX_STEPS,
  nextInstant,
  playedTo,
  postConsoleAt,
  postEvents,
  prepareReplay,
  previousInstant,
  recentEvents,
  type ReplayRecords,
} from './replay-model';

/** STARTEX of every fixture: 2026-12-20 09:00:00 UTC. */
const T0 = Date.parse('2026-12-20T09:00:00.000Z');
const iso = (secondsAfterStart: number | null) => (secondsAfterStart === null ? null : new Date(T0 + secondsAfterStart * 1000).toISOString());
const at = (seconds: number) => T0 + seconds * 1000;

function injectView(id: string, ref: string, offsetSeconds: number, targets: string[], extra: Partial<ExerciseInjectView> = {}): ExerciseInjectView {
  return {
    id,
    ref,
    offsetSeconds,
    title: `Inject ${ref}`,
    body: `Body of ${ref}`,
    targets,
    precedence: 'routine',
    from: '',
    expectedAction: '',
    controllerNotes: '',
    ackWithinSeconds: null,
    respondWithinSeconds: null,
    objectiveRefs: [],
    translations: {},
    contingencyRef: null,
    contingency: false,
    adHoc: false,
    status: 'fired',
    dueAt: null,
    firedAt: null,
    latenessMs: null,
    ...extra,
    // Cast: the inject's shape grows with other features (attachments) that the replay does not read.
  } as ExerciseInjectView;
}

type Stamps = Partial<Record<'delivered' | 'read' | 'acknowledged' | 'responded' | 'overdue' | 'ackOnConsole' | 'respondOnConsole', number>>;

function delivery(injectId: string, postId: string, seq: number, fired: number, stamps: Stamps = {}, response: string | null = null): DeliveryView {
  const s = (k: keyof Stamps) => iso(stamps[k] ?? null);
  return {
    id: `d-${injectId}-${postId}`,
    exerciseId: 'x',
    injectId,
    commandPostId: postId,
    seq,
    status:
      stamps.responded !== undefined
        ? 'responded'
        : stamps.acknowledged !== undefined
          ? 'acknowledged'
          : stamps.delivered !== undefined
            ? 'delivered'
            : 'sent',
    dueAt: iso(fired),
    firedAt: iso(fired) as string,
    deliveredAt: s('delivered'),
    acknowledgedAt: s('acknowledged'),
    respondedAt: s('responded'),
    response,
    overdueAt: s('overdue'),
    readAt: s('read'),
    acknowledgedOnConsoleAt: s('ackOnConsole'),
    respondedOnConsoleAt: s('respondOnConsole'),
  };
}

function audit(action: string, seconds: number, details: Record<string, unknown> = {}): AuditEventView {
  return {
    id: `${action}-${seconds}`,
    exerciseId: 'x',
    at: iso(seconds) as string,
    actorId: null,
    actorName: 'EXCON',
    action,
    details,
    dutyShiftId: null,
  };
}

function duty(
  id: string,
  channel: string,
  sent: number,
  from: DutyMessage['from'],
  readBy: { role: 'operator' | 'controller'; post: string | null; at: number }[] = [],
): DutyMessage {
  return {
    id,
    exerciseId: 'x',
    seq: Number(id.replace(/\D/g, '')) || 1,
    channel,
    from,
    text: `Text of ${id}`,
    sentAt: iso(sent) as string,
    scenarioSeconds: sent,
    readBy: readBy.map((r) => ({
      messageId: id,
      exerciseId: 'x',
      channel,
      reader: { role: r.role, displayName: `${r.role} ${r.post ?? 'CRC'}`, commandPostId: r.post },
      readAt: iso(r.at) as string,
    })),
  };
}

const CRC = { role: 'controller' as const, displayName: 'Duty officer', commandPostId: null, dutyShift: null };
const operatorOf = (post: string) => ({ role: 'operator' as const, displayName: `Operator ${post}`, commandPostId: post, dutyShift: null });

function exerciseView(injects: ExerciseInjectView[], extra: Partial<ExerciseView> = {}): ExerciseView {
  return {
    id: 'x',
    scenarioId: 's',
    title: 'Mudflow drill',
    status: 'completed',
    speed: 1,
    scheduledFor: null,
    startedAt: iso(0),
    pausedAt: null,
    completedAt: iso(100),
    scenarioSeconds: 90,
    commandPostIds: ['A', 'B'],
    injects,
    ...extra,
  };
}

/**
 * A run of 100 s with a 10 s pause (20–30 s): M-1 to A and B at 5 s, M-2 to A only at 12 s (retimed from 15 s at 2 s),
 * M-3 to B only, held at 3 s, released at 40 s and fired at 45 s; an ad-hoc M-4 to A added and fired at 60 s.
 */
function drill(): ReplayRecords {
  const injects = [
    injectView('i1', 'M-1', 5, ['A', 'B'], { firedAt: iso(5), ackWithinSeconds: 10 }),
    injectView('i2', 'M-2', 12, ['A'], { firedAt: iso(12) }),
    injectView('i3', 'M-3', 35, ['B'], { firedAt: iso(45) }),
    injectView('i4', 'M-4', 50, ['A'], { firedAt: iso(60), adHoc: true }),
  ];
  return {
    exercise: exerciseView(injects),
    deliveries: [
      delivery('i1', 'A', 1, 5, { delivered: 5.1, read: 8, acknowledged: 9 }),
      delivery('i1', 'B', 1, 5, { delivered: 5.2, overdue: 15.2, acknowledged: 50 }),
      delivery('i2', 'A', 2, 12, { delivered: 12.1, read: 13, acknowledged: 70, ackOnConsole: 14, responded: 71, respondOnConsole: 16 }, 'Sirens on'),
      delivery('i3', 'B', 2, 45),
      delivery('i4', 'A', 3, 60, { delivered: 60.1 }),
    ],
    audit: [
      audit('exercise.created', -3600, { speed: 1 }),
      audit('exercise.started', 0, { status: 'running', scenarioSeconds: 0 }),
      audit('inject.retimed', 2, { injectId: 'i2', ref: 'M-2', from: 15, to: 12 }),
      audit('inject.held', 3, { injectId: 'i3', ref: 'M-3' }),
      audit('exercise.paused', 20, { status: 'paused', scenarioSeconds: 20 }),
      audit('exercise.resumed', 30, { status: 'running', scenarioSeconds: 20 }),
      audit('inject.released', 40, { injectId: 'i3', ref: 'M-3' }),
      audit('inject.added', 60, { injectId: 'i4', ref: 'M-4', offsetSeconds: null }),
      audit('observation.created', 65, { observationId: 'o1' }),
      audit('exercise.stopped', 100, { status: 'completed', scenarioSeconds: 90 }),
    ],
    dutyMessages: [
      duty('m1', 'A', 20, CRC, [{ role: 'operator', post: 'A', at: 25 }]),
      duty('m2', 'B', 21, CRC, [{ role: 'operator', post: 'B', at: 22 }]),
      duty('m3', BROADCAST_CHANNEL, 30, CRC, [
        { role: 'operator', post: 'B', at: 31 },
        { role: 'operator', post: 'A', at: 40 },
      ]),
      duty('m4', 'A', 35, operatorOf('A'), [{ role: 'controller', post: null, at: 36 }]),
    ],
  };
}

const replay = () => prepareReplay(drill(), at(1000));
const cellOf = (rows: ReturnType<typeof matrixAt>, ref: string, post: string) => {
  const row = rows.find((r) => r.inject.ref === ref);
  if (!row) throw new Error(`no row ${ref}`);
  return row.cells.find((c) => c.postId === post);
};
const states = (t: number) => Object.fromEntries(matrixAt(replay(), ['A', 'B'], at(t)).map((r) => [r.inject.ref, r.cells.map((c) => c.state)]));

describe('the matrix at an instant', () => {
  it('shows nothing fired before the first firing, and the injects held, released and added as they were', () => {
    expect(states(1)).toEqual({ 'M-1': ['pending', 'pending'], 'M-2': ['pending', 'untargeted'], 'M-3': ['untargeted', 'pending'] });
    expect(states(4)['M-3']).toEqual(['untargeted', 'held']);
    expect(states(41)['M-3']).toEqual(['untargeted', 'pending']);
    // The ad-hoc inject has no row before it was added.
    expect(states(59)['M-4']).toBeUndefined();
    expect(states(61)['M-4']).toEqual(['delivered', 'untargeted']);
  });

  it('steps each delivery through sent, received, read, acknowledged and answered by the server’s stamps', () => {
    expect(states(5)['M-1']).toEqual(['sent', 'sent']);
    expect(states(5.15)['M-1']).toEqual(['delivered', 'sent']);
    expect(states(8)['M-1']).toEqual(['read', 'delivered']);
    expect(states(9)['M-1']).toEqual(['acknowledged', 'delivered']);
    // The matrix saw the offline acknowledgement and answer when they reached the server (70 s, 71 s).
    expect(states(69)['M-2'][0]).toBe('read');
    expect(states(70.5)['M-2'][0]).toBe('acknowledged');
    expect(states(71)['M-2'][0]).toBe('responded');
  });

  it('marks a delivery overdue from its missed deadline until it is acknowledged, and keeps it marked as late', () => {
    const rows = (t: number) => matrixAt(replay(), ['A', 'B'], at(t));
    expect(cellOf(rows(15), 'M-1', 'B')).toMatchObject({ state: 'delivered', missedDeadline: false });
    expect(cellOf(rows(15.2), 'M-1', 'B')).toMatchObject({ state: 'overdue', missedDeadline: true, step: 1 });
    expect(cellOf(rows(50), 'M-1', 'B')).toMatchObject({ state: 'acknowledged', missedDeadline: true, at: at(50) });
  });

  it('orders rows by their offset as it was: a retime applies from its instant on', () => {
    const offsets = (t: number) => matrixAt(replay(), ['A'], at(t)).map((r) => [r.inject.ref, r.offsetSeconds]);
    expect(offsets(1)).toEqual([
      ['M-1', 5],
      ['M-2', 15],
      ['M-3', 35],
    ]);
    expect(offsets(2)[1]).toEqual(['M-2', 12]);
  });

  it('counts the cells of each state, untargeted ones left out', () => {
    expect(matrixCounts(matrixAt(replay(), ['A', 'B'], at(16)))).toEqual({ acknowledged: 1, overdue: 1, read: 1, held: 1 });
  });

  it('keeps a stamp later than the instant out of every cell', () => {
    const cell = cellOf(matrixAt(replay(), ['A', 'B'], at(12.5)), 'M-2', 'A');
    expect(cell).toEqual({ postId: 'A', state: 'delivered', step: 1, missedDeadline: false, at: at(12.1), readAt: null });
  });
});

describe('a post’s console at an instant', () => {
  it('holds only the post’s own injects fired by then, newest first, as the post saw them', () => {
    const a = (t: number) => postConsoleAt(replay(), 'A', at(t)).inbox.map((i) => [i.inject.ref, i.state]);
    expect(a(4.9)).toEqual([]);
    expect(a(5)).toEqual([['M-1', 'sent']]);
    expect(a(6)).toEqual([['M-1', 'unread']]);
    expect(a(13)).toEqual([
      ['M-2', 'read'],
      ['M-1', 'acknowledged'],
    ]);
    // Acknowledged and answered offline: the post saw it done at 14 s and 16 s, the server heard of it at 70 s.
    expect(a(14)[0]).toEqual(['M-2', 'acknowledged']);
    expect(a(61)).toEqual([
      ['M-4', 'unread'],
      ['M-2', 'answered'],
      ['M-1', 'acknowledged'],
    ]);
    const b = postConsoleAt(replay(), 'B', at(100)).inbox.map((i) => i.inject.ref);
    expect(b).toEqual(['M-3', 'M-1']);
  });

  it('shows the answer only once it was given, and no stamp later than the instant', () => {
    const item = (t: number) => postConsoleAt(replay(), 'A', at(t)).inbox.find((i) => i.inject.ref === 'M-2');
    expect(item(15)).toMatchObject({ response: null, respondedAt: null, acknowledgedAt: at(14), readAt: at(13) });
    expect(item(16)).toMatchObject({ response: 'Sirens on', respondedAt: at(16), state: 'answered' });
    expect(item(12.05)).toMatchObject({ state: 'sent', receivedAt: null, readAt: null, acknowledgedAt: null });
  });

  it('shows its channel and the broadcast sent by then, read by its own operators or, for its own messages, by the duty shift', () => {
    const a = (t: number) => postConsoleAt(replay(), 'A', at(t)).duty.map((m) => [m.id, m.state]);
    expect(a(19)).toEqual([]);
    expect(a(24)).toEqual([['m1', 'unread']]);
    // Post B read the broadcast at 31 s: that is not post A's reading.
    expect(a(35)).toEqual([
      ['m1', 'read'],
      ['m3', 'unread'],
      ['m4', 'sent'],
    ]);
    expect(a(40)).toEqual([
      ['m1', 'read'],
      ['m3', 'read'],
      ['m4', 'read'],
    ]);
    const b = postConsoleAt(replay(), 'B', at(100)).duty;
    expect(b.map((m) => m.id)).toEqual(['m2', 'm3']);
    expect(b.find((m) => m.id === 'm3')).toMatchObject({ state: 'read', readAt: at(31), own: false });
  });

  it('shows a post that is in no delivery an empty console', () => {
    expect(postConsoleAt(replay(), 'C', at(100))).toEqual({ inbox: [], duty: [expect.objectContaining({ id: 'm3', state: 'unread' })] });
  });
});

describe('the clock and the timeline', () => {
  it('rebuilds the exercise clock with its pause from the audit trail', () => {
    const clock = (t: number) => clockAt(replay(), at(t));
    expect(clock(-2)).toEqual({ status: 'draft', scenarioSeconds: -2, speed: 1 });
    expect(clock(10)).toEqual({ status: 'running', scenarioSeconds: 10, speed: 1 });
    expect(clock(25)).toEqual({ status: 'paused', scenarioSeconds: 20, speed: 1 });
    expect(clock(35)).toEqual({ status: 'running', scenarioSeconds: 25, speed: 1 });
    expect(clock(200)).toEqual({ status: 'completed', scenarioSeconds: 90, speed: 1 });
  });

  it('follows a speed change, and falls back on startedAt and completedAt without clock events', () => {
    const records = drill();
    const fast = prepareReplay(
      {
        ...records,
        audit: [
          audit('exercise.started', 0, { status: 'running', scenarioSeconds: 0 }),
          audit('exercise.speed_changed', 10, { speed: 10, status: 'running', scenarioSeconds: 10 }),
        ],
      },
      at(1000),
    );
    expect(clockAt(fast, at(12)).scenarioSeconds).toBe(30);
    const bare = prepareReplay({ ...records, exercise: { ...records.exercise, speed: 2 }, audit: [] }, at(1000));
    expect(clockAt(bare, at(10))).toEqual({ status: 'running', scenarioSeconds: 20, speed: 2 });
    expect(clockAt(bare, at(150))).toEqual({ status: 'completed', scenarioSeconds: 200, speed: 2 });
  });

  it('runs from STARTEX to ENDEX, to now while the exercise runs, and is absent before STARTEX', () => {
    expect(replay().bounds).toEqual({ start: at(0), end: at(100) });
    const records = drill();
    const running = prepareReplay(
      { ...records, exercise: { ...records.exercise, status: 'running', completedAt: null }, audit: records.audit.slice(0, -1) },
      at(500),
    );
    expect(running.bounds).toEqual({ start: at(0), end: at(500) });
    const draft = prepareReplay(
      { exercise: exerciseView([], { status: 'draft', startedAt: null, completedAt: null }), deliveries: [], audit: [], dutyMessages: [] },
      at(5),
    );
    expect(draft.bounds).toBeNull();
  });

  it('steps from event to event, each view with its own events', () => {
    const r = replay();
    const bounds = r.bounds as { start: number; end: number };
    const matrix = eventInstants(matrixEvents(r), bounds);
    expect(nextInstant(matrix, at(0))).toBe(at(2));
    expect(nextInstant(matrix, at(5))).toBe(at(5.1));
    expect(previousInstant(matrix, at(5.1))).toBe(at(5));
    expect(previousInstant(matrix, at(0))).toBeNull();
    expect(nextInstant(matrix, at(100))).toBeNull();
    // Post A does not see M-3's hold, post B's deliveries or post B's duty channel.
    const a = postEvents(r, 'A');
    expect(a.some((e) => e.ref === 'M-3' || e.postId === 'B')).toBe(false);
    expect(eventInstants(a, bounds)).toContain(at(14));
    expect(eventInstants(a, bounds)).not.toContain(at(70));
    expect(recentEvents(a, at(21), 2).map((e) => e.action)).toEqual(['duty.sent', 'exercise.paused']);
  });

  it('places the markers in slots along the timeline and plays within its bounds', () => {
    expect(markerFractions([at(0), at(0.1), at(50), at(100)], { start: at(0), end: at(100) }, 10)).toEqual([0, 0.5, 1]);
    expect(playedTo(at(10), 100, 600, { start: at(0), end: at(100) })).toBe(at(70));
    expect(playedTo(at(90), 100, 600, { start: at(0), end: at(100) })).toBe(at(100));
  });
});

describe('properties of the replay', () => {
  const POSTS = ['P0', 'P1', 'P2'];
  /** A random run: injects to random posts, each delivery's stamps in order (some never reached), duty messages on random channels. */
  const run = fc
    .record({
      injects: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 300 }), targets: fc.subarray(POSTS, { minLength: 1 }) }), {
        minLength: 1,
        maxLength: 6,
      }),
      steps: fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }), { minLength: 5, maxLength: 5 }), {
        minLength: 18,
        maxLength: 18,
      }),
      overdue: fc.array(fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }), { minLength: 18, maxLength: 18 }),
      messages: fc.array(
        fc.record({
          channel: fc.constantFrom(...POSTS, BROADCAST_CHANNEL),
          sent: fc.integer({ min: 0, max: 400 }),
          fromPost: fc.boolean(),
          readers: fc.subarray([...POSTS, 'CRC']),
          readAfter: fc.integer({ min: 0, max: 50 }),
        }),
        { maxLength: 6 },
      ),
    })
    .map(({ injects, steps, overdue, messages }) => {
      const views = injects.map((i, n) => injectView(`i${n}`, `R-${n}`, i.offset, i.targets, { firedAt: iso(i.offset) }));
      const seqs = new Map<string, number>();
      const deliveries: DeliveryView[] = [];
      views.forEach((inject, n) =>
        inject.targets.forEach((post, p) => {
          const gaps = steps[n * 3 + p];
          // Each step after the one before it, a null gap: never reached.
          let time = inject.offsetSeconds;
          const stamp = (gap: number | null) => (gap === null ? undefined : (time += gap));
          const [delivered, read, acknowledged, responded] = gaps.slice(0, 4).map(stamp);
          // Acknowledged offline: the console's time, clamped by the server to [firedAt, its receipt].
          const ackOnConsole = acknowledged === undefined || gaps[4] === null ? undefined : Math.max(inject.offsetSeconds, acknowledged - gaps[4]);
          const seq = (seqs.get(post) ?? 0) + 1;
          seqs.set(post, seq);
          const late = overdue[n * 3 + p];
          deliveries.push(
            delivery(
              inject.id,
              post,
              seq,
              inject.offsetSeconds,
              {
                delivered,
                read,
                acknowledged,
                responded,
                ackOnConsole,
                overdue: late === null ? undefined : inject.offsetSeconds + late,
              },
              responded === undefined ? null : `answer ${inject.ref} ${post}`,
            ),
          );
        }),
      );
      const dutyMessages = messages.map((m, n) => {
        const author = m.fromPost && m.channel !== BROADCAST_CHANNEL ? operatorOf(m.channel) : CRC;
        const readBy = m.readers.map((r) => ({
          role: r === 'CRC' ? ('controller' as const) : ('operator' as const),
          post: r === 'CRC' ? null : r,
          at: m.sent + m.readAfter,
        }));
        return duty(`m${n + 1}`, m.channel, m.sent, author, readBy);
      });
      return prepareReplay({ exercise: exerciseView(views), deliveries, audit: [], dutyMessages }, at(1000));
    });
  const instant = fc.integer({ min: -10, max: 500 }).map(at);
  const ordered = fc.tuple(instant, instant).map(([x, y]) => (x <= y ? [x, y] : [y, x]));

  it('never moves a cell back as time goes on, and shows nothing of a delivery before it was fired', () => {
    fc.assert(
      fc.property(run, ordered, (replay, [early, late]) => {
        const before = matrixAt(replay, POSTS, early);
        const after = matrixAt(replay, POSTS, late);
        before.forEach((row) =>
          row.cells.forEach((cell, c) => {
            const later = after.find((x) => x.inject.id === row.inject.id)!.cells[c];
            expect(later.step).toBeGreaterThanOrEqual(cell.step);
            if (cell.missedDeadline) expect(later.missedDeadline).toBe(true);
            const firedAt = Date.parse(row.inject.firedAt!);
            if (early < firedAt) expect(cell.step).toBe(-1);
            if (cell.at !== null) expect(cell.at).toBeLessThanOrEqual(early);
            if (cell.readAt !== null) expect(cell.readAt).toBeLessThanOrEqual(early);
            expect(cell.state === 'overdue').toBe(cell.missedDeadline && cell.step < MATRIX_STEPS.indexOf('acknowledged'));
          }),
        );
      }),
    );
  });

  it('gives a post only its own deliveries and channels, never a stamp or an answer from after the instant, and only adds to them', () => {
    fc.assert(
      fc.property(run, ordered, fc.constantFrom(...POSTS), (replay, [early, late], post) => {
        const own = new Set([...replay.deliveries.values()].filter((d) => d.delivery.commandPostId === post).map((d) => d.delivery.id));
        const before = postConsoleAt(replay, post, early);
        const after = postConsoleAt(replay, post, late);
        for (const item of before.inbox) {
          expect(own.has(item.deliveryId)).toBe(true);
          expect(item.firedAt).toBeLessThanOrEqual(early);
          for (const stamp of [item.receivedAt, item.readAt, item.acknowledgedAt, item.respondedAt])
            if (stamp !== null) expect(stamp).toBeLessThanOrEqual(early);
          expect(item.response === null).toBe(item.respondedAt === null);
          const later = after.inbox.find((x) => x.deliveryId === item.deliveryId);
          expect(later).toBeDefined();
          expect(['sent', 'unread', 'read', 'acknowledged', 'answered'].indexOf(later!.state)).toBeGreaterThanOrEqual(
            ['sent', 'unread', 'read', 'acknowledged', 'answered'].indexOf(item.state),
          );
        }
        for (const message of before.duty) {
          expect([post, BROADCAST_CHANNEL]).toContain(message.channel);
          expect(message.sentAt).toBeLessThanOrEqual(early);
          if (message.readAt !== null) expect(message.readAt).toBeLessThanOrEqual(early);
          if (message.state === 'read') expect(after.duty.find((x) => x.id === message.id)?.state).toBe('read');
        }
        expect(after.duty.map((m) => m.id)).toEqual(expect.arrayContaining(before.duty.map((m) => m.id)));
        // Every event of the post's view is its own or the exercise's.
        for (const event of postEvents(replay, post)) expect([post, null]).toContain(event.postId);
      }),
    );
  });

  it('steps to a next and a previous instant that are events, with none skipped between', () => {
    fc.assert(
      fc.property(run, instant, (replay, t) => {
        const instants = eventInstants(matrixEvents(replay), replay.bounds!);
        const next = nextInstant(instants, t);
        const previous = previousInstant(instants, t);
        expect(instants.filter((x) => x > t && (next === null || x < next))).toEqual([]);
        expect(instants.filter((x) => x < t && (previous === null || x > previous))).toEqual([]);
        if (next !== null) expect(next).toBeGreaterThan(t);
        if (previous !== null) expect(previous).toBeLessThan(t);
      }),
    );
  });
});
