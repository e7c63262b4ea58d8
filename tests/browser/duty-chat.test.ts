/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'playwright-core';
import type { CommandPostView } from '@excon/contracts';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { control, inject } from '../support/exercises';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { closePages, ensureConsoleBuilt, launchChromium, setLanguage, settle, signIn, unnamedControls, type ConsolePage } from './browser-support';

type Login = { token: string; username: string };

/** The texts of the duty messages a page shows, oldest first. */
function shown(page: Page, panel: string): Promise<string[]> {
  return page
    .locator(`[data-testid=${panel}] [data-testid=duty-messages] li .body`)
    .evaluateAll((items) => items.map((i) => (i.textContent ?? '').trim()));
}

/** Sends through the page's duty send box with Enter. */
async function send(page: Page, panel: string, text: string): Promise<void> {
  const box = page.getByTestId(panel).getByRole('textbox', { name: 'Message', exact: true });
  await box.fill(text);
  await box.press('Enter');
  await settle(() => box.inputValue(), '');
}

/**
 * The duty channels in the browser: a controller and the operators of two posts, in three pages. Each post sees its
 * channel and the broadcast one, never the other post's; receipts come back; an offline console catches up in order.
 */
describe('duty chat in the browser consoles', () => {
  let t: TestPlatform;
  let browser: Browser;
  let postA: CommandPostView;
  let postB: CommandPostView;
  let controller: Login;
  let operatorA: Login;
  let operatorB: Login;
  const pages: ConsolePage[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    postA = await createCommandPost(t, {
      code: 'KZ-DC',
      name: 'Kazakhstan, duty chat post',
      memberState: 'KZ',
      ministry: 'emergency',
      timeZone: 'Asia/Almaty',
    });
    postB = await createCommandPost(t, {
      code: 'KG-DC',
      name: 'Kyrgyzstan, duty chat post',
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

  it('carries messages between the duty shift and the posts, with receipts and catch-up after going offline', async () => {
    const scenario = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({ title: 'Duty chat drill', language: 'en', injects: [inject('DC-1', 3600, [postA.id, postB.id])] });
    expect(scenario.status).toBe(201);
    const created = await t.http().post('/api/exercises').set('Authorization', `Bearer ${controller.token}`).send({ scenarioId: scenario.body.id });
    expect(created.status).toBe(201);
    const exerciseId = created.body.id as string;
    await control(t, controller.token, exerciseId, 'start');

    const open = async (login: Login, landing: RegExp) => {
      const opened = await signIn(browser, t.url, login.username, PASSWORD, landing);
      pages.push(opened);
      return opened.page;
    };
    const a = await open(operatorA, /#\/operator$/);
    const b = await open(operatorB, /#\/operator$/);
    const ctl = await open(controller, /#\/controller$/);
    await ctl.goto(`/#/controller/exercises/${exerciseId}`);
    await ctl.getByTestId('duty-panel').waitFor();
    for (const p of [a, b, ctl]) await p.locator('[data-connection=connected]').waitFor();
    for (const p of [a, b]) await p.getByTestId('duty-channel').waitFor();
    const channel = (label: string | RegExp) => ctl.getByTestId('duty-panel').getByRole('radio', { name: label });

    // The duty shift writes to post A's channel, then to every post.
    const toA = 'Report the water level at Zhaisan gauge';
    const broadcast = 'All posts: situation report at 14:00';
    await channel(new RegExp(`^${postA.code}`)).check();
    await send(ctl, 'duty-panel', toA);
    await channel('All posts (broadcast)').check();
    await send(ctl, 'duty-panel', broadcast);

    expect(await settle(() => shown(a, 'duty-channel'), [toA, broadcast], 10_000)).toEqual([toA, broadcast]);
    expect(await settle(() => shown(b, 'duty-channel'), [broadcast], 10_000)).toEqual([broadcast]);
    expect(await b.locator('body').innerText()).not.toContain(toA);
    // Each message is marked as exercise traffic; the broadcast one says so.
    const aItems = a.getByTestId('duty-channel').locator('[data-testid=duty-messages] li');
    expect(await aItems.locator('.marking-inline', { hasText: 'EXERCISE' }).count()).toBe(2);
    expect(await aItems.nth(1).locator('.duty-broadcast').innerText()).toMatch(/broadcast/i);

    // Operator A answers; the controller sees it on A's channel, and A's console showed the message, so it is read.
    const reply = 'Zhaisan: 412 cm and rising';
    await send(a, 'duty-channel', reply);
    await channel(new RegExp(`^${postA.code}`)).check();
    expect(await settle(() => shown(ctl, 'duty-panel'), [toA, reply], 10_000)).toEqual([toA, reply]);
    const firstRead = ctl.getByTestId('duty-panel').locator('[data-testid=duty-messages] li').first().getByTestId('duty-read');
    await firstRead.waitFor({ timeout: 10_000 });
    expect(await firstRead.innerText()).toMatch(new RegExp(`^read by ${postA.code} \\d\\d:\\d\\d`));
    // … and the controller's console showed the reply: A sees "read" on it.
    const replyRead = aItems.nth(2).getByTestId('duty-read');
    await replyRead.waitFor({ timeout: 10_000 });
    expect(await replyRead.innerText()).toBe('read');
    for (const p of [a, ctl]) expect(await unnamedControls(p)).toEqual([]);

    // Post B's console goes offline; two broadcasts go out meanwhile …
    const bContext = pages[1].context;
    await bContext.setOffline(true);
    await b.locator('[data-connection=offline]').waitFor({ timeout: 30_000 });
    const missed = ['Broadcast one while B is away', 'Broadcast two while B is away'];
    await channel('All posts (broadcast)').check();
    for (const text of missed) await send(ctl, 'duty-panel', text);
    await b.waitForTimeout(300);
    expect(await shown(b, 'duty-channel')).toEqual([broadcast]);

    // … and B, back online, shows both, in order, each once.
    await bContext.setOffline(false);
    await b.locator('[data-connection=connected]').waitFor({ timeout: 30_000 });
    const expected = [broadcast, ...missed];
    expect(await settle(() => shown(b, 'duty-channel'), expected, 10_000)).toEqual(expected);
    expect(await b.locator('body').innerText()).not.toContain(toA);
    expect(await b.locator('body').innerText()).not.toContain(reply);

    await control(t, controller.token, exerciseId, 'stop');
  });
});
