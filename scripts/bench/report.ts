/**
 * npm run bench:report — the after-action report of a very large exercise, rendered while the server stays responsive.
 *
 * Seeds, straight into PostgreSQL with generate_series, a completed exercise of BENCH_INJECTS injects (default
 * 10,000) × BENCH_POSTS posts (default 100) = 1,000,000 deliveries: receipts, acknowledgements (95 %, every
 * second inject with a 60 s deadline, some missed), responses (60 %), ~2,000 observations, a rating per
 * objective and post (and finals), 100 improvement actions and a feedback response per post. Starts the built
 * server (dist/apps/standalone, one process, DATABASE_URL set, REDIS_URL unset) on that database and times, as
 * a client reading the streamed body:
 * - JSON (`?format=json`), CSV of the deliveries (`?format=csv`: rows/s), PDF and DOCX (a 4xx/5xx is reported as
 *   "not available", not a crash);
 * - while each renders, a second loop probes GET /api/health every 10 ms: p50/p99/max.
 * Baselines in the same run: /api/health with no render, PostgreSQL's own
 * `COPY (select … the same delivery rows in timeline order) TO STDOUT` (psql, to /dev/null), and the render
 * worker's own read of the rows (openDeliverySource: node-postgres, the same cursor) with nothing done with them.
 * Targets (issue 11): JSON ≤ 5 s, CSV ≥ 100,000 rows/s, PDF and DOCX ≤ 60 s, health p99 ≤ 50 ms while they render.
 *
 * Needs PostgreSQL on 127.0.0.1:5432 (BENCH_POSTGRES_URL) and psql. Prints one JSON line per render and a
 * `summary` line; exits 1 when the JSON or the CSV did not come back whole.
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { openDeliverySource } from '../../apps/api/src/reports/report-delivery-source';
import { api, BENCH_ADMIN as ADMIN, rssKb, startBenchPlatform } from './bench-process';

const INJECTS = Number(process.env.BENCH_INJECTS ?? 10_000);
const POSTS = Number(process.env.BENCH_POSTS ?? 100);
const OBSERVATIONS = Number(process.env.BENCH_OBSERVATIONS ?? 2_000);
const DELIVERIES = INJECTS * POSTS;

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Probes GET /api/health every 10 ms until stopped; the latencies, in ms. */
function probeHealth(url: string): { stop(): Promise<{ p50: number; p99: number; max: number; probes: number; failed: number }> } {
  let stopped = false;
  const times: number[] = [];
  let failed = 0;
  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      try {
        const response = await fetch(`${url}/api/health`);
        await response.arrayBuffer();
        if (response.status !== 200) failed += 1;
      } catch {
        failed += 1;
      }
      const took = performance.now() - started;
      times.push(took);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10 - took)));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      return {
        p50: round1(quantile(sorted, 0.5)),
        p99: round1(quantile(sorted, 0.99)),
        max: round1(sorted.at(-1) ?? NaN),
        probes: times.length,
        failed,
      };
    },
  };
}

interface Fetched {
  status: number;
  ms: number;
  firstByteMs: number;
  bytes: number;
  lines: number;
  head: string;
  tail: string;
  body: Buffer | null;
}

/** GETs a report, reading the streamed body chunk by chunk (kept whole only when `keep`). */
async function fetchReport(url: string, path: string, token: string, keep: boolean): Promise<Fetched> {
  const started = performance.now();
  const response = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
  let firstByteMs = NaN;
  let bytes = 0;
  let lines = 0;
  let head = '';
  let tail = Buffer.alloc(0);
  const kept: Buffer[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - started;
    const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    bytes += chunk.length;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
    if (head.length < 200) head += chunk.subarray(0, 200).toString('utf8');
    tail = Buffer.concat([tail, chunk]).subarray(-200);
    if (keep) kept.push(Buffer.from(chunk));
  }
  return {
    status: response.status,
    ms: Math.round(performance.now() - started),
    firstByteMs: Math.round(firstByteMs),
    bytes,
    lines,
    head: head.slice(0, 200),
    tail: tail.toString('utf8'),
    body: keep ? Buffer.concat(kept) : null,
  };
}

/** The exercise, its posts and users, and the evaluation's rows, all by SQL. */
async function seed(db: Client, controllerName: string, evaluatorName: string): Promise<string> {
  const step = async (label: string, text: string, params: unknown[] = []) => {
    const started = performance.now();
    const result = await db.query(text, params);
    console.log(`  seed ${label}: ${result.rowCount ?? 0} rows, ${Math.round(performance.now() - started)} ms`);
    return result;
  };
  await step(
    'member states',
    `insert into member_state (code, names, active, created_at)
     select s, jsonb_build_object('ru', s, 'en', s), true, now() from unnest(array['KZ','KG','RU','BY','AM','TJ']) s
     on conflict (code) do nothing`,
  );
  await step(
    'ministries',
    `insert into ministry (id, member_state_code, kind, names, active, created_at)
     select gen_random_uuid(), s, k, jsonb_build_object('ru', s || ' ' || k, 'en', s || ' ' || k), true, now()
       from unnest(array['KZ','KG','RU','BY','AM','TJ']) s, unnest(array['emergency','defense','crc']) k
     on conflict (member_state_code, kind) do nothing`,
  );
  await step(
    'posts',
    `insert into command_post (id, code, name, names, member_state, ministry, ministry_id, time_zone, created_at)
     select gen_random_uuid(), p.code, p.name, jsonb_build_object('ru', p.name, 'en', 'Command post ' || p.n), p.state, p.kind, m.id, 'Asia/Almaty', now()
       from (select n, 'BP-' || lpad(n::text, 3, '0') code, 'Командный пункт ' || n name,
                    (array['KZ','KG','RU','BY','AM','TJ'])[1 + n % 6] state, (array['emergency','defense','crc'])[1 + n % 3] kind
               from generate_series(1, $1::int) n) p
       join ministry m on m.member_state_code = p.state and m.kind = p.kind`,
    [POSTS],
  );
  await step(
    'operators',
    `insert into app_user (id, username, display_name, role, command_post_id, language, password_hash, created_at)
     select gen_random_uuid(), 'op-' || p.code, 'Оператор ' || p.code, 'operator', p.id, 'ru', u.password_hash, now()
       from command_post p, app_user u where p.code like 'BP-%' and u.username = $1`,
    [controllerName],
  );
  const objectives = [1, 2, 3, 4].map((k) => ({
    ref: `O${k}`,
    title: `Задача ${k}: оповещение и взаимодействие`,
    capabilityTarget: `В течение ${k * 10} минут`,
    criticalTasks: ['Принять сигнал', 'Доложить'],
  }));
  const questions = [
    { id: 'realism', kind: 'rating', text: 'Насколько реалистичным был сценарий?' },
    { id: 'clarity', kind: 'rating', text: 'Насколько понятными были вводные?' },
    { id: 'comments', kind: 'text', text: 'Что следует улучшить?' },
  ];
  const {
    rows: [{ id: scenarioId }],
  } = await db.query<{ id: string }>(
    `insert into scenario (id, title, description, language, objectives, created_at, updated_at)
     values (gen_random_uuid(), 'Стенд отчёта', 'Миллион доставок', 'ru', $1::jsonb, now(), now()) returning id`,
    [JSON.stringify(objectives)],
  );
  const {
    rows: [{ id: exerciseId }],
  } = await db.query<{ id: string }>(
    `insert into exercise (id, scenario_id, title, status, speed, anchor_at, anchor_scenario_ms, started_at, completed_at, command_post_ids,
                           objectives, scope, mission_area, feedback_questions, created_at, updated_at)
     select gen_random_uuid(), $1, 'Учения: стенд отчёта', 'completed', 1, now() - interval '40 hours', 0, now() - interval '40 hours', now() - interval '1 hour',
            (select jsonb_agg(id order by code) from command_post where code like 'BP-%'), $2::jsonb, 'Оповещение, доклады, взаимодействие', 'response', $3::jsonb, now(), now()
     returning id`,
    [scenarioId, JSON.stringify(objectives), JSON.stringify(questions)],
  );
  await step(
    'injects',
    `insert into exercise_inject (id, exercise_id, ref, offset_seconds, title, body, translations, targets, precedence, "from", expected_action,
                                  ack_within_seconds, objective_refs, status, due_at, fired_at, lateness_ms)
     select gen_random_uuid(), $1, 'R' || n, n * 12, 'Вводная №' || n || ': обстановка, "уровень воды" растёт', 'Текст', '{}',
            (select jsonb_agg(id order by code) from command_post where code like 'BP-%'), (array['flash','immediate','priority','routine'])[1 + n % 4],
            'Штаб учений', 'Доложить обстановку', case when n % 2 = 0 then 60 end, jsonb_build_array('O' || (1 + n % 4)), 'fired',
            e.started_at + n * interval '12 seconds', e.started_at + n * interval '12 seconds' + interval '15 milliseconds', 15
       from generate_series(1, $2::int) n, exercise e where e.id = $1`,
    [exerciseId, INJECTS],
  );
  // h: a per-delivery hash in 0..9999 the times are drawn from.
  await step(
    'deliveries',
    `insert into delivery (id, exercise_id, exercise_inject_id, command_post_id, seq, status, fired_at, delivered_at, acknowledged_at, responded_at,
                           response, ack_deadline_at, overdue_at)
     select gen_random_uuid(), $1, i.id, p.id, i.offset_seconds / 12,
            case when h % 20 = 0 then 'delivered' when h % 10 < 6 then 'responded' else 'acknowledged' end,
            i.fired_at,
            i.fired_at + (200 + h % 1800) * interval '1 millisecond',
            case when h % 20 <> 0 then i.fired_at + (5000 + (h * 7) % 115000) * interval '1 millisecond' end,
            case when h % 20 <> 0 and h % 10 < 6 then i.fired_at + (60000 + (h * 13) % 540000) * interval '1 millisecond' end,
            case when h % 20 <> 0 and h % 10 < 6 then 'Принято, выполняем: силы выдвинуты, "план Б" в работе' end,
            case when i.ack_within_seconds is not null then i.fired_at + interval '60 seconds' end,
            case when i.ack_within_seconds is not null and h % 20 = 0 then i.fired_at + interval '60 seconds' end
       from exercise_inject i
       cross join lateral (select c.id, c.code from command_post c where c.code like 'BP-%') p
       cross join lateral (select abs(hashtext(i.ref || p.code)) % 10000 as h) x
      where i.exercise_id = $1`,
    [exerciseId],
  );
  await step(
    'observations',
    `insert into observation (id, exercise_id, author_id, author_name, text, kind, objective_refs, command_post_ids, exercise_inject_id,
                              scenario_seconds, observed_at, created_at, updated_at)
     select gen_random_uuid(), $1, u.id, u.display_name, 'Наблюдение №' || n || ': пункт доложил, "связь" устойчива; требуется уточнение',
            (array['strength','improvement','note'])[1 + n % 3], jsonb_build_array('O' || (1 + n % 4)),
            jsonb_build_array((select id from command_post where code = 'BP-' || lpad((1 + n % $3::int)::text, 3, '0'))),
            (select id from exercise_inject where exercise_id = $1 and ref = 'R' || (1 + (n * 5) % $4::int)),
            n * 60, e.started_at + n * interval '60 seconds', now(), now()
       from generate_series(1, $2::int) n, app_user u, exercise e where u.username = $5 and e.id = $1`,
    [exerciseId, OBSERVATIONS, POSTS, INJECTS, evaluatorName],
  );
  await step(
    'ratings',
    `insert into rating (id, exercise_id, objective_ref, command_post_id, evaluator_id, evaluator_name, rating, rationale, final, updated_at)
     select gen_random_uuid(), $1, 'O' || k, p.id, u.id, u.display_name, (array['P','S','M','U'])[1 + (k + p.n) % 4], 'Обоснование оценки', f, now()
       from generate_series(1, 4) k,
            (select id, row_number() over (order by code) n from command_post where code like 'BP-%') p,
            (values (false, $2), (true, $3)) as w(f, name) join app_user u on u.username = w.name`,
    [exerciseId, evaluatorName, controllerName],
  );
  await step(
    'improvement actions',
    `insert into improvement_action (id, exercise_id, objective_ref, action, capability_element, responsible, member_state, ministry, command_post_id,
                                     point_of_contact, start_date, due_date, status, created_at, updated_at)
     select gen_random_uuid(), $1, 'O' || (1 + n % 4), 'Мера №' || n || ': обучить дежурную смену', (array['planning','organization','equipment','training','exercises'])[1 + n % 5],
            'МЧС', 'KZ', 'emergency', null, 'Иванов И. И.', current_date - 30, current_date + (n - 50), (array['open','in_progress','done','dropped'])[1 + n % 4], now(), now()
       from generate_series(1, 100) n`,
    [exerciseId],
  );
  await step(
    'feedback',
    `insert into feedback_response (id, exercise_id, user_id, command_post_id, answers, submitted_at)
     select gen_random_uuid(), $1, u.id, u.command_post_id,
            jsonb_build_array(jsonb_build_object('questionId', 'realism', 'rating', 1 + abs(hashtext(u.username)) % 5),
                              jsonb_build_object('questionId', 'clarity', 'rating', 1 + abs(hashtext(u.username || 'c')) % 5),
                              jsonb_build_object('questionId', 'comments', 'text', 'Больше вводных для ' || u.username)), now()
       from app_user u where u.username like 'op-BP-%'`,
    [exerciseId],
  );
  await step('analyze', 'analyze');
  return exerciseId;
}

/**
 * The render worker's own read of the rows (node-postgres, the same cursor and query, nothing done with them): the
 * floor under any report written in JavaScript, as COPY is the floor under any report at all.
 */
async function readBaseline(databaseUrl: string, exerciseId: string): Promise<number> {
  const started = performance.now();
  const source = await openDeliverySource(databaseUrl, exerciseId, null);
  let rows = 0;
  for await (const batch of source.batches) rows += batch.length;
  await source.close();
  if (rows !== DELIVERIES) throw new Error(`read baseline: ${rows} rows, ${DELIVERIES} expected`);
  return Math.round(performance.now() - started);
}

/** PostgreSQL's own COPY of the same delivery rows, in timeline order, to /dev/null: the floor under any report. */
function copyBaseline(databaseUrl: string, exerciseId: string): Promise<number> {
  const sql = `copy (select i.ref, i.offset_seconds, i.title, i.precedence, p.code, d.fired_at, d.delivered_at, d.acknowledged_at, d.responded_at,
      d.overdue_at, d.ack_deadline_at, d.response, d.released_by_delivery_id
      from delivery d join exercise_inject i on i.id = d.exercise_inject_id join command_post p on p.id = d.command_post_id
      where d.exercise_id = '${exerciseId}' order by i.offset_seconds, i.ref, i.id, p.code) to stdout with (format csv)`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `set work_mem = '256MB'`, '-c', sql, databaseUrl], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(Math.round(performance.now() - started)) : reject(new Error(`psql exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  console.log(`bench:report on ${cpus().length} cores, node ${process.version}; ${INJECTS} injects × ${POSTS} posts = ${DELIVERIES} deliveries`);
  const platform = await startBenchPlatform('report', {
    // Measure the renders, not the limits: the defaults are 120 s and 768 MB.
    EXCON_REPORT_TIMEOUT_SECONDS: process.env.BENCH_REPORT_TIMEOUT_SECONDS ?? '900',
  });
  const { url, pid, databaseUrl } = platform;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let failed = false;
  try {
    const adminToken = (await api<{ accessToken: string }>(url, '/api/auth/login', null, ADMIN)).accessToken;
    await api(url, '/api/users', adminToken, { username: 'ctl', password: 'bench-password', role: 'controller' });
    await api(url, '/api/users', adminToken, { username: 'eva', password: 'bench-password', role: 'evaluator' });
    const token = (await api<{ accessToken: string }>(url, '/api/auth/login', null, { username: 'ctl', password: 'bench-password' })).accessToken;
    const seedStarted = performance.now();
    const exerciseId = await seed(db, 'ctl', 'eva');
    const [{ count }] = (await db.query<{ count: string }>(`select count(*) from delivery where exercise_id = $1`, [exerciseId])).rows;
    console.log(`  seeded ${count} deliveries in ${Math.round((performance.now() - seedStarted) / 1000)} s`);
    if (Number(count) !== DELIVERIES) throw new Error(`seeded ${count} deliveries, not ${DELIVERIES}`);

    const copyMs = await copyBaseline(databaseUrl, exerciseId);
    const copyRowsPerSecond = Math.round(DELIVERIES / (copyMs / 1000));
    console.log(`  ${JSON.stringify({ baseline: 'postgres copy', ms: copyMs, rowsPerSecond: copyRowsPerSecond })}`);
    const readMs = await readBaseline(databaseUrl, exerciseId);
    const readRowsPerSecond = Math.round(DELIVERIES / (readMs / 1000));
    console.log(`  ${JSON.stringify({ baseline: 'node-postgres cursor read', ms: readMs, rowsPerSecond: readRowsPerSecond })}`);
    const idle = probeHealth(url);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const healthIdle = await idle.stop();
    console.log(`  ${JSON.stringify({ baseline: 'health, no render', ...healthIdle })}`);

    const results: Record<string, unknown>[] = [];
    const keepJson = DELIVERIES <= 100_000;
    for (const format of ['json', 'csv', 'pdf', 'docx'] as const) {
      const idleRssMb = Math.round(rssKb(pid) / 1024);
      let peakRssMb = idleRssMb;
      const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, Math.round(rssKb(pid) / 1024))), 50);
      const health = probeHealth(url);
      const fetched = await fetchReport(url, `/api/exercises/${exerciseId}/report?format=${format}`, token, format === 'json' && keepJson);
      const healthDuring = await health.stop();
      clearInterval(sampler);
      const available = fetched.status === 200;
      const row: Record<string, unknown> = {
        format,
        status: fetched.status,
        available,
        ms: fetched.ms,
        firstByteMs: fetched.firstByteMs,
        mb: round1(fetched.bytes / 1024 / 1024),
        health: healthDuring,
        serverRssMb: { idle: idleRssMb, peak: peakRssMb },
      };
      if (!available) row.error = fetched.tail.slice(0, 200);
      if (format === 'csv' && available) {
        const rows = fetched.lines - 1;
        row.rows = rows;
        row.rowsPerSecond = Math.round(rows / (fetched.ms / 1000));
        if (rows !== DELIVERIES) failed = true;
      }
      if (format === 'json' && available) {
        const whole = fetched.head.startsWith('{"schemaVersion":2') && fetched.tail.endsWith(']}');
        row.whole = whole;
        if (!whole) failed = true;
        if (fetched.body) {
          const report = JSON.parse(fetched.body.toString('utf8')) as { timeline: { deliveries: unknown[] }[]; totals: { deliveries: number } };
          const listed = report.timeline.reduce((n, e) => n + e.deliveries.length, 0);
          row.deliveriesListed = listed;
          if (listed !== DELIVERIES || report.totals.deliveries !== DELIVERIES) failed = true;
        }
      }
      if ((format === 'json' || format === 'csv') && !available) failed = true;
      console.log(`  ${JSON.stringify(row)}`);
      results.push(row);
    }
    const by = (format: string) =>
      results.find((r) => r.format === format) as { ms: number; available: boolean; health: { p99: number }; rowsPerSecond?: number };
    const summary = {
      deliveries: DELIVERIES,
      jsonMs: by('json').ms,
      csvRowsPerSecond: by('csv').rowsPerSecond ?? null,
      pdfMs: by('pdf').available ? by('pdf').ms : 'not available',
      docxMs: by('docx').available ? by('docx').ms : 'not available',
      healthP99Ms: Object.fromEntries(results.map((r) => [r.format, (r.health as { p99: number }).p99])),
      healthIdleP99Ms: healthIdle.p99,
      copyRowsPerSecond,
      readRowsPerSecond,
    };
    console.log(`summary ${JSON.stringify(summary)}`);
  } finally {
    await db.end();
    await platform.stop();
  }
  if (failed) {
    console.error('bench:report: the JSON or the CSV did not come back whole');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
