import type { Response } from 'supertest';
import type {
  AuditEventView,
  CommandPostView,
  DutyHandoverView,
  DutyOnDutyView,
  DutyRosterEntryView,
  DutyShiftView,
  ExerciseReport,
  ExerciseView,
  InjectMessage,
} from '@excon/contracts';
import type { Role } from '@excon/domain';
import { expectApiError } from '../support/api-errors';
import { ask, connectConsole, waitFor, type TestConsole } from '../support/consoles';
import { queryDatabase } from '../support/database';
import { control, createExercise, inject } from '../support/exercises';
import { createCommandPost, createRoleUsers, createUser, type RoleUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const HOUR = 3_600_000;
/** A day far from now, so that the CRUD tests' watches never cover the exercise run's. */
const FAR = Date.parse('2031-03-01T00:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

describe('CRC duty-shift roster', () => {
  let t: TestPlatform;
  let users: Record<Role, RoleUser>;
  let crcPost: CommandPostView;
  let crcOperator: RoleUser;
  const shifts: Record<string, DutyShiftView> = {};
  const consoles: TestConsole[] = [];

  const as = (role: Role) => `Bearer ${users[role].token}`;
  const get = (path: string, role: Role = 'reviewer') => t.http().get(path).set('Authorization', as(role));
  const post = (path: string, body: object, role: Role = 'controller') => t.http().post(path).set('Authorization', as(role)).send(body);
  const ok = <T>(response: Response, status = 200): T => {
    expect({ status: response.status, body: response.status === status ? 'ok' : response.body }).toEqual({ status, body: 'ok' });
    return response.body as T;
  };
  const names = (code: string) => ({ ru: `Дежурная смена ${code}`, en: `Duty shift ${code}` });
  const rosterRows = (shiftId: string) =>
    queryDatabase<{ n: string }>(t.databaseUrl, `select count(*) as n from duty_roster_entry where duty_shift_id = $1`, [shiftId]).then((r) =>
      Number(r[0].n),
    );

  beforeAll(async () => {
    t = await startTestPlatform();
    ({ users } = await createRoleUsers(t));
    crcPost = await createCommandPost(t, {
      code: 'CRC-DUTY',
      name: 'ЦКР, дежурная смена',
      memberState: 'RU',
      ministry: 'crc',
      timeZone: 'Europe/Moscow',
    });
    crcOperator = await createUser(t, 'operator', crcPost.id);
  });
  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await t?.stop();
  });

  describe('shifts', () => {
    it('creates the shifts A–D for an admin and a controller, with their members', async () => {
      for (const [code, role] of [
        ['A', 'admin'],
        ['B', 'controller'],
        ['C', 'controller'],
        ['D', 'admin'],
      ] as const) {
        const members = code === 'C' ? [users.evaluator.user.id, crcOperator.user.id] : [crcOperator.user.id];
        shifts[code] = ok<DutyShiftView>(await post('/api/duty-shifts', { code, names: names(code), memberUserIds: members }, role), 201);
        expect(shifts[code]).toEqual({ id: expect.any(String), code, names: names(code), memberUserIds: members, active: true });
      }
      const listed = ok<DutyShiftView[]>(await get('/api/duty-shifts', 'evaluator'));
      expect(listed.map((s) => s.code)).toEqual(['A', 'B', 'C', 'D']);
    });

    it('refuses a taken code (409), a bad code, names or members (400 naming the field)', async () => {
      expectApiError(await post('/api/duty-shifts', { code: 'A', names: names('A'), memberUserIds: [] }), 409);
      expectApiError(await post('/api/duty-shifts', { code: 'X'.repeat(17), names: names('X'), memberUserIds: [] }), 400, ['code']);
      expectApiError(await post('/api/duty-shifts', { code: 'E', names: { ru: 'Смена Е' }, memberUserIds: [] }), 400, ['names.en']);
      expectApiError(await post('/api/duty-shifts', { code: 'E', names: names('E'), memberUserIds: ['5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e'] }), 400, [
        'memberUserIds',
      ]);
      expectApiError(await post('/api/duty-shifts', { code: 'E', names: names('E'), memberUserIds: ['nope'] }), 400, ['memberUserIds']);
      // A deactivated user is no member either.
      const gone = await createUser(t, 'reviewer');
      await queryDatabase(t.databaseUrl, `update app_user set active = false where id = $1`, [gone.user.id]);
      expectApiError(await post('/api/duty-shifts', { code: 'E', names: names('E'), memberUserIds: [gone.user.id] }), 400, ['memberUserIds']);
    });

    it('changes names, members and whether it is active; 404 for an unknown shift', async () => {
      const patch = (id: string, body: object, role: Role = 'controller') =>
        t.http().patch(`/api/duty-shifts/${id}`).set('Authorization', as(role)).send(body);
      const made = ok<DutyShiftView>(await post('/api/duty-shifts', { code: 'E', names: names('E'), memberUserIds: [] }), 201);
      const changed = ok<DutyShiftView>(
        await patch(made.id, { names: { ru: 'Резерв', en: 'Reserve' }, memberUserIds: [users.controller.user.id], active: false }),
      );
      expect(changed).toEqual({ ...made, names: { ru: 'Резерв', en: 'Reserve' }, memberUserIds: [users.controller.user.id], active: false });
      expectApiError(await patch(made.id, { memberUserIds: ['5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e'] }), 400, ['memberUserIds']);
      expectApiError(await patch(made.id, { code: 'F' }), 400, ['code']);
      expectApiError(await patch('5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', { active: true }), 404);
      expectApiError(await patch(made.id, { active: true }, 'evaluator'), 403);
      // An inactive shift cannot be put on the roster.
      expectApiError(await post('/api/duty-roster', { dutyShiftId: made.id, from: at(FAR - 10 * HOUR), to: at(FAR - 9 * HOUR) }), 400, [
        'dutyShiftId',
      ]);
    });

    it('lets only staff read and only admins and controllers write', async () => {
      expectApiError(await get('/api/duty-shifts', 'operator'), 403);
      expectApiError(await get('/api/duty-roster', 'operator'), 403);
      expectApiError(await get('/api/duty-roster/current', 'operator'), 403);
      expectApiError(await get('/api/duty-handovers', 'operator'), 403);
      for (const role of ['evaluator', 'reviewer', 'operator'] as const) {
        expectApiError(await post('/api/duty-shifts', { code: 'Z', names: names('Z'), memberUserIds: [] }, role), 403);
        expectApiError(await post('/api/duty-roster', { dutyShiftId: shifts.A.id, from: at(FAR), to: at(FAR + HOUR) }, role), 403);
        expectApiError(await post('/api/duty-handovers', { toShiftId: shifts.A.id, note: '' }, role), 403);
      }
      ok(await get('/api/duty-roster', 'evaluator'));
      ok(await get('/api/duty-handovers', 'reviewer'));
    });
  });

  describe('roster', () => {
    let watch: DutyRosterEntryView;

    it('adds a watch and lists the watches overlapping a window, in time order', async () => {
      watch = ok<DutyRosterEntryView>(
        await post('/api/duty-roster', { dutyShiftId: shifts.A.id, from: '2031-03-01T03:00:00+03:00', to: at(FAR + 12 * HOUR) }),
        201,
      );
      expect(watch).toEqual({ id: expect.any(String), dutyShiftId: shifts.A.id, from: at(FAR), to: at(FAR + 12 * HOUR) });
      const later = ok<DutyRosterEntryView>(
        await post('/api/duty-roster', { dutyShiftId: shifts.B.id, from: at(FAR + 12 * HOUR), to: at(FAR + 24 * HOUR) }, 'admin'),
        201,
      );
      const window = (from: number, to: number) => get(`/api/duty-roster?from=${encodeURIComponent(at(from))}&to=${encodeURIComponent(at(to))}`);
      expect(ok<DutyRosterEntryView[]>(await window(FAR + 11 * HOUR, FAR + 13 * HOUR)).map((w) => w.id)).toEqual([watch.id, later.id]);
      expect(ok<DutyRosterEntryView[]>(await window(FAR + 12 * HOUR, FAR + 13 * HOUR)).map((w) => w.id)).toEqual([later.id]);
      expect(ok<DutyRosterEntryView[]>(await window(FAR - HOUR, FAR))).toEqual([]);
      expectApiError(await window(FAR, FAR), 400, ['to']);
      expectApiError(await get('/api/duty-roster?from=yesterday'), 400, ['from']);
    });

    it('refuses a watch that overlaps another (409) or ends before it starts (400 naming to)', async () => {
      expectApiError(await post('/api/duty-roster', { dutyShiftId: shifts.C.id, from: at(FAR + 6 * HOUR), to: at(FAR + 18 * HOUR) }), 409);
      expectApiError(await post('/api/duty-roster', { dutyShiftId: shifts.C.id, from: at(FAR - HOUR), to: at(FAR - HOUR) }), 400, ['to']);
      expectApiError(await post('/api/duty-roster', { dutyShiftId: shifts.C.id, from: at(FAR - HOUR), to: 'soon' }), 400, ['to']);
      expectApiError(
        await post('/api/duty-roster', { dutyShiftId: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', from: at(FAR - 2 * HOUR), to: at(FAR - HOUR) }),
        400,
        ['dutyShiftId'],
      );
      expect(await rosterRows(shifts.C.id)).toBe(0);
    });

    it('removes a watch (204, then 404)', async () => {
      const remove = (id: string, role: Role = 'controller') => t.http().delete(`/api/duty-roster/${id}`).set('Authorization', as(role));
      const extra = ok<DutyRosterEntryView>(
        await post('/api/duty-roster', { dutyShiftId: shifts.D.id, from: at(FAR - 2 * HOUR), to: at(FAR - HOUR) }),
        201,
      );
      expectApiError(await remove(extra.id, 'reviewer'), 403);
      expect((await remove(extra.id)).status).toBe(204);
      expectApiError(await remove(extra.id), 404);
      expectApiError(await remove('nope'), 400, ['id']);
    });

    it('appends a rotation A, B, C, D of 12-hour watches in one go', async () => {
      const startAt = FAR + 10 * 24 * HOUR;
      const ids = ['A', 'B', 'C', 'D'].map((c) => shifts[c].id);
      const rotation = ok<DutyRosterEntryView[]>(
        await post('/api/duty-roster/rotation', { startAt: at(startAt), watchHours: 12, dutyShiftIds: ids, watches: 6 }),
        201,
      );
      expect(rotation).toEqual(
        [0, 1, 2, 3, 4, 5].map((i) => ({
          id: expect.any(String),
          dutyShiftId: ids[i % 4],
          from: at(startAt + i * 12 * HOUR),
          to: at(startAt + (i + 1) * 12 * HOUR),
        })),
      );
    });

    it('adds nothing of a rotation that overlaps a watch (409), or names an unknown shift (400)', async () => {
      const before = await rosterRows(shifts.D.id);
      // Its third watch (D) would be fine, its fourth would overlap A's watch at FAR.
      const startAt = FAR - 3 * 12 * HOUR;
      const ids = [shifts.D.id, shifts.D.id, shifts.D.id, shifts.D.id];
      expectApiError(await post('/api/duty-roster/rotation', { startAt: at(startAt), watchHours: 12, dutyShiftIds: ids, watches: 4 }), 409);
      expect(await rosterRows(shifts.D.id)).toBe(before);
      expectApiError(
        await post('/api/duty-roster/rotation', {
          startAt: at(FAR - 100 * HOUR),
          watchHours: 12,
          dutyShiftIds: [shifts.D.id, '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e'],
          watches: 2,
        }),
        400,
        ['dutyShiftIds'],
      );
      expectApiError(await post('/api/duty-roster/rotation', { startAt: at(FAR - 100 * HOUR), watchHours: 0, dutyShiftIds: [], watches: 0 }), 400, [
        'watchHours',
        'dutyShiftIds',
        'watches',
      ]);
      expect(await rosterRows(shifts.D.id)).toBe(before);
    });
  });

  describe('an exercise run while shift B is on duty', () => {
    let exercise: ExerciseView;
    let messages: InjectMessage[];
    let handover: DutyHandoverView;

    beforeAll(async () => {
      ok(await get('/api/duty-roster/current'));
      ok(await post('/api/duty-roster', { dutyShiftId: shifts.B.id, from: at(Date.now() - HOUR), to: at(Date.now() + HOUR) }), 201);
      ({ exercise } = await createExercise(t, users.controller.token, [inject('I-1', 1, [crcPost.id]), inject('I-2', 1, [crcPost.id])]));
      const operator = await connectConsole(t.url, crcOperator.token);
      consoles.push(operator);
      messages = [];
      operator.socket.on('inject', (message) => {
        void ask(operator.socket, 'inject:acknowledge', { deliveryId: message.deliveryId }).then((ack) => {
          if (ack.ok) messages.push(message);
        });
      });
      await control(t, users.controller.token, exercise.id, 'start');
      await waitFor(() => messages.length === 2, 'the CRC operator to acknowledge both injects');
      const first = messages.find((m) => m.ref === 'I-1') as InjectMessage;
      expect((await ask(operator.socket, 'inject:respond', { deliveryId: first.deliveryId, text: 'Принято, силы выдвигаются' })).ok).toBe(true);
      await control(t, users.controller.token, exercise.id, 'pause');
    });

    it('says shift B is on duty now', async () => {
      const current = ok<DutyOnDutyView>(await get('/api/duty-roster/current', 'evaluator'));
      expect(current.shift?.code).toBe('B');
      expect(current.watch?.dutyShiftId).toBe(shifts.B.id);
    });

    it('records shift B with the acknowledgements and the response', async () => {
      const rows = await queryDatabase<{ ref: string; acked: string | null; responded: string | null }>(
        t.databaseUrl,
        `select i.ref, d.acknowledged_duty_shift_id as acked, d.responded_duty_shift_id as responded
           from delivery d join exercise_inject i on i.id = d.exercise_inject_id where d.exercise_id = $1 order by i.ref`,
        [exercise.id],
      );
      expect(rows).toEqual([
        { ref: 'I-1', acked: shifts.B.id, responded: shifts.B.id },
        { ref: 'I-2', acked: shifts.B.id, responded: null },
      ]);
    });

    it('records shift B with the control actions in the audit trail', async () => {
      const trail = ok<AuditEventView[]>(await get(`/api/exercises/${exercise.id}/audit`, 'controller'));
      const controls = trail.filter((e) => e.action === 'exercise.started' || e.action === 'exercise.paused');
      expect(controls.map((e) => [e.action, e.dutyShiftId])).toEqual([
        ['exercise.started', shifts.B.id],
        ['exercise.paused', shifts.B.id],
      ]);
      // The engine's own records (the timed firing, appended several in one statement) carry it too.
      const fired = trail.filter((e) => e.action.startsWith('inject.fired'));
      expect(fired).toHaveLength(2);
      expect(fired.map((e) => e.dutyShiftId)).toEqual([shifts.B.id, shifts.B.id]);
      const duty = ok<AuditEventView[]>(await get('/api/audit?action=duty.', 'admin'));
      expect(duty.map((e) => e.action)).toEqual(
        expect.arrayContaining(['duty.shift_created', 'duty.shift_updated', 'duty.watch_created', 'duty.watch_deleted', 'duty.rotation_created']),
      );
      // Written before B's watch, they carry no shift; the record of B's watch is the first within it.
      expect(duty.filter((e) => e.dutyShiftId !== null).map((e) => [e.action, e.dutyShiftId])).toEqual([['duty.watch_created', shifts.B.id]]);
    });

    it('counts in the report what shift B handled, with its watch', async () => {
      const report = ok<ExerciseReport>(await get(`/api/exercises/${exercise.id}/report?format=json`));
      const trail = ok<AuditEventView[]>(await get(`/api/exercises/${exercise.id}/audit`, 'controller'));
      const byUsers = trail.filter((e) => e.actorId !== null && e.dutyShiftId === shifts.B.id).length;
      expect(byUsers).toBeGreaterThanOrEqual(2);
      expect(report.dutyShifts).toEqual([
        {
          dutyShiftId: shifts.B.id,
          code: 'B',
          names: names('B'),
          acknowledgements: 2,
          responses: 1,
          controlActions: byUsers,
          watches: [{ from: expect.any(String), to: expect.any(String) }],
        },
      ]);
    });

    it('hands the open deliveries and the overdue actions over to the next shift with the note and the free-text items', async () => {
      const action = (text: string, dueDate: string, status: string) =>
        post('/api/improvement-actions', {
          exerciseId: exercise.id,
          action: text,
          capabilityElement: 'planning',
          responsible: 'CRC duty service',
          dueDate,
          status,
        });
      const overdue = ok<{ id: string }>(await action('Test the night alerting line', '2020-01-15', 'open'), 201);
      ok(await action('Already done', '2020-01-15', 'done'), 201);
      ok(await action('Not yet due', '2099-01-15', 'in_progress'), 201);
      handover = ok<DutyHandoverView>(
        await post('/api/duty-handovers', {
          toShiftId: shifts.C.id,
          note: 'Связь с Бишкеком дважды пропадала',
          items: [{ text: 'Call back MES Kyrgyzstan' }],
        }),
        201,
      );
      const open = messages.find((m) => m.ref === 'I-2') as InjectMessage;
      expect(handover).toEqual(
        expect.objectContaining({
          fromShiftId: shifts.B.id,
          toShiftId: shifts.C.id,
          note: 'Связь с Бишкеком дважды пропадала',
          byUserId: users.controller.user.id,
          acceptedAt: null,
        }),
      );
      expect(handover.openItems[0]).toEqual({ kind: 'note', id: null, text: 'Call back MES Kyrgyzstan' });
      const deliveries = handover.openItems.filter((i) => i.kind === 'delivery');
      expect(deliveries.map((i) => i.id)).toEqual([open.deliveryId]);
      expect(deliveries[0].text).toContain('I-2');
      const actions = handover.openItems.filter((i) => i.kind === 'improvement_action');
      expect(actions.map((i) => i.id)).toEqual([overdue.id]);
      expect(actions[0].text).toContain('Test the night alerting line');
      expectApiError(await post('/api/duty-handovers', { toShiftId: shifts.C.id, note: 'x', items: [{ text: '' }] }), 400, ['items[0].text']);
      expectApiError(await post('/api/duty-handovers', { toShiftId: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', note: '' }), 400, ['toShiftId']);
    });

    it('is accepted by a member of the incoming shift, once; others are refused', async () => {
      const accept = (token: string) => t.http().post(`/api/duty-handovers/${handover.id}/accept`).set('Authorization', `Bearer ${token}`).send({});
      expectApiError(await accept(users.reviewer.token), 403);
      expectApiError(await accept(users.operator.token), 403);
      const accepted = ok<DutyHandoverView>(await accept(users.evaluator.token));
      expect(accepted).toEqual({ ...handover, acceptedAt: expect.any(String), acceptedByUserId: users.evaluator.user.id });
      expectApiError(await accept(users.controller.token), 409);
      expect(ok<DutyHandoverView[]>(await get('/api/duty-handovers?limit=5'))[0]).toEqual(accepted);
    });
  });
});
