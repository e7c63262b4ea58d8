import { parseDeliveryRef, parseRespond, parseSync } from './console-payloads';

const id = '3f1c2b8e-8a5e-4c1e-9d7e-0b9f5b0a1c2d';

describe('console payload parsers', () => {
  it('accept well-formed payloads', () => {
    expect(parseDeliveryRef({ deliveryId: id })).toEqual({ value: { deliveryId: id } });
    expect(parseRespond({ deliveryId: id, text: 'Готовы' })).toEqual({ value: { deliveryId: id, text: 'Готовы' } });
    expect(parseSync({ exerciseId: id })).toEqual({ value: { exerciseId: id, afterSeq: 0 } });
  });

  it.each([null, 'x', [], { deliveryId: 5 }, { deliveryId: 'not-a-uuid' }])('refuse a bad delivery reference %p', (payload) => {
    expect(parseDeliveryRef(payload)).toHaveProperty('error');
  });

  it('refuse empty, oversize or non-text responses', () => {
    expect(parseRespond({ deliveryId: id, text: '' })).toHaveProperty('error');
    expect(parseRespond({ deliveryId: id, text: 'x'.repeat(10_001) })).toHaveProperty('error');
    expect(parseRespond({ deliveryId: id, text: 42 })).toHaveProperty('error');
  });

  it('refuse a negative or fractional afterSeq', () => {
    expect(parseSync({ exerciseId: id, afterSeq: -1 })).toHaveProperty('error');
    expect(parseSync({ exerciseId: id, afterSeq: 1.5 })).toHaveProperty('error');
  });
});
