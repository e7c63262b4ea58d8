import {
  formatFigures,
  runReconnectStorm,
  startStormPlatform,
  STORM_DEFAULTS,
  type StormOptions,
  type StormPlatform,
} from '../support/reconnect-storm';
import { assertServerBuilt } from '../support/server-process';
import { QUEUE_MODES } from '../support/services';

/**
 * The reconnect storm, short (issue 7; the long one is `npm run soak:reconnect`, docs/benchmarks.md):
 * 200 consoles over 13 posts, one inject a second for 30 s, 10% of the consoles offline at any moment,
 * each for 1–5 s, again and again. Afterwards every console holds exactly seq 1..n of its post, n being
 * the post's deliveries in PostgreSQL: no gap, no repeat, nothing pushed to it twice.
 */
const SHORT: Omit<StormOptions, 'queues'> = {
  ...STORM_DEFAULTS,
  consoles: 200,
  injectSeconds: 30,
  dropMinMs: 1000,
  dropMaxMs: 5000,
  settleMs: 30_000,
  seed: Number(process.env.STORM_SEED ?? 7),
};

describe.each(QUEUE_MODES)('reconnect storm, %s queues', (queues) => {
  let platform: StormPlatform;

  beforeAll(async () => {
    assertServerBuilt();
    platform = await startStormPlatform(queues, SHORT.posts);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('every console ends with seq 1..n of its post, no gap, no repeat, nothing pushed twice', async () => {
    const { figures, violations } = await runReconnectStorm({ ...SHORT, queues }, platform);
    process.stdout.write(`reconnect storm, ${queues} queues:\n${formatFigures(figures)}\n`);
    // The storm happened: every inject fired, consoles were dropped and came back, and sync filled their gaps.
    expect(figures.injectsFired).toBe(SHORT.injectSeconds);
    expect(figures.reconnects).toBeGreaterThanOrEqual(100);
    expect(figures.syncedNew).toBeGreaterThan(0);
    expect(figures.catchUpSamples).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    expect(figures.settledAfterMs).not.toBeNull();
    // How fast a console catches up is a figure (printed above, and measured by `npm run soak:reconnect`), not
    // a pass mark: on this shared 2-core machine a loaded CI run took 16.7 s where an idle one takes under 2.
  }, 120_000);

  // The check can fail: consoles that never sync keep the gaps of their drops, and the storm names them.
  if (queues === 'postgres') {
    it('finds the gaps of consoles that never sync', async () => {
      const { figures, violations } = await runReconnectStorm(
        { ...SHORT, queues, consoles: 50, injectSeconds: 10, dropMinMs: 2000, dropMaxMs: 4000, settleMs: 3000, fault: 'no-sync' },
        platform,
      );
      expect(figures.drops).toBeGreaterThan(0);
      const missing = violations.filter((v) => v.kind === 'missing');
      expect(missing.length).toBeGreaterThan(0);
      expect(missing[0].detail).toMatch(/missing seqs \d/);
      expect(violations.filter((v) => v.kind !== 'missing')).toEqual([]);
    }, 60_000);
  }
});
