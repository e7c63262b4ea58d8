/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import type { CommandPostView, ExerciseView, ImprovementActionView } from '@excon/contracts';
import { queryDatabase } from '../support/database';
import { createCommandPost, createUser, injectInput, PASSWORD } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import {
  closePages,
  countControls,
  ensureConsoleBuilt,
  fieldError,
  launchChromium,
  screenshot,
  setLanguage,
  settle,
  signIn,
  unnamedControls,
  type ConsolePage,
} from './browser-support';

function utcDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The improvement plan screen in Chromium: a controller adds an action through the form (a start after the due
 * date refused at its field first), sets it in progress inline, the overdue filter shows a past-due action put in
 * through the API, and the XLSX export downloads the rows shown.
 */
describe('improvement plan console', () => {
  let t: TestPlatform;
  let browser: Browser;
  let controller: { token: string; username: string };
  let post: CommandPostView;
  let exercise: ExerciseView;
  let pastDue: ImprovementActionView;
  let areaId: string;
  const pages: ConsolePage[] = [];

  const actions = async (): Promise<ImprovementActionView[]> =>
    (await t.http().get('/api/improvement-actions').set('Authorization', `Bearer ${controller.token}`)).body as ImprovementActionView[];

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    controller = await createUser(t, 'controller');
    await setLanguage(t, controller.token, 'en');
    post = await createCommandPost(t, { code: 'KZ-KChS', name: 'MES of Kazakhstan', memberState: 'KZ', ministry: 'emergency' });
    const other = await createCommandPost(t, {
      code: 'BY-MO',
      name: 'MoD of Belarus',
      memberState: 'BY',
      ministry: 'defense',
      timeZone: 'Europe/Minsk',
    });
    const scenario = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({
        title: 'Spring flood 2027',
        objectives: [
          { ref: 'O1', title: 'Alert every post within 15 minutes' },
          { ref: 'O2', title: 'Report the forces available' },
        ],
        injects: [injectInput('I-1', [post.id, other.id])],
      });
    expect(scenario.status).toBe(201);
    const created = await t.http().post('/api/exercises').set('Authorization', `Bearer ${controller.token}`).send({ scenarioId: scenario.body.id });
    expect(created.status).toBe(201);
    exercise = created.body as ExerciseView;
    const [row] = await queryDatabase<{ id: string }>(
      t.databaseUrl,
      `insert into observation (id, exercise_id, author_id, author_name, text, kind, objective_refs, command_post_ids, scenario_seconds, observed_at, created_at, updated_at)
       values (gen_random_uuid(), $1, $2, 'Evaluator', 'The night duty number was missing from the alerting list', 'improvement', '["O1"]', '[]', 300, now(), now(), now()) returning id`,
      [exercise.id, (await t.http().get('/api/users/me').set('Authorization', `Bearer ${controller.token}`)).body.id],
    );
    areaId = row.id;
    const response = await t
      .http()
      .post('/api/improvement-actions')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({
        exerciseId: exercise.id,
        objectiveRef: 'O2',
        action: 'Update the forces report template',
        capabilityElement: 'planning',
        responsible: 'MoD of Belarus, operations',
        commandPostId: other.id,
        dueDate: utcDate(-5),
      });
    expect(response.status).toBe(201);
    pastDue = response.body as ImprovementActionView;
  });
  afterAll(async () => {
    await closePages(pages);
    await browser?.close();
    await t?.stop();
  });

  it('adds an action through the form, sets it in progress, filters the overdue ones and exports the XLSX', async () => {
    const opened = await signIn(browser, t.url, controller.username, PASSWORD, /#\/controller$/);
    pages.push(opened);
    const { page } = opened;
    await page.getByRole('link', { name: 'Improvement plan' }).click();
    await page.waitForURL(/#\/plan$/);
    await page.getByTestId('plan-table').waitFor();
    // The counts per ministry on top: one overdue action of Belarus's defence ministry.
    await expect(page.getByTestId('plan-summary').locator('tbody tr').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^BY\s+Defence\s+1\s+0\s+0\s+0\s+1\s+1$/),
    ]);

    await page.getByRole('button', { name: 'Add an action' }).click();
    const form = page.getByTestId('plan-form');
    await form.getByLabel('Exercise').selectOption({ label: 'Spring flood 2027' });
    const objective = form.getByLabel('Objective');
    await settle(() => objective.locator('option').count(), 3);
    await objective.selectOption('O1');
    // The area for improvement comes from the exercise's observations (tolerated absent while that route is not built).
    const area = form.getByLabel('Area for improvement');
    const areaOptions = await settle(() => area.locator('option').count(), 2, 3000);
    if (areaOptions === 2) await area.selectOption(areaId);
    await form.getByLabel('Corrective action').fill('Add the night duty number to the alerting list and test it monthly');
    await form.getByLabel('Capability element').selectOption({ label: 'Training' });
    await form.getByLabel('Responsible').fill('MES of Kazakhstan, duty service');
    await form.getByLabel('Command post').selectOption(post.id);
    await form.getByLabel('Point of contact').fill('A. Seitkali');
    await form.getByLabel('Start').fill(utcDate(40));
    await form.getByLabel('Due').fill(utcDate(30));
    expect(await unnamedControls(page)).toEqual([]);
    expect(await countControls(page)).toBeGreaterThan(15);
    await form.getByRole('button', { name: 'Add the action' }).click();
    await expect(settle(() => fieldError(form.getByLabel('Start')), 'the start date is after the due date')).resolves.toBe(
      'the start date is after the due date',
    );
    await form.getByLabel('Start').fill(utcDate(1));
    await form.getByRole('button', { name: 'Add the action' }).click();
    await page.getByRole('status').filter({ hasText: 'Action added.' }).waitFor();
    await expect(form.count()).resolves.toBe(0);

    const added = (await actions()).find((a) => a.id !== pastDue.id) as ImprovementActionView;
    expect(added).toEqual(
      expect.objectContaining({
        exerciseId: exercise.id,
        objectiveRef: 'O1',
        action: 'Add the night duty number to the alerting list and test it monthly',
        capabilityElement: 'training',
        responsible: 'MES of Kazakhstan, duty service',
        commandPostId: post.id,
        memberState: 'KZ',
        ministry: 'emergency',
        pointOfContact: 'A. Seitkali',
        startDate: utcDate(1),
        dueDate: utcDate(30),
        status: 'open',
        overdue: false,
        observationId: areaOptions === 2 ? areaId : null,
      }),
    );

    // In progress, inline.
    const row = page.locator(`[data-testid=plan-row][data-action-id="${added.id}"]`);
    await row.getByLabel(/^Status of/).selectOption('in_progress');
    expect(await settle(async () => (await actions()).find((a) => a.id === added.id)?.status, 'in_progress')).toBe('in_progress');
    await expect(row.getByLabel(/^Status of/).inputValue()).resolves.toBe('in_progress');
    // A new due date, inline: saved on Enter (not on each keystroke, which passes through dates like year 0002).
    const due = row.getByLabel(/^Due date of/);
    await due.fill(utcDate(31));
    await due.press('Enter');
    expect(await settle(async () => (await actions()).find((a) => a.id === added.id)?.dueDate, utcDate(31))).toBe(utcDate(31));

    // Both rows, in due order, the past-due one marked.
    const rows = page.getByTestId('plan-row');
    expect(
      await settle(
        () => rows.evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.actionId, (e as HTMLElement).dataset.overdue])),
        [
          [pastDue.id, 'true'],
          [added.id, 'false'],
        ],
      ),
    ).toEqual([
      [pastDue.id, 'true'],
      [added.id, 'false'],
    ]);
    await expect(rows.first().innerText()).resolves.toContain('Overdue');
    await screenshot(page, 'improvement-plan');

    await page.getByLabel('Overdue only').check();
    expect(await settle(() => rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.actionId)), [pastDue.id])).toEqual([pastDue.id]);

    // The export takes the filters shown: the overdue action only.
    const [overdueDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export XLSX' }).click()]);
    expect(overdueDownload.suggestedFilename()).toBe('improvement-plan.xlsx');
    const overdueRows = await readRows(readFileSync(await overdueDownload.path()));
    expect(overdueRows.map((r) => r[3])).toEqual(['Corrective action', 'Update the forces report template']);

    await page.getByLabel('Overdue only').uncheck();
    await settle(() => rows.count(), 2);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export XLSX' }).click()]);
    const sheet = await readRows(readFileSync(await download.path()));
    expect(sheet[0]).toEqual([
      'Exercise',
      'Objective',
      'Area for improvement',
      'Corrective action',
      'Capability element',
      'Responsible',
      'Member state',
      'Ministry',
      'Command post',
      'Point of contact',
      'Start',
      'Due',
      'Status',
      'Overdue',
    ]);
    expect(sheet.slice(1)).toEqual([
      [
        'Spring flood 2027',
        'O2 Report the forces available',
        '',
        'Update the forces report template',
        'Planning',
        'MoD of Belarus, operations',
        'BY',
        'Ministry of Defence',
        'BY-MO',
        '',
        '',
        utcDate(-5),
        'Open',
        'yes',
      ],
      [
        'Spring flood 2027',
        'O1 Alert every post within 15 minutes',
        areaOptions === 2 ? 'The night duty number was missing from the alerting list' : '',
        'Add the night duty number to the alerting list and test it monthly',
        'Training',
        'MES of Kazakhstan, duty service',
        'KZ',
        'Ministry for Emergency Situations',
        'KZ-KChS',
        'A. Seitkali',
        utcDate(1),
        utcDate(31),
        'In progress',
        'no',
      ],
    ]);
  });
});

async function readRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((row) => {
    const values: string[] = [];
    for (let c = 1; c <= 14; c += 1) values.push(row.getCell(c).text);
    rows.push(values);
  });
  return rows;
}
