import type { CommandPostView, ExerciseReport } from '@excon/contracts';
import { renderReportCsv } from '../../apps/api/src/reports/report-csv';
import { queryDatabase } from '../support/database';
import { createCommandPost, createUser, type RoleUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * The deliveries CSV is written by PostgreSQL (apps/api/src/reports/report-csv-lines.ts) for speed; the JSON is
 * written by the report stream in JavaScript, whose CSV (`renderReportCsv` of the same model) is the reference.
 * Over deliveries chosen for every branch (texts a spreadsheet would run as formulas, quotes, separators, line
 * breaks and tabs; actions after ENDEX; deadlines from the delivery or the inject, missed, met, pending at
 * ENDEX; contingencies; a post outside the exercise's list; offsets past 99 hours) the two are the same bytes.
 */
describe('the deliveries CSV written by PostgreSQL', () => {
  let t: TestPlatform;
  let controller: RoleUser;
  let posts: CommandPostView[];

  beforeAll(async () => {
    t = await startTestPlatform();
    controller = await createUser(t, 'controller');
    posts = [];
    for (const code of ['KZ-MES', 'KG-MOD', 'ZZ-OUT'])
      posts.push(await createCommandPost(t, { code: `${code}-${Date.now().toString(36).slice(-4)}` }));
  });

  afterAll(async () => {
    await t?.stop();
  });

  const get = (path: string) => t.http().get(path).set('Authorization', `Bearer ${controller.token}`).buffer(true);

  /** A completed (or, with `running`, a running) exercise whose injects and deliveries take the awkward values. */
  async function seed(running: boolean): Promise<string> {
    const listed = JSON.stringify(posts.slice(0, 2).map((p) => p.id)); // ZZ-OUT receives but is not listed
    const [{ id: scenarioId }] = await queryDatabase<{ id: string }>(
      t.databaseUrl,
      `insert into scenario (id, title, description, language, objectives, created_at, updated_at)
       values (gen_random_uuid(), 'CSV', '', 'ru', '[]', now(), now()) returning id`,
    );
    const [{ id: exerciseId }] = await queryDatabase<{ id: string }>(
      t.databaseUrl,
      `insert into exercise (id, scenario_id, title, status, speed, anchor_at, anchor_scenario_ms, started_at, completed_at, command_post_ids, created_at, updated_at)
       values (gen_random_uuid(), $1, 'CSV', $2, 1, now() - interval '2 hours', 0, now() - interval '2 hours',
               case when $2 = 'completed' then now() - interval '30 minutes' end, $3::jsonb, now(), now()) returning id`,
      [scenarioId, running ? 'running' : 'completed', listed],
    );
    const titles = ['=SUM(A1:A9)', 'Line one\nline two', 'He said "go"; then: -5', '\tTabbed', '@mention, +1', 'Обычный текст', 'a,=b;+c', ' spaced'];
    const refs = ['R1', '=R2', 'R;3', 'R"4', 'R5', 'R6', 'R7', 'R8'];
    const offsets = [0, 59, 3_600, 359_999, 360_000, 12, 12, 7];
    await queryDatabase(
      t.databaseUrl,
      `insert into exercise_inject (id, exercise_id, ref, "offset_seconds", title, body, translations, targets, precedence, "from", expected_action,
                                    ack_within_seconds, objective_refs, status, due_at, fired_at, lateness_ms)
       select gen_random_uuid(), $1, r.ref, r.off, r.title, '', '{}', '[]', (array['flash','immediate','priority','routine'])[1 + r.n % 4], '', '',
              case when r.n % 2 = 0 then 60 end, '[]', 'fired', now() - interval '90 minutes', now() - interval '90 minutes' + r.n * interval '1 second', 0
         from unnest($2::text[], $3::int[], $4::text[]) with ordinality as r(ref, off, title, n)`,
      [exerciseId, refs, offsets, titles],
    );
    const responses = ['=HYPERLINK("x")', 'Принято;\r\nвыполняем', null, '-', '"quoted"', '\rcarriage', 'ok', '  +7'];
    await queryDatabase(
      t.databaseUrl,
      `insert into delivery (id, exercise_id, exercise_inject_id, command_post_id, seq, status, fired_at, delivered_at, acknowledged_at, responded_at,
                             response, ack_deadline_at, overdue_at, released_by_delivery_id)
       select gen_random_uuid(), $1, i.id, p.id::uuid, row_number() over (), 'acknowledged', i.fired_at,
              case when (k + j) % 5 = 0 then null else i.fired_at + ((k * 37 + j * 11) % 900) * interval '1 millisecond' end,
              case (k + j) % 4 when 0 then null when 1 then i.fired_at + interval '30.125 seconds'
                               when 2 then i.fired_at + interval '75 seconds' else now() - interval '10 minutes' end,
              case when (k + j) % 3 = 0 then i.fired_at + interval '2 minutes 0.5 seconds' when (k + j) % 3 = 1 then now() - interval '5 minutes' end,
              case when (k + j) % 3 <> 2 then ($3::text[])[1 + (k + j) % 8] end,
              case when (k + j) % 6 = 0 then i.fired_at + interval '45 seconds' end,
              case when (k + j) % 7 = 0 then i.fired_at + interval '60 seconds' end,
              case when (k + j) % 9 = 0 then gen_random_uuid() end
         from (select i.*, row_number() over (order by i.offset_seconds, i.ref) as k from exercise_inject i where i.exercise_id = $1) i,
              jsonb_array_elements_text($2::jsonb) with ordinality as p(id, j)`,
      [exerciseId, JSON.stringify(posts.map((p) => p.id)), responses],
    );
    return exerciseId;
  }

  it.each([
    ['completed', false],
    ['running', true],
  ])('gives the same bytes as the JavaScript writer, for a %s exercise', async (_, running) => {
    const exerciseId = await seed(running);
    const json = await get(`/api/exercises/${exerciseId}/report?format=json`);
    expect(json.status).toBe(200);
    const report = JSON.parse(json.text) as ExerciseReport;
    expect(report.totals.deliveries).toBe(24);
    const csv = await get(`/api/exercises/${exerciseId}/report?format=csv`).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(csv.status).toBe(200);
    const written = (csv.body as Buffer).toString('utf8');
    const reference = renderReportCsv(report, 'deliveries').toString('utf8');
    // Line by line first, so that a difference shows where it is; then the whole, BOM and CRLFs included.
    expect(written.split('\r\n')).toEqual(reference.split('\r\n'));
    expect(written).toBe(reference);
    // The values meant to be awkward are there: defused formulas, quoted line breaks, the post outside the list.
    expect(written).toContain(`,'=SUM(A1:A9),`);
    expect(written).toContain('"Line one\nline two"');
    expect(written).toContain('"Принято;\r\nвыполняем"');
    expect(written).toContain('T+100:00:00');
    expect(written).toContain(`,${posts[2].code},`);
  });
});
