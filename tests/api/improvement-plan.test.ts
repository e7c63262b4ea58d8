import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import type { AuditEventView, CommandPostView, ExerciseView, ImprovementActionView, ImprovementSummaryRow } from '@excon/contracts';
import type { Role } from '@excon/domain';
import { expectApiError } from '../support/api-errors';
import { queryDatabase } from '../support/database';
import { createCommandPost, createRoleUsers, injectInput, type RoleUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** The server's UTC date, shifted by days. */
function utcDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Reads an XLSX download back: the header row and the data rows as text. */
async function readSheet(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values: string[] = [];
    for (let c = 1; c <= 14; c += 1) {
      const cell = row.getCell(c);
      values.push(cell.type === ExcelJS.ValueType.Formula ? `FORMULA:${String(cell.formula)}` : cell.value === null ? '' : cell.text);
    }
    rows.push(values);
  });
  return rows;
}

const binary = (response: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('improvement plan', () => {
  let t: TestPlatform;
  let users: Record<Role, RoleUser>;
  let almaty: CommandPostView;
  let minsk: CommandPostView;
  let first: ExerciseView;
  let second: ExerciseView;
  let aoi: string;
  let strength: string;
  let otherAoi: string;

  const as = (role: Role) => `Bearer ${users[role].token}`;
  const post = (body: object, role: Role = 'controller') => t.http().post('/api/improvement-actions').set('Authorization', as(role)).send(body);
  const patch = (id: string, body: object, role: Role = 'controller') =>
    t.http().patch(`/api/improvement-actions/${id}`).set('Authorization', as(role)).send(body);
  const list = async (query = '', role: Role = 'reviewer') => {
    const response = await t.http().get(`/api/improvement-actions${query}`).set('Authorization', as(role));
    expect({ status: response.status, body: response.status === 200 ? 'ok' : response.body }).toEqual({ status: 200, body: 'ok' });
    return response.body as ImprovementActionView[];
  };
  const created = (response: Response) => {
    expect({ status: response.status, body: response.status === 201 ? 'ok' : response.body }).toEqual({ status: 201, body: 'ok' });
    return response.body as ImprovementActionView;
  };
  const valid = (overrides: object = {}) => ({
    exerciseId: first.id,
    action: 'Add the night duty number to the alerting list',
    capabilityElement: 'planning',
    responsible: 'MES duty service',
    dueDate: utcDate(30),
    ...overrides,
  });
  const makeExercise = async (title: string, posts: string[]): Promise<ExerciseView> => {
    const scenario = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', as('controller'))
      .send({
        title,
        objectives: [
          { ref: 'O1', title: 'Alert every post within 15 minutes' },
          { ref: 'O2', title: 'Report the forces available' },
        ],
        injects: [injectInput('I-1', posts)],
      });
    expect(scenario.status).toBe(201);
    const exercise = await t.http().post('/api/exercises').set('Authorization', as('controller')).send({ scenarioId: scenario.body.id });
    expect(exercise.status).toBe(201);
    return exercise.body as ExerciseView;
  };
  const observe = async (exerciseId: string, kind: string, text: string): Promise<string> => {
    const [row] = await queryDatabase<{ id: string }>(
      t.databaseUrl,
      `insert into observation (id, exercise_id, author_id, author_name, text, kind, objective_refs, command_post_ids, scenario_seconds, observed_at, created_at, updated_at)
       values (gen_random_uuid(), $1, $2, 'Evaluator', $3, $4, '["O1"]', '[]', 120, now(), now(), now()) returning id`,
      [exerciseId, users.evaluator.user.id, text, kind],
    );
    return row.id;
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    ({ users } = await createRoleUsers(t));
    almaty = await createCommandPost(t, { code: 'KZ-MCHS', name: 'КП МЧС Казахстана', memberState: 'KZ', ministry: 'emergency' });
    minsk = await createCommandPost(t, { code: 'BY-MO', name: 'КП МО Беларуси', memberState: 'BY', ministry: 'defense', timeZone: 'Europe/Minsk' });
    first = await makeExercise('Паводок-2027', [almaty.id, minsk.id]);
    second = await makeExercise('Землетрясение-2027', [almaty.id]);
    aoi = await observe(first.id, 'improvement', 'The night duty number was not on the list');
    strength = await observe(first.id, 'strength', 'Fast alerting');
    otherAoi = await observe(second.id, 'improvement', 'Second exercise area');
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('create', () => {
    it('creates an open action for a controller and an evaluator, defaulting member state and ministry from the post', async () => {
      const action = created(
        await post(
          valid({ objectiveRef: 'O1', observationId: aoi, commandPostId: almaty.id, pointOfContact: 'A. Seitkali', startDate: utcDate(1) }),
          'evaluator',
        ),
      );
      expect(action).toEqual({
        id: expect.any(String),
        exerciseId: first.id,
        exerciseTitle: 'Паводок-2027',
        objectiveRef: 'O1',
        observationId: aoi,
        action: 'Add the night duty number to the alerting list',
        capabilityElement: 'planning',
        responsible: 'MES duty service',
        memberState: 'KZ',
        ministry: 'emergency',
        commandPostId: almaty.id,
        pointOfContact: 'A. Seitkali',
        startDate: utcDate(1),
        dueDate: utcDate(30),
        status: 'open',
        overdue: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const fetched = await t.http().get(`/api/improvement-actions/${action.id}`).set('Authorization', as('reviewer'));
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(action);
      // Given explicitly, the member state and ministry win over the post's.
      const explicit = created(await post(valid({ commandPostId: almaty.id, memberState: 'RU', ministry: 'crc' })));
      expect(explicit).toEqual(expect.objectContaining({ memberState: 'RU', ministry: 'crc', commandPostId: almaty.id }));
    });

    it.each([
      ['exerciseId', { exerciseId: '00000000-0000-4000-8000-000000000000' }],
      ['exerciseId', { exerciseId: 'nope' }],
      ['dueDate', { dueDate: '2027-02-30' }],
      ['dueDate', { dueDate: '31.03.2027' }],
      ['startDate', { startDate: '2027-13-01' }],
      ['startDate', { startDate: '2027-05-02', dueDate: '2027-05-01' }],
      ['objectiveRef', { objectiveRef: 'O9' }],
      ['observationId', { observationId: '00000000-0000-4000-8000-000000000000' }],
      ['capabilityElement', { capabilityElement: 'money' }],
      ['memberState', { memberState: 'XX' }],
      ['ministry', { ministry: 'finance' }],
      ['commandPostId', { commandPostId: '00000000-0000-4000-8000-000000000000' }],
      ['status', { status: 'closed' }],
      ['action', { action: '' }],
      ['action', { action: 'x'.repeat(4001) }],
      ['responsible', { responsible: undefined }],
      ['pointOfContact', { pointOfContact: 'x'.repeat(201) }],
    ])('refuses a bad %s (case %#) with a 400 naming it', async (field, overrides) => {
      expectApiError(await post(valid(overrides)), 400, [field]);
    });

    it('refuses an observation of another exercise, and one that is not an area for improvement', async () => {
      expectApiError(await post(valid({ observationId: otherAoi })), 400, ['observationId']);
      expectApiError(await post(valid({ observationId: strength })), 400, ['observationId']);
      // The one of the second exercise is fine for an action of the second exercise.
      created(await post(valid({ exerciseId: second.id, observationId: otherAoi })));
    });
  });

  describe('access', () => {
    let id: string;
    beforeAll(async () => {
      id = created(await post(valid({ action: 'Access check' }))).id;
    });

    it('lets staff read, controllers and evaluators write, and refuses the rest', async () => {
      for (const role of ['admin', 'controller', 'evaluator', 'reviewer'] as const) {
        expect((await t.http().get('/api/improvement-actions').set('Authorization', as(role))).status).toBe(200);
        expect((await t.http().get('/api/improvement-actions/summary').set('Authorization', as(role))).status).toBe(200);
        expect((await t.http().get(`/api/improvement-actions/${id}`).set('Authorization', as(role))).status).toBe(200);
      }
      for (const role of ['admin', 'reviewer', 'operator'] as const) expectApiError(await post(valid(), role), 403);
      for (const role of ['admin', 'reviewer', 'operator'] as const) expectApiError(await patch(id, { status: 'done' }, role), 403);
      for (const role of ['evaluator', 'reviewer', 'operator'] as const)
        expectApiError(await t.http().delete(`/api/improvement-actions/${id}`).set('Authorization', as(role)), 403);
    });

    it('answers an operator 403 on the lists and the export and 404 on an id', async () => {
      for (const path of ['', '/summary', '/export?format=xlsx', '?overdue=true'])
        expectApiError(await t.http().get(`/api/improvement-actions${path}`).set('Authorization', as('operator')), 403);
      expectApiError(await t.http().get(`/api/improvement-actions/${id}`).set('Authorization', as('operator')), 404);
      expectApiError(await t.http().get(`/api/improvement-actions/00000000-0000-4000-8000-000000000000`).set('Authorization', as('reviewer')), 404);
      expectApiError(await t.http().get('/api/improvement-actions/nope').set('Authorization', as('reviewer')), 400, ['id']);
      expectApiError(await t.http().get('/api/improvement-actions'), 401);
    });

    it('deletes for a controller and an admin, 204, and records it', async () => {
      const other = created(await post(valid({ action: 'To delete' })));
      expect((await t.http().delete(`/api/improvement-actions/${other.id}`).set('Authorization', as('admin'))).status).toBe(204);
      expectApiError(await t.http().get(`/api/improvement-actions/${other.id}`).set('Authorization', as('reviewer')), 404);
      expectApiError(await t.http().delete(`/api/improvement-actions/${other.id}`).set('Authorization', as('controller')), 404);
      const trail = (await t.http().get(`/api/exercises/${first.id}/audit`).set('Authorization', as('reviewer'))).body as AuditEventView[];
      expect(trail.filter((e) => e.action === 'improvement_action.deleted' && e.details.id === other.id)).toHaveLength(1);
    });
  });

  describe('patch', () => {
    it('changes any field but the exercise, checks them as on create, and records every change in the audit trail', async () => {
      const action = created(await post(valid({ action: 'Patch me', startDate: '2027-01-10', dueDate: '2027-02-10' })));
      const moved = await patch(action.id, { status: 'in_progress', dueDate: '2027-03-01', commandPostId: minsk.id }, 'evaluator');
      expect(moved.status).toBe(200);
      expect(moved.body).toEqual(
        expect.objectContaining({ status: 'in_progress', dueDate: '2027-03-01', memberState: 'BY', ministry: 'defense', startDate: '2027-01-10' }),
      );
      expectApiError(await patch(action.id, { exerciseId: second.id }), 400, ['exerciseId']);
      expectApiError(await patch(action.id, { dueDate: '2027-01-01' }), 400, ['dueDate']);
      expectApiError(await patch(action.id, { startDate: '2027-04-01' }), 400, ['startDate']);
      expectApiError(await patch(action.id, { action: null }), 400, ['action']);
      expectApiError(await patch(action.id, { dueDate: null }), 400, ['dueDate']);
      expectApiError(await patch(action.id, { status: 'finished' }), 400, ['status']);
      expectApiError(await patch(action.id, { objectiveRef: 'O7' }), 400, ['objectiveRef']);
      expectApiError(await patch(action.id, { observationId: otherAoi }), 400, ['observationId']);
      expectApiError(await patch('00000000-0000-4000-8000-000000000000', { status: 'done' }), 404);
      // A refused change writes nothing.
      expect((await t.http().get(`/api/improvement-actions/${action.id}`).set('Authorization', as('reviewer'))).body).toEqual(moved.body);
      const cleared = await patch(action.id, { startDate: null, commandPostId: null, pointOfContact: null, objectiveRef: 'O2', observationId: aoi });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toEqual(
        expect.objectContaining({ startDate: null, commandPostId: null, objectiveRef: 'O2', observationId: aoi, memberState: 'BY' }),
      );

      const trail = (await t.http().get(`/api/exercises/${first.id}/audit`).set('Authorization', as('reviewer'))).body as AuditEventView[];
      const mine = trail.filter((e) => e.action.startsWith('improvement_action.') && e.details.id === action.id);
      expect(mine.map((e) => e.action)).toEqual(['improvement_action.created', 'improvement_action.updated', 'improvement_action.updated']);
      expect(mine[0]).toEqual(
        expect.objectContaining({ actorId: users.controller.user.id, details: expect.objectContaining({ action: 'Patch me', status: 'open' }) }),
      );
      expect(mine[1]).toEqual(
        expect.objectContaining({
          actorId: users.evaluator.user.id,
          details: {
            id: action.id,
            changes: {
              status: { from: 'open', to: 'in_progress' },
              dueDate: { from: '2027-02-10', to: '2027-03-01' },
              commandPostId: { from: null, to: minsk.id },
              memberState: { from: null, to: 'BY' },
              ministry: { from: null, to: 'defense' },
            },
          },
        }),
      );
    });
  });

  describe('filters, summary and export', () => {
    let overdueKz: ImprovementActionView;
    let doneLate: ImprovementActionView;
    let byDefense: ImprovementActionView;
    let secondKz: ImprovementActionView;

    beforeAll(async () => {
      await queryDatabase(t.databaseUrl, 'delete from improvement_action');
      overdueKz = created(
        await post(
          valid({ action: '=SUM(A1:A2) shows as text', commandPostId: almaty.id, dueDate: utcDate(-3), objectiveRef: 'O1', observationId: aoi }),
        ),
      );
      doneLate = created(await post(valid({ action: 'Done late', commandPostId: almaty.id, dueDate: utcDate(-10), status: 'done' })));
      byDefense = created(await post(valid({ action: 'Defense in progress', commandPostId: minsk.id, dueDate: utcDate(-1), status: 'in_progress' })));
      secondKz = created(await post(valid({ exerciseId: second.id, action: 'Second exercise', commandPostId: almaty.id, dueDate: utcDate(5) })));
    });

    it('lists across exercises by due date and filters by exercise, status, overdue, ministry, member state and post', async () => {
      const ids = (actions: ImprovementActionView[]) => actions.map((a) => a.id);
      expect(ids(await list())).toEqual([doneLate.id, overdueKz.id, byDefense.id, secondKz.id]);
      expect((await list()).map((a) => a.overdue)).toEqual([false, true, true, false]);
      expect(ids(await list(`?exerciseId=${second.id}`))).toEqual([secondKz.id]);
      expect(ids(await list('?status=done'))).toEqual([doneLate.id]);
      expect(ids(await list('?overdue=true'))).toEqual([overdueKz.id, byDefense.id]);
      expect(ids(await list('?overdue=false'))).toEqual([doneLate.id, secondKz.id]);
      expect(ids(await list('?ministry=defense'))).toEqual([byDefense.id]);
      expect(ids(await list('?memberState=KZ&overdue=true'))).toEqual([overdueKz.id]);
      expect(ids(await list(`?commandPostId=${almaty.id}&status=open`))).toEqual([overdueKz.id, secondKz.id]);
      expect(await list(`?exerciseId=${second.id}&ministry=defense`)).toEqual([]);
    });

    it.each([
      ['exerciseId', '?exerciseId=1'],
      ['status', '?status=late'],
      ['overdue', '?overdue=yes'],
      ['ministry', '?ministry=finance'],
      ['memberState', '?memberState=kz'],
      ['commandPostId', '?commandPostId=x'],
      ['unknown', '?unknown=1'],
    ])('answers a bad %s filter with a 400 naming it', async (field, query) => {
      expectApiError(await t.http().get(`/api/improvement-actions${query}`).set('Authorization', as('reviewer')), 400, [field]);
    });

    it('counts per member state and ministry by status, with the overdue ones', async () => {
      const response = await t.http().get('/api/improvement-actions/summary').set('Authorization', as('evaluator'));
      expect(response.status).toBe(200);
      expect(response.body as ImprovementSummaryRow[]).toEqual([
        { memberState: 'BY', ministry: 'defense', counts: { open: 0, in_progress: 1, done: 0, dropped: 0 }, overdue: 1, total: 1 },
        { memberState: 'KZ', ministry: 'emergency', counts: { open: 2, in_progress: 0, done: 1, dropped: 0 }, overdue: 1, total: 3 },
      ]);
      const filtered = await t.http().get(`/api/improvement-actions/summary?exerciseId=${second.id}`).set('Authorization', as('evaluator'));
      expect(filtered.body).toEqual([
        { memberState: 'KZ', ministry: 'emergency', counts: { open: 1, in_progress: 0, done: 0, dropped: 0 }, overdue: 0, total: 1 },
      ]);
    });

    it('exports the filtered actions as an XLSX that exceljs reads back, in Russian by default and in English when asked', async () => {
      const ru = await t.http().get('/api/improvement-actions/export?format=xlsx').set('Authorization', as('reviewer')).buffer(true).parse(binary);
      expect(ru.status).toBe(200);
      expect(ru.headers['content-type']).toMatch(/spreadsheetml/);
      expect(ru.headers['content-disposition']).toMatch(/attachment; filename="improvement-plan.xlsx"/);
      const rows = await readSheet(ru.body as Buffer);
      // The house style: the header row bold and frozen, so it stays in view.
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(ru.body);
      const sheet = workbook.worksheets[0];
      expect(sheet.views[0]).toEqual(expect.objectContaining({ state: 'frozen', ySplit: 1 }));
      expect(sheet.getRow(1).getCell(1).font).toEqual(expect.objectContaining({ bold: true }));
      expect(rows[0]).toEqual([
        'Учение',
        'Цель',
        'Область для улучшения',
        'Корректирующее действие',
        'Элемент возможностей',
        'Ответственный',
        'Государство',
        'Министерство',
        'Пункт управления',
        'Контактное лицо',
        'Начало',
        'Срок',
        'Статус',
        'Просрочено',
      ]);
      expect(rows.slice(1).map((r) => r[3])).toEqual(['Done late', '=SUM(A1:A2) shows as text', 'Defense in progress', 'Second exercise']);
      expect(rows[2]).toEqual([
        'Паводок-2027',
        'O1 Alert every post within 15 minutes',
        'The night duty number was not on the list',
        '=SUM(A1:A2) shows as text',
        'Планирование',
        'MES duty service',
        'KZ',
        'Министерство по чрезвычайным ситуациям',
        'KZ-MCHS',
        '',
        '',
        utcDate(-3),
        'Открыто',
        'да',
      ]);

      const en = await t
        .http()
        .get(`/api/improvement-actions/export?format=xlsx&language=en&overdue=true&ministry=defense`)
        .set('Authorization', as('controller'))
        .buffer(true)
        .parse(binary);
      expect(en.status).toBe(200);
      const enRows = await readSheet(en.body as Buffer);
      expect(enRows).toHaveLength(2);
      expect(enRows[0].slice(0, 4)).toEqual(['Exercise', 'Objective', 'Area for improvement', 'Corrective action']);
      expect(enRows[1]).toEqual(expect.arrayContaining(['Defense in progress', 'In progress', 'yes', 'BY-MO', 'Ministry of Defence']));

      expectApiError(await t.http().get('/api/improvement-actions/export?format=pdf').set('Authorization', as('reviewer')), 400, ['format']);
      expectApiError(await t.http().get('/api/improvement-actions/export?language=de').set('Authorization', as('reviewer')), 400, ['language']);
    });
  });
});
