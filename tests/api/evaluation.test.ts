import type {
  AuditEventView,
  CommandPostView,
  EvaluatorAssignmentView,
  ExerciseView,
  ObjectiveRatingSummary,
  ObservationView,
  RatingView,
} from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { connectConsole, eventsOf, sleep, waitFor, type TestConsole } from '../support/consoles';
import { queryDatabase } from '../support/database';
import { control } from '../support/exercises';
import { createCommandPost, createScenario, createUser, injectInput, type RoleUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const UNKNOWN_ID = '3f1c2b8e-8a5e-4c1e-9d7e-0b9f5b0a1c2d';
const TITLE = 'Evaluated exercise 7Q';
const OBJECTIVES = [
  { ref: 'OBJ-1', title: 'Alert every post', capabilityTarget: 'Within 15 minutes of the warning', criticalTasks: ['Receive', 'Alert'] },
  { ref: 'OBJ-2', title: 'Report the damage' },
];
const EVALUATION_EVENTS = ['observation:created', 'observation:updated', 'observation:deleted', 'rating:updated'];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Issue 11, the evaluation API: evaluator assignments, observations and P/S/M/U ratings, who may do what,
 * the audit trail and the live events to staff (never to operators).
 */
describe('evaluation: assignments, observations, ratings', () => {
  let t: TestPlatform;
  let admin: string;
  let controller: RoleUser;
  let reviewer: RoleUser;
  /** Assigned to post A and OBJ-1 only. */
  let evaluator: RoleUser;
  /** The lead evaluator, assigned to everything. */
  let lead: RoleUser;
  /** Has no assignment: may rate everything. */
  let freelance: RoleUser;
  let operatorA: RoleUser;
  let operatorC: RoleUser;
  let postA: CommandPostView;
  let postB: CommandPostView;
  let postC: CommandPostView;
  let exercise: ExerciseView;
  let other: ExerciseView;
  let consoles: TestConsole[] = [];

  const call = (method: Method, token: string, path: string, body?: object) => {
    const request = t.http()[method](path).set('Authorization', `Bearer ${token}`);
    return body === undefined ? request : request.send(body);
  };
  const at = (path = '') => `/api/exercises/${exercise.id}${path}`;
  const createExerciseWithObjectives = async (injects: ReturnType<typeof injectInput>[]): Promise<ExerciseView> => {
    const scenario = await createScenario(t, controller.token, { title: `Scenario ${Date.now()}`, objectives: OBJECTIVES, injects });
    const response = await call('post', controller.token, '/api/exercises', { scenarioId: scenario.id, title: TITLE });
    expect(response.status).toBe(201);
    return response.body as ExerciseView;
  };
  const observe = (token: string, body: object, exerciseId = exercise.id) => call('post', token, `/api/exercises/${exerciseId}/observations`, body);
  const rate = (token: string, body: object) => call('put', token, at('/ratings'), body);
  const trail = async (): Promise<AuditEventView[]> => (await call('get', controller.token, at('/audit'))).body as AuditEventView[];
  const open = async (token: string) => {
    const c = await connectConsole(t.url, token);
    consoles.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.adminToken();
    [postA, postB, postC] = [await createCommandPost(t), await createCommandPost(t), await createCommandPost(t)];
    controller = await createUser(t, 'controller');
    reviewer = await createUser(t, 'reviewer');
    evaluator = await createUser(t, 'evaluator');
    lead = await createUser(t, 'evaluator');
    freelance = await createUser(t, 'evaluator');
    operatorA = await createUser(t, 'operator', postA.id);
    operatorC = await createUser(t, 'operator', postC.id);
    exercise = await createExerciseWithObjectives([
      injectInput('I-1', [postA.id, postB.id], { offsetSeconds: 0 }),
      injectInput('I-2', [postA.id], { offsetSeconds: 3600 }),
    ]);
    other = await createExerciseWithObjectives([injectInput('X-1', [postA.id], { offsetSeconds: 0 })]);
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    consoles = [];
    await t?.stop();
  });

  describe('the exercise itself', () => {
    it('gives staff the frozen objectives, the scope and the mission area, and an operator none of them', async () => {
      const asController = (await call('get', controller.token, at())).body as ExerciseView;
      expect(asController.objectives).toEqual(OBJECTIVES);
      expect(asController).toEqual(expect.objectContaining({ scope: '', missionArea: null }));
      const patched = await call('patch', controller.token, at(), { scope: 'Notification of the emergency posts', missionArea: 'response' });
      expect(patched.status).toBe(200);
      expect(patched.body).toEqual(expect.objectContaining({ scope: 'Notification of the emergency posts', missionArea: 'response', title: TITLE }));
      const asOperator = await call('get', operatorA.token, at());
      expect(asOperator.status).toBe(200);
      for (const key of ['objectives', 'scope', 'missionArea']) expect(asOperator.body).not.toHaveProperty(key);
      expect((await trail()).filter((e) => e.action === 'exercise.described').map((e) => e.details)).toEqual([
        { scope: 'Notification of the emergency posts', missionArea: 'response' },
      ]);
      const cleared = await call('patch', controller.token, at(), { missionArea: null });
      expect(cleared.body).toEqual(expect.objectContaining({ scope: 'Notification of the emergency posts', missionArea: null }));
    });

    it('refuses a mission area not of HSEEP and a scope over 4000 characters, naming the field', async () => {
      expectApiError(await call('patch', controller.token, at(), { missionArea: 'defence' }), 400, ['missionArea']);
      expectApiError(await call('patch', controller.token, at(), { scope: 'x'.repeat(4001) }), 400, ['scope']);
      expectApiError(await call('patch', controller.token, at(), { scope: null }), 400, ['scope']);
    });
  });

  describe('before STARTEX', () => {
    it('answers 409 to an observation or a rating of a draft exercise', async () => {
      expectApiError(await observe(evaluator.token, { text: 'Too early', kind: 'note' }), 409);
      expectApiError(await rate(controller.token, { objectiveRef: 'OBJ-1', commandPostId: postA.id, rating: 'P' }), 409);
      expect((await call('get', controller.token, at('/observations'))).body).toEqual([]);
    });
  });

  describe('evaluator assignments', () => {
    it('are replaced by a controller and read by every staff role', async () => {
      const response = await call('put', controller.token, at('/evaluators'), {
        assignments: [
          { evaluatorId: evaluator.user.id, commandPostIds: [postA.id], objectiveRefs: ['OBJ-1'] },
          { evaluatorId: lead.user.id, lead: true },
        ],
      });
      expect(response.status).toBe(200);
      const expected: EvaluatorAssignmentView[] = [
        {
          exerciseId: exercise.id,
          evaluatorId: evaluator.user.id,
          evaluatorName: evaluator.user.displayName,
          commandPostIds: [postA.id],
          objectiveRefs: ['OBJ-1'],
          lead: false,
        },
        {
          exerciseId: exercise.id,
          evaluatorId: lead.user.id,
          evaluatorName: lead.user.displayName,
          commandPostIds: [],
          objectiveRefs: [],
          lead: true,
        },
      ];
      const sorted = (list: EvaluatorAssignmentView[]) => [...list].sort((a, b) => a.evaluatorId.localeCompare(b.evaluatorId));
      expect(sorted(response.body as EvaluatorAssignmentView[])).toEqual(sorted(expected));
      for (const token of [admin, controller.token, evaluator.token, reviewer.token]) {
        const read = await call('get', token, at('/evaluators'));
        expect(read.status).toBe(200);
        expect(sorted(read.body as EvaluatorAssignmentView[])).toEqual(sorted(expected));
      }
      const audit = (await trail()).filter((e) => e.action === 'evaluators.assigned');
      expect(audit).toHaveLength(1);
      expect(audit[0].details).toEqual(expect.objectContaining({ before: [], after: expect.any(Array) }));
    });

    it('refuse a user that is not an evaluator, and posts or objectives not of the exercise, naming the field', async () => {
      const put = (assignments: object[]) => call('put', controller.token, at('/evaluators'), { assignments });
      expectApiError(await put([{ evaluatorId: reviewer.user.id }]), 400, ['assignments[0].evaluatorId']);
      expectApiError(await put([{ evaluatorId: UNKNOWN_ID }]), 400, ['assignments[0].evaluatorId']);
      expectApiError(await put([{ evaluatorId: lead.user.id }, { evaluatorId: evaluator.user.id, commandPostIds: [postC.id] }]), 400, [
        'assignments[1].commandPostIds',
      ]);
      expectApiError(await put([{ evaluatorId: evaluator.user.id, objectiveRefs: ['OBJ-9'] }]), 400, ['assignments[0].objectiveRefs']);
      expectApiError(await put([{ evaluatorId: 'not-a-uuid' }]), 400, ['assignments[0].evaluatorId']);
      expectApiError(await call('put', controller.token, at('/evaluators'), {}), 400, ['assignments']);
      // Nothing of the refused lists was written.
      expect((await call('get', controller.token, at('/evaluators'))).body).toHaveLength(2);
    });

    it('may be replaced by controllers and admins only', async () => {
      for (const token of [evaluator.token, reviewer.token]) expectApiError(await call('put', token, at('/evaluators'), { assignments: [] }), 403);
    });
  });

  describe('observations', () => {
    let second: TestConsole;
    let control_: TestConsole;
    let operatorConsole: TestConsole;
    let made: ObservationView;

    beforeAll(async () => {
      second = await open(lead.token);
      control_ = await open(controller.token);
      operatorConsole = await open(operatorA.token);
      exercise = await control(t, controller.token, exercise.id, 'start');
      await control(t, controller.token, other.id, 'start');
      await waitFor(() => operatorConsole.injects.length >= 2, 'the first injects of both exercises at post A');
      // Far enough past STARTEX for an observation dated a second ago.
      await sleep(Math.max(0, Date.parse(exercise.startedAt as string) + 1500 - Date.now()));
    });

    it('are made by an evaluator with the exercise time and the wall time, and reach the other staff consoles live', async () => {
      const observedAt = new Date(Date.now() - 1000).toISOString();
      const inject = exercise.injects?.find((i) => i.ref === 'I-1');
      const response = await observe(evaluator.token, {
        text: 'The CRC duty shift alerted post A within 9 minutes',
        kind: 'strength',
        objectiveRefs: ['OBJ-1'],
        commandPostIds: [postA.id],
        exerciseInjectId: inject?.id,
        observedAt,
      });
      expect({ status: response.status, body: response.body as unknown }).toEqual({ status: 201, body: expect.anything() });
      made = response.body as ObservationView;
      expect(made).toEqual({
        id: expect.any(String),
        exerciseId: exercise.id,
        authorId: evaluator.user.id,
        authorName: evaluator.user.displayName,
        text: 'The CRC duty shift alerted post A within 9 minutes',
        kind: 'strength',
        objectiveRefs: ['OBJ-1'],
        commandPostIds: [postA.id],
        exerciseInjectId: inject?.id,
        deliveryId: null,
        scenarioSeconds: expect.any(Number),
        observedAt,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      // Speed 1, no pause: the clock at observedAt is the time since STARTEX.
      const expectedSeconds = (Date.parse(observedAt) - Date.parse(exercise.startedAt as string)) / 1000;
      expect(Math.abs(made.scenarioSeconds - expectedSeconds)).toBeLessThan(0.01);
      for (const c of [second, control_]) await waitFor(() => eventsOf(c, 'observation:created').length === 1, 'observation:created at staff');
      const { receivedAt: _, ...pushed } = eventsOf<ObservationView>(second, 'observation:created')[0];
      expect(pushed).toEqual(made);
      const created = (await trail()).filter((e) => e.action === 'observation.created');
      expect(created).toEqual([
        expect.objectContaining({ actorId: evaluator.user.id, details: expect.objectContaining({ observationId: made.id, kind: 'strength' }) }),
      ]);
    });

    it('default to now, and are listed in the order observed with filters by kind, objective and post', async () => {
      const later = (
        await observe(controller.token, {
          text: 'Post B answered without the figures asked for',
          kind: 'improvement',
          commandPostIds: [postB.id],
          objectiveRefs: ['OBJ-2'],
        })
      ).body as ObservationView;
      expect(Math.abs(Date.parse(later.observedAt) - Date.now())).toBeLessThan(5000);
      const earliest = (await observe(lead.token, { text: 'Noted the start', kind: 'note', observedAt: exercise.startedAt as string }))
        .body as ObservationView;
      expect(earliest.scenarioSeconds).toBe(0);
      const list = async (query = '') =>
        ((await call('get', reviewer.token, at(`/observations${query}`))).body as ObservationView[]).map((o) => o.id);
      expect(await list()).toEqual([earliest.id, made.id, later.id]);
      expect(await list('?kind=improvement')).toEqual([later.id]);
      expect(await list('?objectiveRef=OBJ-1')).toEqual([made.id]);
      expect(await list(`?commandPostId=${postB.id}`)).toEqual([later.id]);
      expect(await list(`?kind=strength&commandPostId=${postB.id}`)).toEqual([]);
      expectApiError(await call('get', reviewer.token, at('/observations?kind=praise')), 400, ['kind']);
      expectApiError(await call('get', reviewer.token, at('/observations?commandPostId=nope')), 400, ['commandPostId']);
      const asAdmin = await call('get', admin, at('/observations'));
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.body).toHaveLength(3);
      // Observations of the other exercise do not mix in.
      expect((await call('get', reviewer.token, `/api/exercises/${other.id}/observations`)).body).toEqual([]);
    });

    it('refuse references outside the exercise, and a moment in the future or before STARTEX, naming the field', async () => {
      const otherInject = other.injects?.[0].id;
      const [otherDelivery] = await queryDatabase<{ id: string }>(t.databaseUrl, `select id from delivery where exercise_id = $1`, [other.id]);
      const cases: [object, string][] = [
        [{ objectiveRefs: ['OBJ-9'] }, 'objectiveRefs'],
        [{ commandPostIds: [postC.id] }, 'commandPostIds'],
        [{ exerciseInjectId: otherInject }, 'exerciseInjectId'],
        [{ deliveryId: otherDelivery.id }, 'deliveryId'],
        [{ observedAt: new Date(Date.now() + 120_000).toISOString() }, 'observedAt'],
        [{ observedAt: new Date(Date.parse(exercise.startedAt as string) - 60_000).toISOString() }, 'observedAt'],
        [{ observedAt: '2027-04-14T09:00:00' }, 'observedAt'],
        [{ kind: 'praise' }, 'kind'],
        [{ text: '' }, 'text'],
        [{ authorId: lead.user.id }, 'authorId'],
      ];
      for (const [change, field] of cases)
        expectApiError(await observe(evaluator.token, { text: 'Bad', kind: 'note', ...change }, exercise.id), 400, [field]);
      expect((await call('get', controller.token, at('/observations'))).body).toHaveLength(3);
    });

    it('may be written by evaluators and controllers only', async () => {
      for (const token of [reviewer.token, admin]) expectApiError(await observe(token, { text: 'Not mine to write', kind: 'note' }), 403);
    });

    it('are edited and deleted by their author only, every change in the audit trail and pushed to staff', async () => {
      const path = at(`/observations/${made.id}`);
      for (const token of [lead.token, controller.token]) {
        expectApiError(await call('patch', token, path, { text: 'Rewritten by someone else' }), 403);
        expectApiError(await call('delete', token, path), 403);
      }
      expectApiError(await call('patch', evaluator.token, at(`/observations/${UNKNOWN_ID}`), { text: 'x' }), 404);
      expectApiError(await call('patch', evaluator.token, `/api/exercises/${other.id}/observations/${made.id}`, { text: 'x' }), 404);
      expectApiError(await call('patch', evaluator.token, path, { kind: null }), 400, ['kind']);

      const edited = await call('patch', evaluator.token, path, {
        text: 'Post A was alerted within 11 minutes',
        kind: 'improvement',
        exerciseInjectId: null,
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toEqual({
        ...made,
        text: 'Post A was alerted within 11 minutes',
        kind: 'improvement',
        exerciseInjectId: null,
        updatedAt: expect.any(String),
      });
      for (const c of [second, control_]) await waitFor(() => eventsOf(c, 'observation:updated').length === 1, 'observation:updated at staff');
      expect(eventsOf<ObservationView>(control_, 'observation:updated')[0].text).toBe('Post A was alerted within 11 minutes');
      const updated = (await trail()).filter((e) => e.action === 'observation.updated');
      expect(updated).toHaveLength(1);
      expect(updated[0].details).toEqual({
        observationId: made.id,
        before: { text: made.text, kind: 'strength', exerciseInjectId: made.exerciseInjectId },
        after: { text: 'Post A was alerted within 11 minutes', kind: 'improvement', exerciseInjectId: null },
      });

      const deleted = await call('delete', evaluator.token, path);
      expect(deleted.status).toBe(204);
      for (const c of [second, control_]) await waitFor(() => eventsOf(c, 'observation:deleted').length === 1, 'observation:deleted at staff');
      const { receivedAt: _, ...message } = eventsOf(second, 'observation:deleted')[0];
      expect(message).toEqual({ id: made.id, exerciseId: exercise.id });
      expect((await call('get', controller.token, at('/observations'))).body).toHaveLength(2);
      expectApiError(await call('delete', evaluator.token, path), 404);
      expect((await trail()).filter((e) => e.action === 'observation.deleted')).toEqual([
        expect.objectContaining({
          actorId: evaluator.user.id,
          details: expect.objectContaining({ observationId: made.id, text: 'Post A was alerted within 11 minutes' }),
        }),
      ]);
    });

    it('never reach an operator of a participating post', async () => {
      await sleep(300);
      expect(operatorConsole.events.filter((e) => EVALUATION_EVENTS.includes(e.event))).toEqual([]);
      expect(operatorConsole.events.some((e) => JSON.stringify(e.payload).includes('within 9 minutes'))).toBe(false);
    });
  });

  describe('ratings', () => {
    let staffConsole: TestConsole;
    let operatorConsole: TestConsole;
    const ratingRows = () =>
      queryDatabase<{ evaluator_id: string; rating: string; final: boolean }>(
        t.databaseUrl,
        `select evaluator_id, rating, final from rating where exercise_id = $1 and objective_ref = 'OBJ-1' and command_post_id = $2 order by final, rating`,
        [exercise.id, postA.id],
      );

    beforeAll(async () => {
      staffConsole = await open(reviewer.token);
      operatorConsole = await open(operatorA.token);
    });

    it('keep one current rating per (objective, post, evaluator), the old value in the audit trail', async () => {
      const first = await rate(evaluator.token, { objectiveRef: 'OBJ-1', commandPostId: postA.id, rating: 'S', rationale: 'Two posts late' });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        exerciseId: exercise.id,
        objectiveRef: 'OBJ-1',
        commandPostId: postA.id,
        rating: 'S',
        rationale: 'Two posts late',
        evaluatorId: evaluator.user.id,
        evaluatorName: evaluator.user.displayName,
        final: false,
        updatedAt: expect.any(String),
      });
      const second = await rate(evaluator.token, { objectiveRef: 'OBJ-1', commandPostId: postA.id, rating: 'M' });
      expect(second.body).toEqual(expect.objectContaining({ rating: 'M', rationale: '', final: false }));
      expect(await ratingRows()).toEqual([{ evaluator_id: evaluator.user.id, rating: 'M', final: false }]);
      const history = (await trail()).filter((e) => e.action === 'rating.set').map((e) => e.details);
      expect(history).toEqual([
        expect.objectContaining({
          objectiveRef: 'OBJ-1',
          commandPostId: postA.id,
          before: null,
          after: { rating: 'S', rationale: 'Two posts late' },
        }),
        expect.objectContaining({
          before: { rating: 'S', rationale: 'Two posts late', evaluatorId: evaluator.user.id },
          after: { rating: 'M', rationale: '' },
        }),
      ]);
      await waitFor(() => eventsOf(staffConsole, 'rating:updated').length === 2, 'rating:updated at a reviewer');
      expect(eventsOf<RatingView>(staffConsole, 'rating:updated').map((r) => r.rating)).toEqual(['S', 'M']);
    });

    it('keep an evaluator with an assignment within it; one without any rates everything', async () => {
      expectApiError(await rate(evaluator.token, { objectiveRef: 'OBJ-1', commandPostId: postB.id, rating: 'P' }), 403);
      expectApiError(await rate(evaluator.token, { objectiveRef: 'OBJ-2', commandPostId: postA.id, rating: 'P' }), 403);
      const unassigned = await rate(freelance.token, { objectiveRef: 'OBJ-2', commandPostId: postB.id, rating: 'P' });
      expect(unassigned.status).toBe(200);
      expect(await rate(freelance.token, { objectiveRef: 'OBJ-1', commandPostId: postA.id, rating: 'U' })).toHaveProperty('status', 200);
      expectApiError(await rate(reviewer.token, { objectiveRef: 'OBJ-1', commandPostId: postA.id, rating: 'P' }), 403);
    });

    it('refuse an objective or a post not of the exercise, and a letter not of P/S/M/U, naming the field', async () => {
      expectApiError(await rate(evaluator.token, { objectiveRef: 'OBJ-9', commandPostId: postA.id, rating: 'P' }), 400, ['objectiveRef']);
      expectApiError(await rate(freelance.token, { objectiveRef: 'OBJ-1', commandPostId: postC.id, rating: 'P' }), 400, ['commandPostId']);
      expectApiError(await rate(evaluator.token, { objectiveRef: 'OBJ-1', commandPostId: postA.id, rating: 'A' }), 400, ['rating']);
      expectApiError(await rate(evaluator.token, { objectiveRef: 'OBJ-1', commandPostId: postA.id, rating: 'P', final: 'yes' }), 400, ['final']);
    });

    it('have one final rating per (objective, post), set by a controller or the lead evaluator only', async () => {
      for (const token of [evaluator.token, freelance.token])
        expectApiError(await rate(token, { objectiveRef: 'OBJ-1', commandPostId: postA.id, rating: 'P', final: true }), 403);
      const byController = await rate(controller.token, {
        objectiveRef: 'OBJ-1',
        commandPostId: postA.id,
        rating: 'S',
        rationale: 'Agreed',
        final: true,
      });
      expect(byController.body).toEqual(expect.objectContaining({ rating: 'S', final: true, evaluatorId: controller.user.id }));
      const byLead = await rate(lead.token, {
        objectiveRef: 'OBJ-1',
        commandPostId: postA.id,
        rating: 'M',
        rationale: 'Reviewed the logs',
        final: true,
      });
      expect(byLead.status).toBe(200);
      expect(byLead.body).toEqual(expect.objectContaining({ rating: 'M', final: true, evaluatorId: lead.user.id }));
      const rows = await ratingRows();
      expect(rows.filter((r) => r.final)).toEqual([{ evaluator_id: lead.user.id, rating: 'M', final: true }]);
      expect(rows.filter((r) => !r.final)).toHaveLength(2);
      const finals = (await trail()).filter((e) => e.action === 'rating.finalised').map((e) => e.details);
      expect(finals).toEqual([
        expect.objectContaining({ before: null, after: { rating: 'S', rationale: 'Agreed' } }),
        expect.objectContaining({
          before: { rating: 'S', rationale: 'Agreed', evaluatorId: controller.user.id },
          after: { rating: 'M', rationale: 'Reviewed the logs' },
        }),
      ]);
      // An admin may set it too.
      expect(await rate(admin, { objectiveRef: 'OBJ-2', commandPostId: postB.id, rating: 'S', final: true })).toHaveProperty('status', 200);
    });

    it('are listed by objective, post code and the final first, and summed up per objective', async () => {
      const list = (await call('get', reviewer.token, at('/ratings'))).body as RatingView[];
      expect(list.map((r) => [r.objectiveRef, r.commandPostId, r.final, r.rating])).toEqual([
        ['OBJ-1', postA.id, true, 'M'],
        // The current ones by evaluator name: the assigned evaluator was created (and named) before the one without an assignment.
        ['OBJ-1', postA.id, false, 'M'],
        ['OBJ-1', postA.id, false, 'U'],
        ['OBJ-2', postB.id, true, 'S'],
        ['OBJ-2', postB.id, false, 'P'],
      ]);
      const summary = (await call('get', evaluator.token, at('/ratings/summary'))).body as ObjectiveRatingSummary[];
      expect(summary).toEqual([
        { objectiveRef: 'OBJ-1', counts: { P: 0, S: 0, M: 1, U: 1 }, final: { [postA.id]: 'M' }, overall: 'M' },
        { objectiveRef: 'OBJ-2', counts: { P: 1, S: 0, M: 0, U: 0 }, final: { [postB.id]: 'S' }, overall: 'S' },
      ]);
      const otherSummary = (await call('get', evaluator.token, `/api/exercises/${other.id}/ratings/summary`)).body as ObjectiveRatingSummary[];
      expect(otherSummary.map((s) => s.overall)).toEqual([null, null]);
    });

    it('never reach an operator', async () => {
      await sleep(300);
      expect(operatorConsole.events.filter((e) => EVALUATION_EVENTS.includes(e.event))).toEqual([]);
    });
  });

  describe("an operator's access", () => {
    it('is 404 on every evaluation route, with a body that says no more than for an exercise that does not exist', async () => {
      const [observation] = (await call('get', controller.token, at('/observations'))).body as ObservationView[];
      const routes: [Method, string, object?][] = [
        ['get', '/evaluators'],
        ['put', '/evaluators', { assignments: [] }],
        ['get', '/observations'],
        ['post', '/observations', { text: 'An operator writes', kind: 'note' }],
        ['patch', `/observations/${observation.id}`, { text: 'An operator edits' }],
        ['delete', `/observations/${observation.id}`],
        ['get', '/ratings'],
        ['put', '/ratings', { objectiveRef: 'OBJ-1', commandPostId: postA.id, rating: 'P' }],
        ['get', '/ratings/summary'],
      ];
      for (const operator of [operatorA, operatorC]) {
        for (const [method, path, body] of routes) {
          const response = await call(method, operator.token, `/api/exercises/${exercise.id}${path}`, body);
          expectApiError(response, 404);
          const unknown = await call(method, operator.token, `/api/exercises/${UNKNOWN_ID}${path}`, body);
          expect({ path, body: response.body }).toEqual({ path, body: unknown.body });
          const text = JSON.stringify(response.body);
          for (const secret of [TITLE, observation.text, 'OBJ-1', evaluator.user.id]) expect(text).not.toContain(secret);
        }
      }
      // Nothing was written on the way.
      expect((await call('get', controller.token, at('/observations'))).body).toHaveLength(2);
      expect((await call('get', controller.token, at('/evaluators'))).body).toHaveLength(2);
    });

    it('differs from other staff roles: a reviewer gets 403 for a write, an unknown exercise 404', async () => {
      expectApiError(await call('put', reviewer.token, at('/ratings'), { objectiveRef: 'OBJ-1', commandPostId: postA.id, rating: 'P' }), 403);
      expectApiError(await call('get', reviewer.token, `/api/exercises/${UNKNOWN_ID}/ratings`), 404);
      expectApiError(await call('get', reviewer.token, `/api/exercises/${UNKNOWN_ID}/observations`), 404);
    });
  });
});
