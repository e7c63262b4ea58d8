/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import type { CommandPostView } from '@excon/contracts';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { control, getDeliveries, getExercise, inject, injectOf } from '../support/exercises';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { closePages, ensureConsoleBuilt, launchChromium, setLanguage, settle, signIn, type ConsolePage } from './browser-support';

type Login = { token: string; username: string };

/**
 * An operator console on a link that drops in the middle of an exercise (Chromium's offline emulation, which also
 * covers the service worker): the operator acknowledges one inject and answers another without a link, reloads the
 * page without a link (the shell from the service worker, the inbox and the queued actions from IndexedDB), and when
 * the link is back the server holds each action once, with the operator's time and its own.
 */
describe('operator console through a lost link', () => {
  let t: TestPlatform;
  let browser: Browser;
  let post: CommandPostView;
  let controller: Login;
  let operator: Login;
  const pages: ConsolePage[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    post = await createCommandPost(t, {
      code: 'BY-OFF',
      name: 'Belarus, offline post',
      memberState: 'BY',
      ministry: 'emergency',
      timeZone: 'Europe/Minsk',
    });
    controller = await createUser(t, 'controller');
    operator = await createUser(t, 'operator', post.id);
    for (const login of [controller, operator]) await setLanguage(t, login.token, 'en');
  });

  afterEach(() => closePages(pages));

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('queues an acknowledgement and an answer made offline, keeps them through a reload, and sends each once on reconnect', async () => {
    const scenario = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({
        title: 'Lost link drill',
        language: 'en',
        injects: [
          inject('OFF-1', 1, [post.id], { title: 'Dam gauge report' }),
          inject('OFF-2', 2, [post.id], { title: 'Evacuation status' }),
          inject('OFF-3', 3600, [post.id]),
        ],
      });
    expect(scenario.status).toBe(201);
    const created = await t.http().post('/api/exercises').set('Authorization', `Bearer ${controller.token}`).send({ scenarioId: scenario.body.id });
    expect(created.status).toBe(201);
    const exerciseId = created.body.id as string;

    const opened = await signIn(browser, t.url, operator.username, PASSWORD, /#\/operator$/);
    pages.push(opened);
    const { page, context } = opened;
    await page.locator('[data-connection=connected]').waitFor();
    // The service worker has kept the shell before the link goes.
    expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state ?? null))).toBe('activated');

    await control(t, controller.token, exerciseId, 'start');
    for (const ref of ['OFF-1', 'OFF-2']) await page.locator(`li[data-ref="${ref}"][data-state=unread]`).waitFor({ timeout: 15_000 });
    // The inbox is written to IndexedDB a moment after it changes.
    await page.waitForTimeout(500);

    // The link goes.
    await context.setOffline(true);
    await page.locator('[data-connection=offline]').waitFor({ timeout: 30_000 });
    const offlineFrom = Date.now();

    // Acknowledged and answered without a link: shown done, marked "not yet sent".
    await page.locator('li[data-ref="OFF-1"] button').click();
    await page.getByTestId('offline-hint').waitFor();
    await page.getByTestId('acknowledge').click();
    await page.getByTestId('unsent-acknowledge').waitFor();
    await page.locator('li[data-ref="OFF-2"] button').click();
    const answer = 'Evacuated: 1,240 people from Pinsk lowlands';
    await page.getByRole('textbox', { name: 'Response', exact: true }).fill(answer);
    await page.getByRole('button', { name: 'Send response', exact: true }).click();
    await page.getByTestId('unsent-respond').waitFor();
    expect(await page.getByTestId('outbox-count').getAttribute('data-count')).toBe('2');
    expect(await page.locator('[data-testid=unsent-badge]').count()).toBe(2);
    const actedUntil = Date.now();

    // Nothing of it has reached the server.
    const before = await getDeliveries(t, controller.token, exerciseId);
    expect(before.map((d) => d.status).sort()).toEqual(['delivered', 'delivered']);

    // A reload without a link: the shell from the service worker, the inbox and the queue from IndexedDB.
    await page.reload();
    await page.locator('li[data-ref="OFF-1"][data-state=acknowledged]').waitFor({ timeout: 15_000 });
    await page.locator('li[data-ref="OFF-2"][data-state=answered]').waitFor();
    expect(await page.getByTestId('outbox-count').getAttribute('data-count')).toBe('2');
    expect(await page.locator('[data-connection=connected]').count()).toBe(0);
    await page.locator('li[data-ref="OFF-2"] button').click();
    expect(await page.getByTestId('inject-detail').innerText()).toContain(answer);

    // The link is back: the queue is sent, in order, and emptied.
    const onlineFrom = Date.now();
    await context.setOffline(false);
    await page.locator('[data-connection=connected]').waitFor({ timeout: 30_000 });
    await page.getByTestId('outbox-count').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.locator('[data-testid=unsent-badge]').count()).toBe(0);
    expect(await page.getByTestId('outbox-error').count()).toBe(0);

    // The server has each action once, with the operator's time (while offline) and its own receipt time (after).
    const started = await getExercise(t, controller.token, exerciseId);
    const deliveries = await getDeliveries(t, controller.token, exerciseId);
    const of = (ref: string) => {
      const found = deliveries.find((d) => d.injectId === injectOf(started, ref).id);
      if (!found) throw new Error(`no delivery of ${ref}`);
      return found;
    };
    const acked = of('OFF-1');
    const answered = of('OFF-2');
    expect(acked.status).toBe('acknowledged');
    expect(answered.status).toBe('responded');
    expect(answered.response).toBe(answer);
    const within = (iso: string | null, from: number, to: number) => {
      const at = Date.parse(iso ?? '');
      return at >= from - 1000 && at <= to + 1000;
    };
    expect(within(acked.acknowledgedOnConsoleAt, offlineFrom, actedUntil)).toBe(true);
    expect(within(answered.respondedOnConsoleAt, offlineFrom, actedUntil)).toBe(true);
    expect(Date.parse(acked.acknowledgedAt ?? '')).toBeGreaterThanOrEqual(onlineFrom);
    expect(Date.parse(answered.respondedAt ?? '')).toBeGreaterThanOrEqual(onlineFrom);
    expect(Date.parse(answered.respondedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(acked.acknowledgedAt ?? ''));

    // Once: the stored idempotency keys are those of the queued actions, and no other delivery changed.
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const rows = (
        await db.query<{ ref: string; acknowledge_key: string | null; respond_key: string | null; status: string }>(
          `select i.ref, d.acknowledge_key, d.respond_key, d.status from delivery d join exercise_inject i on i.id = d.exercise_inject_id
            where i.exercise_id = $1 order by i.ref`,
          [exerciseId],
        )
      ).rows;
      expect(rows.map((r) => [r.ref, r.status, r.acknowledge_key !== null, r.respond_key !== null])).toEqual([
        ['OFF-1', 'acknowledged', true, false],
        ['OFF-2', 'responded', false, true],
      ]);
    } finally {
      await db.end();
    }

    // The console shows the server's times now, and stays as the server has it after another reload.
    await page.reload();
    await page.locator('[data-connection=connected]').waitFor({ timeout: 30_000 });
    await page.locator('li[data-ref="OFF-1"][data-state=acknowledged]').waitFor();
    expect(await settle(() => page.getByTestId('outbox-count').count(), 0)).toBe(0);
    expect(opened.errors).toEqual([]);

    await control(t, controller.token, exerciseId, 'stop');
  });
});
