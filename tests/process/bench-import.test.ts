import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/**
 * The short version of `npm run bench:import` (the full one, 10,000 injects three times, is run by hand:
 * docs/benchmarks.md): the same script on the built server with 300 injects, once. It checks that the
 * benchmark still runs end to end and that every inject goes in and comes back out; no timing is asserted.
 */
describe('bench:import, short', () => {
  it('imports a generated 300-inject XLSX and exports it again, every inject accounted for', () => {
    const run = spawnSync(
      process.execPath,
      [resolve(ROOT, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', '-P', 'tsconfig.json', 'scripts/bench/import.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_IMPORT_INJECTS: '300', BENCH_IMPORT_RUNS: '1' },
        encoding: 'utf8',
        timeout: 110_000,
      },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect({ status: run.status, output }).toEqual({ status: 0, output: expect.stringContaining('summary') });
    const row = JSON.parse(/^\s+(\{"run":1.*\})$/m.exec(run.stdout)?.[1] ?? 'null') as { injects: number; exportedRows: number } | null;
    expect(row).toEqual(expect.objectContaining({ injects: 300, exportedRows: 300 }));
  });
});
