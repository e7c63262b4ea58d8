/**
 * Writes docs/screenshots/aar-page.png, the README's page of the after-action report: the PDF of the rich
 * bilingual fixture (apps/api/src/reports/report-fixture.testing.ts), its first page of the analysis per
 * objective, rendered with poppler's pdftoppm.
 *   npx ts-node --transpile-only -r tsconfig-paths/register scripts/docs/aar-screenshot.ts [page]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { richReport } from '../../apps/api/src/reports/report-fixture.testing';
import { renderReportPdf } from '../../apps/api/src/reports/report-pdf';

async function main(): Promise<void> {
  const page = process.argv[2] ?? '3';
  const dir = mkdtempSync(join(tmpdir(), 'aar-screenshot-'));
  try {
    const pdf = join(dir, 'aar.pdf');
    writeFileSync(pdf, await renderReportPdf(richReport()));
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', page, '-l', page, '-singlefile', pdf, join(dir, 'page')]);
    const target = resolve(__dirname, '../../docs/screenshots/aar-page.png');
    renameSync(join(dir, 'page.png'), target);
    console.log(`wrote ${target} (page ${page})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
