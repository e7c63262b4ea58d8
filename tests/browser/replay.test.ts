/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Locator, Page } from 'playwright-core';
import type { CommandPostView, DeliveryView, DutyMessage, ExerciseView, InjectMessage } from '@excon/contracts';
import { ask, connectConsole, sleep, waitFor, type TestConsole } from '../support/consoles';
import { control, getDeliveries, getExercise, inject, injectOf } from '../support/exercises';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import { axeViolations } from './axe';
import { closePages, ensureConsoleBuilt, launchChromium, screenshot, setLanguage, settle, signIn, type ConsolePage } from './browser-support';

type Login = { token: string; username: string };

/**
 * The after-action replay in the reviewer console (Chromium): a run of three injects to two posts, one read and
 * acknowledged, one answered, one deadline missed, a duty message to each post; the reviewer scrubs the timeline and
 * sees the controller's matrix and each post's console as they were at each moment, nothing of a later stamp and
 * nothing of another post's traffic, and plays it at 600×.
 */
describe('after-action replay', () => {
  let t: TestPlatform;
  let browser: Browser;
  let postA: CommandPostView;
  let postB: CommandPostView;
  let controller: Login;
  let reviewer: Login;
  let operatorA: Login;
  let exercise: ExerciseView;
  let deliveries: DeliveryView[];
  let dutyToA: DutyMessage;
  let dutyToB: DutyMessage;
  const pages: ConsolePage[] = [];
  const consoles: TestConsole[] = [];
  const ANSWER = 'Evacuation of the lower valley under way';

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    postA = await createCommandPost(t, {
      code: 'AM-RPL',
      name: 'Armenia, Emergencies',
      memberState: 'AM',
      ministry: 'emergency',
      timeZone: 'Asia/Yerevan',
    });
    postB = await createCommandPost(t, {
      code: 'TJ-RPL',
      name: 'Tajikistan, Emergencies',
      memberState: 'TJ',
      ministry: 'emergency',
      timeZone: 'Asia/Dushanbe',
    });
    controller = await createUser(t, 'controller');
    reviewer = await createUser(t, 'reviewer');
    operatorA = await createUser(t, 'operator', postA.id);
    for (const login of [controller, reviewer, operatorA]) await setLanguage(t, login.token, 'en');

    const scenario = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({
        title: 'Landslide replay drill',
        language: 'en',
        injects: [
          inject('RP-1', 1, [postA.id], { title: 'Landslide blocks the M-2 road' }),
          inject('RP-2', 2, [postB.id], { title: 'Border crossing closed' }),
          inject('RP-3', 3, [postA.id, postB.id], { title: 'River dammed by the slide', ackWithinSeconds: 2 }),
        ],
      });
    expect(scenario.status).toBe(201);
    const made = await t
      .http()
      .post('/api/exercises')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({ scenarioId: scenario.body.id, title: 'Landslide replay, run 1' });
    expect(made.status).toBe(201);
    exercise = made.body as ExerciseView;

    // Post A's console: takes each inject in at once; opens and acknowledges RP-1 a while later, opens and answers RP-3.
    // Post B has no console open: its injects stay sent, and it misses RP-3's deadline.
    const a = await connectConsole(t.url, operatorA.token);
    const staff = await connectConsole(t.url, controller.token);
    consoles.push(a, staff);
    const done = new Set<string>();
    a.socket.on('inject', (message: InjectMessage) => {
      void (async () => {
        await ask(a.socket, 'inject:received', { deliveryId: message.deliveryId });
        await sleep(1200);
        await ask(a.socket, 'inject:read', { deliveryId: message.deliveryId });
        const answer =
          message.ref === 'RP-3'
            ? await ask(a.socket, 'inject:respond', { deliveryId: message.deliveryId, text: ANSWER })
            : await ask(a.socket, 'inject:acknowledge', { deliveryId: message.deliveryId });
        if (answer.ok) done.add(message.ref);
      })();
    });
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => done.has('RP-1'), 'post A to acknowledge RP-1');
    const send = async (channel: string, text: string) => {
      const sent = await ask(staff.socket, 'duty:send', { exerciseId: exercise.id, channel, text });
      if (!sent.ok) throw new Error(`duty:send: ${sent.error}`);
    };
    await send(postA.id, 'Report the state of the M-2 road by 10:00');
    await send(postB.id, 'Confirm the border crossing is closed');
    await waitFor(() => done.has('RP-3'), 'post A to answer RP-3');
    await waitFor(
      async () => (await getDeliveries(t, controller.token, exercise.id)).some((d) => d.commandPostId === postB.id && d.overdueAt !== null),
      'post B to miss the deadline of RP-3',
    );
    await control(t, controller.token, exercise.id, 'stop');
    exercise = await getExercise(t, controller.token, exercise.id);
    deliveries = await getDeliveries(t, controller.token, exercise.id);
    const messages = (await t.http().get(`/api/exercises/${exercise.id}/duty-messages`).set('Authorization', `Bearer ${controller.token}`))
      .body as DutyMessage[];
    dutyToA = messages.find((m) => m.channel === postA.id) as DutyMessage;
    dutyToB = messages.find((m) => m.channel === postB.id) as DutyMessage;
    expect(dutyToA && dutyToB).toBeTruthy();
  });

  afterEach(() => closePages(pages));

  afterAll(async () => {
    for (const c of consoles) c.close();
    await browser?.close();
    await t?.stop();
  });

  const deliveryOf = (ref: string, post: CommandPostView) => {
    const id = injectOf(exercise, ref).id;
    const found = deliveries.find((d) => d.injectId === id && d.commandPostId === post.id);
    if (!found) throw new Error(`no delivery of ${ref} to ${post.code}`);
    return found;
  };

  /** Moves the scrubber to the step at or after (`up`) or before (`down`) the instant. */
  const scrubTo = async (scrubber: Locator, at: number, round: 'up' | 'down' = 'up') => {
    const min = Number(await scrubber.getAttribute('min'));
    const max = Number(await scrubber.getAttribute('max'));
    const steps = (at - min) / 100;
    const value = Math.min(max, Math.max(min, min + (round === 'up' ? Math.ceil(steps) : Math.floor(steps)) * 100));
    await scrubber.fill(String(value));
    await scrubber.page().locator(`[data-testid=replay-time][data-at="${value}"]`).waitFor();
    return value;
  };

  const cellStates = (page: Page) =>
    page
      .locator('[data-testid=replay-cell]')
      .evaluateAll((cells) =>
        Object.fromEntries(
          cells.map((c) => [`${(c as HTMLElement).dataset.ref}/${(c as HTMLElement).dataset.post}`, (c as HTMLElement).dataset.state]),
        ),
      );
  const inbox = (page: Page) =>
    page
      .locator('[data-testid=replay-inbox] li[data-ref]')
      .evaluateAll((items) => items.map((i) => `${(i as HTMLElement).dataset.ref}:${(i as HTMLElement).dataset.state}`));
  const dutyIds = (page: Page) =>
    page.locator('[data-testid=replay-duty]').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.messageId));

  it('rebuilds the matrix and each post’s console at any moment, plays at 600×, and passes axe (screenshot)', async () => {
    const opened = await signIn(browser, t.url, reviewer.username, PASSWORD, /#\/reviewer$/);
    pages.push(opened);
    const { page } = opened;
    await page.getByRole('link', { name: 'Landslide replay, run 1' }).click();
    await page.getByTestId('report-page').waitFor();
    await page.getByRole('link', { name: 'Replay the exercise' }).click();
    await page.waitForURL(/#\/reviewer\/exercises\/[^/]+\/replay$/);
    await page.getByTestId('replay-page').waitFor();
    const scrubber = page.getByRole('slider', { name: 'Moment of the exercise' });
    const view = page.getByTestId('replay-view');
    const a = postA.code;
    const b = postB.code;

    // Before the first firing: every targeted cell pending, the exercise clock just past STARTEX.
    expect(Number(await scrubber.getAttribute('min'))).toBe(Date.parse(exercise.startedAt as string));
    expect(Number(await scrubber.getAttribute('max'))).toBeGreaterThanOrEqual(Date.parse(exercise.completedAt as string));
    const min = Number(await scrubber.getAttribute('min'));
    expect(Math.min(...deliveries.map((d) => Date.parse(d.firedAt)))).toBeGreaterThan(min + 500);
    await scrubTo(scrubber, min);
    expect(await cellStates(page)).toEqual({
      [`RP-1/${a}`]: 'pending',
      [`RP-1/${b}`]: 'untargeted',
      [`RP-2/${a}`]: 'untargeted',
      [`RP-2/${b}`]: 'pending',
      [`RP-3/${a}`]: 'pending',
      [`RP-3/${b}`]: 'pending',
    });
    expect(await page.getByTestId('replay-exercise-time').innerText()).toBe('T+00:00:00');
    expect(await page.getByTestId('replay-status').getAttribute('data-status')).toBe('running');

    // Between RP-1's arrival at post A and its acknowledgement: received, not yet acknowledged.
    const rp1 = deliveryOf('RP-1', postA);
    const received = Date.parse(rp1.deliveredAt as string);
    const acknowledged = Date.parse(rp1.acknowledgedAt as string);
    expect(acknowledged - received).toBeGreaterThan(1000);
    const between = await scrubTo(scrubber, (received + acknowledged) / 2);
    expect((await cellStates(page))[`RP-1/${a}`]).toBe('delivered');
    await view.selectOption({ label: `Console of ${a} (Armenia, Emergencies)` });
    await page.getByTestId('replay-post').waitFor();
    expect(await inbox(page)).toEqual(['RP-1:unread']);
    expect(await dutyIds(page)).toEqual([]);

    // The duty message to post A: absent just before it was sent, there from its sentAt on.
    const sentAt = Date.parse(dutyToA.sentAt);
    await scrubTo(scrubber, sentAt - 1, 'down');
    expect(await dutyIds(page)).toEqual([]);
    await scrubTo(scrubber, sentAt, 'up');
    expect(await dutyIds(page)).toEqual([dutyToA.id]);
    expect(await page.locator(`[data-testid=replay-duty][data-message-id="${dutyToA.id}"]`).getAttribute('data-state')).toBe('unread');
    expect(await page.locator('[data-testid=replay-response]').count()).toBe(0);

    // At the end, as post A saw it: its two injects, newest first, RP-1 acknowledged, RP-3 answered with its text.
    const end = Number(await scrubber.getAttribute('max'));
    await scrubTo(scrubber, end);
    expect(await inbox(page)).toEqual(['RP-3:answered', 'RP-1:acknowledged']);
    expect(await page.locator('[data-testid=replay-response]').textContent()).toContain(ANSWER);
    expect(await dutyIds(page)).toEqual([dutyToA.id]);
    expect(await axeViolations(page)).toEqual([]);

    // Post B never sees post A's inject or post A's duty message; its own never reached a console.
    await view.selectOption({ label: `Console of ${b} (Tajikistan, Emergencies)` });
    await page.locator(`[data-testid=replay-post][data-post="${b}"]`).waitFor();
    expect(await inbox(page)).toEqual(['RP-3:sent', 'RP-2:sent']);
    expect(await dutyIds(page)).toEqual([dutyToB.id]);
    expect(await page.getByTestId('replay-page').innerText()).not.toContain('Landslide blocks the M-2 road');
    expect(await page.getByTestId('replay-page').innerText()).not.toContain(dutyToA.text);

    // The controller's matrix at the end: acknowledged, answered, missed, and B's injects sent to a post without a console.
    await view.selectOption({ label: 'Controller’s matrix' });
    await page.getByTestId('replay-matrix').waitFor();
    expect(await cellStates(page)).toEqual({
      [`RP-1/${a}`]: 'acknowledged',
      [`RP-1/${b}`]: 'untargeted',
      [`RP-2/${a}`]: 'untargeted',
      [`RP-2/${b}`]: 'sent',
      [`RP-3/${a}`]: 'responded',
      [`RP-3/${b}`]: 'overdue',
    });
    expect(await page.getByTestId('replay-status').getAttribute('data-status')).toBe('completed');
    expect(await axeViolations(page)).toEqual([]);

    // Stepping: the previous event before the end, and back to the moment between the two stamps of RP-1.
    await scrubTo(scrubber, between);
    await page.getByTestId('replay-next').click();
    const stepped = Number(await scrubber.inputValue());
    expect(stepped).toBeGreaterThan(between);
    await page.getByTestId('replay-previous').click();
    expect(Number(await scrubber.inputValue())).toBeLessThan(stepped);

    // A moment with a bit of everything for the screenshot: RP-3 fired, A's duty message sent, B's deadline not yet missed.
    await scrubTo(scrubber, Date.parse(deliveryOf('RP-3', postA).deliveredAt as string));
    await screenshot(page, 'reviewer-replay');

    // Playback at 600×: from the start, the scrubber moves on by itself and stops at the end.
    const start = await scrubTo(scrubber, min);
    await page.getByTestId('replay-speed').selectOption('600');
    await page.getByTestId('replay-play').click();
    expect(await settle(async () => Number(await scrubber.inputValue()) > start, true)).toBe(true);
    expect(await settle(async () => Number(await scrubber.inputValue()), end)).toBe(end);
    expect(await settle(() => page.getByTestId('replay-play').getAttribute('data-playing'), 'false')).toBe('false');
    expect((await cellStates(page))[`RP-3/${a}`]).toBe('responded');
    expect(opened.errors).toEqual([]);
  });
});
