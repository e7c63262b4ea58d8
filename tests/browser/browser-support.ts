/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Language } from '@excon/domain';
import type { TestPlatform } from '../support/test-platform';

const ROOT = join(__dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
export const VIEWPORT = { width: 1366, height: 768 };

/** Debian's Chromium (installed by .ci/run when absent); never a downloaded browser. */
const CHROMIUM = process.env.EXCON_CHROMIUM ?? '/usr/bin/chromium';

/** The platform serves apps/console/dist; `npm test` builds it first, a lone run of this suite builds it here. */
export function ensureConsoleBuilt(): void {
  if (existsSync(join(ROOT, 'apps', 'console', 'dist', 'index.html'))) return;
  execFileSync('npm', ['run', '--silent', 'build:console'], { cwd: ROOT, stdio: 'inherit' });
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

declare global {
  interface Window {
    /** Epoch ms at which each `li[data-ref]` (an inject in the operator's list) first appeared. */
    __seen: Record<string, number>;
  }
}

/** A browser page of one console, with every uncaught page error collected. */
export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** The browser's own zone: Moscow (the CRC's) unless a test sits somewhere else. */
export interface PageOptions {
  timezoneId?: string;
}

export async function openPage(browser: Browser, baseUrl: string, options: PageOptions = {}): Promise<ConsolePage> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    locale: 'en-GB',
    timezoneId: options.timezoneId ?? 'Europe/Moscow',
    baseURL: baseUrl,
  });
  // Records when each inject first shows up in the operator's list, from inside the page.
  await context.addInitScript(() => {
    window.__seen = {};
    new MutationObserver(() => {
      for (const item of document.querySelectorAll<HTMLElement>('li[data-ref]')) {
        const ref = item.dataset.ref as string;
        if (!(ref in window.__seen)) window.__seen[ref] = Date.now();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The consoles run under the server's Content-Security-Policy: anything it blocks fails the suite (afterAll checks `errors`).
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) errors.push(`CSP: ${message.text()}`);
  });
  return { context, page, errors };
}

/** Signs in through the login page and waits for the role's landing page. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  landing: RegExp,
  options: PageOptions = {},
): Promise<ConsolePage> {
  const opened = await openPage(browser, baseUrl, options);
  const { page } = opened;
  await page.goto('/');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(landing);
  return opened;
}

/** Sets a user's interface language through the API (as the user would in the console). */
export async function setLanguage(t: TestPlatform, token: string, language: Language): Promise<void> {
  const response = await t.http().patch('/api/users/me').set('Authorization', `Bearer ${token}`).send({ language });
  if (response.status !== 200) throw new Error(`set language: ${response.status} ${JSON.stringify(response.body)}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** How many items of the operator's list carry each ref of one exercise. */
export function injectCounts(page: Page, exerciseId: string): Promise<Record<string, number>> {
  return page.locator(`[data-testid=inject-list] li[data-exercise-id="${exerciseId}"]`).evaluateAll((items) => {
    const counts: Record<string, number> = {};
    for (const item of items) {
      const ref = (item as HTMLElement).dataset.ref as string;
      counts[ref] = (counts[ref] ?? 0) + 1;
    }
    return counts;
  });
}

/** The validation message tied to a form control (through its aria-describedby), or null. */
export async function fieldError(control: Locator): Promise<string | null> {
  const ids = (await control.getAttribute('aria-describedby'))?.split(/\s+/) ?? [];
  for (const id of ids) {
    const element = control.page().locator(`[id="${id}"].field-error`);
    if (await element.count()) return element.innerText();
  }
  return null;
}

/**
 * Reads a value until it equals `expected` or the time runs out, and returns the last reading
 * (then `expect(await settle(...)).toEqual(expected)` shows what it was when it did not settle).
 */
export async function settle<T>(read: () => T | Promise<T>, expected: T, timeoutMs = 5000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDeepStrictEqual(value, expected) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Every visible input, select and textarea without an accessible name from a label, aria-label or
 * aria-labelledby (a placeholder or a title does not count), described as `tag[name=…]`. Empty: all named.
 */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const text = (element: Element | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const nameOf = (control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement) => {
      const labelledBy = control.getAttribute('aria-labelledby');
      if (labelledBy) {
        const byIds = labelledBy
          .split(/\s+/)
          .map((id) => text(document.getElementById(id)))
          .join(' ')
          .trim();
        if (byIds) return byIds;
      }
      const label = control.getAttribute('aria-label')?.trim();
      if (label) return label;
      return [...(control.labels ?? [])].map(text).join(' ').trim();
    };
    const controls = [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')];
    return controls
      .filter((c) => c.type !== 'hidden' && c.getClientRects().length > 0 && getComputedStyle(c).visibility !== 'hidden')
      .filter((c) => !nameOf(c))
      .map((c) => `${c.tagName.toLowerCase()}[name=${c.getAttribute('name') ?? ''}]`);
  });
}

/** How many visible inputs, selects and textareas the page shows (so that a check of their names is not vacuous). */
export function countControls(page: Page): Promise<number> {
  return page.locator('input:visible, select:visible, textarea:visible').count();
}

/**
 * Puts the keyboard at the very start of the page, as after loading it: the next Tab goes to the first
 * focusable element (a hidden, unfocusable-by-Tab marker at the top of <body> takes the focus).
 */
export async function focusPageStart(page: Page): Promise<void> {
  await page.evaluate(() => {
    let marker = document.getElementById('test-page-start');
    if (!marker) {
      marker = document.createElement('span');
      marker.id = 'test-page-start';
      marker.tabIndex = -1;
      document.body.prepend(marker);
    }
    marker.focus();
  });
}

/** A short description of the focused element: `button "Acknowledge"`, `a "Skip to content"`, `select "Language"`. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return 'body';
    const name =
      element.getAttribute('aria-label') ??
      (element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement
        ? [...(element.labels ?? [])].map((l) => l.textContent).join(' ')
        : element.textContent);
    return `${element.tagName.toLowerCase()} "${(name ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)}"`;
  });
}

/** Presses Tab until the focused element matches `selector`, at most `max` times; returns what got the focus on the way. */
export async function tabUntil(page: Page, selector: string, max = 20): Promise<{ reached: boolean; path: string[] }> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    path.push(await focused(page));
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return { reached: true, path };
  }
  return { reached: false, path };
}

/** After each test: closes the pages it opened and expects none of them to have logged a page error. */
export async function closePages(pages: ConsolePage[]): Promise<void> {
  const errors = pages.flatMap((p) => p.errors);
  await Promise.all(pages.splice(0).map((p) => p.context.close()));
  expect(errors).toEqual([]);
}
