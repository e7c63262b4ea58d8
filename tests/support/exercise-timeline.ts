import type { AuditEventView } from '@excon/contracts';
import { changeSpeed, newClock, pause, resume, start, stop, type ExerciseClock } from '@excon/domain';

/**
 * An exercise's history as its audit trail records it, replayed through the pure clock
 * (libs/domain/src/clock/exercise-clock.ts): what the clock read at any wall time, when it stood
 * still, when it was stopped. Each transition's audit time is the `now` the engine moved the clock
 * with, so the replay gives the very anchors the engine computed its due times from.
 */
export interface ClockStep {
  at: number;
  action: string;
  /** The clock from `at` on. */
  clock: ExerciseClock;
}

export interface Timeline {
  steps: ClockStep[];
  /** Wall intervals in which the clock stood paused: [from, to), `to` Infinity while still paused. */
  pauses: { from: number; to: number }[];
  /** ENDEX, if any. */
  stoppedAt: number | null;
}

export const TRANSITIONS = ['exercise.started', 'exercise.paused', 'exercise.resumed', 'exercise.speed_changed', 'exercise.stopped'] as const;

/** Timed firings (the clock's, or the reconciler's), as against a controller's "fire now". */
export const TIMED_FIRINGS = ['inject.fired', 'inject.fired_late'];
export const FIRINGS = [...TIMED_FIRINGS, 'inject.fired_now', 'inject.contingency_released'];

export function timeline(audit: AuditEventView[], initialSpeed: number): Timeline {
  let clock = newClock(initialSpeed);
  const steps: ClockStep[] = [{ at: -Infinity, action: 'exercise.created', clock }];
  const pauses: { from: number; to: number }[] = [];
  let stoppedAt: number | null = null;
  const transitions = audit.filter((e) => (TRANSITIONS as readonly string[]).includes(e.action)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const event of transitions) {
    const at = Date.parse(event.at);
    switch (event.action) {
      case 'exercise.started':
        clock = start(clock, at);
        break;
      case 'exercise.paused':
        clock = pause(clock, at);
        pauses.push({ from: at, to: Infinity });
        break;
      case 'exercise.resumed':
        clock = resume(clock, at);
        pauses[pauses.length - 1].to = at;
        break;
      case 'exercise.speed_changed':
        clock = changeSpeed(clock, Number(event.details.speed), at);
        break;
      case 'exercise.stopped':
        if (clock.status === 'paused') pauses[pauses.length - 1].to = at;
        clock = stop(clock, at);
        stoppedAt = at;
        break;
    }
    steps.push({ at, action: event.action, clock });
  }
  return { steps, pauses, stoppedAt };
}

/** The clock in force at wall time `at` (after every transition at or before it). */
export function clockAt(t: Timeline, at: number): ExerciseClock {
  return stepAt(t, at).clock;
}

export function stepAt(t: Timeline, at: number): ClockStep {
  let found = t.steps[0];
  for (const step of t.steps) if (step.at <= at) found = step;
  return found;
}

/** The step before the one in force at `at` (the clock a transaction that began just before it still saw). */
export function previousStep(t: Timeline, at: number): ClockStep | null {
  const index = t.steps.indexOf(stepAt(t, at));
  return index > 0 ? t.steps[index - 1] : null;
}

/** Whether `at` lies inside a pause, more than `graceMs` after it began. */
export function pausedAt(t: Timeline, at: number, graceMs: number): { from: number; to: number } | null {
  return t.pauses.find((p) => at > p.from + graceMs && at < p.to) ?? null;
}

/**
 * When a deadline of `durationMs` running wall time that begins at `from` runs out, if the clock
 * stopping also stops it: every pause between moves it later by the length of the pause.
 */
export function deadlineWithPauses(t: Timeline, from: number, durationMs: number): number {
  let left = durationMs;
  let cursor = from;
  for (const p of [...t.pauses].sort((a, b) => a.from - b.from)) {
    if (p.to <= cursor) continue;
    const runStart = cursor;
    const runEnd = Math.max(cursor, p.from);
    if (runEnd - runStart >= left) return runStart + left;
    left -= runEnd - runStart;
    cursor = p.to;
    if (!Number.isFinite(cursor)) return Infinity;
  }
  return cursor + left;
}
