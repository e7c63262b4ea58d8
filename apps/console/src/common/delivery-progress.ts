import type { DeliveryStatus } from '@excon/contracts';

const RANK: Record<DeliveryStatus, number> = { sent: 0, delivered: 1, acknowledged: 2, responded: 3 };

/** True when `a` is further along than `b` (sent → delivered → acknowledged → responded); statuses never go back. */
export function isFurther(a: DeliveryStatus, b: DeliveryStatus): boolean {
  return RANK[a] > RANK[b];
}
