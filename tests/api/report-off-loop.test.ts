import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Response } from 'superagent';
import type { CommandPostView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { queryDatabase } from '../support/database';
import { createCommandPost, createUser, PASSWORD, type RoleUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * A report of a large exercise is rendered off the event loop that fires injects: while a PDF of 13,000
 * deliveries is made, GET /api/health keeps answering at once. Renders beyond the cap wait in a bounded
 * queue; past the queue they are refused with 503 and Retry-After.
 */
const POSTS = 13;
const INJECTS = 1000;
/**
 * Stalls a user of a console would notice. With the render on the loop, a 13,000-delivery PDF stalled
 * health for 16 s. Off the loop, the worst delay of the loop stays around 100 ms on an idle machine and
 * below 750 ms with two cores shared by several suites; health also waits for its database query, so
 * its bound is wider.
 */
const LOOP_DELAY_BOUND_MS = 1000;
const HEALTH_BOUND_MS = 2000;
const CONCURRENCY = 2;
const QUEUE = 1;

function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Writes a completed exercise of `injects` injects to every post (one delivery each) straight into the database. */
async function seedExercise(databaseUrl: string, posts: CommandPostView[], injects: number): Promise<string> {
  const postIds = JSON.stringify(posts.map((p) => p.id));
  const [{ id: scenarioId }] = await queryDatabase<{ id: string }>(
    databaseUrl,
    `insert into scenario (id, title, description, language, objectives, created_at, updated_at)
     values (gen_random_uuid(), 'Большой сценарий', 'Нагрузка отчёта', 'ru', '[]', now(), now()) returning id`,
  );
  const [{ id: exerciseId }] = await queryDatabase<{ id: string }>(
    databaseUrl,
    `insert into exercise (id, scenario_id, title, status, speed, anchor_at, anchor_scenario_ms, started_at, completed_at, command_post_ids, created_at, updated_at)
     values (gen_random_uuid(), $1, 'Учения большого объёма', 'completed', 1, now() - interval '2 hours', 0,
             now() - interval '2 hours', now() - interval '1 minute', $2::jsonb, now(), now()) returning id`,
    [scenarioId, postIds],
  );
  await queryDatabase(
    databaseUrl,
    `insert into exercise_inject (id, exercise_id, ref, "offset_seconds", title, body, translations, targets, precedence, "from", expected_action,
                                  ack_within_seconds, objective_refs, status, due_at, fired_at, lateness_ms)
     select gen_random_uuid(), $1, 'R' || n, n * 5, 'Вводная №' || n || ': обстановка, "уровень воды" растёт', 'Текст вводной ' || n, '{}', $2::jsonb,
            (array['flash','immediate','priority','routine'])[1 + n % 4], 'Штаб учений', 'Доложить обстановку и принятые меры',
            case when n % 3 = 0 then 60 else null end, '[]', 'fired',
            now() - interval '2 hours' + n * interval '5 seconds', now() - interval '2 hours' + n * interval '5 seconds', 20
       from generate_series(1, $3::int) as n`,
    [exerciseId, postIds, injects],
  );
  await queryDatabase(
    databaseUrl,
    `insert into delivery (id, exercise_id, exercise_inject_id, command_post_id, seq, status, fired_at, delivered_at, acknowledged_at, responded_at, response, ack_deadline_at, overdue_at)
     select gen_random_uuid(), $1, i.id, p.id::uuid, i.offset_seconds / 5,
            case when (i.offset_seconds / 5 + p.k) % 7 = 0 then 'sent' when (i.offset_seconds / 5 + p.k) % 3 = 0 then 'responded' else 'acknowledged' end,
            i.fired_at,
            case when (i.offset_seconds / 5 + p.k) % 7 = 0 then null else i.fired_at + interval '300 milliseconds' end,
            case when (i.offset_seconds / 5 + p.k) % 7 = 0 then null else i.fired_at + ((i.offset_seconds / 5 + p.k) % 90) * interval '1 second' end,
            case when (i.offset_seconds / 5 + p.k) % 3 = 0 and (i.offset_seconds / 5 + p.k) % 7 <> 0 then i.fired_at + interval '2 minutes' end,
            case when (i.offset_seconds / 5 + p.k) % 3 = 0 and (i.offset_seconds / 5 + p.k) % 7 <> 0 then 'Принято, выполняем: силы выдвинуты, "план Б" в работе' end,
            case when i.ack_within_seconds is not null then i.fired_at + i.ack_within_seconds * interval '1 second' end,
            case when i.ack_within_seconds is not null and (i.offset_seconds / 5 + p.k) % 7 = 0 then i.fired_at + i.ack_within_seconds * interval '1 second' end
       from exercise_inject i, jsonb_array_elements_text($2::jsonb) with ordinality as p(id, k)
      where i.exercise_id = $1`,
    [exerciseId, postIds],
  );
  await queryDatabase(
    databaseUrl,
    `insert into audit_event (id, exercise_id, at, actor_id, actor_name, action, details)
     select gen_random_uuid(), $1, i.fired_at, null, 'engine', 'inject.fired', jsonb_build_object('injectId', i.id, 'ref', i.ref, 'latenessMs', 20, 'posts', $2::int)
       from exercise_inject i where i.exercise_id = $1`,
    [exerciseId, posts.length],
  );
  return exerciseId;
}

/**
 * Polls GET /api/health every 50 ms until stopped; returns the worst latency seen, how many answered, and
 * the worst delay of this process's event loop (the platform runs in it) over the same time.
 */
function pollHealth(t: TestPlatform): { stop(): Promise<{ worstMs: number; polls: number; loopDelayMs: number }> } {
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let stopped = false;
  let worstMs = 0;
  let polls = 0;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      const response = await t.http().get('/api/health');
      const took = performance.now() - started;
      expect(response.status).toBe(200);
      worstMs = Math.max(worstMs, took);
      polls += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      loopDelay.disable();
      return { worstMs, polls, loopDelayMs: loopDelay.max / 1e6 };
    },
  };
}

describe('reports are rendered off the event loop', () => {
  let t: TestPlatform;
  let controller: RoleUser;
  let exerciseId: string;
  let smallExerciseId: string;
  let dir: string;
  const reportPath = (format: string, id = exerciseId) => `/api/exercises/${id}/report?format=${format}`;
  const getReport = (format: string, id = exerciseId) =>
    t.http().get(reportPath(format, id)).set('Authorization', `Bearer ${controller.token}`).buffer(true).parse(binary);
  /** The JSON error body of a response read as bytes. */
  const asJsonError = (response: Response) =>
    ({ ...response, body: JSON.parse((response.body as Buffer).toString('utf8')) as unknown }) as unknown as Parameters<typeof expectApiError>[0];
  /** The same data, served by a platform with other limits. */
  const restartWith = async (env: Record<string, string>) => {
    const reuse = { databaseUrl: t.databaseUrl, redisPrefix: t.config.redisPrefix, drop: () => Promise.resolve() };
    await t.stop({ keepData: true });
    t = await startTestPlatform({ reuse, env });
    controller = { ...controller, token: (await t.login(controller.username, PASSWORD)).accessToken };
  };

  beforeAll(async () => {
    t = await startTestPlatform({ env: { EXCON_REPORT_CONCURRENCY: String(CONCURRENCY), EXCON_REPORT_QUEUE: String(QUEUE) } });
    controller = await createUser(t, 'controller');
    const posts: CommandPostView[] = [];
    for (let k = 0; k < POSTS; k += 1)
      posts.push(await createCommandPost(t, { code: `P${String(k).padStart(2, '0')}-${Date.now().toString(36).slice(-4)}` }));
    exerciseId = await seedExercise(t.databaseUrl, posts, INJECTS);
    smallExerciseId = await seedExercise(t.databaseUrl, posts, 3);
    const [{ count }] = await queryDatabase<{ count: string }>(t.databaseUrl, `select count(*) from delivery where exercise_id = $1`, [exerciseId]);
    expect(Number(count)).toBe(POSTS * INJECTS);
    dir = mkdtempSync(join(tmpdir(), 'excon-report-load-'));
  });

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await t?.stop();
  });

  it('keeps /api/health answering while a PDF of 13,000 deliveries is made, and the PDF is readable', async () => {
    const health = pollHealth(t);
    const started = performance.now();
    const response = await getReport('pdf');
    const tookMs = performance.now() - started;
    const { worstMs, polls, loopDelayMs } = await health.stop();
    // The figures, for the report of this change.
    console.log(
      `pdf: ${Math.round(tookMs)} ms, ${(response.body as Buffer).length} bytes; health: worst ${Math.round(worstMs)} ms over ${polls} polls; loop delay: worst ${Math.round(loopDelayMs)} ms`,
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const bytes = response.body as Buffer;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(dir, 'large.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-l', '3', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Учения большого объёма');
    // The document stays readable whatever the size: its lists are cut (OUTLINE_LIMITS) and point to the CSV.
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThan(5);
    expect(pages).toBeLessThan(80);
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(
      'the CSV lists every inject and delivery',
    );
    expect(loopDelayMs).toBeLessThan(LOOP_DELAY_BOUND_MS);
    expect(worstMs).toBeLessThan(HEALTH_BOUND_MS);
    // The render took long enough that a blocked loop would have shown.
    expect(polls).toBeGreaterThan(3);
  });

  it('keeps /api/health answering while the CSV is made, with one row per delivery', async () => {
    const health = pollHealth(t);
    const response = await getReport('csv');
    const { worstMs, polls, loopDelayMs } = await health.stop();
    console.log(`csv: health worst ${Math.round(worstMs)} ms over ${polls} polls; loop delay: worst ${Math.round(loopDelayMs)} ms`);
    expect(response.status).toBe(200);
    const lines = (response.body as Buffer).toString('utf8').split('\r\n');
    // Header, one line per delivery, and the empty string after the last CRLF.
    expect(lines).toHaveLength(POSTS * INJECTS + 2);
    expect(loopDelayMs).toBeLessThan(LOOP_DELAY_BOUND_MS);
    expect(worstMs).toBeLessThan(HEALTH_BOUND_MS);
  });

  it('renders at most the cap at once, queues a few and refuses the rest with 503 and Retry-After', async () => {
    const total = CONCURRENCY + QUEUE + 2;
    const responses = await Promise.all(Array.from({ length: total }, () => getReport('csv')));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array<number>(CONCURRENCY + QUEUE).fill(200), ...Array<number>(total - CONCURRENCY - QUEUE).fill(503)]);
    for (const refused of responses.filter((r) => r.status === 503)) {
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expectApiError(asJsonError(refused), 503);
    }
    // Once they are done, a new request is served again.
    expect((await t.http().get(reportPath('json')).set('Authorization', `Bearer ${controller.token}`)).status).toBe(200);
  });

  it('stops a render that needs more than its heap with a 503, and the server goes on', async () => {
    // A document's length is bounded (OUTLINE_LIMITS), but its model holds each delivery up to
    // DOCUMENT_DELIVERY_LIMIT: with 14,000-character answers the 3,700 answered need about 100 MB of strings,
    // past a 160 MB heap once the render's own needs are added, while the small exercise renders within it.
    await queryDatabase(
      t.databaseUrl,
      `update delivery set response = repeat('Ответ: силы выдвинуты. ', 600) where exercise_id = $1 and response is not null`,
      [exerciseId],
    );
    await restartWith({ EXCON_REPORT_MEMORY_MB: '160' });
    const health = pollHealth(t);
    const refused = await getReport('pdf');
    const { worstMs, polls, loopDelayMs } = await health.stop();
    console.log(`out of memory: health worst ${Math.round(worstMs)} ms over ${polls} polls; loop delay: worst ${Math.round(loopDelayMs)} ms`);
    expectApiError(asJsonError(refused), 503);
    expect(refused.headers['retry-after']).toBeUndefined();
    expect(asJsonError(refused).body.message).toContain('EXCON_REPORT_MEMORY_MB');
    expect(loopDelayMs).toBeLessThan(LOOP_DELAY_BOUND_MS);
    expect(worstMs).toBeLessThan(HEALTH_BOUND_MS);
    // The same limit serves a small report, and the platform still answers.
    const small = await getReport('pdf', smallExerciseId);
    expect(small.status).toBe(200);
    expect((small.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await t.http().get('/api/health')).status).toBe(200);
  });

  it('stops a render that takes longer than its time limit with a 503', async () => {
    await restartWith({ EXCON_REPORT_TIMEOUT_SECONDS: '2' });
    const started = performance.now();
    const refused = await getReport('pdf');
    expectApiError(asJsonError(refused), 503);
    expect(asJsonError(refused).body.message).toContain('EXCON_REPORT_TIMEOUT_SECONDS');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect((await t.http().get('/api/health')).status).toBe(200);
  });
});
