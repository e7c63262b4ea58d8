/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser } from 'playwright-core';
import type { CommandPostView, ScenarioView } from '@excon/contracts';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { control, getDeliveries, getExercise, inject, injectOf } from '../support/exercises';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import {
  ensureConsoleBuilt,
  fieldError,
  injectCounts,
  launchChromium,
  openPage,
  screenshot,
  setLanguage,
  settle,
  signIn,
  type ConsolePage,
  closePages,
} from './browser-support';

type Login = { token: string; username: string };

/**
 * The browser consoles end to end: Debian's Chromium against a whole platform (own database, own port)
 * serving the built consoles. Timing claims are measured inside the page against the server's due time.
 */
describe('browser consoles', () => {
  let t: TestPlatform;
  let browser: Browser;
  let postA: CommandPostView;
  let postB: CommandPostView;
  let controller: Login;
  let operatorA: Login;
  let operatorB: Login;
  const pages: ConsolePage[] = [];

  /** Signs in; the page is closed after the test unless `keep` (then the test that uses it last closes it). */
  const open = async (login: Login, landing: RegExp, keep = false) => {
    const opened = await signIn(browser, t.url, login.username, PASSWORD, landing);
    if (!keep) pages.push(opened);
    return opened;
  };

  const scenario = async (title: string, injects: ReturnType<typeof inject>[]): Promise<ScenarioView> => {
    const response = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({ title, language: 'en', injects });
    if (response.status !== 201) throw new Error(`create scenario: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as ScenarioView;
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    postA = await createCommandPost(t, {
      code: 'KZ-MES',
      name: 'Kazakhstan, Ministry for Emergency Situations',
      memberState: 'KZ',
      ministry: 'emergency',
      timeZone: 'Asia/Almaty',
    });
    postB = await createCommandPost(t, {
      code: 'KG-MES',
      name: 'Kyrgyzstan, Ministry of Emergency Situations',
      memberState: 'KG',
      ministry: 'emergency',
      timeZone: 'Asia/Bishkek',
    });
    controller = await createUser(t, 'controller');
    operatorA = await createUser(t, 'operator', postA.id);
    operatorB = await createUser(t, 'operator', postB.id);
    for (const login of [controller, operatorA, operatorB]) await setLanguage(t, login.token, 'en');
  });

  afterEach(() => closePages(pages));

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows the login page (screenshot)', async () => {
    const opened = await openPage(browser, t.url);
    pages.push(opened);
    await opened.page.goto('/');
    await opened.page.locator('input[name=username]').waitFor();
    expect(await opened.page.locator('label', { hasText: 'User name' }).count()).toBe(1);
    await screenshot(opened.page, 'login');
  });

  it('creates a 3-inject scenario in the MSEL editor, with a validation error shown at its field', async () => {
    const { page } = await open(controller, /#\/controller$/);
    await page.getByRole('link', { name: 'New scenario' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Ice jam on the Ili river');
    await page.getByLabel('Scenario language').selectOption('en');
    await page.getByRole('button', { name: 'Create scenario' }).click();
    await page.waitForURL(/#\/controller\/scenarios\/[0-9a-f-]{36}$/);
    const scenarioId = page.url().split('/').pop() as string;
    const form = page.getByTestId('inject-form');

    const fill = async (ref: string, offset: string, title: string, codes: string[]) => {
      await form.getByLabel('Ref.').fill(ref);
      await form.getByLabel('Time (T+hh:mm:ss)').fill(offset);
      await form.getByLabel('Title (English)').fill(title);
      await form.getByLabel('Text (English)').fill(`${title}: details follow.`);
      for (const code of codes) await form.locator(`input[name=targets][data-code="${code}"]`).check();
    };
    const rows = () => page.locator('[data-testid=msel-table] tbody tr');

    await page.getByRole('button', { name: 'Add inject' }).click();
    await fill('ICE-01', 'T+00:00:30', 'Ice jam reported upstream', ['KZ-MES']);
    await form.getByRole('button', { name: 'Add to MSEL' }).click();
    expect(await settle(() => rows().count(), 1)).toBe(1);

    await page.getByRole('button', { name: 'Add inject' }).click();
    await fill('ICE-02', 'T+00:05:00', 'Water level rising at the border', ['KZ-MES', 'KG-MES']);
    await form.getByLabel('Precedence').selectOption('immediate');
    await form.getByLabel('Acknowledge within').fill('00:02:00');
    await form.getByRole('button', { name: 'Add to MSEL' }).click();
    expect(await settle(() => rows().count(), 2)).toBe(2);

    // A time that is not T+hh:mm:ss: refused at the offset field, nothing sent.
    await page.getByRole('button', { name: 'Add inject' }).click();
    await fill('ICE-02', 'T+00:75:00', 'Evacuation of riverside villages', ['KG-MES']);
    await form.getByRole('button', { name: 'Add to MSEL' }).click();
    const offset = form.getByLabel('Time (T+hh:mm:ss)');
    expect(await settle(() => offset.getAttribute('aria-invalid'), 'true')).toBe('true');
    expect(await fieldError(offset)).toContain('T+hh:mm:ss');
    expect(await form.locator('[aria-invalid=true]').count()).toBe(1);

    // The server's 400 (a ref already in the MSEL) is shown at the ref field.
    await offset.fill('T+00:12:00');
    await form.getByRole('button', { name: 'Add to MSEL' }).click();
    const ref = form.getByLabel('Ref.');
    expect(await settle(() => ref.getAttribute('aria-invalid'), 'true')).toBe('true');
    expect(await fieldError(ref)).toMatch(/ICE-02/);
    expect(await offset.getAttribute('aria-invalid')).toBeNull();
    await screenshot(page, 'controller-msel-editor');

    await ref.fill('ICE-03');
    await form.getByRole('button', { name: 'Add to MSEL' }).click();
    expect(await settle(() => rows().count(), 3)).toBe(3);
    expect(await rows().evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.ref))).toEqual(['ICE-01', 'ICE-02', 'ICE-03']);

    const saved = (await t.http().get(`/api/scenarios/${scenarioId}`).set('Authorization', `Bearer ${controller.token}`)).body as ScenarioView;
    expect(saved.injects.map((i) => [i.ref, i.offsetSeconds, i.precedence, i.targets.length])).toEqual([
      ['ICE-01', 30, 'routine', 1],
      ['ICE-02', 300, 'immediate', 2],
      ['ICE-03', 720, 'routine', 1],
    ]);
    expect(saved.injects[1].ackWithinSeconds).toBe(120);
  });

  /** Shared by the live test and the isolation test that follows it. */
  let live: { exerciseId: string; operatorB: ConsolePage } | undefined;
  afterAll(() => live?.operatorB.context.close().catch(() => undefined));

  it('delivers an inject to the operator within 1 s of its due time; the acknowledgement reaches the controller matrix without a reload', async () => {
    const flow = await scenario('Flood drill', [
      inject('FL-1', 3, [postA.id], {
        precedence: 'immediate',
        title: 'Flooding on the Ili river',
        body: 'Report the state of the dams within 10 minutes.',
        ackWithinSeconds: 600,
        from: 'Hydromet service (simulated)',
      }),
      inject('FL-2', 2, [postB.id], { title: 'Routine weather briefing' }),
      inject('FL-3', 6, [postA.id], {
        precedence: 'flash',
        title: 'Dam breach imminent',
        body: 'Evacuate the lowland settlements now.',
        ackWithinSeconds: 120,
      }),
    ]);
    const a = await open(operatorA, /#\/operator$/);
    const b = await open(operatorB, /#\/operator$/, true);
    const ctl = await open(controller, /#\/controller$/);

    // The controller creates and starts the exercise from the console.
    await ctl.page.getByLabel('Scenario', { exact: true }).selectOption(flow.id);
    await ctl.page.getByTestId('new-exercise-form').getByRole('button', { name: 'Create exercise' }).click();
    await ctl.page.waitForURL(/#\/controller\/exercises\/[0-9a-f-]{36}$/);
    const exerciseId = ctl.page.url().split('/').pop() as string;
    await ctl.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    for (const p of [a, b]) await p.page.locator('[data-connection=connected]').waitFor();
    await ctl.page.getByRole('button', { name: 'Start now (STARTEX)' }).click();
    await ctl.page.locator('[data-exercise-status=running]').waitFor();
    live = { exerciseId, operatorB: b };

    const started = await getExercise(t, controller.token, exerciseId);
    const dueAt = Date.parse(injectOf(started, 'FL-1').dueAt as string);
    await a.page.locator('li[data-ref="FL-1"]').waitFor({ timeout: 15_000 });
    const seenAt = await a.page.evaluate(() => window.__seen['FL-1']);
    expect(seenAt - dueAt).toBeLessThan(1000);
    expect(seenAt - dueAt).toBeGreaterThan(-100);

    // The console confirmed receipt by itself; the operator opens and acknowledges.
    const code = postA.code;
    const cell = (status: string) => ctl.page.locator(`tr[data-ref="FL-1"] td[data-post="${code}"][data-status="${status}"]`);
    await cell('delivered').waitFor();
    await a.page.locator('li[data-ref="FL-1"] button').click();
    await a.page.getByTestId('ack-countdown').waitFor();
    await a.page.getByTestId('acknowledge').click();
    await a.page.getByTestId('acknowledged').waitFor();
    await cell('acknowledged').waitFor({ timeout: 5000 });
    expect(await ctl.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await a.page.locator('li[data-ref="FL-1"]').getAttribute('data-state')).toBe('acknowledged');

    // The FLASH inject interrupts with a banner; screenshots of both consoles.
    await a.page.getByTestId('flash-banner').waitFor({ timeout: 15_000 });
    await ctl.page.locator(`tr[data-ref="FL-3"] td[data-post="${code}"][data-status="delivered"]`).waitFor();
    await screenshot(a.page, 'operator-console');
    await screenshot(ctl.page, 'controller-live-matrix');
    const deliveries = await getDeliveries(t, controller.token, exerciseId);
    expect(deliveries.find((d) => d.commandPostId === postA.id && d.injectId === injectOf(started, 'FL-1').id)?.status).toBe('acknowledged');
  });

  it('never shows the inject to the operator of another post', async () => {
    if (!live) throw new Error('needs the exercise of the previous test');
    const { page } = live.operatorB;
    pages.push(live.operatorB);
    // Post B got its own inject, so its console was live throughout …
    await page.locator('li[data-ref="FL-2"]').waitFor();
    await page.waitForTimeout(500);
    // … and never, even for a moment, listed post A's.
    const seen = await page.evaluate(() => Object.keys(window.__seen).sort());
    expect(seen).toEqual(['FL-2']);
    expect(await page.getByText('Flooding on the Ili river').count()).toBe(0);
    expect(await page.getByText('Dam breach imminent').count()).toBe(0);
    await control(t, controller.token, live.exerciseId, 'stop');
  });

  it('after a reload mid-exercise shows every missed inject once', async () => {
    const refs = ['RL-1', 'RL-2', 'RL-3', 'RL-4'];
    const drill = await scenario('Reload drill', [
      inject('RL-1', 1, [postA.id]),
      inject('RL-2', 3, [postA.id]),
      inject('RL-3', 4, [postA.id]),
      inject('RL-4', 9, [postA.id]),
    ]);
    const exercise = (await t.http().post('/api/exercises').set('Authorization', `Bearer ${controller.token}`).send({ scenarioId: drill.id }))
      .body as { id: string };
    const a = await open(operatorA, /#\/operator$/);
    await a.page.locator('[data-connection=connected]').waitFor();
    await control(t, controller.token, exercise.id, 'start');
    await a.page.locator('li[data-ref="RL-1"]').waitFor({ timeout: 10_000 });

    // The console goes away while RL-2 and RL-3 are released …
    await a.page.goto('about:blank');
    const fired = async () => (await getDeliveries(t, operatorA.token, exercise.id)).length;
    expect(await settle(fired, 3, 10_000)).toBe(3);

    // … and comes back with them, each once; RL-4 then arrives live.
    await a.page.goto('/#/operator');
    const once = (list: string[]) => Object.fromEntries(list.map((ref) => [ref, 1]));
    expect(await settle(() => injectCounts(a.page, exercise.id), once(refs.slice(0, 3)), 10_000)).toEqual(once(refs.slice(0, 3)));
    await a.page.locator('li[data-ref="RL-4"]').waitFor({ timeout: 15_000 });
    expect(await injectCounts(a.page, exercise.id)).toEqual(once(refs));

    // A plain reload: the same four, once each, newest first, with gap-free seqs.
    await a.page.reload();
    expect(await settle(() => injectCounts(a.page, exercise.id), once(refs), 10_000)).toEqual(once(refs));
    const listed = await a.page
      .locator(`[data-testid=inject-list] li[data-exercise-id="${exercise.id}"]`)
      .evaluateAll((items) => items.map((i) => [(i as HTMLElement).dataset.ref, Number((i as HTMLElement).dataset.seq)]));
    expect(listed).toEqual([
      ['RL-4', 4],
      ['RL-3', 3],
      ['RL-2', 2],
      ['RL-1', 1],
    ]);
    await control(t, controller.token, exercise.id, 'stop');
  });

  it('switches the interface to Russian and keeps the choice for the user', async () => {
    const reviewer = await createUser(t, 'reviewer');
    await setLanguage(t, reviewer.token, 'en');
    const { page } = await open(reviewer, /#\/reviewer$/);
    const marking = page.locator('.exercise-marking');
    expect(await marking.innerText()).toContain('EXERCISE EXERCISE EXERCISE');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.locator('h1').first().innerText()).toBe('Exercises');

    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    expect(await marking.innerText()).toContain('УЧЕНИЯ УЧЕНИЯ УЧЕНИЯ');
    expect(await page.locator('h1').first().innerText()).toBe('Учения');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    const savedLanguage = async () => (await t.http().get('/api/users/me').set('Authorization', `Bearer ${reviewer.token}`)).body.language as string;
    expect(await settle(savedLanguage, 'ru')).toBe('ru');

    await page.reload();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
  });

  it('shows evaluators the timeline of an exercise (screenshot)', async () => {
    if (!live) throw new Error('needs the exercise of the live test');
    const evaluator = await createUser(t, 'evaluator');
    await setLanguage(t, evaluator.token, 'en');
    const { page } = await open(evaluator, /#\/evaluator$/);
    await page.getByRole('link', { name: 'Flood drill' }).click();
    await page.waitForURL(/#\/evaluator\/exercises\//);
    const timeline = page.getByTestId('timeline');
    await timeline.locator('tr[data-kind=acknowledged]').waitFor();
    expect(await timeline.locator('tr[data-kind=fired]').count()).toBe(3);
    expect(await page.getByRole('button', { name: 'Download PDF' }).count()).toBe(1);
    // The audit trail: who did what, when (with the zone), in words.
    const trail = page.getByTestId('audit-trail');
    const started = trail.locator('tr[data-action="exercise.started"]');
    await started.waitFor();
    expect(await started.innerText()).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d GMT\\+3\\s+${controller.username}\\s+STARTEX`));
    expect(await trail.locator('tr[data-action^="inject.fired"]').count()).toBe(3);
    await screenshot(page, 'evaluator-timeline');
  });
});
