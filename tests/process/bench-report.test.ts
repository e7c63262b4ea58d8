import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/**
 * The short version of `npm run bench:report` (the full one, 10,000 injects × 100 posts = 1,000,000 deliveries,
 * is run by hand: docs/benchmarks.md): the same script on the built server with 500 injects × 20 posts. It
 * checks that the benchmark runs end to end, that the JSON and the CSV come back whole (the script exits 1
 * otherwise: every delivery listed in the JSON, one CSV row per delivery) and that it prints its figures;
 * no timing is asserted.
 */
describe('bench:report, short', () => {
  it('seeds 10,000 deliveries, renders every format with health probed, and prints the figures', () => {
    const run = spawnSync(
      process.execPath,
      [resolve(ROOT, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', '-P', 'tsconfig.json', 'scripts/bench/report.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_INJECTS: '500', BENCH_POSTS: '20', BENCH_OBSERVATIONS: '200' },
        encoding: 'utf8',
        timeout: 570_000,
      },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect({ status: run.status, output }).toEqual({ status: 0, output: expect.stringContaining('summary') });
    const row = (format: string) =>
      JSON.parse(new RegExp(`^\\s+(\\{"format":"${format}".*\\})$`, 'm').exec(run.stdout)?.[1] ?? 'null') as Record<string, unknown> | null;
    expect(row('json')).toEqual(expect.objectContaining({ status: 200, whole: true, deliveriesListed: 10_000 }));
    expect(row('csv')).toEqual(expect.objectContaining({ status: 200, rows: 10_000, rowsPerSecond: expect.any(Number) }));
    for (const format of ['json', 'csv', 'pdf', 'docx'])
      expect(row(format)).toEqual(expect.objectContaining({ health: expect.objectContaining({ p99: expect.any(Number) }) }));
    expect(run.stdout).toMatch(/"baseline":"postgres copy".*"rowsPerSecond":\d+/);
    expect(run.stdout).toMatch(/"baseline":"health, no render".*"p99":/);
  }, 600_000);
});
