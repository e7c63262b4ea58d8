import type { InjectMessage } from '@excon/contracts';
import { InjectInbox } from './inject-inbox';

function message(seq: number, extra: Partial<InjectMessage> = {}): InjectMessage {
  return {
    deliveryId: `d-${seq}`,
    exerciseId: 'x-1',
    injectId: `i-${seq}`,
    ref: `R-${seq}`,
    seq,
    title: `Inject ${seq}`,
    body: 'body',
    translations: {},
    precedence: 'routine',
    from: '',
    ackWithinSeconds: null,
    ackDeadlineAt: null,
    respondWithinSeconds: null,
    dueAt: null,
    firedAt: new Date(1_800_000_000_000 + seq * 1000).toISOString(),
    status: 'sent',
    acknowledgedAt: null,
    respondedAt: null,
    response: null,
    readAt: null,
    attachments: [],
    kind: 'message',
    media: null,
    ...extra,
  };
}

describe('InjectInbox (operator console)', () => {
  it('keeps one entry per delivery whether pushed, replayed by sync, or both', () => {
    const inbox = new InjectInbox();
    expect(inbox.merge([message(1), message(2)])).toHaveLength(2);
    expect(inbox.merge([message(1), message(2), message(3)]).map((m) => m.seq)).toEqual([3]);
    expect(inbox.list('x-1').map((m) => m.seq)).toEqual([3, 2, 1]);
  });

  it('sees a gap in the seqs and reports the highest complete seq to sync from', () => {
    const inbox = new InjectInbox();
    inbox.merge([message(1)]);
    expect(inbox.hasGapBefore('x-1', 2)).toBe(false);
    expect(inbox.hasGapBefore('x-1', 4)).toBe(true);
    inbox.merge([message(4)]);
    expect(inbox.completeSeq('x-1')).toBe(1);
    inbox.merge([message(2), message(3)]);
    expect(inbox.completeSeq('x-1')).toBe(4);
    expect(inbox.completeSeq('another exercise')).toBe(0);
  });

  it('never moves a delivery back: a late push does not undo an acknowledgement', () => {
    const inbox = new InjectInbox();
    inbox.merge([message(1, { status: 'acknowledged', acknowledgedAt: '2027-01-15T08:00:00.000Z' })]);
    inbox.merge([message(1, { status: 'sent' })]);
    inbox.update('d-1', { status: 'delivered' });
    expect(inbox.get('d-1')?.status).toBe('acknowledged');
    inbox.update('d-1', { status: 'responded', response: 'done' });
    expect(inbox.get('d-1')).toMatchObject({ status: 'responded', response: 'done' });
  });

  it('takes a read receipt from a replay with the same status, and never loses one', () => {
    const inbox = new InjectInbox();
    inbox.merge([message(1, { status: 'delivered' })]);
    inbox.merge([message(1, { status: 'delivered', readAt: '2027-01-15T08:00:05.000Z' })]);
    expect(inbox.get('d-1')?.readAt).toBe('2027-01-15T08:00:05.000Z');
    inbox.merge([message(1, { status: 'acknowledged', acknowledgedAt: '2027-01-15T08:01:00.000Z' })]);
    expect(inbox.get('d-1')).toMatchObject({ status: 'acknowledged', readAt: '2027-01-15T08:00:05.000Z' });
    inbox.merge([message(1, { status: 'delivered', readAt: '2027-01-15T09:00:00.000Z' })]);
    expect(inbox.get('d-1')?.readAt).toBe('2027-01-15T08:00:05.000Z');
  });
});
