import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const MAIN = 'dist/apps/standalone/src/main.js';
const OUT = resolve(tmpdir(), `bench-delivery-test-${process.pid}.json`);

/**
 * The short version of `npm run bench:delivery` (the full one, three rounds of 1,000 and 10,000 consoles, is run by
 * hand: docs/benchmarks.md): the same script on the built server, one round of 100 consoles, 3 injects and a burst
 * of 50, unpinned. It checks that every case (baseline, ExCon on PostgreSQL and on Redis queues, steady and burst)
 * still runs end to end, that every console gets every inject, and that consoles that miss nothing ask no `sync`
 * (a STARTEX that made every console sync would be a thundering herd). No timing is asserted.
 */
describe('bench:delivery, short', () => {
  afterAll(() => rmSync(OUT, { force: true }));

  it('delivers every inject to every console in every case, and no console syncs', () => {
    expect({ built: existsSync(resolve(ROOT, MAIN)) }).toEqual({ built: true });
    const run = spawnSync(
      process.execPath,
      [resolve(ROOT, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', '-P', 'tsconfig.json', 'scripts/bench/delivery.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          BENCH_ROUNDS: '1',
          BENCH_SIZES: '100',
          BENCH_INJECTS: '3',
          BENCH_BURST: '50',
          BENCH_PIN: '0',
          BENCH_OUT: OUT,
        },
        encoding: 'utf8',
        timeout: 230_000,
      },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect({ status: run.status, output }).toEqual({ status: 0, output: expect.stringContaining('| case | consoles |') });
    const rows = JSON.parse(readFileSync(OUT, 'utf8')) as { case: string; phase: string; n: number; expected: number; syncsSent: number }[];
    const seen = rows.map((r) => ({ case: r.case, phase: r.phase, receipts: `${r.n}/${r.expected}`, syncs: r.syncsSent }));
    const complete = (c: string, phase: string, expected: number) => ({ case: c, phase, receipts: `${expected}/${expected}`, syncs: 0 });
    expect(seen).toEqual(
      expect.arrayContaining(['baseline', 'excon/postgres', 'excon/redis'].flatMap((c) => [complete(c, 'steady', 300), complete(c, 'burst', 386)])),
    );
    expect(seen).toHaveLength(6);
    // The markdown table says the same: each case's receipts complete and 0 in the syncs column.
    const table = output.split('\n').filter((line) => /^\| (baseline|ExCon)/.test(line));
    expect(table.map((line) => line.split(' | ').slice(3, 4).concat(line.split(' | ')[12]))).toEqual([
      ...Array(3).fill(['300/300', '0']),
      ...Array(3).fill(['386/386', '0']),
    ]);
  }, 240_000);
});
