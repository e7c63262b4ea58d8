import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertServerBuilt } from '../support/server-process';

const ROOT = resolve(__dirname, '../..');

/**
 * The short version of `npm run bench:cluster` (the full one, 10,000 consoles over three rounds, is run by
 * hand): the same script on the built API and worker entry points behind Debian's HAProxy, with 100 consoles
 * and 3 injects, once. It checks that the benchmark still runs end to end, that every case got every
 * receipt and that the balancer spread the consoles over both processes; no timing is asserted.
 */
describe('bench:cluster, short', () => {
  it('runs ExCon and the bare socket.io pair, two processes and one, behind HAProxy, every receipt accounted for', () => {
    assertServerBuilt();
    const out = join(tmpdir(), `bench-cluster-${process.pid}.json`);
    const run = spawnSync(
      process.execPath,
      [resolve(ROOT, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', '-P', 'tsconfig.json', 'scripts/bench/cluster.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_CONSOLES: '100', BENCH_INJECTS: '3', BENCH_ROUNDS: '1', BENCH_OUT: out },
        encoding: 'utf8',
        timeout: 230_000,
      },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect({ status: run.status, output }).toEqual({ status: 0, output: expect.stringContaining('| one process against two |') });
    const raw = readFileSync(out, 'utf8');
    rmSync(out);
    const result = JSON.parse(raw) as {
      runs: { case: string; expected: number; receipts: number; placement: Record<string, number> }[];
    };
    expect(result.runs.map((r) => r.case).sort()).toEqual(['baseline ×1', 'baseline ×2', 'excon ×1', 'excon ×2']);
    for (const r of result.runs) expect({ case: r.case, receipts: r.receipts }).toEqual({ case: r.case, receipts: 300 });
    // Both processes of a pair hold consoles (leastconn); their sum is every console.
    for (const r of result.runs.filter((r) => r.case.endsWith('×2'))) {
      expect({ case: r.case, placement: r.placement }).toEqual({
        case: r.case,
        placement: { 'api-1': expect.any(Number), 'api-2': expect.any(Number) },
      });
      expect(Math.min(r.placement['api-1'], r.placement['api-2'])).toBeGreaterThan(0);
      expect(r.placement['api-1'] + r.placement['api-2']).toBe(100);
    }
  }, 240_000);
});
