import { DomainError } from '../domain-error';

/**
 * The exercise clock, as pure arithmetic. Scenario time runs at `speed` scenario seconds per wall
 * second while running and stands still otherwise. The clock is stored as an anchor: at wall time
 * `anchorAt` the scenario clock read `anchorScenarioMs`. Pausing and resuming only move the anchor,
 * so a pause of P wall milliseconds moves every later due time exactly P later.
 */
import type { ExerciseStatus } from '../statuses';

export interface ExerciseClock {
  status: ExerciseStatus;
  speed: number;
  /** Wall time (epoch ms) of the anchor; null before STARTEX. */
  anchorAt: number | null;
  /** Scenario milliseconds since STARTEX at the anchor. */
  anchorScenarioMs: number;
}

export const MAX_SPEED = 60;
/** The slowest clock: 1 scenario second per 100 wall seconds. Below it due times stop being representable. */
export const MIN_SPEED = 0.01;

/** A transition the clock's state does not allow (HTTP 409). */
export class ClockTransitionError extends DomainError {
  constructor(
    readonly from: ExerciseStatus,
    readonly action: string,
  ) {
    super('conflict', `cannot ${action} an exercise that is ${from}`);
    this.name = 'ClockTransitionError';
  }
}

/** A speed outside MIN_SPEED..MAX_SPEED (HTTP 400 naming `speed`). */
export class ClockSpeedError extends DomainError {
  constructor(readonly speed: number) {
    const problem = { field: 'speed', message: `speed must be from ${MIN_SPEED} to ${MAX_SPEED}` };
    super('invalid', `${problem.field}: ${problem.message}`, [problem]);
    this.name = 'ClockSpeedError';
  }
}

export function isValidSpeed(speed: number): boolean {
  return Number.isFinite(speed) && speed >= MIN_SPEED && speed <= MAX_SPEED;
}

export function newClock(speed = 1): ExerciseClock {
  return { status: 'draft', speed, anchorAt: null, anchorScenarioMs: 0 };
}

/** Scenario milliseconds since STARTEX at wall time `now`. */
export function scenarioMsAt(clock: ExerciseClock, now: number): number {
  if (clock.status !== 'running' || clock.anchorAt === null) return clock.anchorScenarioMs;
  return clock.anchorScenarioMs + Math.max(0, now - clock.anchorAt) * clock.speed;
}

/** Wall time (epoch ms) at which the scenario clock reaches `offsetSeconds`; null unless running. */
export function dueAtMs(clock: ExerciseClock, offsetSeconds: number): number | null {
  if (clock.status !== 'running' || clock.anchorAt === null) return null;
  return clock.anchorAt + (offsetSeconds * 1000 - clock.anchorScenarioMs) / clock.speed;
}

function expect(clock: ExerciseClock, action: string, allowed: ExerciseStatus[]): void {
  if (!allowed.includes(clock.status)) throw new ClockTransitionError(clock.status, action);
}

/** A start planned for later: the clock stays at zero until `start`. */
export function schedule(clock: ExerciseClock): ExerciseClock {
  expect(clock, 'schedule', ['draft', 'scheduled']);
  return { ...clock, status: 'scheduled' };
}

/** STARTEX at `now`. */
export function start(clock: ExerciseClock, now: number): ExerciseClock {
  expect(clock, 'start', ['draft', 'scheduled']);
  return { ...clock, status: 'running', anchorAt: now, anchorScenarioMs: 0 };
}

export function pause(clock: ExerciseClock, now: number): ExerciseClock {
  expect(clock, 'pause', ['running']);
  return { ...clock, status: 'paused', anchorScenarioMs: scenarioMsAt(clock, now), anchorAt: now };
}

export function resume(clock: ExerciseClock, now: number): ExerciseClock {
  expect(clock, 'resume', ['paused']);
  return { ...clock, status: 'running', anchorAt: now };
}

/** ENDEX: the clock stops where it is. */
export function stop(clock: ExerciseClock, now: number): ExerciseClock {
  expect(clock, 'stop', ['scheduled', 'running', 'paused']);
  return { ...clock, status: 'completed', anchorScenarioMs: scenarioMsAt(clock, now), anchorAt: now };
}

/** A new speed from `now` on; scenario time already run is kept. */
export function changeSpeed(clock: ExerciseClock, speed: number, now: number): ExerciseClock {
  if (!isValidSpeed(speed)) throw new ClockSpeedError(speed);
  expect(clock, 'change the speed of', ['draft', 'scheduled', 'running', 'paused']);
  if (clock.status !== 'running') return { ...clock, speed };
  return { ...clock, speed, anchorScenarioMs: scenarioMsAt(clock, now), anchorAt: now };
}

/** T+hh:mm:ss for a scenario time in seconds (negative: T-). */
export function formatScenarioTime(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const total = Math.floor(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `T${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Parses T+hh:mm:ss, hh:mm:ss, mm:ss or plain seconds; null when it is none of these. */
export function parseScenarioTime(text: string): number | null {
  const match = /^\s*(?:T\+?)?(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})\s*$/i.exec(text);
  if (match) {
    const [, h, m, s] = match;
    if (Number(m) > 59 || Number(s) > 59) return null;
    return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s);
  }
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}
