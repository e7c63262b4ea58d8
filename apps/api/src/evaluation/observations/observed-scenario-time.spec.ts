import { scenarioSecondsAt } from './observed-scenario-time';

const T0 = Date.parse('2027-04-14T09:00:00Z');

describe('scenarioSecondsAt', () => {
  it('reads a running clock at a moment before or after its anchor', () => {
    const clock = { status: 'running' as const, speed: 2, anchorAt: T0, anchorScenarioMs: 60_000 };
    expect(scenarioSecondsAt(clock, T0 + 10_000)).toBe(80);
    expect(scenarioSecondsAt(clock, T0 - 5_000)).toBe(50);
  });

  it('never goes below STARTEX', () => {
    const clock = { status: 'running' as const, speed: 1, anchorAt: T0, anchorScenarioMs: 1_000 };
    expect(scenarioSecondsAt(clock, T0 - 60_000)).toBe(0);
  });

  it('gives a paused or completed clock its frozen value after it stopped, and reads back before that', () => {
    for (const status of ['paused', 'completed'] as const) {
      const stoppedAt = T0 + 600_000;
      const clock = { status, speed: 1, anchorAt: stoppedAt, anchorScenarioMs: 600_000 };
      expect(scenarioSecondsAt(clock, stoppedAt + 30_000)).toBe(600);
      expect(scenarioSecondsAt(clock, stoppedAt - 90_000)).toBe(510);
    }
  });

  it('gives a clock that never started 0', () => {
    expect(scenarioSecondsAt({ status: 'scheduled', speed: 1, anchorAt: null, anchorScenarioMs: 0 }, T0)).toBe(0);
  });
});
