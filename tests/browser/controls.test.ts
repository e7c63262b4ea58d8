/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'playwright-core';
import type { AuditEventView, CommandPostView, ExerciseView, ScenarioView } from '@excon/contracts';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { control, createExercise, getDeliveries, getExercise, inject, injectOf } from '../support/exercises';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import {
  countControls,
  ensureConsoleBuilt,
  fieldError,
  focused,
  focusPageStart,
  launchChromium,
  openPage,
  screenshot,
  setLanguage,
  settle,
  signIn,
  tabUntil,
  unnamedControls,
  type ConsolePage,
  type PageOptions,
  closePages,
} from './browser-support';

type Login = { token: string; username: string };

/**
 * The consoles' controls end to end, in Chromium against a whole platform: the keyboard path to an
 * acknowledgement, accessible names, objectives and contingency settings in the MSEL editor, hold and
 * skip from the matrix, the overdue alert, a scheduled STARTEX and the audit trail.
 */
describe('console controls', () => {
  let t: TestPlatform;
  let browser: Browser;
  let postA: CommandPostView;
  let controller: Login;
  let operatorA: Login;
  const pages: ConsolePage[] = [];

  const open = async (login: Login, landing: RegExp, options: PageOptions = {}) => {
    const opened = await signIn(browser, t.url, login.username, PASSWORD, landing, options);
    pages.push(opened);
    return opened;
  };

  /** A controller's page on one exercise, marked so that a reload would show. */
  const openExercise = async (exerciseId: string, options: PageOptions = {}) => {
    const ctl = await open(controller, /#\/controller$/, options);
    await ctl.page.goto(`/#/controller/exercises/${exerciseId}`);
    await ctl.page.getByTestId('matrix').waitFor();
    await ctl.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    return ctl;
  };
  const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

  const acknowledgedAt = async (exercise: ExerciseView, ref: string) =>
    (await getDeliveries(t, controller.token, exercise.id)).find((d) => d.injectId === injectOf(exercise, ref).id)?.acknowledgedAt ?? null;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    postA = await createCommandPost(t, {
      code: 'TJ-KChS',
      name: 'Tajikistan, Committee of Emergency Situations',
      memberState: 'TJ',
      ministry: 'emergency',
      timeZone: 'Asia/Dushanbe',
    });
    controller = await createUser(t, 'controller');
    operatorA = await createUser(t, 'operator', postA.id);
    for (const login of [controller, operatorA]) await setLanguage(t, login.token, 'en');
  });

  afterEach(() => closePages(pages));

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('names every form control of the login page', async () => {
    const opened = await openPage(browser, t.url);
    pages.push(opened);
    await opened.page.goto('/');
    await opened.page.locator('input[name=username]').waitFor();
    expect(await countControls(opened.page)).toBeGreaterThanOrEqual(3);
    expect(await unnamedControls(opened.page)).toEqual([]);
  });

  it('reaches and acknowledges a new inject by keyboard alone, from the page start', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('KB-1', 1, [postA.id], { precedence: 'flash', title: 'Chemical plant fire', body: 'Confirm the evacuation radius.' }),
      inject('KB-2', 2, [postA.id], { title: 'Road closures on the M41', body: 'Report the detours in place.' }),
    ]);
    const a = await open(operatorA, /#\/operator$/);
    const { page } = a;
    await page.locator('[data-connection=connected]').waitFor();
    await control(t, controller.token, exercise.id, 'start');
    const started = await getExercise(t, controller.token, exercise.id);

    // The FLASH banner: Tab from the page start reaches its Acknowledge button, after the header's controls.
    await page.getByTestId('flash-banner').waitFor({ timeout: 15_000 });
    await page.locator('li[data-ref="KB-2"]').waitFor({ timeout: 15_000 });
    await focusPageStart(page);
    const toBanner = await tabUntil(page, '[data-testid=flash-acknowledge]');
    const { reached, path } = toBanner;
    expect({ reached, first: path[0], beforeIt: path[path.length - 2], path }).toEqual({
      reached: true,
      first: 'a "Skip to content"',
      beforeIt: 'button "Open"',
      path,
    });
    // Tab stays on the banner's buttons until Escape; Enter acknowledges.
    await page.keyboard.press('Tab');
    expect(await settle(() => focused(page), 'button "Open"', 2000)).toBe('button "Open"');
    await page.keyboard.press('Shift+Tab');
    expect(await settle(() => focused(page), 'button "Acknowledge"', 2000)).toBe('button "Acknowledge"');
    await page.keyboard.press('Enter');
    await page.getByTestId('flash-banner').waitFor({ state: 'detached' });
    expect(await settle(async () => (await acknowledgedAt(started, 'KB-1')) !== null, true, 5000)).toBe(true);
    expect(await focused(page)).not.toBe('body');

    // A routine inject: Tab from the page start reaches it in the list, Enter opens it, Tab reaches Acknowledge.
    await focusPageStart(page);
    expect((await tabUntil(page, 'li[data-ref="KB-2"] button')).reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('inject-detail').waitFor();
    expect((await tabUntil(page, '[data-testid=acknowledge]', 5)).reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('acknowledged').waitFor();
    expect(await settle(async () => (await acknowledgedAt(started, 'KB-2')) !== null, true, 5000)).toBe(true);
    // The next step, the response, has the focus.
    expect(await settle(() => focused(page), 'textarea "Response"')).toBe('textarea "Response"');

    expect(await countControls(page)).toBeGreaterThanOrEqual(2);
    expect(await unnamedControls(page)).toEqual([]);
    await control(t, controller.token, exercise.id, 'stop');
  });

  it('edits objectives and an inject’s objectives, contingency and deadlines in the MSEL editor, with the server’s 400 at its field', async () => {
    const response = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({
        title: 'Mudflow in the Varzob valley',
        language: 'en',
        injects: [
          inject('MF-1', 60, [postA.id], { title: 'Mudflow warning' }),
          inject('MF-C', 0, [postA.id], { title: 'Mudflow warning, repeated', contingency: true }),
        ],
      });
    expect(response.status).toBe(201);
    const scenario = response.body as ScenarioView;
    const saved = async () =>
      (await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', `Bearer ${controller.token}`)).body as ScenarioView;

    const { page } = await open(controller, /#\/controller$/);
    await page.goto(`/#/controller/scenarios/${scenario.id}`);
    const objectives = page.getByTestId('objectives-form');
    await objectives.waitFor();

    // Two objectives, added and saved from the keyboard's point of view (Add focuses the new row).
    for (const [ref, title] of [
      ['OBJ-1', 'Warn the population in time'],
      ['OBJ-2', 'Coordinate the evacuation across the border'],
    ]) {
      await objectives.getByRole('button', { name: 'Add objective' }).click();
      expect(await settle(() => focused(page), 'input "Objective ref."', 2000)).toBe('input "Objective ref."');
      await page.keyboard.type(ref);
      await objectives.locator('.objective-row').last().getByLabel('Objective', { exact: true }).fill(title);
    }
    await objectives.getByRole('button', { name: 'Save objectives' }).click();
    await objectives.getByText('Objectives saved.').waitFor();
    expect((await saved()).objectives).toEqual([
      { ref: 'OBJ-1', title: 'Warn the population in time' },
      { ref: 'OBJ-2', title: 'Coordinate the evacuation across the border' },
    ]);

    // The inject names OBJ-2, releases MF-C to the posts that miss its 30 s acknowledge deadline.
    await page.getByRole('button', { name: 'Edit inject MF-1' }).click();
    const form = page.getByTestId('inject-form');
    expect(await settle(() => focused(page), 'input "Ref."', 2000)).toBe('input "Ref."');
    await form.getByRole('checkbox', { name: /OBJ-2/ }).check();
    await form.getByLabel('Contingency on missed deadline').selectOption('MF-C');
    await form.getByLabel('Acknowledge within').fill('00:00:30');
    await form.getByLabel('Respond within').fill('00:10:00');
    expect(await countControls(page)).toBeGreaterThan(15);
    expect(await unnamedControls(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'controller-msel-objectives');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    // The focus goes back to the button that opened the form.
    expect(await settle(() => focused(page), 'button "Edit inject MF-1"', 2000)).toBe('button "Edit inject MF-1"');
    const mf1 = (await saved()).injects.find((i) => i.ref === 'MF-1');
    expect(
      mf1 && { objectiveRefs: mf1.objectiveRefs, contingencyRef: mf1.contingencyRef, ack: mf1.ackWithinSeconds, respond: mf1.respondWithinSeconds },
    ).toEqual({ objectiveRefs: ['OBJ-2'], contingencyRef: 'MF-C', ack: 30, respond: 600 });

    // Removing OBJ-2 while MF-1 names it: the server's 400 (`objectives`) is shown at the objective list.
    await objectives.getByRole('button', { name: 'Remove objective OBJ-2' }).click();
    await objectives.getByRole('button', { name: 'Save objectives' }).click();
    const listError = objectives.locator('#objectives-error');
    await listError.waitFor();
    expect(await listError.innerText()).toMatch(/OBJ-2.*MF-1/);
    expect((await saved()).objectives.map((o) => o.ref)).toEqual(['OBJ-1', 'OBJ-2']);

    // A duplicate ref is refused at its own field before anything is sent.
    await objectives.getByRole('button', { name: 'Add objective' }).click();
    await objectives.locator('.objective-row').last().getByLabel('Objective ref.').fill('OBJ-1');
    await objectives.locator('.objective-row').last().getByLabel('Objective', { exact: true }).fill('Duplicate');
    await objectives.getByRole('button', { name: 'Save objectives' }).click();
    const duplicate = objectives.locator('.objective-row').last().getByLabel('Objective ref.');
    expect(await settle(() => duplicate.getAttribute('aria-invalid'), 'true')).toBe('true');
    expect(await fieldError(duplicate)).toContain('Already used');
  });

  it('holds and skips injects from the matrix: the held one does not reach the operator at its time, the skipped one never', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      // Due 15 s after STARTEX: a loaded CI machine once took more than 7 s from the click on Start to the click on Hold.
      inject('HS-1', 15, [postA.id]),
      inject('HS-2', 15, [postA.id]),
      inject('HS-3', 16, [postA.id]),
    ]);
    const a = await open(operatorA, /#\/operator$/);
    await a.page.locator('[data-connection=connected]').waitFor();
    const ctl = await openExercise(exercise.id);
    const { page } = ctl;
    const row = (ref: string) => page.locator(`[data-testid=matrix] tr[data-ref="${ref}"]`);
    /** The refs of this exercise the operator's list has shown, even for a moment. */
    const seenByOperator = () =>
      a.page.evaluate(() =>
        Object.keys(window.__seen)
          .filter((ref) => ref.startsWith('HS-'))
          .sort(),
      );
    const cell = (ref: string) => row(ref).locator(`td[data-post="${postA.code}"]`);

    await page.getByRole('button', { name: 'Start now (STARTEX)' }).click();
    await page.locator('[data-exercise-status=running]').waitFor();
    await page.getByRole('button', { name: 'Hold HS-1' }).click();
    await page.locator('tr[data-ref="HS-1"][data-inject-status=held]').waitFor();
    // Skip by keyboard: the focus stays in the row when its controls go.
    await page.getByRole('button', { name: 'Skip HS-2' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('tr[data-ref="HS-2"][data-inject-status=skipped]').waitFor();
    expect(await settle(() => focused(page), 'th "HS-2"')).toBe('th "HS-2"');

    // HS-3, due a second after them, arrives; by then neither HS-1 nor HS-2 has.
    await a.page.locator('li[data-ref="HS-3"]').waitFor({ timeout: 25_000 });
    await a.page.waitForTimeout(1000);
    const startedAt = Date.parse((await getExercise(t, controller.token, exercise.id)).startedAt as string);
    expect(Date.now()).toBeGreaterThan(startedAt + 16_000);
    expect(await seenByOperator()).toEqual(['HS-3']);
    expect(await cell('HS-1').getAttribute('data-status')).toBe('held');
    expect(await cell('HS-2').getAttribute('data-status')).toBe('skipped');
    await page.locator(`tr[data-ref="HS-3"] td[data-post="${postA.code}"][data-status=delivered]`).waitFor();

    // Released, the held one goes out at once; the skipped one never does.
    await page.getByRole('button', { name: 'Release HS-1' }).click();
    await a.page.locator('li[data-ref="HS-1"]').waitFor({ timeout: 10_000 });
    await page.locator(`tr[data-ref="HS-1"] td[data-post="${postA.code}"][data-status=delivered]`).waitFor();
    expect(await seenByOperator()).toEqual(['HS-1', 'HS-3']);
    expect(await row('HS-2').getAttribute('data-inject-status')).toBe('skipped');
    expect(await notReloaded(page)).toBe(true);

    // The controller's "Timeline and reports": the audit trail names each action, translated, with its time and zone.
    await page.getByRole('link', { name: 'Timeline and reports', exact: true }).click();
    const trail = page.getByTestId('audit-trail');
    await trail.locator('tr[data-action="inject.released"]').waitFor();
    const line = (action: string, hasText?: string) => trail.locator(`tr[data-action="${action}"]`, { hasText }).first().innerText();
    expect(await line('inject.held')).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d GMT\\+3\\s+${controller.username}\\s+Inject held\\s+HS-1$`));
    expect(await line('inject.skipped')).toMatch(/Inject skipped\s+HS-2$/);
    expect(await line('exercise.started')).toMatch(/STARTEX\s+at T\+00:00:00$/);
    expect(await line('inject.fired', 'HS-3')).toMatch(/System \(engine\)\s+Inject released on time\s+HS-3 · posts: 1 · lateness -?\d+ ms$/);
    const audit = (await t.http().get(`/api/exercises/${exercise.id}/audit`).set('Authorization', `Bearer ${controller.token}`))
      .body as AuditEventView[];
    expect(await settle(() => trail.locator('tbody tr').count(), audit.length)).toBe(audit.length);
    await control(t, controller.token, exercise.id, 'stop');
  });

  it('shows an inject whose 2 s acknowledge deadline passes unanswered in the controller’s Overdue panel, without a reload', async () => {
    const { exercise } = await createExercise(t, controller.token, [
      inject('OD-1', 1, [postA.id], { title: 'Dam inspection report due', ackWithinSeconds: 2 }),
    ]);
    const a = await open(operatorA, /#\/operator$/);
    await a.page.locator('[data-connection=connected]').waitFor();
    const { page } = await openExercise(exercise.id);
    await control(t, controller.token, exercise.id, 'start');

    // The operator receives it and does nothing.
    await a.page.locator('li[data-ref="OD-1"]').waitFor({ timeout: 10_000 });
    const alert = page.getByTestId('overdue-list').locator('li', { hasText: 'OD-1' });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.innerText()).toContain(postA.code);
    await page.locator(`tr[data-ref="OD-1"] td[data-post="${postA.code}"][data-status=overdue]`).waitFor();
    expect(await notReloaded(page)).toBe(true);
    const [delivery] = await getDeliveries(t, controller.token, exercise.id);
    expect(delivery.acknowledgedAt).toBeNull();
    expect(delivery.overdueAt).not.toBeNull();
    await control(t, controller.token, exercise.id, 'stop');
  });

  it('schedules STARTEX 3 s ahead from a controller in another zone: scheduled, then running on its own', async () => {
    const { exercise } = await createExercise(t, controller.token, [inject('SC-1', 30, [postA.id])]);
    // The controller sits in Tashkent (UTC+5): the input is in Tashkent time, Moscow (UTC+3) is shown beside it.
    const { page } = await openExercise(exercise.id, { timezoneId: 'Asia/Tashkent' });
    const form = page.getByTestId('schedule-form');
    const input = form.getByLabel(/STARTEX at — your time \(Asia\/Tashkent\)/);
    const planned = await page.evaluate(() => {
      const at = Math.ceil((Date.now() + 3000) / 1000) * 1000;
      const d = new Date(at);
      const p = (n: number) => String(n).padStart(2, '0');
      return {
        at,
        value: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`,
      };
    });
    await input.fill(planned.value);
    // Both zones of the chosen moment, side by side under the field (read now: the form goes once the exercise runs).
    const preview = await form.locator('.zone-pair').innerText();
    await form.getByRole('button', { name: 'Schedule STARTEX' }).click();
    const status = page.getByTestId('exercise-status');
    await page.locator('[data-exercise-status=scheduled]').waitFor();
    const shown = {
      status: await status.innerText(),
      planned: await page.getByTestId('scheduled-for').innerText(),
      at: await page.getByTestId('scheduled-for').getAttribute('data-at'),
    };
    await screenshot(page, 'controller-scheduled-start');

    const moscow = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Moscow',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).format(planned.at);
    const tashkent = planned.value.slice(11);
    expect(preview).toContain(`Your time (Asia/Tashkent): `);
    expect(preview).toContain(`${tashkent} GMT+5`);
    expect(preview).toContain(`CRC (Moscow): `);
    expect(preview).toContain(`${moscow} GMT+3`);
    expect(shown.status).toBe('scheduled');
    expect(shown.planned).toContain(`${tashkent} GMT+5`);
    expect(shown.planned).toContain(`${moscow} GMT+3`);
    expect(shown.at).toBe(new Date(planned.at).toISOString());
    expect((await getExercise(t, controller.token, exercise.id)).scheduledFor).toBe(new Date(planned.at).toISOString());

    await page.locator('[data-exercise-status=running]').waitFor({ timeout: 10_000 });
    expect(await status.innerText()).toBe('running');
    expect(await notReloaded(page)).toBe(true);
    const startedAt = Date.parse((await getExercise(t, controller.token, exercise.id)).startedAt as string);
    expect(startedAt - planned.at).toBeGreaterThanOrEqual(-20);
    expect(startedAt - planned.at).toBeLessThan(2500);
    await control(t, controller.token, exercise.id, 'stop');
  });
});
