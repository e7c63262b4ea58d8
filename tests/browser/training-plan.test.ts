/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import type { CommandPostView, PlanActivityView } from '@excon/contracts';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import {
  closePages,
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

const TITLE = `Mudflow joint training ${process.pid}`;

/**
 * The joint-training plan in Chromium: a controller plans an activity for a post in Bishkek through the form (dates
 * on Bishkek's clock), sees it in the year view on both clocks; the post's operator sees the invitation on its clock
 * and Moscow's, is refused a decline without a reason, confirms; the controller sees the answer in the attendance table.
 */
describe('training plan console', () => {
  let t: TestPlatform;
  let browser: Browser;
  const pages: ConsolePage[] = [];
  let post: CommandPostView;
  let controller: { username: string; token: string };
  let operator: { username: string; token: string };
  const year = new Date().getFullYear() + 1;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    post = await createCommandPost(t, { code: `TP-KG-${process.pid}`, memberState: 'KG', timeZone: 'Asia/Bishkek' });
    controller = await createUser(t, 'controller');
    operator = await createUser(t, 'operator', post.id);
    await setLanguage(t, controller.token, 'en');
    await setLanguage(t, operator.token, 'en');
  });
  afterAll(async () => {
    await closePages(pages);
    await browser?.close();
    await t?.stop();
  });

  it('plans an activity for a Bishkek post, which declines (refused without a reason), then confirms', async () => {
    const staff = await signIn(browser, t.url, controller.username, PASSWORD, /#\/controller$/);
    pages.push(staff);
    const { page } = staff;
    await page.getByRole('navigation').getByRole('link', { name: 'Training plan' }).click();
    await page.waitForURL(/#\/training-plan$/);
    await page.getByTestId('plan-months').waitFor();
    await page.getByRole('button', { name: 'Next year' }).click();
    await page.getByRole('heading', { name: `Year ${year}` }).waitFor();

    await page.getByRole('button', { name: 'New activity' }).click();
    const form = page.getByTestId('activity-form');
    await form.getByLabel('Kind').selectOption('joint_training');
    await form.getByLabel('Title (Russian)').fill(`Совместная тренировка ${process.pid}`);
    await form.getByLabel('Title (English)').fill(TITLE);
    await form.getByLabel('Time zone of the dates').selectOption('Asia/Bishkek');
    await form.getByLabel('Start').fill(`${year}-04-14T15:00`);
    await form.getByLabel('End').fill(`${year}-04-14T18:30`);
    await form.getByLabel(new RegExp(post.code)).check();
    expect(await unnamedControls(page)).toEqual([]);
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('activity-detail').waitFor();
    await expect(form.count()).resolves.toBe(0);

    // The year view, April, on Bishkek's clock and Moscow's.
    await page.getByLabel('Times also in').selectOption('Asia/Bishkek');
    const item = page.locator('[data-testid=plan-months] [data-month="4"] .tp-item', { hasText: TITLE });
    await expect(
      settle(
        async () => (await item.count()) === 1 && (await item.locator('.tp-times').innerText()),
        '15:00–18:30 Asia/Bishkek · 12:00–15:30 Moscow',
      ),
    ).resolves.toBe('15:00–18:30 Asia/Bishkek · 12:00–15:30 Moscow');
    await expect(item.locator('.tp-badge').innerText()).resolves.toBe('planned');
    const activity = (
      (await t.http().get(`/api/plan/activities?year=${year}`).set('Authorization', `Bearer ${controller.token}`)).body as PlanActivityView[]
    ).find((a) => a.titles.en === TITLE) as PlanActivityView;
    expect(activity).toMatchObject({ startAt: `${year}-04-14T09:00:00.000Z`, invitedCommandPostIds: [post.id] });
    await screenshot(page, 'training-plan-year');

    // The operator of the post: the invitation on the post's clock and Moscow's.
    const op = await signIn(browser, t.url, operator.username, PASSWORD, /#\/operator$/);
    pages.push(op);
    await op.page.getByRole('navigation').getByRole('link', { name: 'Invitations' }).click();
    await op.page.waitForURL(/#\/training-plan$/);
    const invitation = op.page.locator(`[data-testid=invitations] li[data-id="${activity.id}"]`);
    await invitation.waitFor();
    await expect(invitation.locator('.tp-times').innerText()).resolves.toBe('15:00–18:30 Asia/Bishkek · 12:00–15:30 Moscow');
    expect(await unnamedControls(op.page)).toEqual([]);

    // A decline needs a reason: the server's refusal shows at the field.
    await invitation.getByRole('button', { name: `Decline ${TITLE}` }).click();
    await invitation.getByRole('button', { name: 'Send decline' }).click();
    expect(await settle(async () => (await fieldError(invitation.getByLabel('Reason for declining'))) !== null, true)).toBe(true);
    await invitation.getByRole('button', { name: `Confirm attendance at ${TITLE}` }).click();
    await expect(settle(() => invitation.locator('.tp-answer').getAttribute('data-answer'), 'confirmed')).resolves.toBe('confirmed');
    await expect(invitation.locator('.tp-answer').innerText()).resolves.toContain('Your answer: confirmed');
    await screenshot(op.page, 'training-plan-invitations');

    // The controller sees the answer in the attendance table.
    await page.reload();
    await page.getByRole('button', { name: 'Next year' }).click();
    await page.getByRole('button', { name: `Details of ${TITLE}` }).click();
    const row = page.locator(`[data-testid=attendance] tr[data-post-id="${post.id}"]`);
    await row.waitFor();
    await expect(row.locator('.tp-answer').innerText()).resolves.toBe('confirmed');
    expect(staff.errors).toEqual([]);
    expect(op.errors).toEqual([]);
  });

  it('shows a consultation with its agenda, the documents put forward and the decisions, and offers its minutes', async () => {
    const title = `Consultations on the joint training of ${year + 1} (${process.pid})`;
    const draft = '6a1f0a51-2b7c-4d2e-9f10-1a2b3c4d5e6f';
    const item = '7b2f1b62-3c8d-4e3f-8a21-2b3c4d5e6f70';
    const created = await t
      .http()
      .post('/api/plan/activities')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({
        kind: 'consultation',
        titles: { ru: `Консультации по организации совместной подготовки на ${year + 1} год`, en: title },
        startAt: `${year}-11-16T07:00:00Z`,
        endAt: `${year}-11-17T13:00:00Z`,
        participants: { commandPostIds: [post.id] },
        organiser: 'CRC',
        documents: [{ id: draft, title: `Draft joint training plan ${year + 1}`, version: 2, status: 'submitted' }],
        agenda: [{ id: item, title: `The draft plan for ${year + 1}`, speakers: ['Head of the CRC duty service'], documents: [draft] }],
        minutes: [
          {
            agendaItemId: item,
            decision: 'Agreed with the remarks; put to the ministers',
            actions: [{ text: 'Circulate the plan', owner: 'CRC', dueDate: `${year}-12-15`, status: 'open' }],
          },
        ],
      });
    expect(created.status).toBe(201);
    const activity = created.body as PlanActivityView;
    const staff = await signIn(browser, t.url, controller.username, PASSWORD, /#\/controller$/);
    pages.push(staff);
    const { page } = staff;
    await page.getByRole('navigation').getByRole('link', { name: 'Training plan' }).click();
    await page.getByTestId('plan-months').waitFor();
    await page.getByRole('button', { name: 'Next year' }).click();
    await page.getByRole('button', { name: `Details of ${title}` }).click();
    const editor = page.getByRole('region', { name: 'Consultation' }).or(page.locator('[aria-labelledby=tp-consultation-heading]'));
    await editor.first().waitFor();
    await expect(
      editor
        .first()
        .locator('input')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    ).resolves.toEqual(expect.arrayContaining([`Draft joint training plan ${year + 1}`, `The draft plan for ${year + 1}`, 'Circulate the plan']));
    await expect(editor.first().locator('textarea').first().inputValue()).resolves.toBe('Agreed with the remarks; put to the ministers');
    await page.getByRole('button', { name: 'Minutes (PDF)' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, 'training-plan-consultation');
    expect(activity.kind).toBe('consultation');
    expect(staff.errors).toEqual([]);
  });
});
