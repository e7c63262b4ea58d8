import type { ExerciseClock } from '@excon/domain';

/**
 * The exercise clock (scenario seconds) at the wall moment `at`, read from the clock's anchor along the line
 * it ran on: while it runs, before or after its last start, resume or speed change alike; once paused or
 * completed (the anchor is then the moment it stopped), a moment before the anchor is read back along that
 * line and a later one gets the value it stopped at. Exact unless a pause or a speed change lies between `at`
 * and the anchor; never below 0; a clock that never started reads 0. In seconds, to the millisecond.
 */
export function scenarioSecondsAt(clock: ExerciseClock, at: number): number {
  if (clock.anchorAt === null) return Math.round(clock.anchorScenarioMs) / 1000;
  const sinceAnchor = clock.status === 'running' ? at - clock.anchorAt : Math.min(0, at - clock.anchorAt);
  return Math.round(Math.max(0, clock.anchorScenarioMs + sinceAnchor * clock.speed)) / 1000;
}
