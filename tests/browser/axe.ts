/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';

/** The rules of WCAG 2.1 levels A and AA (axe-core's tags). */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let source: string | null = null;

/**
 * Runs axe-core's WCAG 2.1 AA rules on the page as it is and returns every violation, one readable line per
 * rule and element: `color-contrast (serious) .flash-banner small: Fix any of the following: …`. Empty: none.
 *
 * axe is evaluated through the DevTools protocol, not added as a `<script>`: the consoles run under the server's
 * Content-Security-Policy, which refuses inline scripts (and the suites count such refusals as page errors).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const results = await page.evaluate(
    (values) =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values },
        resultTypes: ['violations'],
      }),
    WCAG_21_AA,
  );
  return results.violations.flatMap((violation: Result) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'unknown'}) ${node.target.join(' ')}: ${(node.failureSummary ?? violation.help).replace(/\s+/g, ' ').trim()}`,
    ),
  );
}
