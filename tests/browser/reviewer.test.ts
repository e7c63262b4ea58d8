/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { CommandPostView, ExerciseView, InjectMessage, ScenarioView } from '@excon/contracts';
import { ask, connectConsole, waitFor, type TestConsole } from '../support/consoles';
import { control, getDeliveries, inject } from '../support/exercises';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { closePages, ensureConsoleBuilt, launchChromium, screenshot, setLanguage, signIn, type ConsolePage } from './browser-support';

type Login = { token: string; username: string };

/**
 * The reviewer's console in Chromium: the after-action report of a completed exercise on screen (sections, figures,
 * charts, downloads), the operators' questionnaire after ENDEX, and the objectives' capability targets and critical
 * tasks in the MSEL editor.
 */
describe('reviewer console', () => {
  let t: TestPlatform;
  let browser: Browser;
  let postA: CommandPostView;
  let postB: CommandPostView;
  let controller: Login;
  let reviewer: Login;
  let operatorA: Login;
  let scenario: ScenarioView;
  let exercise: ExerciseView;
  const pages: ConsolePage[] = [];
  const consoles: TestConsole[] = [];
  /** Operator A's console, open in Chromium from before ENDEX. */
  let operatorPage: ConsolePage;

  const open = async (login: Login, landing: RegExp) => {
    const opened = await signIn(browser, t.url, login.username, PASSWORD, landing);
    pages.push(opened);
    return opened;
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    postA = await createCommandPost(t, {
      code: 'KZ-MES',
      name: 'Kazakhstan, Emergencies',
      memberState: 'KZ',
      ministry: 'emergency',
      timeZone: 'Asia/Almaty',
    });
    postB = await createCommandPost(t, {
      code: 'KG-MES',
      name: 'Kyrgyzstan, Emergencies',
      memberState: 'KG',
      ministry: 'emergency',
      timeZone: 'Asia/Bishkek',
    });
    controller = await createUser(t, 'controller');
    reviewer = await createUser(t, 'reviewer');
    operatorA = await createUser(t, 'operator', postA.id);
    for (const login of [controller, reviewer, operatorA]) await setLanguage(t, login.token, 'en');

    const created = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({
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
          inject('MD-1', 0, [postA.id, postB.id], { ackWithinSeconds: 2, objectiveRefs: ['O1'] }),
          inject('MD-2', 1, [postA.id, postB.id], { ackWithinSeconds: 2 }),
          inject('MD-3', 2, [postA.id, postB.id], { ackWithinSeconds: 2 }),
        ],
      });
    expect(created.status).toBe(201);
    scenario = created.body as ScenarioView;
    const made = await t
      .http()
      .post('/api/exercises')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({ scenarioId: scenario.id, title: 'Mudflow drill, run 1' });
    expect(made.status).toBe(201);
    exercise = made.body as ExerciseView;

    // The operator of post A watches its console in Chromium; a test console of the same post acknowledges
    // every inject at once (and answers the first); post B stays silent and misses its three deadlines.
    operatorPage = await signIn(browser, t.url, operatorA.username, PASSWORD, /#\/operator$/);
    const a = await connectConsole(t.url, operatorA.token);
    consoles.push(a);
    const acknowledged: InjectMessage[] = [];
    a.socket.on('inject', (message) => {
      void (async () => {
        await ask(a.socket, 'inject:received', { deliveryId: message.deliveryId });
        if ((await ask(a.socket, 'inject:acknowledge', { deliveryId: message.deliveryId })).ok) acknowledged.push(message);
      })();
    });
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => acknowledged.length === 3, 'post A to acknowledge three injects');
    const first = acknowledged.find((m) => m.ref === 'MD-1') as InjectMessage;
    expect((await ask(a.socket, 'inject:respond', { deliveryId: first.deliveryId, text: 'Sirens on' })).ok).toBe(true);
    await waitFor(
      async () => (await getDeliveries(t, controller.token, exercise.id)).filter((d) => d.overdueAt !== null).length === 3,
      'post B to miss its three deadlines',
    );
    await control(t, controller.token, exercise.id, 'stop');
  });

  afterEach(() => closePages(pages));

  afterAll(async () => {
    for (const c of consoles) c.close();
    if (operatorPage) await closePages([operatorPage]);
    await browser?.close();
    await t?.stop();
  });

  const download = async (page: Page, click: () => Promise<void>) => {
    // The PDF renders off the loop, in a worker: on a busy machine it takes a while.
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), data: readFileSync(path) };
  };

  it('lands the reviewer on /reviewer and shows the AAR of the exercise with its figures, charts and downloads (screenshot)', async () => {
    const { page } = await open(reviewer, /#\/reviewer$/);
    await page.getByRole('link', { name: 'Mudflow drill, run 1' }).click();
    await page.waitForURL(/#\/reviewer\/exercises\//);
    const report = page.getByTestId('report-page');
    await report.waitFor();

    // Overview: the scenario, the posts, the objective with its capability target and critical tasks.
    const overview = report.locator('[data-section=overview]');
    expect(await overview.innerText()).toContain('A mudflow threatens two valleys across the border.');
    expect(await overview.getByTestId('overview-posts').innerText()).toBe('KG-MES (Kyrgyzstan, Emergencies), KZ-MES (Kazakhstan, Emergencies)');
    const objective = overview.locator('[data-objective=O1]');
    expect(await objective.innerText()).toContain('Within 2 minutes every post acknowledges the warning');
    expect(await objective.locator('ol li').allInnerTexts()).toEqual(['Receive the warning', 'Acknowledge it']);

    // Per-post figures: post A acknowledged all three and answered one; post B missed three deadlines.
    const row = (code: string, col: string) => report.locator(`[data-testid=post-table] tr[data-post="${code}"] [data-col=${col}]`).innerText();
    expect(await row('KZ-MES', 'acknowledged')).toBe('3');
    expect(await row('KZ-MES', 'responded')).toBe('1');
    expect(await row('KZ-MES', 'missed')).toBe('0');
    expect(await row('KG-MES', 'acknowledged')).toBe('0');
    expect(await row('KG-MES', 'missed')).toBe('3');
    expect(await report.getByTestId('report-totals').innerText()).toContain('6 deliveries, 3 acknowledged, 1 responded, 3 missed their deadline');

    // The charts are drawn: the bars (SVG) and the uPlot timeline (canvas), each with its caption.
    const bars = report.locator('[data-testid=response-chart] svg');
    const barBox = await bars.boundingBox();
    expect(barBox && barBox.width > 100 && barBox.height > 20).toBe(true);
    expect(await bars.locator('rect[width]:not([width="0"])').count()).toBeGreaterThan(0);
    const canvas = report.locator('[data-testid=timeline-chart] canvas');
    await canvas.waitFor();
    const canvasSize = await canvas.evaluate((c) => ({ width: (c as HTMLCanvasElement).width, height: (c as HTMLCanvasElement).height }));
    expect(canvasSize.width).toBeGreaterThan(100);
    expect(canvasSize.height).toBeGreaterThan(100);
    expect(await report.locator('[data-testid=timeline-chart] figcaption').innerText()).toContain('Deliveries over exercise time');
    // The same figures in a table: three injects, post A in time on each, post B never.
    const timelineRows = await report
      .locator('[data-testid=timeline-table] tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(2).map((c) => c.textContent)));
    expect(timelineRows).toEqual([
      ['1', '0', '1'],
      ['1', '0', '1'],
      ['1', '0', '1'],
    ]);

    // The evaluation sections before any observation or rating: empty states, not errors.
    for (const section of ['feedback', 'plan']) expect(await report.locator(`[data-section=${section}] .empty`).count()).toBe(1);

    // The page from its figures on: the per-post chart and table, the timeline.
    await report.locator('[data-section=posts]').evaluate((section) => section.scrollIntoView());
    await screenshot(page, 'reviewer-report');

    // Downloads: the PDF, and the CSV of the deliveries.
    const pdf = await download(page, () => report.getByRole('button', { name: 'Download PDF' }).click());
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const csv = await download(page, () => report.locator('button[data-format=csv]').click());
    expect(csv.name).toMatch(/\.csv$/);
    const text = csv.data.toString('utf8');
    expect(text).toContain('KZ-MES');
    expect(text.split(/\r?\n/).filter((line) => line.trim()).length).toBe(7); // a header and six deliveries
  });

  it('shows the operator the questionnaire after ENDEX, sends the answers and shows them sent', async () => {
    const { page } = operatorPage;
    const form = page.getByTestId('feedback-form');
    await form.waitFor({ timeout: 15_000 });
    await form.locator('fieldset[data-question=realism] input[value="4"]').check();
    const textQuestion = form.locator('textarea').first();
    await textQuestion.fill('More injects for the night shift');
    await form.getByRole('button', { name: 'Send feedback' }).click();
    const sent = page.getByTestId('feedback-sent');
    await sent.getByText('Thank you: your feedback was sent.').waitFor();
    expect(await sent.locator('[data-question=realism] dd').innerText()).toBe('4/5');
    const mine = await t.http().get(`/api/exercises/${exercise.id}/feedback/mine`).set('Authorization', `Bearer ${operatorA.token}`);
    expect(mine.status).toBe(200);
    expect(mine.body.answers).toEqual(expect.arrayContaining([{ questionId: 'realism', rating: 4 }]));

    // Changing the answers: the form comes back filled in.
    await sent.getByRole('button', { name: 'Change my answers' }).click();
    expect(await form.locator('fieldset[data-question=realism] input[value="4"]').isChecked()).toBe(true);
    await page.reload();
    await page.getByTestId('feedback-sent').waitFor();
  });

  it('saves an objective’s capability target and two critical tasks from the MSEL editor; a reload shows them', async () => {
    const { page } = await open(controller, /#\/controller$/);
    // The staff navigation leads the controller to the after-action reports, and from there back.
    await page.getByRole('navigation').getByRole('link', { name: 'After-action reports' }).click();
    await page.waitForURL(/#\/reviewer$/);
    await page.getByRole('link', { name: 'Mudflow drill, run 1' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link').allInnerTexts()).toEqual([
      'Scenarios and exercises',
      'Timelines and reports',
      'After-action reports',
      'Improvement plan',
      'Training plan',
      'Duty roster',
      'My account',
    ]);
    expect(await page.getByRole('navigation').locator('[aria-current="page"]').innerText()).toBe('After-action reports');
    await page.getByRole('navigation').getByRole('link', { name: 'Scenarios and exercises' }).click();
    await page.waitForURL(/#\/controller$/);
    await page.goto(`/#/controller/scenarios/${scenario.id}`);
    const objectives = page.getByTestId('objectives-form');
    await objectives.waitFor();
    const row = objectives.locator('.objective-row[data-objective=O1]');
    await row.getByLabel('Capability target').fill('Within 90 seconds every post acknowledges');
    // Replace the tasks: remove both, add two from the keyboard (Enter adds the next), then swap them with Alt+↑.
    await row.getByRole('button', { name: 'Remove critical task 2' }).click();
    await row.getByRole('button', { name: 'Remove critical task 1' }).click();
    await row.getByRole('button', { name: 'Add a critical task' }).click();
    await page.keyboard.type('Sound the sirens');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Report to the CRC');
    await page.keyboard.press('Alt+ArrowUp');
    await objectives.getByRole('button', { name: 'Save objectives' }).click();
    await objectives.getByText('Objectives saved.').waitFor();
    const saved = (await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', `Bearer ${controller.token}`)).body as ScenarioView;
    expect(saved.objectives).toEqual([
      {
        ref: 'O1',
        title: 'Warn in time',
        capabilityTarget: 'Within 90 seconds every post acknowledges',
        criticalTasks: ['Report to the CRC', 'Sound the sirens'],
      },
    ]);
    await page.reload();
    const again = page.getByTestId('objectives-form').locator('.objective-row[data-objective=O1]');
    await again.waitFor();
    expect(await again.getByLabel('Capability target').inputValue()).toBe('Within 90 seconds every post acknowledges');
    expect(await again.locator('input[name=criticalTask]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      'Report to the CRC',
      'Sound the sirens',
    ]);
  });
});
