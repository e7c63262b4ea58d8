/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import type { PostGroupView, ScenarioView } from '@excon/contracts';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { closePages, ensureConsoleBuilt, launchChromium, setLanguage, settle, signIn, type ConsolePage } from './browser-support';

/** The MSEL editor's inject form targets post groups as well as posts; a group alone is enough. */
describe('group targets in the MSEL editor', () => {
  let t: TestPlatform;
  let browser: Browser;
  const pages: ConsolePage[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await closePages(pages);
    await browser?.close();
    await t?.stop();
  });

  it('adds an inject that targets only a group, shows the group in the MSEL and refuses an inject with neither', async () => {
    const posts = [await createCommandPost(t, { code: 'GT-KZ' }), await createCommandPost(t, { code: 'GT-KG' })];
    const admin = await t.adminToken();
    const group = (
      await t
        .http()
        .post('/api/post-groups')
        .set('Authorization', `Bearer ${admin}`)
        .send({ code: 'GT-ALL', names: { ru: 'Все посты', en: 'All posts' }, commandPostIds: posts.map((p) => p.id) })
        .expect(201)
    ).body as PostGroupView;
    const controller = await createUser(t, 'controller');
    await setLanguage(t, controller.token, 'en');
    const scenario = (
      await t
        .http()
        .post('/api/scenarios')
        .set('Authorization', `Bearer ${controller.token}`)
        .send({ title: 'Groups', language: 'en', injects: [] })
        .expect(201)
    ).body as ScenarioView;
    const opened = await signIn(browser, t.url, controller.username, PASSWORD, /#\/controller$/);
    pages.push(opened);
    const { page } = opened;
    await page.goto(`/#/controller/scenarios/${scenario.id}`);
    await page.getByRole('button', { name: 'Add inject' }).click();
    const form = page.getByTestId('inject-form');
    await form.getByLabel('Ref.').fill('GRP-1');
    await form.getByLabel('Time (T+hh:mm:ss)').fill('T+00:01:00');
    await form.getByLabel('Title (English)').fill('To every post of the group');
    await form.getByLabel('Text (English)').fill('Details follow.');
    await form.getByRole('button', { name: 'Add to MSEL' }).click();
    const error = form.locator('[data-field=targets] .field-error');
    expect(await error.innerText()).toBe('Choose at least one command post or post group.');
    await form.locator('input[name=targetGroups][data-code="GT-ALL"]').check();
    await form.getByRole('button', { name: 'Add to MSEL' }).click();
    const row = page.locator('[data-testid=msel-table] tbody tr[data-ref="GRP-1"]');
    expect(await settle(() => row.count(), 1)).toBe(1);
    expect(await row.getByTestId('target-groups').innerText()).toBe('Post groups: GT-ALL');
    const stored = (await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', `Bearer ${controller.token}`).expect(200))
      .body as ScenarioView;
    expect(stored.injects.map((i) => ({ targets: i.targets, targetGroups: i.targetGroups }))).toEqual([{ targets: [], targetGroups: [group.id] }]);
    expect(opened.errors).toEqual([]);
  });
});
