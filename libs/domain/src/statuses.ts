/**
 * The statuses of CONTRACT.md, one spelling across the tree: the database's check constraints, the
 * REST and socket shapes, the engine and the consoles all take them from here.
 */

/** An exercise's lifecycle (the exercise clock moves it: libs/domain clock/exercise-clock). */
export const EXERCISE_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed'] as const;
export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number];

/** An inject of an exercise: pending until fired; a controller may hold it (and release it) or skip it. */
export const EXERCISE_INJECT_STATUSES = ['pending', 'fired', 'held', 'skipped'] as const;
export type ExerciseInjectStatus = (typeof EXERCISE_INJECT_STATUSES)[number];

/**
 * A delivery of an inject to one command post, in the order it progresses: sent < delivered <
 * acknowledged < responded. A delivery never goes back; a later step implies the earlier ones (an
 * acknowledgement confirms the receipt, a response the acknowledgement).
 */
export const DELIVERY_STATUSES = ['sent', 'delivered', 'acknowledged', 'responded'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The place of a delivery status in the progression, from 0 (sent) to 3 (responded). */
export function deliveryStatusRank(status: DeliveryStatus): number {
  return DELIVERY_STATUSES.indexOf(status);
}

/** True when a delivery at `status` has reached `floor` or gone past it (`isDeliveryAtLeast(s, 'acknowledged')`: acknowledged or answered). */
export function isDeliveryAtLeast(status: DeliveryStatus, floor: DeliveryStatus): boolean {
  return deliveryStatusRank(status) >= deliveryStatusRank(floor);
}

/** True when `status` is strictly further along than `other`: a copy at `status` is news to one at `other`. */
export function isDeliveryBeyond(status: DeliveryStatus, other: DeliveryStatus): boolean {
  return deliveryStatusRank(status) > deliveryStatusRank(other);
}
