import fc from 'fast-check';
import { DELIVERY_STATUSES, deliveryStatusRank, isDeliveryAtLeast, isDeliveryBeyond, type DeliveryStatus } from './statuses';

const status = fc.constantFrom(...DELIVERY_STATUSES);

describe('delivery status order', () => {
  it('runs sent < delivered < acknowledged < responded', () => {
    expect(DELIVERY_STATUSES.map(deliveryStatusRank)).toEqual([0, 1, 2, 3]);
    expect(isDeliveryBeyond('delivered', 'sent')).toBe(true);
    expect(isDeliveryBeyond('acknowledged', 'delivered')).toBe(true);
    expect(isDeliveryBeyond('responded', 'acknowledged')).toBe(true);
    expect(isDeliveryBeyond('sent', 'responded')).toBe(false);
  });

  it('counts a response as an acknowledgement, and neither a mere receipt', () => {
    const acknowledged = DELIVERY_STATUSES.filter((s) => isDeliveryAtLeast(s, 'acknowledged'));
    expect(acknowledged).toEqual<DeliveryStatus[]>(['acknowledged', 'responded']);
    expect(DELIVERY_STATUSES.filter((s) => isDeliveryAtLeast(s, 'sent'))).toEqual(DELIVERY_STATUSES);
  });

  it('is a total order: exactly one of beyond, beyond the other way, or equal', () => {
    fc.assert(
      fc.property(status, status, (a, b) => {
        const outcomes = [isDeliveryBeyond(a, b), isDeliveryBeyond(b, a), a === b].filter(Boolean);
        expect(outcomes).toHaveLength(1);
        expect(isDeliveryAtLeast(a, b)).toBe(!isDeliveryBeyond(b, a));
      }),
    );
  });

  it('is transitive, so merging copies in any order keeps the furthest', () => {
    fc.assert(
      fc.property(fc.array(status, { minLength: 1, maxLength: 12 }), (seen) => {
        // What a console does with each copy it gets: keep the known one unless the new one is beyond it.
        const merged = seen.reduce((known, next) => (isDeliveryBeyond(next, known) ? next : known));
        const reversed = [...seen].reverse().reduce((known, next) => (isDeliveryBeyond(next, known) ? next : known));
        expect(merged).toBe(reversed);
        for (const s of seen) expect(isDeliveryAtLeast(merged, s)).toBe(true);
      }),
    );
  });
});
