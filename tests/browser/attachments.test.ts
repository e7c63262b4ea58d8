/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CommandPostView, ScenarioView } from '@excon/contracts';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { control, inject } from '../support/exercises';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { axeViolations } from './axe';
import { closePages, ensureConsoleBuilt, launchChromium, screenshot, setLanguage, signIn, type ConsolePage } from './browser-support';

type Login = { token: string; username: string };

/** A real picture (one of the README's screenshots), so that Chromium decodes the preview. */
const PICTURE = readFileSync(resolve(__dirname, '../../docs/screenshots/login.png'));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * Attachments in Chromium: the controller attaches a map and an order to an inject in the MSEL editor (and is told
 * when a file is not what its name claims); the operator of the targeted post sees the map's preview in the inject
 * and fetches the order, and the operator of another post is refused the file.
 */
describe('attachments in the consoles', () => {
  let t: TestPlatform;
  let browser: Browser;
  let post: CommandPostView;
  let other: CommandPostView;
  let controller: Login;
  let operator: Login;
  let otherOperator: Login;
  const pages: ConsolePage[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    post = await createCommandPost(t, {
      code: 'KZ-ATT',
      name: 'Kazakhstan, flood HQ',
      memberState: 'KZ',
      ministry: 'emergency',
      timeZone: 'Asia/Almaty',
    });
    other = await createCommandPost(t, {
      code: 'KG-ATT',
      name: 'Kyrgyzstan, duty centre',
      memberState: 'KG',
      ministry: 'emergency',
      timeZone: 'Asia/Bishkek',
    });
    controller = await createUser(t, 'controller');
    operator = await createUser(t, 'operator', post.id);
    otherOperator = await createUser(t, 'operator', other.id);
    for (const login of [controller, operator, otherOperator]) await setLanguage(t, login.token, 'en');
  });

  afterEach(() => closePages(pages));

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('are attached in the MSEL editor and shown to the targeted post only', async () => {
    const created = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({
        title: 'Ili river flood',
        language: 'en',
        injects: [
          inject('ATT-1', 1, [post.id], { title: 'Flood extent map', body: 'The attached map shows the flooded districts.' }),
          inject('ATT-2', 1, [other.id]),
        ],
      });
    expect(created.status).toBe(201);
    const scenario = created.body as ScenarioView;

    const staff = await signIn(browser, t.url, controller.username, PASSWORD, /#\/controller/);
    pages.push(staff);
    await staff.page.goto(`/#/controller/scenarios/${scenario.id}`);
    await staff.page.getByRole('button', { name: 'Edit inject ATT-1', exact: true }).click();
    const section = staff.page.getByTestId('inject-attachments');
    const input = section.getByTestId('attachment-input');
    await input.setInputFiles({ name: 'flood-map.png', mimeType: 'image/png', buffer: PICTURE });
    await section.locator('[data-testid=attachment][data-name="flood-map.png"]').waitFor();
    await input.setInputFiles({ name: 'order-17.pdf', mimeType: 'application/pdf', buffer: PDF });
    await section.locator('[data-testid=attachment][data-name="order-17.pdf"]').waitFor();
    // A page of HTML named like a PDF is refused, and the editor says why.
    await input.setInputFiles({ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><body>not a pdf</body></html>') });
    expect(await section.getByRole('alert').innerText()).toContain('claims to be application/pdf');
    expect(await section.locator('[data-testid=attachment]').count()).toBe(2);
    await section.locator('[data-testid=attachment-thumb]').waitFor();
    expect(await axeViolations(staff.page)).toEqual([]);
    await staff.page.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await staff.page.locator('tr[data-ref="ATT-1"] [data-testid=attachment-count]').innerText()).toBe('Files: 2');

    const exercise = await t.http().post('/api/exercises').set('Authorization', `Bearer ${controller.token}`).send({ scenarioId: scenario.id });
    expect(exercise.status).toBe(201);
    const opened = await signIn(browser, t.url, operator.username, PASSWORD, /#\/operator$/);
    pages.push(opened);
    const { page } = opened;
    await page.locator('[data-connection=connected]').waitFor();
    await control(t, controller.token, exercise.body.id as string, 'start');
    await page.locator('li[data-ref="ATT-1"] button').click({ timeout: 15_000 });
    const detail = page.getByTestId('inject-detail');
    const thumb = detail.locator('[data-testid=attachment-thumb]');
    await thumb.waitFor();
    // The preview is the picture itself, fetched with the operator's token and decoded by the browser.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid=inject-detail] img[data-testid=attachment-thumb]');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    expect(await thumb.getAttribute('alt')).toBe('flood-map.png');
    const download = page.waitForEvent('download');
    await detail.getByRole('button', { name: 'Download order-17.pdf', exact: true }).click();
    expect((await download).suggestedFilename()).toBe('order-17.pdf');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'operator-attachment');

    // The other post's operator gets a 404 for the same file, however it learned the id.
    const exerciseView = await t.http().get(`/api/exercises/${exercise.body.id}`).set('Authorization', `Bearer ${controller.token}`);
    const map = (exerciseView.body.injects as { ref: string; attachments: { id: string; name: string }[] }[])
      .find((i) => i.ref === 'ATT-1')
      ?.attachments.find((a) => a.name === 'flood-map.png');
    expect(map).toBeDefined();
    const foreign = await t.http().get(`/api/attachments/${map?.id}`).set('Authorization', `Bearer ${otherOperator.token}`);
    expect(foreign.status).toBe(404);
    expect(opened.errors).toEqual([]);

    // An ad-hoc inject written on the run page takes a file before it fires.
    await staff.page.goto(`/#/controller/exercises/${exercise.body.id}`);
    await staff.page.locator('summary', { hasText: 'Ad-hoc inject' }).click();
    const form = staff.page.getByTestId('adhoc-form');
    await form.getByLabel('Ref.', { exact: true }).fill('ATT-X');
    await form.getByLabel('Time (T+hh:mm:ss, optional)').fill('T+02:00:00');
    await form.getByLabel('Title (English)').fill('Photo from the dam');
    await form.getByLabel('Text (English)').fill('See the attached photo.');
    await form.locator(`input[name=targets][data-code="${post.code}"]`).check();
    await form.getByRole('button', { name: 'Release ad-hoc inject' }).click();
    const adHocFiles = staff.page.getByTestId('adhoc-attachments');
    await adHocFiles.getByTestId('attachment-input').setInputFiles({ name: 'dam-photo.png', mimeType: 'image/png', buffer: PICTURE });
    await adHocFiles.locator('[data-testid=attachment][data-name="dam-photo.png"]').waitFor();
    const adHoc = (await t.http().get(`/api/exercises/${exercise.body.id}`).set('Authorization', `Bearer ${controller.token}`)).body.injects.find(
      (i: { ref: string }) => i.ref === 'ATT-X',
    );
    expect(adHoc.attachments.map((a: { name: string }) => a.name)).toEqual(['dam-photo.png']);
    expect(staff.errors).toEqual([]);
    await control(t, controller.token, exercise.body.id as string, 'stop');
  });

  it('show media injects in the Media tab as a news feed under their outlet and logo', async () => {
    // A post of its own: the first test's post has an ended exercise, whose questionnaire would fill the screenshot.
    const newsroom = await createCommandPost(t, {
      code: 'KZ-MED',
      name: 'Kazakhstan, press office',
      memberState: 'KZ',
      ministry: 'emergency',
      timeZone: 'Asia/Almaty',
    });
    const reader = await createUser(t, 'operator', newsroom.id);
    await setLanguage(t, reader.token, 'en');
    const created = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({
        title: 'Media storm over the Ili',
        language: 'en',
        injects: [
          inject('TV-1', 1, [newsroom.id], {
            title: 'Dam breach feared at Kapchagay',
            body: 'Residents of the lowlands report water in the streets. Officials have not commented.',
            kind: 'media',
            media: { outlet: 'Channel 24 News', format: 'bulletin' },
          }),
          inject('MSG-1', 1, [newsroom.id], { title: 'Situation report due' }),
        ],
      });
    expect(created.status).toBe(201);
    const scenario = created.body as ScenarioView;
    const tv = scenario.injects.find((i) => i.ref === 'TV-1');
    const logo = await t
      .http()
      .post(`/api/scenarios/${scenario.id}/injects/${tv?.id}/attachments`)
      .set('Authorization', `Bearer ${controller.token}`)
      .attach('file', PICTURE, 'channel24.png');
    expect(logo.status).toBe(201);
    const patched = await t
      .http()
      .patch(`/api/scenarios/${scenario.id}/injects/${tv?.id}`)
      .set('Authorization', `Bearer ${controller.token}`)
      .send({ media: { outlet: 'Channel 24 News', format: 'bulletin', outletLogoAttachmentId: logo.body.id } });
    expect(patched.status).toBe(200);
    const exercise = await t.http().post('/api/exercises').set('Authorization', `Bearer ${controller.token}`).send({ scenarioId: scenario.id });

    const opened = await signIn(browser, t.url, reader.username, PASSWORD, /#\/operator$/);
    pages.push(opened);
    const { page } = opened;
    await page.locator('[data-connection=connected]').waitFor();
    await control(t, controller.token, exercise.body.id as string, 'start');
    await page.locator('li[data-ref="TV-1"]').waitFor({ timeout: 15_000 });
    await page.getByRole('tab', { name: /Media/ }).click();
    const item = page.locator('[data-testid=media-item][data-ref="TV-1"]');
    await item.waitFor();
    // Only the media inject is in the feed, under its outlet, marked as exercise material, with the logo decoded.
    expect(await page.locator('[data-testid=media-item]').count()).toBe(1);
    expect(await item.getByTestId('media-outlet').innerText()).toBe('Channel 24 News');
    expect(await item.innerText()).toContain('EXERCISE');
    expect(await item.innerText()).toContain('TV or radio bulletin');
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid=media-item] img.media-logo');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'operator-media-feed');
    await item.getByRole('button', { name: 'Open as inject' }).click();
    expect(await page.getByTestId('detail-outlet').innerText()).toBe('Channel 24 News · TV or radio bulletin');
    expect(opened.errors).toEqual([]);
    await control(t, controller.token, exercise.body.id as string, 'stop');
  });
});
