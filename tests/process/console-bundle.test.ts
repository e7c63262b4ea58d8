import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(__dirname, '../..');
const ASSETS = join(ROOT, 'apps', 'console', 'dist', 'assets');
/** The budget of the brief: every console's JavaScript, gzipped, lazily loaded chunks (uPlot's) included. */
const BUDGET_BYTES = 200 * 1024;

/**
 * The console bundle stays within its budget. It builds the console afresh (what `npm test` serves), then sums
 * the gzipped size (level 9, as a server would send it) of every JavaScript file Vite wrote.
 */
describe('console bundle', () => {
  it('is at most 200 KB of JavaScript gzipped, every chunk included', () => {
    execFileSync('npm', ['run', '--silent', 'build:console'], { cwd: ROOT, stdio: 'ignore' });
    const chunks = readdirSync(ASSETS)
      .filter((name) => name.endsWith('.js'))
      .map((name) => ({ name, gzipped: gzipSync(readFileSync(join(ASSETS, name)), { level: 9 }).length }));
    const total = chunks.reduce((sum, c) => sum + c.gzipped, 0);
    console.log(
      `console JavaScript, gzipped: ${chunks.map((c) => `${c.name} ${(c.gzipped / 1024).toFixed(1)} KB`).join(', ')}; total ${(total / 1024).toFixed(1)} KB`,
    );
    // The main chunk and the reviewer's lazily loaded report page, at least.
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
