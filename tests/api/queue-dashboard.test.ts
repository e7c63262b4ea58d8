/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { control, createExercise, inject } from '../support/exercises';
import { createCommandPost, createUser } from '../support/fixtures';
import { QUEUE_MODES, startTestPlatform, type TestPlatform } from '../support/test-platform';

/** Debian's Chromium, as the browser suites use it. */
const CHROMIUM = process.env.EXCON_CHROMIUM ?? '/usr/bin/chromium';

const COOKIE = 'excon_queue_dashboard';

interface QueueListing {
  queues: { name: string; counts: Record<string, number>; statuses: string[] }[];
}

describe.each(QUEUE_MODES)('queue dashboard at /admin/queues (%s queues)', (queueMode) => {
  let t: TestPlatform;
  let admin: string;
  let controller: { token: string };
  let operator: { token: string };

  beforeAll(async () => {
    t = await startTestPlatform({ queueMode });
    admin = await t.adminToken();
    const post = await createCommandPost(t);
    controller = await createUser(t, 'controller');
    operator = await createUser(t, 'operator', post.id);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses anyone but an admin: 401 without or with a bad token or cookie, 403 for other roles', async () => {
    for (const path of ['/admin/queues', '/admin/queues/', '/admin/queues/api/queues', '/admin/queues/queue/exercise-events']) {
      expect({ path, status: (await t.http().get(path)).status }).toEqual({ path, status: 401 });
      expect({ path, status: (await t.http().get(path).set('Authorization', 'Bearer forged')).status }).toEqual({ path, status: 401 });
      expect({ path, status: (await t.http().get(path).set('Cookie', `${COOKIE}=forged`)).status }).toEqual({ path, status: 401 });
      for (const token of [controller.token, operator.token]) {
        expect({ path, status: (await t.http().get(path).set('Authorization', `Bearer ${token}`)).status }).toEqual({ path, status: 403 });
        // A non-admin's token in the cookie is refused the same way.
        expect({ path, status: (await t.http().get(path).set('Cookie', `${COOKIE}=${token}`)).status }).toEqual({ path, status: 403 });
      }
    }
    // Mutations too: nobody but an admin pauses the queue.
    expect((await t.http().put('/admin/queues/api/queues/exercise-events/pause').set('Authorization', `Bearer ${controller.token}`)).status).toBe(
      403,
    );
    const refused = await t.http().get('/admin/queues/api/queues');
    expect(refused.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
  });

  it("serves bull-board's page and assets to an admin's bearer token, with inline styles allowed there only", async () => {
    const page = await t.http().get('/admin/queues').set('Authorization', `Bearer ${admin}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<base href="/admin/queues/" />');
    expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const stylesheet = /href="(static\/css\/[^"]+\.css)"/.exec(page.text)?.[1] as string;
    expect(stylesheet).toBeDefined();
    const css = await t.http().get(`/admin/queues/${stylesheet}`).set('Authorization', `Bearer ${admin}`);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    // Everywhere else the policy stays strict.
    expect((await t.http().get('/api/health')).headers['content-security-policy']).toContain("style-src 'self';");
  });

  it("lists ExCon's queue with its job counts from the queue's backend", async () => {
    const listing = async () =>
      (await t.http().get('/admin/queues/api/queues').set('Authorization', `Bearer ${admin}`).expect(200)).body as QueueListing;
    const before = await listing();
    expect(before.queues.map((q) => q.name)).toEqual(['exercise-events']);
    expect(before.queues[0].counts).toEqual(expect.objectContaining({ active: 0, waiting: 0, delayed: 0, completed: 0, failed: 0 }));
    // An inject an hour ahead: its firing job waits, delayed, in Redis or in BullMQ's PostgreSQL tables.
    const post = await createCommandPost(t);
    const { exercise } = await createExercise(t, controller.token, [inject('Q1', 3600, [post.id])]);
    await control(t, controller.token, exercise.id, 'start');
    const after = await listing();
    expect(after.queues[0].counts.delayed).toBeGreaterThanOrEqual(1);
    const delayed = (
      await t
        .http()
        .get('/admin/queues/api/queues?activeQueue=exercise-events&status=delayed&page=1&jobsPerPage=50')
        .set('Authorization', `Bearer ${admin}`)
        .expect(200)
    ).body as { queues: { name: string; jobs: { name: string; data: { exerciseId?: string } }[] }[] };
    const jobs = delayed.queues.find((q) => q.name === 'exercise-events')?.jobs ?? [];
    expect(jobs).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'fire-inject', data: expect.objectContaining({ exerciseId: exercise.id }) })]),
    );
    // The datastore panel answers on either backend.
    expect((await t.http().get('/admin/queues/api/redis/stats').set('Authorization', `Bearer ${admin}`)).status).toBe(200);
  });

  it('opens for the cookie the console gets: HttpOnly, SameSite=Strict, for /admin/queues only, short-lived', async () => {
    expect((await t.http().post('/api/queue-dashboard/session')).status).toBe(401);
    const refused = await t.http().post('/api/queue-dashboard/session').set('Authorization', `Bearer ${controller.token}`);
    expect(refused.status).toBe(403);
    expect(refused.headers['set-cookie']).toBeUndefined();

    const opened = await t.http().post('/api/queue-dashboard/session').set('Authorization', `Bearer ${admin}`);
    expect(opened.status).toBe(204);
    const cookie = ([] as string[]).concat(opened.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${COOKIE}=`)) as string;
    expect(cookie).toBeDefined();
    const attributes = cookie.split(';').map((a) => a.trim());
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/admin/queues']));
    expect(attributes).not.toContain('Secure'); // plain HTTP here; over TLS it is Secure
    const maxAge = Number(attributes.find((a) => a.startsWith('Max-Age='))?.slice('Max-Age='.length));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(1800);

    const pair = attributes[0];
    const listing = await t.http().get('/admin/queues/api/queues').set('Cookie', pair);
    expect(listing.status).toBe(200);
    expect((listing.body as QueueListing).queues.map((q) => q.name)).toEqual(['exercise-events']);
    expect((await t.http().get('/admin/queues').set('Cookie', pair)).status).toBe(200);
    // The cookie is for the dashboard only: the API still wants its bearer token.
    expect((await t.http().get('/api/users').set('Cookie', pair)).status).toBe(401);
  });

  it("renders in Chromium from the console's cookie, under its Content-Security-Policy", async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const context = await browser.newContext({ baseURL: t.url });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        // bull-board asks for a web font from the internet; the policy refuses it (the page falls back to local fonts).
        if (/Content Security Policy|Refused to/i.test(message.text()) && !message.text().includes('fonts.googleapis.com'))
          problems.push(message.text());
      });
      await page.goto('/api/health');
      // Without the cookie the tab is refused.
      expect((await page.goto('/admin/queues'))?.status()).toBe(401);
      // What the console does: POST with its bearer token, then open the dashboard.
      const status = await page.evaluate(
        async (token) => (await fetch('/api/queue-dashboard/session', { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status,
        admin,
      );
      expect(status).toBe(204);
      expect(await page.evaluate(() => document.cookie)).toBe(''); // HttpOnly, and not for this path anyway
      expect((await page.goto('/admin/queues'))?.status()).toBe(200);
      await page.getByText('exercise-events').first().waitFor({ timeout: 15_000 });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
