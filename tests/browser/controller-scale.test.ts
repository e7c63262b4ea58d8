/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'playwright-core';
import type { CommandPostView, DeliveryView } from '@excon/contracts';
import { isDeliveryAtLeast } from '@excon/domain';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { control, createExercise, getDeliveries, inject } from '../support/exercises';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { closePages, ensureConsoleBuilt, launchChromium, setLanguage, signIn, type ConsolePage } from './browser-support';

const INJECTS = 300;
const POSTS = 13;

/** Every matrix cell's status as the page shows it, scrolling the matrix through from top to bottom. */
function pageCells(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const cells: Record<string, string> = {};
    const scroller = document.querySelector<HTMLElement>('[data-testid=matrix-scroll]') as HTMLElement;
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let top = 0; ; top += scroller.clientHeight / 2) {
      scroller.scrollTop = top;
      await frame();
      for (const row of document.querySelectorAll<HTMLElement>('[data-testid=matrix] tr[data-inject-id]'))
        for (const cell of row.querySelectorAll<HTMLElement>('td.cell[data-post-id]'))
          cells[`${row.dataset.injectId}|${cell.dataset.postId}`] = cell.dataset.status ?? '';
      if (top >= scroller.scrollHeight) break;
    }
    scroller.scrollTop = 0;
    return cells;
  });
}

const shownAs = (d: DeliveryView) => (d.overdueAt && !isDeliveryAtLeast(d.status, 'acknowledged') ? 'overdue' : d.status);

/**
 * The controller's matrix with a large exercise (300 injects × 13 posts at 60×, about 370 delivery events a
 * second): only the rows in view are in the DOM, scrolling shows the later ones, the page answers clicks while
 * the events stream, and at the end every cell shows what the server recorded.
 */
describe('controller console at scale', () => {
  let t: TestPlatform;
  let browser: Browser;
  let posts: CommandPostView[];
  let controller: { token: string; username: string };
  const pages: ConsolePage[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    posts = [];
    for (let i = 0; i < POSTS; i++)
      posts.push(
        await createCommandPost(t, { code: `SC-${i}`, name: `Scale post ${i}`, memberState: 'KZ', ministry: 'emergency', timeZone: 'Asia/Almaty' }),
      );
    controller = await createUser(t, 'controller');
    await setLanguage(t, controller.token, 'en');
  });

  afterAll(async () => {
    await closePages(pages);
    await browser?.close();
    await t?.stop();
  });

  it('virtualises the matrix, keeps answering input while deliveries stream, and ends showing every delivery as the server has it', async () => {
    const targets = posts.map((p) => p.id);
    const injects = Array.from({ length: INJECTS }, (_, i) => inject(`SC-${String(i).padStart(3, '0')}`, 30 + i * 2, targets));
    const { exercise } = await createExercise(t, controller.token, injects, 60);

    const ctl = await signIn(browser, t.url, controller.username, PASSWORD, /#\/controller$/);
    pages.push(ctl);
    const { page } = ctl;
    await page.goto(`/#/controller/exercises/${exercise.id}`);
    await page.locator(`[data-testid=matrix-model][data-injects="${INJECTS}"]`).waitFor({ timeout: 30_000 });

    // Far fewer rows in the DOM than the exercise has; the last one appears once scrolled to.
    const rows = page.locator('[data-testid=matrix] tr[data-inject-id]');
    expect(await rows.count()).toBeLessThan(INJECTS / 3);
    expect(await page.locator('tr[data-ref="SC-299"]').count()).toBe(0);
    await page.getByTestId('matrix-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.locator('tr[data-ref="SC-299"]').waitFor({ timeout: 10_000 });
    expect(await rows.count()).toBeLessThan(INJECTS / 3);
    await page.getByTestId('matrix-scroll').evaluate((el) => (el.scrollTop = 0));
    await page.locator('tr[data-ref="SC-000"]').waitFor({ timeout: 10_000 });

    await control(t, controller.token, exercise.id, 'start');
    const expected = INJECTS * POSTS;
    const model = page.getByTestId('matrix-model');
    const shown = async () => Number(await model.getAttribute('data-deliveries'));
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid=matrix-model]')?.dataset.deliveries) > 0, null, {
      timeout: 30_000,
    });

    // While the deliveries stream, the page answers: the ad-hoc form opens and closes on a click.
    const adHoc = page.locator('details:has(#adhoc-heading)');
    let clicks = 0;
    while ((await shown()) < expected && clicks < 6) {
      await adHoc.locator('summary').click({ timeout: 10_000 });
      await page.waitForFunction((open) => document.querySelector('details:has(#adhoc-heading)')?.hasAttribute('open') === open, clicks % 2 === 0, {
        timeout: 10_000,
      });
      clicks++;
    }
    expect(clicks).toBeGreaterThan(0);

    // The server fires everything; the page then shows every delivery, each as the server records it.
    let server: DeliveryView[] = [];
    for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 1000))) {
      server = await getDeliveries(t, controller.token, exercise.id);
      if (server.length === expected) break;
    }
    expect(server).toHaveLength(expected);
    await page.locator(`[data-testid=matrix-model][data-deliveries="${expected}"]`).waitFor({ timeout: 30_000 });
    const cells = await pageCells(page);
    const differing = server.filter((d) => cells[`${d.injectId}|${d.commandPostId}`] !== shownAs(d));
    expect(differing.map((d) => `${d.injectId}|${d.commandPostId}: ${cells[`${d.injectId}|${d.commandPostId}`]} ≠ ${shownAs(d)}`)).toEqual([]);
    expect(ctl.errors).toEqual([]);
  }, 180_000);
});
