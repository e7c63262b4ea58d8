import fc from 'fast-check';
import { DomainError } from '../domain-error';
import {
  ClockSpeedError,
  ClockTransitionError,
  changeSpeed,
  dueAtMs,
  formatScenarioTime,
  newClock,
  parseScenarioTime,
  pause,
  resume,
  scenarioMsAt,
  start,
  stop,
  type ExerciseClock,
} from './exercise-clock';

const T0 = Date.UTC(2026, 11, 20, 6, 0, 0);

describe('exercise clock', () => {
  it('runs at its speed from STARTEX and places due times accordingly', () => {
    const clock = start(newClock(10), T0);
    expect(scenarioMsAt(clock, T0 + 1000)).toBe(10_000);
    expect(dueAtMs(clock, 60)).toBe(T0 + 6000);
  });

  it('has no due times while draft or paused', () => {
    expect(dueAtMs(newClock(), 5)).toBeNull();
    expect(dueAtMs(pause(start(newClock(), T0), T0 + 10), 5)).toBeNull();
  });

  it('refuses transitions that make no sense', () => {
    expect(() => pause(newClock(), T0)).toThrow(ClockTransitionError);
    expect(() => resume(start(newClock(), T0), T0)).toThrow(/cannot resume an exercise that is running/);
    expect(() => start(start(newClock(), T0), T0)).toThrow(ClockTransitionError);
    expect(() => stop(newClock(), T0)).toThrow(ClockTransitionError);
    expect(() => changeSpeed(newClock(), 0, T0)).toThrow(ClockSpeedError);
    expect(() => changeSpeed(newClock(), 61, T0)).toThrow(ClockSpeedError);
  });

  it('raises domain errors, answered once by the API: a refused transition is a conflict, a bad speed names the field', () => {
    const refused = (() => {
      try {
        return stop(newClock(), T0);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toEqual(expect.objectContaining({ code: 'conflict', message: 'cannot stop an exercise that is draft' }));
    expect(() => changeSpeed(newClock(), 61, T0)).toThrow(
      expect.objectContaining({
        code: 'invalid',
        message: 'speed: speed must be from 0.01 to 60',
        details: [{ field: 'speed', message: 'speed must be from 0.01 to 60' }],
      }),
    );
  });

  it('formats and parses T+hh:mm:ss', () => {
    expect(formatScenarioTime(3723)).toBe('T+01:02:03');
    expect(parseScenarioTime('T+01:02:03')).toBe(3723);
    expect(parseScenarioTime('02:03')).toBe(123);
    expect(parseScenarioTime('90')).toBe(90);
    expect(parseScenarioTime('T+00:61:00')).toBeNull();
    expect(parseScenarioTime('soon')).toBeNull();
  });

  type Step = { kind: 'pause' | 'resume' | 'speed'; after: number; speed: number };
  const steps = fc.array(
    fc.record({
      kind: fc.constantFrom<'pause' | 'resume' | 'speed'>('pause', 'resume', 'speed'),
      after: fc.integer({ min: 0, max: 600_000 }),
      speed: fc.double({ min: 0.1, max: 60, noNaN: true }),
    }),
    { maxLength: 30 },
  );

  function play(initialSpeed: number, plan: Step[]): { clock: ExerciseClock; now: number; history: { clock: ExerciseClock; now: number }[] } {
    let now = T0;
    let clock = start(newClock(initialSpeed), now);
    const history = [{ clock, now }];
    for (const step of plan) {
      now += step.after;
      if (step.kind === 'pause' && clock.status === 'running') clock = pause(clock, now);
      else if (step.kind === 'resume' && clock.status === 'paused') clock = resume(clock, now);
      else if (step.kind === 'speed') clock = changeSpeed(clock, step.speed, now);
      history.push({ clock, now });
    }
    return { clock, now, history };
  }

  it('never runs scenario time backwards, whatever the pauses and speed changes', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 60, noNaN: true }), steps, (speed, plan) => {
        const { history } = play(speed, plan);
        for (let i = 1; i < history.length; i++) {
          expect(scenarioMsAt(history[i].clock, history[i].now)).toBeGreaterThanOrEqual(
            scenarioMsAt(history[i - 1].clock, history[i - 1].now) - 1e-6,
          );
        }
      }),
    );
  });

  it('keeps due times in offset order, and an inject is due when the clock reaches its offset', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 60, noNaN: true }),
        steps,
        fc.integer({ min: 0, max: 86_400 }),
        fc.integer({ min: 0, max: 86_400 }),
        (speed, plan, a, b) => {
          const played = play(speed, plan);
          const now = played.now;
          let clock = played.clock;
          if (clock.status === 'paused') clock = resume(clock, now);
          const [low, high] = a <= b ? [a, b] : [b, a];
          const dueLow = dueAtMs(clock, low) as number;
          const dueHigh = dueAtMs(clock, high) as number;
          expect(dueHigh).toBeGreaterThanOrEqual(dueLow);
          expect(scenarioMsAt(clock, dueHigh) / 1000).toBeCloseTo(Math.max(high, scenarioMsAt(clock, clock.anchorAt as number) / 1000), 3);
        },
      ),
    );
  });

  it('moves every unfired due time exactly by the length of a pause', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 60, noNaN: true }),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.array(fc.integer({ min: 0, max: 2_592_000 }), { minLength: 1, maxLength: 20 }),
        (speed, runFor, pausedFor, offsets) => {
          const running = start(newClock(speed), T0);
          const pausedAt = T0 + runFor;
          const resumed = resume(pause(running, pausedAt), pausedAt + pausedFor);
          for (const offset of offsets.filter((o) => o * 1000 >= scenarioMsAt(running, pausedAt))) {
            expect((dueAtMs(resumed, offset) as number) - (dueAtMs(running, offset) as number)).toBeCloseTo(pausedFor, 3);
          }
        },
      ),
    );
  });
});
