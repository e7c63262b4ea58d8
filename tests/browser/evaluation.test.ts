/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Locator, Page } from 'playwright-core';
import type { CommandPostView, ExerciseView } from '@excon/contracts';
import { createCommandPost, createScenario, createUser, PASSWORD } from '../support/fixtures';
import { control, inject } from '../support/exercises';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import {
  closePages,
  ensureConsoleBuilt,
  launchChromium,
  screenshot,
  setLanguage,
  settle,
  signIn,
  unnamedControls,
  type ConsolePage,
} from './browser-support';

type Login = { token: string; username: string; user: { id: string } };

/** The chips of an observation item or of the quick entry: `kind:improvement`, `objective:OBJ-1`, `post:KZ-MES`, … */
function chips(scope: Locator): Promise<string[]> {
  return scope
    .locator('[data-chip]')
    .evaluateAll((items) => items.map((i) => `${(i as HTMLElement).dataset.chip}:${(i as HTMLElement).dataset.value ?? ''}`));
}

/**
 * The evaluator console end to end, in Chromium against a whole platform: a quick observation typed by one
 * evaluator during a running exercise appears live in a second evaluator's and a controller's console with
 * its chips; its author edits it (the others see the edit), nobody else can; a rating set by keyboard shows in
 * the other evaluator's grid, and the controller's final rating in both.
 */
describe('evaluator console', () => {
  let t: TestPlatform;
  let browser: Browser;
  let postA: CommandPostView;
  let postB: CommandPostView;
  let controller: Login;
  let evaluatorA: Login;
  let evaluatorB: Login;
  let exercise: ExerciseView;
  const pages: ConsolePage[] = [];

  const openEvaluation = async (login: Login, landing: RegExp): Promise<Page> => {
    const opened = await signIn(browser, t.url, login.username, PASSWORD, landing);
    pages.push(opened);
    const { page } = opened;
    await page.goto(`/#/evaluator/exercises/${exercise.id}?tab=evaluation`);
    await page.locator('[data-connection=connected]').waitFor();
    await page.getByTestId('rating-grid').waitFor();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    return page;
  };
  const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
  const item = (page: Page, text: string) => page.locator('[data-testid=observations] li', { hasText: text });
  const cell = (page: Page, objectiveRef: string, post: CommandPostView) =>
    page.locator(`td.rating-cell[data-objective="${objectiveRef}"][data-post="${post.id}"]`);

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    postA = await createCommandPost(t, {
      code: 'KZ-MES',
      name: 'Kazakhstan, Ministry of Emergency Situations',
      memberState: 'KZ',
      ministry: 'emergency',
    });
    postB = await createCommandPost(t, { code: 'RU-MCHS', name: 'Russia, EMERCOM', memberState: 'RU', ministry: 'emergency' });
    controller = await createUser(t, 'controller');
    // Two evaluators: the second one created by the admin through the API, as the first.
    evaluatorA = await createUser(t, 'evaluator');
    evaluatorB = await createUser(t, 'evaluator');
    for (const login of [controller, evaluatorA, evaluatorB]) await setLanguage(t, login.token, 'en');
    const scenario = await createScenario(t, controller.token, {
      title: 'Flood on the Irtysh',
      objectives: [
        {
          ref: 'OBJ-1',
          title: 'Alert every post',
          capabilityTarget: 'Within 15 minutes of notification, the duty shift alerts every post',
          criticalTasks: ['Receive the warning', 'Alert the posts', 'Confirm receipt'],
        },
        { ref: 'OBJ-2', title: 'Request assistance' },
      ],
      injects: [
        inject('W-1', 1, [postA.id, postB.id], { title: 'River level rising' }),
        inject('W-9', 3600, [postA.id, postB.id], { title: 'Dam breach' }),
      ],
    });
    const created = await t.http().post('/api/exercises').set('Authorization', `Bearer ${controller.token}`).send({ scenarioId: scenario.id });
    if (created.status !== 201) throw new Error(`create exercise: ${created.status} ${JSON.stringify(created.body)}`);
    exercise = created.body as ExerciseView;
    await control(t, controller.token, exercise.id, 'start');
  });

  afterEach(() => closePages(pages));

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows a quick observation live in the other consoles, lets only its author edit it, and carries ratings and the final live', async () => {
    const a = await openEvaluation(evaluatorA, /#\/evaluator$/);
    const b = await openEvaluation(evaluatorB, /#\/evaluator$/);
    const ctl = await openEvaluation(controller, /#\/controller$/);

    // Quick entry by keyboard: "/" focuses the one field, the tokens become chips before Enter.
    await a.locator('body').click({ position: { x: 5, y: 5 } });
    await a.keyboard.press('/');
    expect(await a.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('quick-entry');
    await a.keyboard.type('- #OBJ-1 duty shift at @kz-mes was slow to acknowledge !W-1');
    const quickChips = a.getByTestId('quick-entry-chips');
    expect(await settle(() => chips(quickChips), ['kind:improvement', 'objective:OBJ-1', 'post:KZ-MES', 'inject:W-1'])).toEqual([
      'kind:improvement',
      'objective:OBJ-1',
      'post:KZ-MES',
      'inject:W-1',
    ]);
    await a.keyboard.press('Enter');
    await item(a, 'duty shift at was slow to acknowledge').waitFor();
    expect(await a.getByTestId('quick-entry').inputValue()).toBe('');

    // B and the controller see it without a reload, with the same chips; neither may edit or delete it.
    const wanted = ['kind:improvement', 'objective:OBJ-1', 'post:KZ-MES', 'inject:W-1'];
    for (const page of [b, ctl]) {
      const seen = item(page, 'duty shift at was slow to acknowledge');
      await seen.waitFor({ timeout: 10_000 });
      expect(await chips(seen)).toEqual(wanted);
      expect(await seen.getByRole('button', { name: 'Edit' }).count()).toBe(0);
      expect(await seen.getByRole('button', { name: 'Delete' }).count()).toBe(0);
      expect(await notReloaded(page)).toBe(true);
    }
    // Both clocks are shown: the exercise time and the wall time.
    expect(await item(b, 'slow to acknowledge').locator('time').count()).toBe(1);

    // A edits it inline, in the same syntax; B sees the edit.
    const mine = item(a, 'slow to acknowledge');
    await mine.getByRole('button', { name: 'Edit' }).click();
    const edit = a.getByTestId('observation-edit');
    expect(await edit.inputValue()).toBe('- duty shift at was slow to acknowledge #OBJ-1 @KZ-MES !W-1');
    await edit.fill('- duty shift acknowledged after 20 minutes #OBJ-1 @KZ-MES @RU-MCHS !W-1');
    await edit.press('Enter');
    const edited = item(b, 'acknowledged after 20 minutes');
    await edited.waitFor({ timeout: 10_000 });
    expect(await chips(edited)).toEqual(['kind:improvement', 'objective:OBJ-1', 'post:KZ-MES', 'post:RU-MCHS', 'inject:W-1']);
    expect(await item(b, 'slow to acknowledge').count()).toBe(0);
    expect(await edited.getByRole('button', { name: 'Edit' }).count()).toBe(0);

    // A rates OBJ-1 at KZ-MES by keyboard: focus the group, Space checks P, the arrow moves on to S.
    const cellA = cell(a, 'OBJ-1', postA);
    await cellA.locator('input[value=P]').focus();
    await a.keyboard.press('Space');
    await a.keyboard.press('ArrowRight');
    expect(await settle(() => cellA.locator('input:checked').getAttribute('value'), 'S')).toBe('S');
    // B's grid counts A's rating as one S (without a reload); A's own cell shows it as its own, not as another's.
    expect(await settle(() => cell(b, 'OBJ-1', postA).getByTestId('rating-others').innerText(), '1 S', 10_000)).toBe('1 S');
    expect(await cellA.getByTestId('rating-others').innerText()).toBe('');

    // The controller sets the final rating in the cell's detail; both evaluators see it.
    // A cell is selected by a click beside its letters (a click on a letter rates).
    await cell(ctl, 'OBJ-1', postA).locator('.rating-cell-foot').click();
    const detail = ctl.getByTestId('rating-detail');
    await detail.locator('label', { hasText: /^M$/ }).click();
    await detail.getByRole('textbox', { name: 'Rationale of the final rating' }).fill('Alerting took 20 minutes against a 15-minute target');
    await detail.getByTestId('set-final').click();
    for (const page of [a, b]) {
      expect(await settle(() => cell(page, 'OBJ-1', postA).getByTestId('rating-final').innerText(), 'final M', 10_000)).toBe('final M');
      expect(await settle(() => page.locator('tr[data-objective="OBJ-1"] [data-testid=rating-overall] .rating-badge').innerText(), 'M')).toBe('M');
    }
    // Selecting a cell did not rate it: B still counts A's S alone.
    expect(await cell(b, 'OBJ-1', postA).getByTestId('rating-others').innerText()).toBe('1 S');
    // An evaluator who is not the lead cannot set a final.
    await cell(b, 'OBJ-1', postA).locator('.rating-cell-foot').click();
    expect(await b.getByTestId('set-final').count()).toBe(0);

    // A few more observations and ratings, for the picture of the console in the README.
    await a.getByTestId('quick-entry').focus();
    for (const [line, text] of [
      [
        '+ #OBJ-2 @RU-MCHS request for pumps sent within 5 minutes, with the right form',
        'request for pumps sent within 5 minutes, with the right form',
      ],
      ['n: liaison officer joined the call at the CRC', 'liaison officer joined the call at the CRC'],
      ['+ #OBJ-1 @RU-MCHS all shifts alerted by SMS and radio', 'all shifts alerted by SMS and radio'],
    ]) {
      // The field keeps the focus after Enter: one observation after another without touching the mouse.
      await a.keyboard.type(line);
      await a.keyboard.press('Enter');
      await item(a, text).waitFor();
      await item(b, text).waitFor({ timeout: 10_000 });
    }
    await cell(a, 'OBJ-1', postB).locator('input[value=P]').focus();
    await a.keyboard.press('Space');
    await cell(b, 'OBJ-2', postB).locator('input[value=P]').focus();
    await b.keyboard.press('Space');
    await b.keyboard.press('ArrowRight');
    expect(await settle(() => cell(a, 'OBJ-2', postB).getByTestId('rating-others').innerText(), '1 S', 10_000)).toBe('1 S');
    await cell(a, 'OBJ-1', postA).locator('.rating-cell-foot').click();
    await a.getByTestId('quick-entry').fill('- #OBJ-2 @KZ-MES relay of the request to the CRC !W');
    await screenshot(a, 'evaluator-console');
    expect(await unnamedControls(a)).toEqual([]);

    // A deletes its note (two presses: the first arms the button); B sees it go.
    const note = item(a, 'liaison officer joined the call');
    await note.getByRole('button', { name: 'Delete' }).click();
    await note.getByRole('button', { name: 'Delete for good?' }).click();
    await note.waitFor({ state: 'detached' });
    await item(b, 'liaison officer joined the call').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await b.locator('[data-testid=observations] li').count()).toBe(3);
    expect(await notReloaded(b)).toBe(true);
  });

  it('lets a controller assign evaluators in the form; the assigned lead sees its posts only and sets a final rating', async () => {
    const ctl = await openEvaluation(controller, /#\/controller$/);
    await ctl.getByRole('tab', { name: 'Evaluators' }).click();
    // The controller cannot list accounts: the evaluators who observed or rated here are offered.
    const add = ctl.getByRole('combobox', { name: /Add evaluator/ });
    expect(await add.locator('option').allInnerTexts()).toEqual(['—', evaluatorA.username, evaluatorB.username]);
    await add.selectOption({ label: evaluatorB.username });
    await ctl.getByRole('button', { name: 'Add', exact: true }).click();
    const row = ctl.locator(`.assignment-row[data-evaluator="${evaluatorB.username}"]`);
    await row.getByRole('checkbox', { name: 'Lead' }).check();
    await row.getByRole('group', { name: /Posts/ }).getByRole('checkbox', { name: 'KZ-MES' }).check();
    await ctl.getByRole('button', { name: 'Save' }).click();
    await ctl.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const assigned = await t.http().get(`/api/exercises/${exercise.id}/evaluators`).set('Authorization', `Bearer ${controller.token}`);
    expect(assigned.body).toEqual([
      expect.objectContaining({ evaluatorId: evaluatorB.user.id, commandPostIds: [postA.id], objectiveRefs: [], lead: true }),
    ]);

    const b = await openEvaluation(evaluatorB, /#\/evaluator$/);
    // The grid defaults to the assignment: KZ-MES only; the quick entry takes the one assigned post.
    expect(await b.locator('[data-testid=rating-grid] thead th').allInnerTexts()).toEqual(['Objective', 'KZ-MES', 'Overall']);
    await b.getByTestId('quick-entry').fill('pump crews on the way');
    expect(await chips(b.getByTestId('quick-entry-chips'))).toEqual(['kind:note', 'post:KZ-MES']);
    // The lead sets a final rating.
    await cell(b, 'OBJ-2', postA).locator('.rating-cell-foot').click();
    const detail = b.getByTestId('rating-detail');
    await detail.locator('label', { hasText: /^S$/ }).click();
    await detail.getByTestId('set-final').click();
    expect(await settle(() => cell(b, 'OBJ-2', postA).getByTestId('rating-final').innerText(), 'final S', 10_000)).toBe('final S');
    await b.getByRole('tab', { name: 'Evaluators' }).click();
    expect(await b.getByTestId('my-assignment').innerText()).toContain('You are the lead evaluator.');
  });
});
