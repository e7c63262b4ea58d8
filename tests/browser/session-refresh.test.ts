/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { waitFor } from '../support/consoles';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { control, createExercise, getDeliveries, inject } from '../support/exercises';
import { ADMIN, startTestPlatform, type TestPlatform } from '../support/test-platform';
import { closePages, ensureConsoleBuilt, launchChromium, signIn, type ConsolePage } from './browser-support';

/**
 * Access tokens that last 5 seconds: the console refreshes them and renews its socket, so an operator stays
 * logged in and receives injects long after the first token expired; a session an admin ends sends the
 * console to its login page at once.
 */
describe('the console keeps its session alive and follows the server’s end of it', () => {
  let t: TestPlatform;
  let browser: Browser;
  const pages: ConsolePage[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform({ env: { EXCON_JWT_TTL_SECONDS: '5' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await closePages(pages);
    await browser?.close();
    await t?.stop();
  });

  it('receives and acknowledges an inject three token lifetimes after login, then shows the login page when an admin deactivates the user', async () => {
    const post = await createCommandPost(t);
    const { username, user } = await createUser(t, 'operator', post.id);
    const { username: controllerName } = await createUser(t, 'controller');
    const opened = await signIn(browser, t.url, username, PASSWORD, /#\/operator/);
    pages.push(opened);
    const { page } = opened;
    const controllerToken = (await t.login(controllerName, PASSWORD)).accessToken;
    const { exercise } = await createExercise(t, controllerToken, [inject('LATE-1', 15, [post.id])]);
    await control(t, controllerToken, exercise.id, 'start');
    await page.locator('li[data-ref="LATE-1"]').waitFor({ timeout: 30_000 });
    // Opening it and acknowledging go over the socket, whose first token expired long ago.
    await page.locator('li[data-ref="LATE-1"] button').click();
    await page.getByTestId('acknowledge').click();
    await page.getByTestId('acknowledged').waitFor();
    // A new login per look: the test's own tokens last 5 seconds too.
    const delivery = async () =>
      (await getDeliveries(t, (await t.login(controllerName, PASSWORD)).accessToken, exercise.id)).find((d) => d.commandPostId === post.id);
    await waitFor(async () => (await delivery())?.status === 'acknowledged', 'the acknowledgement stored', 10_000);
    expect(page.url()).toMatch(/#\/operator/);
    expect(opened.errors).toEqual([]);

    const admin = (await t.login(ADMIN.username, ADMIN.password)).accessToken;
    const endedAt = Date.now();
    await t.http().patch(`/api/users/${user.id}`).set('Authorization', `Bearer ${admin}`).send({ active: false }).expect(200);
    await page.locator('[data-testid=session-ended]').waitFor({ timeout: 5_000 });
    expect(Date.now() - endedAt).toBeLessThan(3_000);
    expect(page.url()).toMatch(/#\/login/);
  });
});
