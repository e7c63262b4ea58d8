import type { DeliveryView, DutyMessage, ExerciseInjectView } from '@excon/contracts';
import { buildTimeline } from './timeline';

const inject = { id: 'i1', ref: 'EV1', firedAt: '2027-04-14T06:00:00.000Z', targets: ['p1', 'p2'] } as unknown as ExerciseInjectView;
const delivery = {
  id: 'd1',
  injectId: 'i1',
  commandPostId: 'p1',
  firedAt: '2027-04-14T06:00:00.000Z',
  deliveredAt: '2027-04-14T06:00:00.000Z',
  acknowledgedAt: '2027-04-14T06:02:00.000Z',
  respondedAt: null,
  overdueAt: null,
  response: null,
} as unknown as DeliveryView;

function message(id: string, channel: string, sentAt: string, dutyShift: { id: string; code: string } | null): DutyMessage {
  return {
    id,
    exerciseId: 'x',
    seq: Number(id.slice(1)),
    channel,
    from: { role: 'controller', displayName: 'Петров', commandPostId: null, dutyShift },
    text: `text ${id}`,
    sentAt,
    scenarioSeconds: 0,
    readBy: [],
  };
}

describe('buildTimeline', () => {
  it('puts duty messages among the injects and deliveries by time, a broadcast with no post, the sender with its shift', () => {
    const events = buildTimeline(
      [inject],
      [delivery],
      [message('m1', 'p1', '2027-04-14T06:01:00.000Z', { id: 's', code: 'B' }), message('m2', 'broadcast', '2027-04-14T06:03:00.000Z', null)],
    );
    expect(events.map((e) => [e.kind, e.commandPostId])).toEqual([
      ['fired', null],
      ['delivered', 'p1'],
      ['message', 'p1'],
      ['acknowledged', 'p1'],
      ['message', null],
    ]);
    expect(events[2]).toMatchObject({ text: 'text m1', message: { from: 'Петров (B)', broadcast: false } });
    expect(events[4].message).toEqual({ from: 'Петров', broadcast: true });
  });

  it('orders a message after what happened at the same instant, and is the old timeline without messages', () => {
    const same = buildTimeline([inject], [delivery], [message('m3', 'p2', '2027-04-14T06:00:00.000Z', null)]);
    expect(same.map((e) => e.kind)).toEqual(['fired', 'delivered', 'message', 'acknowledged']);
    expect(buildTimeline([inject], [delivery]).map((e) => e.kind)).toEqual(['fired', 'delivered', 'acknowledged']);
  });
});
