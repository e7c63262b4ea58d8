/**
 * npm run bench:console — the controller console at scale, measured in Chromium.
 *
 * Starts the built server (dist/apps/standalone) on a fresh database, seeds BENCH_INJECTS injects (1,000) ×
 * BENCH_POSTS command posts (13), signs a controller in through Chromium (Debian's /usr/bin/chromium) and measures:
 * - time to usable: a full page load of the run page → matrix holding every inject, the page's model holding every
 *   delivery, and a key press in the speed field shown;
 * - MSEL editor open: a full page load of the scenario → every inject in its list model and a key press shown;
 * - idle baseline: key presses on the idle run page (Event Timing API, long tasks);
 * - live at BENCH_SPEED (60): the exercise's injects due every BENCH_SPACING scenario seconds (5 s: 13 deliveries
 *   every 1/12 s, about 160 delivery events a second). A socket.io client in this process stamps every
 *   `delivery:update` as the server sends it; the page reports, once per animation frame, how many deliveries its
 *   model holds. Lag = age of the oldest delivery the server has sent and the page does not show. Key presses go
 *   to the speed field every 200 ms throughout (Event Timing API: durations ≥ 16 ms are recorded).
 * - at the end: every delivery's status in the page equals GET /api/exercises/:id/deliveries.
 *
 * Prints a table and writes /tmp/bench-console.json (BENCH_OUT).
 */
/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { api, BENCH_ADMIN, startBenchPlatform } from './bench-process';

const INJECTS = Number(process.env.BENCH_INJECTS ?? 1000);
const POSTS = Number(process.env.BENCH_POSTS ?? 13);
const SPEED = Number(process.env.BENCH_SPEED ?? 60);
const SPACING = Number(process.env.BENCH_SPACING ?? 5);
const OUT = process.env.BENCH_OUT ?? '/tmp/bench-console.json';
const CHROMIUM = process.env.EXCON_CHROMIUM ?? '/usr/bin/chromium';

type Status = Record<string, string>;

interface PageProbe {
  longTasks: number[];
  events: { name: string; duration: number; at: number }[];
  samples: [number, number][];
}
declare global {
  interface Window {
    __probe: PageProbe;
    __probeSince(at: number): { longTasks: number[]; events: number[] };
  }
}

/** In the page from its first script: long tasks, slow input events, and the model's delivery count per frame. */
function installProbe(): void {
  const probe: PageProbe = { longTasks: [], events: [], samples: [] };
  window.__probe = probe;
  const marks: number[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      probe.longTasks.push(e.duration);
      marks.push(performance.timeOrigin + e.startTime);
    }
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.events.push({ name: e.name, duration: e.duration, at: performance.timeOrigin + e.startTime });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  window.__probeSince = (at) => ({
    longTasks: probe.longTasks.filter((_, i) => marks[i] >= at),
    events: probe.events.filter((e) => e.at >= at).map((e) => e.duration),
  });
  let last = -1;
  const sample = () => {
    const el = document.querySelector<HTMLElement>('[data-testid=matrix-model]');
    const n = el
      ? Number(el.dataset.deliveries)
      : document.querySelectorAll('td.cell-sent, td.cell-delivered, td.cell-acknowledged, td.cell-responded, td.cell-overdue').length;
    if (n !== last) probe.samples.push([Date.now(), n]);
    last = n;
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
}

/** A controller's socket in this process: when the server sent each delivery id first. */
function watchDeliveries(origin: string, token: string): Promise<{ seen: Map<string, number>; close: () => void }> {
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  const seen = new Map<string, number>();
  const prefix = '42/console,["delivery:update",';
  return new Promise((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith(prefix)) {
        const id = (JSON.parse(text.slice(text.indexOf('['))) as [string, { deliveryId: string }])[1].deliveryId;
        if (!seen.has(id)) seen.set(id, Date.now());
      } else if (text === '2') ws.send('3');
      else if (text.startsWith('0')) ws.send(`40/console,${JSON.stringify({ token })}`);
      else if (text.startsWith('40/console')) resolve({ seen, close: () => ws.terminate() });
      else if (text.startsWith('44/console')) reject(new Error(text));
    });
    ws.once('error', reject);
  });
}

async function send<T>(url: string, method: string, path: string, token: string, body: unknown): Promise<T> {
  const response = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

const round = (n: number) => Math.round(n * 10) / 10;
const pct = (values: number[], p: number) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Presses a key in the speed field and waits for the frame that shows it: ms from the press to that paint. */
async function keyRoundTrip(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const input = document.querySelector<HTMLInputElement>('input[name=speed]');
        if (!input) return resolve(NaN);
        const start = performance.now();
        input.focus();
        input.value = input.value === '60' ? '6' : '60';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
      }),
  );
}

/** Every cell's status as the page shows it, scrolling the matrix through from top to bottom. */
async function pageCells(page: Page): Promise<Status> {
  return page.evaluate(async () => {
    const cells: Record<string, string> = {};
    const scroller = document.querySelector<HTMLElement>('[data-testid=matrix-scroll]') ?? document.scrollingElement!;
    const read = () => {
      for (const row of document.querySelectorAll<HTMLElement>('[data-testid=matrix] tr[data-inject-id]'))
        for (const cell of row.querySelectorAll<HTMLElement>('td.cell[data-post-id]'))
          cells[`${row.dataset.injectId}|${cell.dataset.postId}`] = cell.dataset.status ?? '';
    };
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let top = 0; ; top += scroller.clientHeight / 2) {
      scroller.scrollTop = top;
      await frame();
      read();
      if (top >= scroller.scrollHeight) break;
    }
    scroller.scrollTop = 0;
    return cells;
  });
}

async function main(): Promise<void> {
  const platform = await startBenchPlatform('console');
  const { url } = platform;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const rows: { measure: string; value: string }[] = [];
  const result: Record<string, unknown> = { injects: INJECTS, posts: POSTS, speed: SPEED, spacing: SPACING };
  try {
    const login = async (username: string, password: string) =>
      (await api<{ accessToken: string }>(url, '/api/auth/login', null, { username, password })).accessToken;
    const admin = await login(BENCH_ADMIN.username, BENCH_ADMIN.password);
    const posts: string[] = [];
    for (let i = 0; i < POSTS; i++)
      posts.push(
        (
          await api<{ id: string }>(url, '/api/command-posts', admin, {
            code: `B-${i}`,
            name: `Bench post ${i}`,
            memberState: 'KZ',
            ministry: 'emergency',
            timeZone: 'Asia/Almaty',
          })
        ).id,
      );
    await api(url, '/api/users', admin, { username: 'ctl', password: 'bench-password', role: 'controller' });
    const token = await login('ctl', 'bench-password');
    await send(url, 'PATCH', '/api/users/me', token, { language: 'en' });
    const injects = Array.from({ length: INJECTS }, (_, i) => ({
      ref: `M-${String(i).padStart(4, '0')}`,
      offsetSeconds: 60 + i * SPACING,
      title: `Bench inject ${i}: flooding on the river, evacuation of the district`,
      body: 'УЧЕНИЯ. Обстановка: '.repeat(10),
      targets: posts,
    }));
    const scenario = await api<{ id: string }>(url, '/api/scenarios', token, { title: 'Console bench', injects });
    const exercise = await api<{ id: string }>(url, '/api/exercises', token, { scenarioId: scenario.id, speed: SPEED });
    const expected = INJECTS * POSTS;

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB', timezoneId: 'Europe/Moscow', baseURL: url });
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    await page.locator('input[name=username]').fill('ctl');
    await page.locator('input[name=password]').fill('bench-password');
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/#\/controller$/);

    // Time to usable: a fresh load of the run page until every inject is in the matrix and a key press is shown.
    const usable = async (reloadTag: string) => {
      const start = Date.now();
      await page.goto(`/?${reloadTag}#/controller/exercises/${exercise.id}`);
      await page.waitForFunction(
        (n) => {
          const model = document.querySelector<HTMLElement>('[data-testid=matrix-model]');
          if (model) return Number(model.dataset.injects) === n;
          return document.querySelectorAll('[data-testid=matrix] tr[data-inject-id]').length === n;
        },
        INJECTS,
        { polling: 'raf', timeout: 60_000 },
      );
      const key = await keyRoundTrip(page);
      return { ms: Date.now() - start, keyMs: key };
    };
    const rest = async () => {
      const timed = async (path: string) => {
        const start = Date.now();
        const body = await (await fetch(url + path, { headers: { authorization: `Bearer ${token}` } })).text();
        return { ms: Date.now() - start, kb: Math.round(body.length / 1024) };
      };
      return { exercise: await timed(`/api/exercises/${exercise.id}`), deliveries: await timed(`/api/exercises/${exercise.id}/deliveries`) };
    };
    const restBefore = await rest();
    result.restBefore = restBefore;
    rows.push({
      measure: 'REST before STARTEX: exercise / deliveries',
      value: `${restBefore.exercise.ms} ms (${restBefore.exercise.kb} KB) / ${restBefore.deliveries.ms} ms (${restBefore.deliveries.kb} KB)`,
    });
    const runLoads = [await usable('a'), await usable('b'), await usable('c')];
    result.runPageUsableMs = runLoads.map((l) => l.ms);
    rows.push({ measure: 'run page: load → usable (3 loads)', value: runLoads.map((l) => `${l.ms} ms`).join(', ') });
    result.matrixRowsInDom = await page.locator('[data-testid=matrix] tr[data-inject-id]').count();
    rows.push({ measure: 'matrix rows in the DOM', value: `${String(result.matrixRowsInDom)} of ${INJECTS}` });

    // The MSEL editor of the scenario: a fresh load until its list holds every inject and a click answers.
    const mselLoads: number[] = [];
    for (const tag of ['m1', 'm2']) {
      const start = Date.now();
      await page.goto(`/?${tag}#/controller/scenarios/${scenario.id}`);
      await page.waitForFunction(
        (n) => {
          const table = document.querySelector<HTMLElement>('[data-testid=msel-table]');
          if (table?.dataset.injects) return Number(table.dataset.injects) === n && table.querySelector('tbody tr[data-ref]') !== null;
          return document.querySelectorAll('[data-testid=msel-table] tbody tr[data-ref]').length >= n;
        },
        INJECTS,
        { polling: 'raf', timeout: 60_000 },
      );
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
      mselLoads.push(Date.now() - start);
    }
    result.mselOpenMs = mselLoads;
    rows.push({ measure: 'MSEL editor: load → usable (2 loads)', value: mselLoads.map((m) => `${m} ms`).join(', ') });

    // Idle baseline on the run page.
    await usable('idle');
    const typing = async (until: () => boolean) => {
      const trips: number[] = [];
      while (!until()) {
        trips.push(await keyRoundTrip(page));
        await new Promise((r) => setTimeout(r, 200));
      }
      return trips;
    };
    const idleStart = Date.now();
    const idleTrips = await typing(() => Date.now() - idleStart > 5000);
    const idle = await page.evaluate((at) => window.__probeSince(at), idleStart);
    result.idle = { keyRoundTripMs: { p50: pct(idleTrips, 50), max: Math.max(...idleTrips) }, longTasks: idle.longTasks, slowEvents: idle.events };

    // Live: STARTEX at the bench speed, the server's pushes stamped by our own socket.
    const watcher = await watchDeliveries(url, token);
    const liveStart = Date.now();
    await api(url, `/api/exercises/${exercise.id}/start`, token, {});
    const lastDue = ((60 + (INJECTS - 1) * SPACING) / SPEED) * 1000;
    const trips = await typing(() => watcher.seen.size >= expected || Date.now() - liveStart > lastDue + 120_000);
    const serverDone = Date.now();
    await page.waitForFunction((n) => window.__probe.samples.at(-1)?.[1] === n, expected, { timeout: 300_000 }).catch(() => undefined);
    const pageDone = Date.now();
    const live = await page.evaluate((at) => ({ ...window.__probeSince(at), samples: window.__probe.samples.filter(([t]) => t >= at) }), liveStart);
    watcher.close();

    // Lag: at every page sample, the age of the oldest delivery the server had sent and the page did not show.
    const sent = [...watcher.seen.values()].sort((a, b) => a - b);
    const lags: number[] = [];
    let shown = 0;
    for (let t = liveStart; t <= pageDone; t += 50) {
      for (const [at, n] of live.samples) if (at <= t) shown = n;
      lags.push(shown < sent.length && sent[shown] <= t ? t - sent[shown] : 0);
    }
    const server = await api<{ id: string; injectId: string; commandPostId: string; status: string; overdueAt: string | null }[]>(
      url,
      `/api/exercises/${exercise.id}/deliveries`,
      token,
    );
    const cells = await pageCells(page);
    const mismatched = server.filter(
      (d) => cells[`${d.injectId}|${d.commandPostId}`] !== (d.overdueAt && d.status === 'sent' ? 'overdue' : d.status),
    );
    const l = {
      deliveriesSent: sent.length,
      serverDeliveries: server.length,
      pageCaughtUpAfterServerMs: pageDone - serverDone,
      lagMs: { p50: pct(lags, 50), p99: pct(lags, 99), max: Math.max(...lags) },
      keyRoundTripMs: { p50: pct(trips, 50), p99: pct(trips, 99), max: Math.max(...trips), n: trips.length },
      slowEvents: { n: live.events.length, max: Math.max(0, ...live.events) },
      longTasks: { n: live.longTasks.length, max: round(Math.max(0, ...live.longTasks)), total: round(live.longTasks.reduce((x, y) => x + y, 0)) },
      mismatchedCells: mismatched.length,
      cellsRead: Object.keys(cells).length,
    };
    result.live = l;
    rows.push({ measure: 'idle: key → paint p50 / max', value: `${round(pct(idleTrips, 50))} / ${round(Math.max(...idleTrips))} ms` });
    rows.push({ measure: 'idle: long tasks (n, max)', value: `${idle.longTasks.length}, ${round(Math.max(0, ...idle.longTasks))} ms` });
    rows.push({ measure: `live ${SPEED}×: deliveries sent by the server`, value: `${sent.length} of ${expected}` });
    rows.push({ measure: 'live: lag behind the server p50 / p99 / max', value: `${l.lagMs.p50} / ${l.lagMs.p99} / ${l.lagMs.max} ms` });
    rows.push({ measure: 'live: page caught up after the server', value: `${l.pageCaughtUpAfterServerMs} ms` });
    rows.push({
      measure: 'live: key → paint p50 / p99 / max',
      value: `${round(l.keyRoundTripMs.p50)} / ${round(l.keyRoundTripMs.p99)} / ${round(l.keyRoundTripMs.max)} ms (${l.keyRoundTripMs.n})`,
    });
    rows.push({ measure: 'live: input events ≥ 16 ms (n, max)', value: `${l.slowEvents.n}, ${round(l.slowEvents.max)} ms` });
    rows.push({ measure: 'live: long tasks (n, max, total)', value: `${l.longTasks.n}, ${l.longTasks.max} ms, ${l.longTasks.total} ms` });
    rows.push({
      measure: 'end: cells differing from the server',
      value: `${mismatched.length} of ${server.length} (${Object.keys(cells).length} read)`,
    });
    // The run page of the finished exercise: every delivery to load as well.
    const restAfter = await rest();
    result.restAfter = restAfter;
    rows.push({
      measure: 'REST after ENDEX: exercise / deliveries',
      value: `${restAfter.exercise.ms} ms (${restAfter.exercise.kb} KB) / ${restAfter.deliveries.ms} ms (${restAfter.deliveries.kb} KB)`,
    });
    const afterLoads: number[] = [];
    for (const tag of ['d1', 'd2']) {
      const start = Date.now();
      await page.goto(`/?${tag}#/controller/exercises/${exercise.id}`);
      await page.waitForFunction(
        (n) => {
          const model = document.querySelector<HTMLElement>('[data-testid=matrix-model]');
          if (model) return Number(model.dataset.deliveries) === n;
          return document.querySelectorAll('td.cell-sent, td.cell-delivered, td.cell-acknowledged, td.cell-responded, td.cell-overdue').length >= n;
        },
        expected,
        { polling: 'raf', timeout: 60_000 },
      );
      await keyRoundTrip(page);
      afterLoads.push(Date.now() - start);
    }
    result.runPageWithDeliveriesUsableMs = afterLoads;
    rows.push({ measure: `run page with ${expected} deliveries: load → usable`, value: afterLoads.map((m) => `${m} ms`).join(', ') });
    result.pageErrors = errors;
    if (errors.length) rows.push({ measure: 'page errors', value: errors.slice(0, 3).join(' | ') });
  } finally {
    await browser.close();
    await platform.stop();
  }
  const width = Math.max(...rows.map((r) => r.measure.length));
  console.log(`\nController console, ${INJECTS} injects × ${POSTS} posts, ${SPEED}×\n`);
  for (const r of rows) console.log(`${r.measure.padEnd(width)}  ${r.value}`);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(result, null, 2));
  console.log(`\nwritten ${OUT}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
