import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'superagent';
import type { AuditEventView, CommandPostView, DeliveryView, ExerciseReport, ExerciseView, InjectMessage, ScenarioView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { ask, connectConsole, waitFor, type TestConsole } from '../support/consoles';
import { control, createExercise, getDeliveries, inject } from '../support/exercises';
import { queryDatabase } from '../support/database';
import { createCommandPost, createUser, type RoleUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** What an operator types: a comma, quotes, a line break and Cyrillic, all of which must survive the CSV. */
const TRICKY_RESPONSE = 'Принято, выполняем: "план Б",\r\nвторая строка; ok';
const EXERCISE_TITLE = 'Учения Паводок-2026';

/** Collects the raw body bytes (supertest would otherwise parse or drop them). */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** A strict RFC 4180 reader (quoted fields, doubled quotes, CRLF records), written apart from the server's writer. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else {
          field += text[i];
          i += 1;
        }
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (ch === '\n' || ch === '\r' || ch === '"') {
      throw new Error(`bare ${JSON.stringify(ch)} outside quotes at ${i}`);
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || record.length) throw new Error('the last record does not end with CRLF');
  return records;
}

const secondsBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/** Hand-computed percentiles for the small samples of this test (linear between closest ranks). */
function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

describe('after-action report', () => {
  let t: TestPlatform;
  let postA: CommandPostView;
  let postB: CommandPostView;
  let controller: RoleUser;
  let evaluator: RoleUser;
  let reviewer: RoleUser;
  let operatorA: RoleUser;
  let operatorB: RoleUser;
  let scenario: ScenarioView;
  let exercise: ExerciseView;
  let deliveries: DeliveryView[];
  let audit: AuditEventView[];
  const consoles: TestConsole[] = [];

  const get = (token: string, path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`);
  const reportPath = (format?: string) => `/api/exercises/${exercise.id}/report${format ? `?format=${format}` : ''}`;
  /** Exercise inject id → ref. */
  const exerciseInjectRef = new Map<string, string>();
  const delivery = (ref: string, post: CommandPostView): DeliveryView => {
    const found = deliveries.find((d) => d.commandPostId === post.id && exerciseInjectRef.get(d.injectId) === ref);
    if (!found) throw new Error(`no delivery of ${ref} to ${post.code}`);
    return found;
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    const suffix = Date.now().toString(36).slice(-5).toUpperCase();
    postA = await createCommandPost(t, {
      code: `A-MES-${suffix}`,
      name: 'ДКП МЧС Казахстана',
      memberState: 'KZ',
      ministry: 'emergency',
      timeZone: 'Asia/Almaty',
    });
    postB = await createCommandPost(t, {
      code: `B-MOD-${suffix}`,
      name: 'ЦКП Минобороны Кыргызстана',
      memberState: 'KG',
      ministry: 'defense',
      timeZone: 'Asia/Bishkek',
    });
    controller = await createUser(t, 'controller');
    evaluator = await createUser(t, 'evaluator');
    reviewer = await createUser(t, 'reviewer');
    operatorA = await createUser(t, 'operator', postA.id);
    operatorB = await createUser(t, 'operator', postB.id);

    const created = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({
        title: 'Паводок на реке Или',
        description: 'Весенний паводок: оповещение и взаимодействие.',
        objectives: [
          { ref: 'O1', title: 'Оповещение дежурных смен' },
          { ref: 'O2', title: 'Ответ в установленный срок' },
        ],
        injects: [
          {
            ref: 'R1',
            offsetSeconds: 0,
            title: 'Уровень воды, "критический", растёт',
            body: 'Доложите обстановку.',
            targets: [postA.id, postB.id],
            precedence: 'flash',
            ackWithinSeconds: 2,
            objectiveRefs: ['O1'],
          },
          {
            ref: 'R2',
            offsetSeconds: 1,
            title: 'Запрос сил и средств',
            body: 'Сообщите наличие сил.',
            targets: [postA.id, postB.id],
            precedence: 'immediate',
            ackWithinSeconds: 1,
          },
          {
            ref: 'R3',
            offsetSeconds: 2,
            title: 'Confirm the evacuation routes',
            body: 'Routes 1 and 2.',
            targets: [postA.id],
            ackWithinSeconds: 2,
            objectiveRefs: ['O2'],
          },
        ],
      });
    expect(created.status).toBe(201);
    scenario = created.body as ScenarioView;
    const made = await t
      .http()
      .post('/api/exercises')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({ scenarioId: scenario.id, title: EXERCISE_TITLE });
    expect(made.status).toBe(201);
    exercise = made.body as ExerciseView;
    for (const i of exercise.injects ?? []) exerciseInjectRef.set(i.id, i.ref);

    // Post A's console confirms receipt and acknowledges every inject at once; post B's console stays silent.
    const a = await connectConsole(t.url, operatorA.token);
    const b = await connectConsole(t.url, operatorB.token);
    consoles.push(a, b);
    const acknowledged: InjectMessage[] = [];
    a.socket.on('inject', (message) => {
      void (async () => {
        await ask(a.socket, 'inject:received', { deliveryId: message.deliveryId });
        const ack = await ask(a.socket, 'inject:acknowledge', { deliveryId: message.deliveryId });
        if (ack.ok) acknowledged.push(message);
      })();
    });
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => acknowledged.length === 3, 'post A to acknowledge three injects');
    const byRef = (ref: string) => acknowledged.find((m) => m.ref === ref) as InjectMessage;
    expect((await ask(a.socket, 'inject:respond', { deliveryId: byRef('R1').deliveryId, text: TRICKY_RESPONSE })).ok).toBe(true);
    expect((await ask(a.socket, 'inject:respond', { deliveryId: byRef('R3').deliveryId, text: 'Маршруты подтверждены' })).ok).toBe(true);
    await waitFor(
      async () => (await getDeliveries(t, controller.token, exercise.id)).filter((d) => d.overdueAt !== null).length === 2,
      'both of post B’s deadlines to pass',
    );
    // The exercise is left running: the report is read mid-exercise, deadlines judged against now.
    // (ENDEX is not exercised here: stopping fails in the engine, see the note in the report.)
    deliveries = await getDeliveries(t, controller.token, exercise.id);
    audit = (await get(controller.token, `/api/exercises/${exercise.id}/audit`)).body as AuditEventView[];
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await t?.stop();
  });

  describe('as JSON', () => {
    let report: ExerciseReport;

    beforeAll(async () => {
      const response = await get(reviewer.token, reportPath('json'));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      report = response.body as ExerciseReport;
    });

    it('is what the report answers without a format too, for every staff role', async () => {
      for (const user of [controller, evaluator, reviewer, { token: await t.adminToken() }]) {
        const response = await get(user.token, reportPath());
        expect(response.status).toBe(200);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        // Only the time of making and the running clock may differ between two reads.
        const stable = (r: ExerciseReport) => ({ ...r, generatedAt: '', overview: { ...r.overview, scenarioSeconds: 0 } });
        expect(stable(response.body as ExerciseReport)).toEqual(stable(report));
      }
    });

    it('gives the overview: titles, state, STARTEX/ENDEX, posts and objectives', async () => {
      const view = (await get(controller.token, `/api/exercises/${exercise.id}`)).body as ExerciseView;
      expect(report.overview).toEqual({
        exerciseId: exercise.id,
        title: EXERCISE_TITLE,
        scenarioId: scenario.id,
        scenarioTitle: 'Паводок на реке Или',
        scenarioDescription: 'Весенний паводок: оповещение и взаимодействие.',
        status: 'running',
        speed: 1,
        startedAt: view.startedAt,
        completedAt: null,
        scenarioSeconds: expect.any(Number),
        posts: [postA, postB],
        objectives: scenario.objectives,
        scope: '',
        missionArea: null,
      });
      // The clock read when the report was made.
      expect(report.overview.scenarioSeconds).toBeCloseTo((Date.parse(report.generatedAt) - Date.parse(view.startedAt as string)) / 1000, 0);
      expect(Math.abs(Date.parse(report.generatedAt) - Date.now())).toBeLessThan(60_000);
    });

    it('adds up injects and deliveries', () => {
      expect(report.totals).toEqual({
        injects: 3,
        fired: 3,
        held: 0,
        skipped: 0,
        pending: 0,
        deliveries: 5,
        delivered: 3,
        acknowledged: 3,
        responded: 2,
        overdue: 2,
      });
    });

    it('computes each post’s counts and times to acknowledge and respond from the delivery times', () => {
      const toAck = ['R1', 'R2', 'R3'].map((ref) => {
        const d = delivery(ref, postA);
        return secondsBetween(d.firedAt, d.acknowledgedAt as string);
      });
      const toRespond = ['R1', 'R3'].map((ref) => {
        const d = delivery(ref, postA);
        return secondsBetween(d.firedAt, d.respondedAt as string);
      });
      const sortedAck = [...toAck].sort((x, y) => x - y);
      const sortedRespond = [...toRespond].sort((x, y) => x - y);
      const [a, b] = report.postStatistics;
      expect(report.postStatistics).toHaveLength(2);
      expect(a).toEqual(
        expect.objectContaining({
          commandPostId: postA.id,
          code: postA.code,
          name: postA.name,
          injects: 3,
          delivered: 3,
          acknowledged: 3,
          acknowledgedInTime: 3,
          responded: 2,
          overdue: 0,
        }),
      );
      // The report rounds to the ms, so a median or p90 between two values can sit half a ms off the exact one.
      expect(a.medianSecondsToAcknowledge).toBeCloseTo(medianOf(toAck), 2);
      // Three values: p90 sits at rank 1.8, 80 % of the way from the second to the third.
      expect(a.p90SecondsToAcknowledge).toBeCloseTo(sortedAck[1] + 0.8 * (sortedAck[2] - sortedAck[1]), 2);
      expect(a.medianSecondsToRespond).toBeCloseTo(medianOf(toRespond), 2);
      // Two values: p90 sits at rank 0.9.
      expect(a.p90SecondsToRespond).toBeCloseTo(sortedRespond[0] + 0.9 * (sortedRespond[1] - sortedRespond[0]), 2);
      for (const value of toAck) expect(value).toBeLessThan(1);
      expect(b).toEqual({
        commandPostId: postB.id,
        code: postB.code,
        name: postB.name,
        injects: 2,
        delivered: 0,
        acknowledged: 0,
        acknowledgedInTime: 0,
        responded: 0,
        overdue: 2,
        contingenciesReleased: 0,
        medianSecondsToReceive: null,
        p90SecondsToReceive: null,
        maxSecondsToReceive: null,
        medianSecondsToAcknowledge: null,
        p90SecondsToAcknowledge: null,
        maxSecondsToAcknowledge: null,
        medianSecondsToRespond: null,
        p90SecondsToRespond: null,
        maxSecondsToRespond: null,
        read: 0,
        medianSecondsToRead: null,
        p90SecondsToRead: null,
        maxSecondsToRead: null,
      });
    });

    it('lists exactly post B’s two missed deadlines', () => {
      expect(report.missedDeadlines).toHaveLength(2);
      expect(report.missedDeadlines.map((m) => m.ref).sort()).toEqual(['R1', 'R2']);
      for (const missed of report.missedDeadlines) {
        const d = delivery(missed.ref, postB);
        const within = missed.ref === 'R1' ? 2 : 1;
        expect(missed).toEqual(
          expect.objectContaining({
            deliveryId: d.id,
            commandPostId: postB.id,
            commandPostCode: postB.code,
            firedAt: d.firedAt,
            acknowledgedAt: null,
            secondsLate: null,
          }),
        );
        expect(Date.parse(missed.deadlineAt) - Date.parse(d.firedAt)).toBe(within * 1000);
      }
    });

    it('lays out the timeline in offset order with every delivery’s times', () => {
      expect(report.timeline.map((e) => [e.ref, e.offsetSeconds, e.status, e.targetCodes, e.acknowledgedInTime, e.overdue])).toEqual([
        ['R1', 0, 'fired', [postA.code, postB.code], 1, 1],
        ['R2', 1, 'fired', [postA.code, postB.code], 1, 1],
        ['R3', 2, 'fired', [postA.code], 1, 0],
      ]);
      for (const entry of report.timeline) {
        expect(entry.firedAt).not.toBeNull();
        expect(typeof entry.latenessMs).toBe('number');
        for (const d of entry.deliveries) {
          const stored = deliveries.find((x) => x.id === d.deliveryId) as DeliveryView;
          expect(d).toEqual(
            expect.objectContaining({
              firedAt: stored.firedAt,
              deliveredAt: stored.deliveredAt,
              acknowledgedAt: stored.acknowledgedAt,
              respondedAt: stored.respondedAt,
              response: stored.response,
              overdue: d.commandPostId === postB.id,
            }),
          );
        }
      }
      expect(report.timeline[0].deliveries[0].response).toBe(TRICKY_RESPONSE);
    });

    it('carries the audit trail', () => {
      expect(report.auditTrail).toEqual(audit);
      expect(report.auditTrail.filter((e) => e.action === 'delivery.overdue')).toHaveLength(2);
    });
  });

  describe('as CSV', () => {
    let response: Awaited<ReturnType<typeof get>>;
    let rows: string[][];

    beforeAll(async () => {
      response = await get(evaluator.token, reportPath('csv')).buffer(true).parse(binary);
      expect(response.status).toBe(200);
      const bytes = response.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      rows = parseCsv(bytes.subarray(3).toString('utf8'));
    });

    it('is an attachment named after the exercise', () => {
      expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="excon-report-${exercise.id}.csv"`);
    });

    it('has one row per delivery, in timeline order', () => {
      expect(rows[0]).toEqual([
        'inject_ref',
        'offset',
        'title',
        'precedence',
        'post_code',
        'fired_at',
        'delivered_at',
        'acknowledged_at',
        'responded_at',
        'overdue',
        'seconds_to_acknowledge',
        'seconds_to_respond',
        'response',
        'seconds_to_receive',
        'contingency_released_by',
        'read_at',
        'seconds_to_read',
      ]);
      expect(rows.slice(1).map((r) => [r[0], r[1], r[4], r[9]])).toEqual([
        ['R1', 'T+00:00:00', postA.code, 'no'],
        ['R1', 'T+00:00:00', postB.code, 'yes'],
        ['R2', 'T+00:00:01', postA.code, 'no'],
        ['R2', 'T+00:00:01', postB.code, 'yes'],
        ['R3', 'T+00:00:02', postA.code, 'no'],
      ]);
      for (const row of rows) expect(row).toHaveLength(17);
    });

    it('keeps commas, quotes, line breaks and Cyrillic intact', () => {
      const [, first] = rows;
      expect(first[2]).toBe('Уровень воды, "критический", растёт');
      expect(first[3]).toBe('flash');
      expect(first[12]).toBe(TRICKY_RESPONSE);
      const d = delivery('R1', postA);
      expect(first.slice(5, 9)).toEqual([d.firedAt, d.deliveredAt, d.acknowledgedAt, d.respondedAt]);
      expect(Number(first[10])).toBeCloseTo(secondsBetween(d.firedAt, d.acknowledgedAt as string), 3);
      const silent = rows[2];
      expect(silent.slice(6, 15)).toEqual(['', '', '', 'yes', '', '', '', '', '']);
    });
  });

  describe('as PDF', () => {
    let dir: string;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'excon-report-'));
    });

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is a PDF whose text names the exercise, its posts and the EXERCISE marking', async () => {
      const response = await get(controller.token, reportPath('pdf')).buffer(true).parse(binary);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="excon-report-${exercise.id}.pdf"`);
      const bytes = response.body as Buffer;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const file = join(dir, 'report.pdf');
      writeFileSync(file, bytes);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(EXERCISE_TITLE);
      expect(text).toContain(postA.code);
      expect(text).toContain(postB.code);
      expect(text).toContain('EXERCISE EXERCISE EXERCISE');
      expect(text).toContain('Missed acknowledge deadlines');
    });
  });

  describe('refuses', () => {
    it('operators (403), whatever post they are on', async () => {
      for (const operator of [operatorA, operatorB]) expectApiError(await get(operator.token, reportPath()), 403);
    });

    it('an unknown exercise (404) and an id that is no UUID (400)', async () => {
      expectApiError(await get(reviewer.token, '/api/exercises/8a7f3c2e-1d4b-4c5a-9e6f-0b1c2d3e4f50/report'), 404);
      expectApiError(await get(reviewer.token, '/api/exercises/nope/report'), 400, ['id']);
    });

    it('a format it does not know (400 naming format), and unknown query fields', async () => {
      expectApiError(await get(reviewer.token, reportPath('xml')), 400, ['format']);
      expectApiError(await get(reviewer.token, `${reportPath('csv')}&format=pdf`), 400, ['format']);
      expectApiError(await get(reviewer.token, `${reportPath('json')}&lang=ru`), 400, ['lang']);
    });

    it('a caller without a token (401)', async () => {
      expectApiError(await t.http().get(reportPath()), 401);
    });
  });
});

describe('the report counts only what happened while the exercise ran (issue 8 item 4)', () => {
  let t: TestPlatform;
  afterAll(async () => {
    await t?.stop();
  });

  it('leaves out an acknowledgement or response stamped after ENDEX', async () => {
    t = await startTestPlatform();
    const post = await createCommandPost(t);
    const controller = await createUser(t, 'controller');
    const { exercise } = await createExercise(t, controller.token, [inject('E1', 0, [post.id]), inject('E2', 0, [post.id])]);
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(async () => (await getDeliveries(t, controller.token, exercise.id)).length === 2, 'both fired');
    await control(t, controller.token, exercise.id, 'stop');
    const [late, inTime] = await getDeliveries(t, controller.token, exercise.id);
    // Written straight into the database: the console refuses both after ENDEX.
    await queryDatabase(
      t.databaseUrl,
      `update delivery d set acknowledged_at = e.completed_at + interval '5 seconds', responded_at = e.completed_at + interval '6 seconds', response = 'too late', status = 'responded' from exercise e where e.id = d.exercise_id and d.id = $1`,
      [late.id],
    );
    await queryDatabase(
      t.databaseUrl,
      `update delivery d set acknowledged_at = e.completed_at - interval '1 second', status = 'acknowledged' from exercise e where e.id = d.exercise_id and d.id = $1`,
      [inTime.id],
    );
    const report = (await t.http().get(`/api/exercises/${exercise.id}/report?format=json`).set('Authorization', `Bearer ${controller.token}`))
      .body as ExerciseReport;
    const rows = report.timeline.flatMap((entry) => entry.deliveries);
    expect(rows.find((d) => d.deliveryId === late.id)).toEqual(expect.objectContaining({ acknowledgedAt: null, respondedAt: null, response: null }));
    expect(rows.find((d) => d.deliveryId === inTime.id)?.acknowledgedAt).not.toBeNull();
  });
});
