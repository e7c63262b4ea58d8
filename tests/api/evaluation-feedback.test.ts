import type { AuditEventView, CommandPostView, ExerciseView, FeedbackFormView, FeedbackResponseView } from '@excon/contracts';
import { DEFAULT_FEEDBACK_FORM, EVALUATION_LIMITS } from '@excon/domain';
import { expectApiError } from '../support/api-errors';
import { control } from '../support/exercises';
import { createCommandPost, createScenario, createUser, injectInput, type RoleUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const UNKNOWN_ID = '3f1c2b8e-8a5e-4c1e-9d7e-0b9f5b0a1c2d';
const FORM = [
  { id: 'pace', kind: 'rating', text: 'Был ли темп учения подходящим?', translations: { en: 'Was the pace right?' } },
  { id: 'tools', kind: 'rating', text: 'Удобна ли консоль?' },
  { id: 'improve', kind: 'text', text: 'Что улучшить?', translations: { en: 'What should be improved?' } },
];

type Method = 'get' | 'post' | 'put';

/** Issue 11 item 5: the participants' feedback form and the operators' answers, before and after ENDEX. */
describe("evaluation: participants' feedback", () => {
  let t: TestPlatform;
  let admin: string;
  let controller: RoleUser;
  let evaluator: RoleUser;
  let reviewer: RoleUser;
  let operatorA: RoleUser;
  let operatorA2: RoleUser;
  let operatorB: RoleUser;
  /** Its post takes no part in the exercise. */
  let outsider: RoleUser;
  let postA: CommandPostView;
  let postB: CommandPostView;
  let exercise: ExerciseView;

  const call = (method: Method, token: string, path: string, body?: object) => {
    const request = t.http()[method](path).set('Authorization', `Bearer ${token}`);
    return body === undefined ? request : request.send(body);
  };
  const at = (path: string) => `/api/exercises/${exercise.id}${path}`;
  const submit = (token: string, answers: object[]) => call('post', token, at('/feedback'), { answers });

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.adminToken();
    [postA, postB] = [await createCommandPost(t), await createCommandPost(t)];
    const postC = await createCommandPost(t);
    controller = await createUser(t, 'controller');
    evaluator = await createUser(t, 'evaluator');
    reviewer = await createUser(t, 'reviewer');
    operatorA = await createUser(t, 'operator', postA.id);
    operatorA2 = await createUser(t, 'operator', postA.id);
    operatorB = await createUser(t, 'operator', postB.id);
    outsider = await createUser(t, 'operator', postC.id);
    const scenario = await createScenario(t, controller.token, {
      title: 'Feedback scenario',
      injects: [injectInput('F-1', [postA.id, postB.id], { offsetSeconds: 0 })],
    });
    const created = await call('post', controller.token, '/api/exercises', { scenarioId: scenario.id });
    expect(created.status).toBe(201);
    exercise = created.body as ExerciseView;
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('starts with the default form, which every staff role reads and no operator sees before ENDEX', async () => {
    for (const token of [admin, controller.token, evaluator.token, reviewer.token]) {
      const response = await call('get', token, at('/feedback-form'));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ exerciseId: exercise.id, questions: DEFAULT_FEEDBACK_FORM });
    }
    for (const operator of [operatorA, outsider]) {
      const response = await call('get', operator.token, at('/feedback-form'));
      expectApiError(response, 404);
      expect(JSON.stringify(response.body)).not.toContain('realism');
    }
  });

  it('is replaced by a controller or an admin, with unique ids of the allowed pattern and bounded texts', async () => {
    const put = (questions: unknown, token = controller.token) => call('put', token, at('/feedback-form'), { questions });
    expectApiError(await put([]), 400, ['questions']);
    expectApiError(await put([FORM[0], { ...FORM[1], id: 'pace' }]), 400, ['questions[1].id']);
    expectApiError(await put([{ ...FORM[0], id: 'has space' }]), 400, ['questions[0].id']);
    expectApiError(await put([{ ...FORM[0], kind: 'stars' }]), 400, ['questions[0].kind']);
    expectApiError(await put([{ ...FORM[0], text: 'x'.repeat(EVALUATION_LIMITS.feedbackQuestionTextMaxLength + 1) }]), 400, ['questions[0].text']);
    expectApiError(await put([{ ...FORM[0], translations: { de: 'Tempo?' } }]), 400, ['questions[0].translations.de']);
    expectApiError(await put(Array.from({ length: EVALUATION_LIMITS.feedbackQuestionsMax + 1 }, (_, i) => ({ ...FORM[1], id: `q${i}` }))), 400, [
      'questions',
    ]);
    for (const token of [evaluator.token, reviewer.token]) expectApiError(await put(FORM, token), 403);
    expectApiError(await put(FORM, operatorA.token), 404);

    const replaced = await put(FORM);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({ exerciseId: exercise.id, questions: FORM });
    expect((await call('get', reviewer.token, at('/feedback-form'))).body).toEqual({ exerciseId: exercise.id, questions: FORM });
    expect((await put(FORM, admin)).status).toBe(200);
    const trail = (await call('get', controller.token, at('/audit'))).body as AuditEventView[];
    expect(trail.filter((e) => e.action === 'feedback.form.changed')).toHaveLength(2);
  });

  it('answers 409 to an operator before ENDEX, and 404 to one whose post takes no part', async () => {
    await control(t, controller.token, exercise.id, 'start');
    expectApiError(await submit(operatorA.token, [{ questionId: 'pace', rating: 4 }]), 409);
    expectApiError(await call('get', operatorA.token, at('/feedback-form')), 404);
    await control(t, controller.token, exercise.id, 'stop');
    expectApiError(await submit(outsider.token, [{ questionId: 'pace', rating: 4 }]), 404);
    // Whatever the body: an exercise of another post is not told apart from one that does not exist.
    expectApiError(await call('post', outsider.token, at('/feedback'), { answers: 'none' }), 404);
    expectApiError(await call('post', outsider.token, at('/feedback')), 404);
    expectApiError(await call('get', outsider.token, at('/feedback-form')), 404);
    expectApiError(await call('get', outsider.token, at('/feedback/mine')), 404);
  });

  it('shows a participating operator the form after ENDEX, and takes its answers only', async () => {
    const form = await call('get', operatorA.token, at('/feedback-form'));
    expect(form.status).toBe(200);
    expect((form.body as FeedbackFormView).questions).toEqual(FORM);
    expectApiError(await call('get', operatorA.token, at('/feedback/mine')), 404);
    for (const token of [controller.token, evaluator.token, reviewer.token, admin]) expectApiError(await submit(token, []), 403);
  });

  it('checks every answer against the form, naming the field', async () => {
    const cases: [object[], string][] = [
      [[{ questionId: 'nope', rating: 3 }], 'answers[0].questionId'],
      [[{ questionId: 'pace', rating: 6 }], 'answers[0].rating'],
      [[{ questionId: 'pace', rating: 0 }], 'answers[0].rating'],
      [[{ questionId: 'pace', rating: 2.5 }], 'answers[0].rating'],
      [[{ questionId: 'pace', rating: '4' }], 'answers[0].rating'],
      [[{ questionId: 'pace', text: 'No number' }], 'answers[0].rating'],
      [[{ questionId: 'improve', rating: 3 }], 'answers[0].rating'],
      [[{ questionId: 'improve', text: '   ' }], 'answers[0].text'],
      [[{ questionId: 'improve', text: 'x'.repeat(EVALUATION_LIMITS.feedbackAnswerMaxLength + 1) }], 'answers[0].text'],
      [
        [
          { questionId: 'pace', rating: 4 },
          { questionId: 'pace', rating: 5 },
        ],
        'answers[1].questionId',
      ],
      [[{ questionId: 'pace', rating: 4, mood: 'good' }], 'answers[0].mood'],
    ];
    for (const [answers, field] of cases) expectApiError(await submit(operatorA.token, answers), 400, [field]);
    expectApiError(await call('post', operatorA.token, at('/feedback'), {}), 400, ['answers']);
    expectApiError(await call('get', operatorA.token, at('/feedback/mine')), 404);
  });

  it('keeps one response per operator: sending again replaces it', async () => {
    const first = await submit(operatorA.token, [
      { questionId: 'pace', rating: 4, text: 'A little fast at the start' },
      { questionId: 'improve', text: 'Fewer injects in the first hour' },
    ]);
    expect(first.status).toBe(201);
    const response = first.body as FeedbackResponseView;
    expect(response).toEqual({
      id: expect.any(String),
      exerciseId: exercise.id,
      userId: operatorA.user.id,
      commandPostId: postA.id,
      answers: [
        { questionId: 'pace', rating: 4, text: 'A little fast at the start' },
        { questionId: 'improve', text: 'Fewer injects in the first hour' },
      ],
      submittedAt: expect.any(String),
    });
    // A question may be left unanswered; the second sending replaces the first.
    const again = await submit(operatorA.token, [{ questionId: 'tools', rating: 2 }]);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...response, answers: [{ questionId: 'tools', rating: 2 }], submittedAt: expect.any(String) });
    expect((await call('get', operatorA.token, at('/feedback/mine'))).body).toEqual(again.body);
    expect((await submit(operatorB.token, [{ questionId: 'pace', rating: 5 }])).status).toBe(201);
    expect((await submit(operatorA2.token, [])).status).toBe(201);

    const trail = ((await call('get', controller.token, at('/audit'))).body as AuditEventView[]).filter((e) => e.action === 'feedback.submitted');
    expect(trail.map((e) => e.details.replaced)).toEqual([false, true, false, false]);
  });

  it('is listed to staff, and never to an operator', async () => {
    for (const token of [admin, controller.token, evaluator.token, reviewer.token]) {
      const list = await call('get', token, at('/feedback'));
      expect(list.status).toBe(200);
      const responses = list.body as FeedbackResponseView[];
      expect(responses.map((r) => r.userId).sort()).toEqual([operatorA.user.id, operatorA2.user.id, operatorB.user.id].sort());
      expect(responses.find((r) => r.userId === operatorA.user.id)?.answers).toEqual([{ questionId: 'tools', rating: 2 }]);
    }
    for (const operator of [operatorA, outsider]) {
      const response = await call('get', operator.token, at('/feedback'));
      expectApiError(response, 404);
      expect(response.body).toEqual((await call('get', operator.token, `/api/exercises/${UNKNOWN_ID}/feedback`)).body);
      expect(JSON.stringify(response.body)).not.toContain(operatorB.user.id);
    }
    // Another operator of the same post sees its own response only.
    expect((await call('get', operatorA2.token, at('/feedback/mine'))).body).toEqual(
      expect.objectContaining({ userId: operatorA2.user.id, answers: [] }),
    );
  });

  it('freezes the form once an operator has answered', async () => {
    expectApiError(await call('put', controller.token, at('/feedback-form'), { questions: FORM }), 409);
    expect((await call('get', controller.token, at('/feedback-form'))).body).toEqual({ exerciseId: exercise.id, questions: FORM });
  });
});
