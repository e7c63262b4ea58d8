import { computeReportStatistics, deliveryOutcome, percentile, type StatisticsDelivery, type StatisticsInject } from './report-statistics';

const T0 = Date.UTC(2026, 10, 28, 6, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;

function delivery(
  id: string,
  injectId: string,
  commandPostId: string,
  firedAt: number,
  fields: Partial<StatisticsDelivery> = {},
): StatisticsDelivery {
  return {
    id,
    injectId,
    commandPostId,
    firedAt,
    deliveredAt: null,
    acknowledgedAt: null,
    respondedAt: null,
    ackDeadlineAt: null,
    overdueAt: null,
    ...fields,
  };
}

describe('percentile', () => {
  it('interpolates between the closest ranks (PERCENTILE.INC)', () => {
    // Sorted 1 2 3 4: the median sits halfway between 2 and 3; p90 at position 3 × 0.9 = 2.7, i.e. 3 + 0.7 × (4 − 3).
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 90)).toBeCloseTo(3.7, 10);
    expect(percentile([4, 1, 3, 2], 0)).toBe(1);
    expect(percentile([4, 1, 3, 2], 100)).toBe(4);
  });

  it('is the value itself for one value and null for none', () => {
    expect(percentile([7.5], 50)).toBe(7.5);
    expect(percentile([7.5], 90)).toBe(7.5);
    expect(percentile([], 50)).toBeNull();
  });

  it('takes the odd middle as the median and leaves its input unsorted', () => {
    const values = [9, 1, 5];
    expect(percentile(values, 50)).toBe(5);
    expect(values).toEqual([9, 1, 5]);
  });

  it('refuses a p outside 0–100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('deliveryOutcome', () => {
  it('counts an acknowledgement exactly at the deadline as in time', () => {
    const outcome = deliveryOutcome(delivery('d', 'i', 'p', s(0), { acknowledgedAt: s(30), ackDeadlineAt: s(30) }), 30, s(100));
    expect(outcome).toEqual(
      expect.objectContaining({ missedDeadline: false, acknowledgedInTime: true, secondsToAcknowledge: 30, secondsLate: null, delivered: true }),
    );
  });

  it('counts an acknowledgement one millisecond late as missed, and says by how much', () => {
    const outcome = deliveryOutcome(delivery('d', 'i', 'p', s(0), { acknowledgedAt: s(30) + 1, ackDeadlineAt: s(30) }), 30, s(100));
    expect(outcome).toEqual(
      expect.objectContaining({ missedDeadline: true, acknowledgedInTime: false, secondsToAcknowledge: 30.001, secondsLate: 0.001 }),
    );
  });

  it('does not call an open deadline missed, nor one that ENDEX cut short', () => {
    const open = delivery('d', 'i', 'p', s(0), { ackDeadlineAt: s(60) });
    expect(deliveryOutcome(open, 60, s(59)).missedDeadline).toBe(false);
    expect(deliveryOutcome(open, 60, s(60)).missedDeadline).toBe(true);
  });

  it('takes the engine’s overdue mark even when the report looks at an earlier time', () => {
    const marked = delivery('d', 'i', 'p', s(0), { ackDeadlineAt: s(60), overdueAt: s(60) });
    expect(deliveryOutcome(marked, 60, s(10)).missedDeadline).toBe(true);
  });

  it('derives the deadline from ackWithinSeconds when the delivery has none stored', () => {
    const outcome = deliveryOutcome(delivery('d', 'i', 'p', s(0), { acknowledgedAt: s(25) }), 20, s(100));
    expect(outcome.deadlineAt).toBe(s(20));
    expect(outcome.missedDeadline).toBe(true);
    expect(outcome.secondsLate).toBe(5);
  });

  it('never misses a deadline an inject does not set', () => {
    const outcome = deliveryOutcome(delivery('d', 'i', 'p', s(0)), null, s(10_000));
    expect(outcome).toEqual(
      expect.objectContaining({ deadlineAt: null, missedDeadline: false, acknowledged: false, acknowledgedInTime: false, delivered: false }),
    );
  });
});

describe('computeReportStatistics', () => {
  const injects: StatisticsInject[] = [
    { id: 'I1', status: 'fired', targets: ['p1', 'p2'], ackWithinSeconds: 60 },
    { id: 'I2', status: 'fired', targets: ['p1', 'p2'], ackWithinSeconds: null },
    { id: 'I3', status: 'fired', targets: ['p1'], ackWithinSeconds: 30 },
    { id: 'I4', status: 'held', targets: ['p1'], ackWithinSeconds: 30 },
    { id: 'I5', status: 'skipped', targets: ['p2'], ackWithinSeconds: null },
    { id: 'I6', status: 'pending', targets: ['p1', 'p2', 'p1'], ackWithinSeconds: null },
  ];
  const deliveries: StatisticsDelivery[] = [
    // p1 opens I1 after 5 s, acknowledges it after 10 s (deadline 60 s) and answers after 40 s.
    delivery('d1', 'I1', 'p1', s(0), { deliveredAt: s(0.5), readAt: s(5), acknowledgedAt: s(10), respondedAt: s(40), ackDeadlineAt: s(60) }),
    // p2 never even opens I1: the engine marked it overdue.
    delivery('d2', 'I1', 'p2', s(0), { ackDeadlineAt: s(60), overdueAt: s(60) }),
    // I2 has no deadline: p1 acknowledges after 20 s and answers after 50.5 s; p2 acknowledges after 90 s.
    delivery('d3', 'I2', 'p1', s(100), { acknowledgedAt: s(120), respondedAt: s(150.5) }),
    delivery('d4', 'I2', 'p2', s(100), { deliveredAt: s(100.25), readAt: s(100.5), acknowledgedAt: s(190) }),
    // p1 opens I3 after 3 s and acknowledges it after 45 s, 15 s past its 30 s deadline.
    delivery('d5', 'I3', 'p1', s(200), { deliveredAt: s(201), readAt: s(203), acknowledgedAt: s(245), ackDeadlineAt: s(230), overdueAt: s(230) }),
    // A delivery of an inject the report does not know is left out.
    delivery('dx', 'unknown', 'p1', s(0), { acknowledgedAt: s(1) }),
  ];
  const stats = computeReportStatistics(injects, deliveries, { asOf: s(300), postIds: ['p1', 'p2', 'p3'] });

  it('computes each post’s counts and response times', () => {
    expect(stats.posts).toEqual([
      {
        commandPostId: 'p1',
        injects: 3,
        delivered: 3,
        acknowledged: 3,
        responded: 2,
        overdue: 1,
        acknowledgedInTime: 2,
        contingenciesReleased: 0,
        // Received after 0.5 and 1 s (d3 has no receipt): median 0.75, p90 0.5 + 0.9 × 0.5 = 0.95.
        medianSecondsToReceive: 0.75,
        p90SecondsToReceive: 0.95,
        maxSecondsToReceive: 1,
        // Acknowledged after 10, 20, 45 s: median 20; p90 at position 1.8 → 20 + 0.8 × 25 = 40.
        medianSecondsToAcknowledge: 20,
        p90SecondsToAcknowledge: 40,
        maxSecondsToAcknowledge: 45,
        // Answered after 40 and 50.5 s: median 45.25; p90 at position 0.9 → 40 + 0.9 × 10.5 = 49.45.
        medianSecondsToRespond: 45.25,
        p90SecondsToRespond: 49.45,
        maxSecondsToRespond: 50.5,
        // Opened after 5 and 3 s (d3 never): median 4; p90 at position 0.9 → 3 + 0.9 × 2 = 4.8.
        read: 2,
        medianSecondsToRead: 4,
        p90SecondsToRead: 4.8,
        maxSecondsToRead: 5,
      },
      {
        commandPostId: 'p2',
        injects: 2,
        delivered: 1,
        acknowledged: 1,
        responded: 0,
        overdue: 1,
        acknowledgedInTime: 1,
        contingenciesReleased: 0,
        medianSecondsToReceive: 0.25,
        p90SecondsToReceive: 0.25,
        maxSecondsToReceive: 0.25,
        medianSecondsToAcknowledge: 90,
        p90SecondsToAcknowledge: 90,
        maxSecondsToAcknowledge: 90,
        medianSecondsToRespond: null,
        p90SecondsToRespond: null,
        maxSecondsToRespond: null,
        read: 1,
        medianSecondsToRead: 0.5,
        p90SecondsToRead: 0.5,
        maxSecondsToRead: 0.5,
      },
      {
        commandPostId: 'p3',
        injects: 0,
        delivered: 0,
        acknowledged: 0,
        responded: 0,
        overdue: 0,
        acknowledgedInTime: 0,
        contingenciesReleased: 0,
        medianSecondsToReceive: null,
        p90SecondsToReceive: null,
        maxSecondsToReceive: null,
        medianSecondsToAcknowledge: null,
        p90SecondsToAcknowledge: null,
        maxSecondsToAcknowledge: null,
        medianSecondsToRespond: null,
        p90SecondsToRespond: null,
        maxSecondsToRespond: null,
        read: 0,
        medianSecondsToRead: null,
        p90SecondsToRead: null,
        maxSecondsToRead: null,
      },
    ]);
  });

  it('computes each inject’s status, targets and how many posts acknowledged in time', () => {
    expect(stats.injects).toEqual([
      { injectId: 'I1', status: 'fired', targets: 2, deliveries: 2, acknowledged: 1, acknowledgedInTime: 1, responded: 1, overdue: 1 },
      { injectId: 'I2', status: 'fired', targets: 2, deliveries: 2, acknowledged: 2, acknowledgedInTime: 2, responded: 1, overdue: 0 },
      { injectId: 'I3', status: 'fired', targets: 1, deliveries: 1, acknowledged: 1, acknowledgedInTime: 0, responded: 0, overdue: 1 },
      { injectId: 'I4', status: 'held', targets: 1, deliveries: 0, acknowledged: 0, acknowledgedInTime: 0, responded: 0, overdue: 0 },
      { injectId: 'I5', status: 'skipped', targets: 1, deliveries: 0, acknowledged: 0, acknowledgedInTime: 0, responded: 0, overdue: 0 },
      { injectId: 'I6', status: 'pending', targets: 2, deliveries: 0, acknowledged: 0, acknowledgedInTime: 0, responded: 0, overdue: 0 },
    ]);
  });

  it('adds it all up', () => {
    expect(stats.totals).toEqual({
      injects: 6,
      fired: 3,
      held: 1,
      skipped: 1,
      pending: 1,
      deliveries: 5,
      delivered: 4,
      acknowledged: 4,
      responded: 2,
      overdue: 2,
    });
  });

  it('keeps each delivery’s outcome by id', () => {
    expect(stats.deliveries.size).toBe(5);
    expect(stats.deliveries.get('d2')).toEqual({
      deliveryId: 'd2',
      delivered: false,
      acknowledged: false,
      responded: false,
      deadlineAt: s(60),
      missedDeadline: true,
      acknowledgedInTime: false,
      secondsToReceive: null,
      secondsToAcknowledge: null,
      secondsToRespond: null,
      read: false,
      secondsToRead: null,
      secondsLate: null,
    });
    expect(stats.deliveries.get('d5')).toEqual(
      expect.objectContaining({ missedDeadline: true, secondsToAcknowledge: 45, secondsLate: 15, read: true, secondsToRead: 3 }),
    );
    expect(stats.deliveries.get('d3')).toEqual(expect.objectContaining({ delivered: true, secondsToAcknowledge: 20, secondsToRespond: 50.5 }));
  });

  it('lists a post that received something but was not named after the named ones', () => {
    const more = computeReportStatistics(injects, [delivery('d9', 'I2', 'p9', s(0))], { asOf: s(1), postIds: ['p1'] });
    expect(more.posts.map((p) => [p.commandPostId, p.injects])).toEqual([
      ['p1', 0],
      ['p9', 1],
    ]);
  });

  it('is all zeros for an exercise that has not run', () => {
    const none = computeReportStatistics([], [], { asOf: s(0) });
    expect(none).toEqual({
      totals: { injects: 0, fired: 0, held: 0, skipped: 0, pending: 0, deliveries: 0, delivered: 0, acknowledged: 0, responded: 0, overdue: 0 },
      posts: [],
      injects: [],
      deliveries: new Map(),
    });
  });
});
