import {
  DUTY_MESSAGE_MAX_LENGTH,
  parseAcknowledge,
  parseDeliveryRef,
  parseDutyRead,
  parseDutySend,
  parseRespond,
  parseSync,
} from './console-payloads';

const id = '3f1c2b8e-8a5e-4c1e-9d7e-0b9f5b0a1c2d';

describe('console payload parsers', () => {
  it('accept well-formed payloads', () => {
    expect(parseDeliveryRef({ deliveryId: id })).toEqual({ value: { deliveryId: id } });
    expect(parseRespond({ deliveryId: id, text: 'Готовы' })).toEqual({ value: { deliveryId: id, text: 'Готовы' } });
    expect(parseSync({ exerciseId: id })).toEqual({ value: { exerciseId: id, afterSeq: 0, afterMessageSeq: 0 } });
    expect(parseSync({ exerciseId: id, afterSeq: 3, afterMessageSeq: 7 })).toEqual({ value: { exerciseId: id, afterSeq: 3, afterMessageSeq: 7 } });
    expect(parseDutySend({ exerciseId: id, text: 'Связь есть' })).toEqual({ value: { exerciseId: id, text: 'Связь есть' } });
    expect(parseDutySend({ exerciseId: id, channel: 'broadcast', text: 'All' })).toEqual({
      value: { exerciseId: id, channel: 'broadcast', text: 'All' },
    });
    expect(parseDutySend({ exerciseId: id, channel: id, text: 'A' })).toEqual({ value: { exerciseId: id, channel: id, text: 'A' } });
    expect(parseDutyRead({ messageId: id })).toEqual({ value: { messageId: id } });
  });

  it('refuse duty messages without text, too long, or on a channel that is neither a post id nor broadcast', () => {
    expect(parseDutySend({ exerciseId: id, text: '   ' })).toEqual({ error: `text must be 1-${DUTY_MESSAGE_MAX_LENGTH} characters` });
    expect(parseDutySend({ exerciseId: id, text: 'x'.repeat(DUTY_MESSAGE_MAX_LENGTH + 1) })).toHaveProperty('error');
    expect(parseDutySend({ exerciseId: id, channel: 'everyone', text: 'x' })).toEqual({ error: 'channel must be a command post id or "broadcast"' });
    expect(parseDutySend({ text: 'x' })).toEqual({ error: 'exerciseId must be an exercise id' });
    expect(parseDutyRead({ messageId: 'nope' })).toEqual({ error: 'messageId must be a duty message id' });
    expect(parseSync({ exerciseId: id, afterMessageSeq: -1 })).toHaveProperty('error');
  });

  it.each([null, 'x', [], { deliveryId: 5 }, { deliveryId: 'not-a-uuid' }])('refuse a bad delivery reference %p', (payload) => {
    expect(parseDeliveryRef(payload)).toHaveProperty('error');
  });

  it('refuse empty, oversize or non-text responses', () => {
    expect(parseRespond({ deliveryId: id, text: '' })).toHaveProperty('error');
    expect(parseRespond({ deliveryId: id, text: 'x'.repeat(10_001) })).toHaveProperty('error');
    expect(parseRespond({ deliveryId: id, text: 42 })).toHaveProperty('error');
  });

  it('accept an idempotency key and the console time of an acknowledgement or a response, and refuse bad ones by name', () => {
    const key = 'b7e3a1c2-9d4f-4e8a-a1b2-c3d4e5f6a7b8';
    expect(parseAcknowledge({ deliveryId: id })).toEqual({ value: { deliveryId: id } });
    expect(parseAcknowledge({ deliveryId: id, key, actedAt: '2027-01-15T08:00:00.250Z' })).toEqual({
      value: { deliveryId: id, key, actedAt: '2027-01-15T08:00:00.250Z' },
    });
    // An offset is read as the instant it names.
    expect(parseRespond({ deliveryId: id, text: 'Есть', key, actedAt: '2027-01-15T11:00:00+03:00' })).toEqual({
      value: { deliveryId: id, text: 'Есть', key, actedAt: '2027-01-15T08:00:00.000Z' },
    });
    for (const bad of ['nope', 42, '', 'b7e3a1c2-9d4f-4e8a-a1b2']) {
      expect(parseAcknowledge({ deliveryId: id, key: bad })).toEqual({ error: expect.stringMatching(/^key must be a uuid/) });
      expect(parseRespond({ deliveryId: id, text: 'x', key: bad })).toEqual({ error: expect.stringMatching(/^key must be a uuid/) });
    }
    for (const bad of ['yesterday', '2027-01-15', '2027-01-15T08:00:00', '2027-02-30T08:00:00Z', 1_800_000_000_000]) {
      expect(parseAcknowledge({ deliveryId: id, actedAt: bad })).toEqual({ error: expect.stringMatching(/^actedAt must be an ISO-8601 instant/) });
    }
  });

  it('refuse a negative or fractional afterSeq', () => {
    expect(parseSync({ exerciseId: id, afterSeq: -1 })).toHaveProperty('error');
    expect(parseSync({ exerciseId: id, afterSeq: 1.5 })).toHaveProperty('error');
  });

  it('refuse what a REST body would be refused for: NUL, lone surrogates, reserved keys, deep nesting', () => {
    expect(parseRespond({ deliveryId: id, text: 'Roger\u0000' })).toEqual({ error: 'text: must not contain the NUL character (U+0000)' });
    expect(parseRespond({ deliveryId: id, text: 'Roger \uD800' })).toEqual({ error: 'text: must not contain a lone surrogate (malformed UTF-16)' });
    expect(parseDeliveryRef(JSON.parse(`{"deliveryId":"${id}","__proto__":{"x":1}}`))).toEqual({ error: expect.stringMatching(/__proto__/) });
    let deep: unknown = {};
    for (let i = 0; i < 5000; i++) deep = { deep };
    expect(parseSync({ exerciseId: id, deep })).toEqual({ error: expect.stringMatching(/deeper than 32/) });
  });
});
