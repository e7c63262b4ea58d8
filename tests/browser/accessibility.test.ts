/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'playwright-core';
import type { CommandPostView, ExerciseView, ScenarioView } from '@excon/contracts';
import type { Language } from '@excon/domain';
import { control, getExercise, inject, injectAction, injectOf } from '../support/exercises';
import { createRoleUsers, createScenario, PASSWORD, type RoleUser } from '../support/fixtures';
import { ADMIN, startTestPlatform, type TestPlatform } from '../support/test-platform';
import { axeViolations } from './axe';
import { closePages, ensureConsoleBuilt, launchChromium, openPage, setLanguage, settle, signIn, type ConsolePage } from './browser-support';

/**
 * Every console page of every role passes axe-core's WCAG 2.1 AA rules, in English and in Russian; the FLASH
 * banner is announced through a live region that was there before it, and never takes the focus from a text
 * being typed. One browser and one platform for all of it.
 */
describe('accessibility of the consoles', () => {
  let t: TestPlatform;
  let browser: Browser;
  let post: CommandPostView;
  let users: Awaited<ReturnType<typeof createRoleUsers>>['users'];
  let scenario: ScenarioView;
  /** Running: the live pages (operator, matrix, evaluation). */
  let live: ExerciseView;
  /** Completed: the after-action report. */
  let done: ExerciseView;
  const pages: ConsolePage[] = [];

  /** The violations of each page, by `page [language]`; a passing run has an empty list under every key. */
  const found: Record<string, string[]> = {};
  const expectNone = () => {
    const names = Object.keys(found);
    expect(names.length).toBeGreaterThan(0);
    expect(found).toEqual(Object.fromEntries(names.map((name) => [name, []])));
    for (const name of names) delete found[name];
  };

  const languageSelect = (page: Page) => page.locator('.language-select select').first();

  /** Waits until the page has drawn what it loads (no "Loading…" left) and, if given, `ready` is on screen. */
  const settled = async (page: Page, ready?: string) => {
    if (ready) await page.locator(ready).first().waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => document.querySelectorAll('.loading').length === 0, undefined, { timeout: 15_000 });
  };

  const switchTo = async (page: Page, lang: Language) => {
    const select = languageSelect(page);
    const before = await select.getAttribute('aria-label');
    if ((await select.inputValue()) !== lang) {
      await select.selectOption(lang);
      // The label of the switch itself is translated: once it changed, the page is drawn in the new language.
      await settle(() => select.getAttribute('aria-label').then((label) => label !== before), true);
    }
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
  };

  /** Runs axe on the page as it is, in English and in Russian (switched with the console's own language switch). */
  const check = async (page: Page, name: string, ready?: string) => {
    for (const lang of ['en', 'ru'] as const) {
      await switchTo(page, lang);
      await settled(page, ready);
      found[`${name} [${lang}]`] = await axeViolations(page);
    }
    await switchTo(page, 'en');
  };

  /** Goes to a route of the console (a hash change: no reload) and checks it. */
  const visit = async (page: Page, route: string, name: string, ready?: string) => {
    await page.goto(`/#${route}`);
    await page.waitForURL((url) => url.hash.startsWith(`#${route.split('?')[0]}`));
    await check(page, name, ready);
  };

  const open = async (user: RoleUser, landing: RegExp) => {
    const opened = await signIn(browser, t.url, user.username, user.username === ADMIN.username ? ADMIN.password : PASSWORD, landing);
    pages.push(opened);
    return opened.page;
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    ({ users, post } = await createRoleUsers(t));
    for (const user of Object.values(users)) await setLanguage(t, user.token, 'en');

    scenario = await createScenario(t, users.controller.token, {
      title: 'Mudflow drill',
      description: 'A mudflow threatens two valleys across the border.',
      language: 'en',
      objectives: [
        {
          ref: 'O1',
          title: 'Warn in time',
          capabilityTarget: 'Within 2 minutes every post acknowledges the warning',
          criticalTasks: ['Receive the warning', 'Acknowledge it'],
        },
      ],
      injects: [
        inject('R-1', 1, [post.id], { title: 'River level rising', ackWithinSeconds: 600, objectiveRefs: ['O1'] }),
        inject('I-1', 2, [post.id], { precedence: 'immediate', title: 'Road closed at the bridge' }),
        inject('F-1', 3600, [post.id], { precedence: 'flash', title: 'Dam breach imminent', body: 'Evacuate the lowlands now.' }),
        inject('F-2', 3600, [post.id], { precedence: 'flash', title: 'Second wave expected', body: 'Keep the roads clear.' }),
      ],
    });
    const exercise = async (title: string) => {
      const made = await t
        .http()
        .post('/api/exercises')
        .set('Authorization', `Bearer ${users.controller.token}`)
        .send({ scenarioId: scenario.id, title });
      if (made.status !== 201) throw new Error(`create exercise: ${made.status} ${JSON.stringify(made.body)}`);
      return made.body as ExerciseView;
    };
    done = await exercise('Mudflow drill, run 1');
    await control(t, users.controller.token, done.id, 'start');
    await control(t, users.controller.token, done.id, 'stop');
    live = await exercise('Mudflow drill, run 2');
  });

  afterEach(() => closePages(pages));

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('the login page', async () => {
    const opened = await openPage(browser, t.url);
    pages.push(opened);
    await opened.page.goto('/');
    await check(opened.page, 'login', 'input[name=username]');
    expectNone();
  });

  it('the operator console: the inject detail, the duty channel and the FLASH banner, announced without taking the focus', async () => {
    const page = await open(users.operator, /#\/operator$/);
    await page.locator('[data-connection=connected]').waitFor();
    const announcement = page.getByTestId('flash-announcement');
    // The live region is in the page before any FLASH: one added together with its text is often not read out.
    expect(await announcement.count()).toBe(1);
    expect(await announcement.getAttribute('aria-live')).toBe('assertive');
    expect((await announcement.textContent())?.trim()).toBe('');

    await control(t, users.controller.token, live.id, 'start');
    const started = await getExercise(t, users.controller.token, live.id);
    await page.locator('li[data-ref="I-1"]').waitFor({ timeout: 15_000 });
    await check(page, 'operator, inbox');
    await page.locator('li[data-ref="R-1"] button').click();
    await page.getByTestId('inject-detail').waitFor();
    await check(page, 'operator, inject detail and duty channel', '[data-testid=duty-channel]');

    /** Types into a text box, fires a FLASH meanwhile, types on: the focus and the text stay, the FLASH is read out. */
    const typeThrough = async (box: string, ref: string, title: string) => {
      const field = page.locator(box);
      await field.click();
      await page.keyboard.type('Water at 2.1 m');
      const fired = await injectAction(t, users.controller.token, live.id, injectOf(started, ref).id, 'fire');
      expect(fired.status).toBe(200);
      await page.locator(`[data-testid=flash-banner]`).filter({ hasText: title }).waitFor({ timeout: 15_000 });
      await page.keyboard.type(' and rising');
      expect(await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, box)).toBe(true);
      expect(await field.inputValue()).toBe('Water at 2.1 m and rising');
      expect(await settle(async () => (await announcement.textContent())?.includes(title) ?? false, true)).toBe(true);
    };
    await typeThrough('textarea[name=response]', 'F-1', 'Dam breach imminent');
    await typeThrough('textarea[name=dutyText]', 'F-2', 'Second wave expected');
    await check(page, 'operator, FLASH banner', '[data-testid=flash-banner]');
    await visit(page, '/training-plan', 'operator, training-plan invitations', '[data-testid=invitations]');
    await visit(page, '/account', 'operator, account', '[data-testid=sessions]');
    expectNone();
  });

  it('the controller console: home, MSEL editor and objectives, import, the live exercise and its matrix', async () => {
    const page = await open(users.controller, /#\/controller$/);
    await check(page, 'controller, home', '[data-testid=scenario-list]');
    await visit(page, '/controller/scenarios/new', 'controller, new scenario', '[data-testid=scenario-form]');
    await visit(page, `/controller/scenarios/${scenario.id}`, 'controller, MSEL editor and objectives', '[data-testid=msel-table]');
    await page.getByRole('button', { name: 'Add inject' }).click();
    await check(page, 'controller, MSEL editor, inject form', '[data-testid=inject-form]');
    await visit(page, '/controller/import', 'controller, import', '[data-testid=import-file-step]');
    await visit(page, `/controller/exercises/${live.id}`, 'controller, exercise run and live matrix', '[data-exercise-status]');
    await visit(page, `/controller/exercises/${done.id}`, 'controller, completed exercise', '[data-exercise-status]');
    await visit(page, '/plan', 'improvement plan', '#plan-summary-heading');
    await visit(page, '/training-plan', 'training plan', '[data-testid=plan-months]');
    await visit(page, '/duty', 'CRC duty roster', '#duty-now-heading');
    expectNone();
  });

  it('the evaluator and reviewer consoles: timeline, evaluation, assignments and the after-action report', async () => {
    const evaluator = await open(users.evaluator, /#\/evaluator$/);
    await check(evaluator, 'evaluator, exercises', '[data-testid=exercise-list]');
    for (const tab of ['timeline', 'evaluation', 'assignments']) {
      await visit(evaluator, `/evaluator/exercises/${live.id}?tab=${tab}`, `evaluator, ${tab}`, `#panel-${tab}`);
    }
    const reviewer = await open(users.reviewer, /#\/reviewer$/);
    await check(reviewer, 'reviewer, exercises', '[data-testid=exercise-list]');
    await visit(reviewer, `/reviewer/exercises/${done.id}`, 'reviewer, report', '[data-testid=report-page]');
    expectNone();
  });

  it('the admin console: every tab', async () => {
    const page = await open(users.admin, /#\/admin$/);
    for (const tab of ['users', 'command-posts', 'post-groups', 'ministries', 'member-states', 'audit']) {
      await visit(page, `/admin/${tab}`, `admin, ${tab}`, 'main h1, main h2');
    }
    expectNone();
  });
});
