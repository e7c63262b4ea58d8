import { request as httpRequest } from 'node:http';
import { parse } from 'csv-parse/sync';
import type { Response } from 'superagent';
import type { CommandPostView, ExerciseReport, ReportPostStatistics } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { queryDatabase } from '../support/database';
import { createCommandPost, createUser, type RoleUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * The after-action report of a hand-built exercise, every row written straight into PostgreSQL with times
 * chosen so each figure is known: receive, acknowledge and respond times per post (p50, p90, max), missed
 * deadlines, a contingency released; and the evaluation's rows (ratings, observations, the improvement plan,
 * the feedback). Checked in the JSON and in every CSV table, read back with csv-parse.
 */
const T0 = Date.parse('2026-11-01T06:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('the report’s figures and evaluation sections', () => {
  let t: TestPlatform;
  let postA: CommandPostView;
  let postB: CommandPostView;
  let controller: RoleUser;
  let evaluator1: RoleUser;
  let evaluator2: RoleUser;
  let operatorA: RoleUser;
  let operatorB: RoleUser;
  let exerciseId: string;
  const injectIds: Record<string, string> = {};
  const deliveryIds: Record<string, string> = {};
  let report: ExerciseReport;

  const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => queryDatabase<T>(t.databaseUrl, text, params);
  const get = (path: string, token = controller.token) => t.http().get(path).set('Authorization', `Bearer ${token}`).buffer(true).parse(binary);
  const csvTable = async (table?: string) => {
    const response = await get(`/api/exercises/${exerciseId}/report?format=csv${table ? `&table=${table}` : ''}`);
    expect(response.status).toBe(200);
    const bytes = response.body as Buffer;
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    return { response, rows: parse<Record<string, string>>(text, { columns: true, record_delimiter: '\r\n' }) };
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    const suffix = Date.now().toString(36).slice(-5).toUpperCase();
    postA = await createCommandPost(t, { code: `A-${suffix}`, name: 'Пост А' });
    postB = await createCommandPost(t, { code: `B-${suffix}`, name: 'Пост Б' });
    controller = await createUser(t, 'controller');
    evaluator1 = await createUser(t, 'evaluator');
    evaluator2 = await createUser(t, 'evaluator');
    operatorA = await createUser(t, 'operator', postA.id);
    operatorB = await createUser(t, 'operator', postB.id);

    const [{ id: scenarioId }] = await sql<{ id: string }>(
      `insert into scenario (id, title, description, language, objectives, created_at, updated_at)
       values (gen_random_uuid(), 'Сценарий', 'Паводок', 'ru', '[]', now(), now()) returning id`,
    );
    const objectives = [
      { ref: 'O1', title: 'Оповещение', capabilityTarget: 'За 15 минут оповестить все пункты', criticalTasks: ['Принять сигнал', 'Оповестить'] },
      { ref: 'O2', title: 'Взаимодействие' },
    ];
    const questions = [
      { id: 'realism', kind: 'rating', text: 'Реализм?', translations: { en: 'Realism?' } },
      { id: 'comments', kind: 'text', text: 'Что улучшить?' },
    ];
    const [{ id }] = await sql<{ id: string }>(
      `insert into exercise (id, scenario_id, title, status, speed, anchor_at, anchor_scenario_ms, started_at, completed_at, command_post_ids,
                             objectives, scope, mission_area, feedback_questions, created_at, updated_at)
       values (gen_random_uuid(), $1, 'Учения с оценкой', 'completed', 1, $2, 0, $2, $3, $4::jsonb, $5::jsonb, 'Оповещение и доклады', 'response', $6::jsonb, now(), now())
       returning id`,
      [scenarioId, at(0), at(3600), JSON.stringify([postA.id, postB.id]), JSON.stringify(objectives), JSON.stringify(questions)],
    );
    exerciseId = id;
    // R1, R2 with a 60 s deadline, R3 without one; R4 a contingency to post B, released by B's missed R2.
    const injects: [string, number, number | null, string[], boolean][] = [
      ['R1', 0, 60, [postA.id, postB.id], false],
      ['R2', 600, 60, [postA.id, postB.id], false],
      ['R3', 1200, null, [postA.id, postB.id], false],
      ['R4', 1800, null, [postB.id], true],
    ];
    for (const [ref, offset, ack, targets, contingency] of injects) {
      const [row] = await sql<{ id: string }>(
        `insert into exercise_inject (id, exercise_id, ref, offset_seconds, title, body, translations, targets, precedence, ack_within_seconds,
                                      objective_refs, contingency, status, due_at, fired_at, lateness_ms)
         values (gen_random_uuid(), $1, $2::text, $3, 'Вводная ' || $2::text, 'Текст', '{}', $4::jsonb, 'routine', $5, '["O1"]', $6, 'fired', $7, $7, 0) returning id`,
        [exerciseId, ref, offset, JSON.stringify(targets), ack, contingency, at(offset)],
      );
      injectIds[ref] = row.id;
    }
    // [ref, post, seq, receive s, acknowledge s, respond s, overdue, released by] (seconds after firing).
    const rows: [string, CommandPostView, number, number | null, number | null, number | null, boolean, string | null][] = [
      ['R1', postA, 1, 1, 10, 100, false, null],
      ['R2', postA, 2, 2, 20, 200, false, null],
      ['R3', postA, 3, 3, 30, 300, false, null],
      ['R1', postB, 1, 4, 90, null, false, null],
      ['R2', postB, 2, 5, null, null, true, null],
      ['R3', postB, 3, null, null, null, false, null],
      ['R4', postB, 4, 1, 5, 50, false, 'R2'],
    ];
    for (const [ref, post, seq, receive, ack, respond, overdue, releasedBy] of rows) {
      const offset = injects.find((i) => i[0] === ref)?.[1] as number;
      const ackWithin = injects.find((i) => i[0] === ref)?.[2] as number | null;
      const plus = (s: number | null) => (s === null ? null : at(offset + s));
      const [row] = await sql<{ id: string }>(
        `insert into delivery (id, exercise_id, exercise_inject_id, command_post_id, seq, status, fired_at, delivered_at, acknowledged_at, responded_at,
                               response, ack_deadline_at, overdue_at, released_by_delivery_id)
         values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
        [
          exerciseId,
          injectIds[ref],
          post.id,
          seq,
          respond !== null ? 'responded' : ack !== null ? 'acknowledged' : receive !== null ? 'delivered' : 'sent',
          at(offset),
          plus(receive),
          plus(ack),
          plus(respond),
          respond === null ? null : `Ответ ${ref}; "готово"`,
          ackWithin === null ? null : at(offset + ackWithin),
          overdue ? at(offset + (ackWithin as number)) : null,
          releasedBy ? deliveryIds[`${releasedBy}:${post.code}`] : null,
        ],
      );
      deliveryIds[`${ref}:${post.code}`] = row.id;
    }

    const e1 = evaluator1.user;
    const e2 = evaluator2.user;
    const lead = controller.user;
    for (const [ref, post, who, rating, final, rationale] of [
      ['O1', postA, e1, 'P', false, 'Без замечаний'],
      ['O1', postB, e1, 'M', false, 'Опоздание с подтверждением'],
      ['O1', postB, e2, 'U', false, '=HYPERLINK("x")'],
      ['O1', postB, lead, 'M', true, 'Итоговая'],
    ] as const)
      await sql(
        `insert into rating (id, exercise_id, objective_ref, command_post_id, evaluator_id, evaluator_name, rating, rationale, final, updated_at)
         values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [exerciseId, ref, post.id, who.id, who.displayName, rating, rationale, final, at(4000)],
      );
    const observation = async (kind: string, seconds: number, text: string, refs: string[], posts: string[], inject: string | null) =>
      (
        await sql<{ id: string }>(
          `insert into observation (id, exercise_id, author_id, author_name, text, kind, objective_refs, command_post_ids, exercise_inject_id,
                                  scenario_seconds, observed_at, created_at, updated_at)
         values (gen_random_uuid(), $1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $10, $10) returning id`,
          [exerciseId, e1.id, e1.displayName, text, kind, JSON.stringify(refs), JSON.stringify(posts), inject, seconds, at(seconds)],
        )
      )[0].id;
    const improvementId = await observation('improvement', 700, 'Пост Б не подтвердил R2, "связь"', ['O1'], [postB.id], injectIds.R2);
    await observation('strength', 15, 'Пост А подтвердил быстро', ['O1'], [postA.id], injectIds.R1);
    await observation('note', 5, 'Начало', [], [], null);
    for (const [action, due, status, observationId] of [
      ['Обучить дежурную смену', '2020-01-15', 'open', improvementId],
      ['=Заменить радиостанцию', '2020-02-01', 'done', null],
      ['Провести тренировку', '2099-06-30', 'in_progress', null],
    ] as const)
      await sql(
        `insert into improvement_action (id, exercise_id, objective_ref, observation_id, action, capability_element, responsible, member_state, ministry,
                                         command_post_id, point_of_contact, start_date, due_date, status, created_at, updated_at)
         values (gen_random_uuid(), $1, 'O1', $2, $3, 'training', 'МЧС', 'KZ', 'emergency', $4, 'Иванов', '2019-12-01', $5, $6, now(), now())`,
        [exerciseId, observationId, action, postB.id, due, status],
      );
    for (const [user, post, answers] of [
      [
        operatorA,
        postA,
        [
          { questionId: 'realism', rating: 4 },
          { questionId: 'comments', text: 'Больше вводных' },
        ],
      ],
      [operatorB, postB, [{ questionId: 'realism', rating: 5, text: 'Хорошо' }]],
    ] as const)
      await sql(
        `insert into feedback_response (id, exercise_id, user_id, command_post_id, answers, submitted_at) values (gen_random_uuid(), $1, $2, $3, $4::jsonb, $5)`,
        [exerciseId, user.user.id, post.id, JSON.stringify(answers), at(3700)],
      );

    const response = await get(`/api/exercises/${exerciseId}/report`, evaluator1.token);
    expect(response.status).toBe(200);
    report = JSON.parse((response.body as Buffer).toString('utf8')) as ExerciseReport;
  });

  afterAll(async () => {
    await t?.stop();
  });

  const statsOf = (post: CommandPostView) => report.postStatistics.find((p) => p.commandPostId === post.id) as ReportPostStatistics;

  describe('as JSON', () => {
    it('carries the version, the overview’s scope and mission area and the frozen objectives', () => {
      expect(report.schemaVersion).toBe(2);
      expect(report.overview).toEqual(
        expect.objectContaining({ scope: 'Оповещение и доклады', missionArea: 'response', status: 'completed', completedAt: at(3600) }),
      );
      expect(report.overview.objectives.map((o) => o.ref)).toEqual(['O1', 'O2']);
    });

    it('computes each post’s receive, acknowledge and respond times (p50, p90, max) from the known times', () => {
      expect(statsOf(postA)).toEqual(
        expect.objectContaining({
          injects: 3,
          delivered: 3,
          acknowledged: 3,
          acknowledgedInTime: 3,
          responded: 3,
          overdue: 0,
          contingenciesReleased: 0,
          medianSecondsToReceive: 2,
          p90SecondsToReceive: 2.8,
          maxSecondsToReceive: 3,
          medianSecondsToAcknowledge: 20,
          p90SecondsToAcknowledge: 28,
          maxSecondsToAcknowledge: 30,
          medianSecondsToRespond: 200,
          p90SecondsToRespond: 280,
          maxSecondsToRespond: 300,
        }),
      );
      expect(statsOf(postB)).toEqual(
        expect.objectContaining({
          injects: 4,
          delivered: 3,
          acknowledged: 2,
          acknowledgedInTime: 1,
          responded: 1,
          overdue: 2,
          contingenciesReleased: 1,
          medianSecondsToReceive: 4,
          p90SecondsToReceive: 4.8,
          maxSecondsToReceive: 5,
          medianSecondsToAcknowledge: 47.5,
          p90SecondsToAcknowledge: 81.5,
          maxSecondsToAcknowledge: 90,
          medianSecondsToRespond: 50,
          p90SecondsToRespond: 50,
          maxSecondsToRespond: 50,
        }),
      );
      expect(report.totals).toEqual(
        expect.objectContaining({ injects: 4, fired: 4, deliveries: 7, delivered: 6, acknowledged: 5, responded: 4, overdue: 2 }),
      );
    });

    it('lists post B’s two missed deadlines, by deadline, with how late the acknowledgement came', () => {
      expect(report.missedDeadlines.map((m) => [m.ref, m.commandPostCode, m.deadlineAt, m.acknowledgedAt, m.secondsLate])).toEqual([
        ['R1', postB.code, at(60), at(90), 30],
        ['R2', postB.code, at(660), null, null],
      ]);
    });

    it('lays out the timeline with each inject’s deliveries by post code and its counts', () => {
      expect(report.timeline.map((e) => [e.ref, e.deliveries.map((d) => d.commandPostCode), e.acknowledged, e.overdue])).toEqual([
        ['R1', [postA.code, postB.code], 2, 1],
        ['R2', [postA.code, postB.code], 1, 1],
        ['R3', [postA.code, postB.code], 1, 0],
        ['R4', [postB.code], 1, 0],
      ]);
      expect(report.timeline[3].deliveries[0].releasedByDeliveryId).toBe(deliveryIds[`R2:${postB.code}`]);
    });

    it('analyses each objective: ratings by post (final first), the summary, strengths and areas for improvement', () => {
      const [o1, o2] = report.objectives;
      expect(o1).toEqual(
        expect.objectContaining({
          ref: 'O1',
          title: 'Оповещение',
          capabilityTarget: 'За 15 минут оповестить все пункты',
          criticalTasks: ['Принять сигнал', 'Оповестить'],
        }),
      );
      expect(o1.ratings.map((r) => [r.commandPostId, r.rating, r.final])).toEqual([
        [postA.id, 'P', false],
        [postB.id, 'M', true],
        ...[
          [postB.id, 'M', false],
          [postB.id, 'U', false],
        ].sort((x, y) => {
          const name = (rating: unknown) => (rating === 'M' ? evaluator1 : evaluator2).user.displayName;
          return name(x[1]).localeCompare(name(y[1]));
        }),
      ]);
      expect(o1.summary).toEqual({ objectiveRef: 'O1', counts: { P: 1, S: 0, M: 1, U: 1 }, final: { [postB.id]: 'M' }, overall: 'M' });
      expect(o1.strengths.map((o) => o.text)).toEqual(['Пост А подтвердил быстро']);
      expect(o1.areasForImprovement.map((o) => o.text)).toEqual(['Пост Б не подтвердил R2, "связь"']);
      expect(o1.areasForImprovement[0]).toEqual(
        expect.objectContaining({
          kind: 'improvement',
          exerciseInjectId: injectIds.R2,
          commandPostIds: [postB.id],
          scenarioSeconds: 700,
          observedAt: at(700),
        }),
      );
      expect(o2).toEqual({
        ref: 'O2',
        title: 'Взаимодействие',
        capabilityTarget: '',
        criticalTasks: [],
        ratings: [],
        summary: { objectiveRef: 'O2', counts: { P: 0, S: 0, M: 0, U: 0 }, final: {}, overall: null },
        strengths: [],
        areasForImprovement: [],
      });
    });

    it('lists every observation in time order, the improvement plan with what is overdue, and the feedback per question', () => {
      expect(report.observations.map((o) => o.kind)).toEqual(['note', 'strength', 'improvement']);
      expect(report.improvementPlan.map((a) => [a.action, a.dueDate, a.status, a.overdue, a.startDate, a.exerciseTitle])).toEqual([
        ['Обучить дежурную смену', '2020-01-15', 'open', true, '2019-12-01', 'Учения с оценкой'],
        ['=Заменить радиостанцию', '2020-02-01', 'done', false, '2019-12-01', 'Учения с оценкой'],
        ['Провести тренировку', '2099-06-30', 'in_progress', false, '2019-12-01', 'Учения с оценкой'],
      ]);
      expect(report.improvementPlan[0].observationId).toBe(report.observations[2].id);
      expect(report.feedback.responses).toBe(2);
      expect(report.feedback.posts).toBe(2);
      expect(report.feedback.questions).toEqual([
        {
          questionId: 'realism',
          kind: 'rating',
          text: 'Реализм?',
          translations: { en: 'Realism?' },
          answers: 2,
          mean: 4.5,
          distribution: [0, 0, 0, 1, 1],
          texts: [{ commandPostCode: postB.code, text: 'Хорошо' }],
        },
        {
          questionId: 'comments',
          kind: 'text',
          text: 'Что улучшить?',
          translations: {},
          answers: 1,
          mean: null,
          distribution: [0, 0, 0, 0, 0],
          texts: [{ commandPostCode: postA.code, text: 'Больше вводных' }],
        },
      ]);
    });
  });

  describe('as CSV, one table per request', () => {
    it('deliveries (the default): one row per delivery with the receive time and the contingency’s release', async () => {
      const { response, rows } = await csvTable();
      expect(response.headers['content-disposition']).toBe(`attachment; filename="excon-report-${exerciseId}.csv"`);
      expect(rows.map((r) => [r.inject_ref, r.post_code, r.overdue, r.seconds_to_receive, r.seconds_to_acknowledge, r.seconds_to_respond])).toEqual([
        ['R1', postA.code, 'no', '1', '10', '100'],
        ['R1', postB.code, 'yes', '4', '90', ''],
        ['R2', postA.code, 'no', '2', '20', '200'],
        ['R2', postB.code, 'yes', '5', '', ''],
        ['R3', postA.code, 'no', '3', '30', '300'],
        ['R3', postB.code, 'no', '', '', ''],
        ['R4', postB.code, 'no', '1', '5', '50'],
      ]);
      expect(rows[6].contingency_released_by).toBe(deliveryIds[`R2:${postB.code}`]);
      expect(rows[0].response).toBe('Ответ R1; "готово"');
    });

    it('posts: the figures per post', async () => {
      const { response, rows } = await csvTable('posts');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="excon-report-${exerciseId}-posts.csv"`);
      expect(
        rows.map((r) => [
          r.post_code,
          r.injects,
          r.missed_deadlines,
          r.contingencies_released,
          r.p50_seconds_to_acknowledge,
          r.p90_seconds_to_acknowledge,
          r.max_seconds_to_acknowledge,
          r.p90_seconds_to_receive,
        ]),
      ).toEqual([
        [postA.code, '3', '0', '0', '20', '28', '30', '2.8'],
        [postB.code, '4', '2', '1', '47.5', '81.5', '90', '4.8'],
      ]);
    });

    it('missed-deadlines', async () => {
      const { rows } = await csvTable('missed-deadlines');
      expect(rows.map((r) => [r.inject_ref, r.post_code, r.deadline_at, r.acknowledged_at, r.seconds_late])).toEqual([
        ['R1', postB.code, at(60), at(90), '30'],
        ['R2', postB.code, at(660), '', ''],
      ]);
    });

    it('observations, ratings, improvement-plan and feedback, text that looks like a formula defused', async () => {
      const observations = (await csvTable('observations')).rows;
      expect(observations.map((r) => [r.kind, r.scenario_time, r.objective_refs, r.post_codes, r.inject_ref, r.text])).toEqual([
        ['note', 'T+00:00:05', '', '', '', 'Начало'],
        ['strength', 'T+00:00:15', 'O1', postA.code, 'R1', 'Пост А подтвердил быстро'],
        ['improvement', 'T+00:11:40', 'O1', postB.code, 'R2', 'Пост Б не подтвердил R2, "связь"'],
      ]);
      const ratings = (await csvTable('ratings')).rows;
      expect(ratings.map((r) => [r.objective_ref, r.post_code, r.rating, r.final])).toEqual([
        ['O1', postA.code, 'P', 'no'],
        ['O1', postB.code, 'M', 'yes'],
        ...(evaluator1.user.displayName.localeCompare(evaluator2.user.displayName) <= 0
          ? [
              ['O1', postB.code, 'M', 'no'],
              ['O1', postB.code, 'U', 'no'],
            ]
          : [
              ['O1', postB.code, 'U', 'no'],
              ['O1', postB.code, 'M', 'no'],
            ]),
      ]);
      expect(ratings.find((r) => r.rating === 'U')?.rationale).toBe(`'=HYPERLINK("x")`);
      const plan = (await csvTable('improvement-plan')).rows;
      expect(plan.map((r) => [r.action, r.capability_element, r.post_code, r.due_date, r.status, r.overdue])).toEqual([
        ['Обучить дежурную смену', 'training', postB.code, '2020-01-15', 'open', 'yes'],
        ["'=Заменить радиостанцию", 'training', postB.code, '2020-02-01', 'done', 'no'],
        ['Провести тренировку', 'training', postB.code, '2099-06-30', 'in_progress', 'no'],
      ]);
      const feedback = (await csvTable('feedback')).rows;
      expect(feedback.map((r) => [r.question_id, r.answers, r.mean, r.rated_4, r.rated_5, r.texts])).toEqual([
        ['realism', '2', '4.5', '1', '1', `${postB.code}: Хорошо`],
        ['comments', '1', '', '0', '0', `${postA.code}: Больше вводных`],
      ]);
    });

    it('refuses a table it does not know with a 400 naming table', async () => {
      const response = await t
        .http()
        .get(`/api/exercises/${exerciseId}/report?format=csv&table=everything`)
        .set('Authorization', `Bearer ${controller.token}`);
      expectApiError(response, 400);
      expect(JSON.stringify(response.body)).toContain('table');
    });

    it('is streamed: chunked, the first bytes well before the last, for 20,000 deliveries', async () => {
      const [{ id: big }] = await sql<{ id: string }>(
        `insert into exercise (id, scenario_id, title, status, speed, started_at, completed_at, command_post_ids, created_at, updated_at)
         select gen_random_uuid(), scenario_id, 'Большие учения', 'completed', 1, started_at, completed_at, command_post_ids, now(), now() from exercise where id = $1
         returning id`,
        [exerciseId],
      );
      await sql(
        `insert into exercise_inject (id, exercise_id, ref, offset_seconds, title, body, translations, targets, objective_refs, status, due_at, fired_at)
         select gen_random_uuid(), $1, 'R' || n, n, 'Вводная ' || n, '', '{}', $2::jsonb, '[]', 'fired', $3::timestamptz + n * interval '1 second', $3::timestamptz + n * interval '1 second'
           from generate_series(1, 10000) n`,
        [big, JSON.stringify([postA.id, postB.id]), at(0)],
      );
      await sql(
        `insert into delivery (id, exercise_id, exercise_inject_id, command_post_id, seq, status, fired_at, delivered_at, acknowledged_at)
         select gen_random_uuid(), $1, i.id, p.id::uuid, i.offset_seconds, 'acknowledged', i.fired_at, i.fired_at + interval '1 second', i.fired_at + interval '7 seconds'
           from exercise_inject i, jsonb_array_elements_text($2::jsonb) p(id) where i.exercise_id = $1`,
        [big, JSON.stringify([postA.id, postB.id])],
      );
      const url = new URL(`/api/exercises/${big}/report?format=csv`, t.url);
      const { headers, chunks, firstAt, lastAt, bytes } = await new Promise<{
        headers: Record<string, unknown>;
        chunks: number;
        firstAt: number;
        lastAt: number;
        bytes: Buffer;
      }>((resolve, reject) => {
        const req = httpRequest(url, { headers: { authorization: `Bearer ${controller.token}` } }, (res) => {
          const parts: Buffer[] = [];
          let firstAt = 0;
          res.on('data', (chunk: Buffer) => {
            if (!parts.length) firstAt = performance.now();
            parts.push(chunk);
          });
          res.on('end', () =>
            resolve({ headers: res.headers, chunks: parts.length, firstAt, lastAt: performance.now(), bytes: Buffer.concat(parts) }),
          );
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      });
      expect(headers['transfer-encoding']).toBe('chunked');
      expect(headers['content-length']).toBeUndefined();
      expect(chunks).toBeGreaterThan(4);
      expect(lastAt - firstAt).toBeGreaterThan(0);
      const lines = bytes.toString('utf8').split('\r\n');
      expect(lines).toHaveLength(20_000 + 2);
      console.log(`streamed CSV of 20,000 deliveries: ${chunks} chunks, ${Math.round(lastAt - firstAt)} ms from the first byte to the last`);
    });
  });

  it('is not the operators’ to read (403), in any format or table', async () => {
    for (const query of ['', '?format=csv&table=observations', '?format=csv&table=ratings', '?format=pdf']) {
      const response = await t.http().get(`/api/exercises/${exerciseId}/report${query}`).set('Authorization', `Bearer ${operatorA.token}`);
      expect(response.status).toBe(403);
    }
  });
});
