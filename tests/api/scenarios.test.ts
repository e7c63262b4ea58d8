import { randomUUID } from 'node:crypto';
import type { InjectView, ScenarioSummaryView, ScenarioView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { createCommandPost, createScenario, createUser, injectInput } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('scenarios', () => {
  let t: TestPlatform;
  let auth: string;
  let token: string;
  let almaty: string;
  let minsk: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    token = (await createUser(t, 'controller')).token;
    auth = `Bearer ${token}`;
    almaty = (await createCommandPost(t)).id;
    minsk = (await createCommandPost(t, { memberState: 'BY', timeZone: 'Europe/Minsk' })).id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const get = (id: string) => t.http().get(`/api/scenarios/${id}`).set('Authorization', auth);
  const refs = (scenario: ScenarioView) => scenario.injects.map((i) => i.ref);

  describe('create, read, list', () => {
    it('creates a scenario with objectives and every inject field, and reads it back the same', async () => {
      const body = {
        title: 'Flood on the Ishim',
        description: 'Spring flood, two member states',
        language: 'en',
        objectives: [
          { ref: 'OBJ-1', title: 'Alert the population within 30 minutes' },
          { ref: 'OBJ-2', title: 'Request cross-border assistance' },
        ],
        injects: [
          injectInput('INJ-2', [almaty, minsk], {
            offsetSeconds: 900,
            precedence: 'flash',
            from: 'Hydromet',
            expectedAction: 'Order evacuation',
            controllerNotes: 'The dam operator cannot be reached until T+00:40',
            ackWithinSeconds: 300,
            respondWithinSeconds: 1800,
            objectiveRefs: ['OBJ-1', 'OBJ-2'],
            translations: { ru: { title: 'Паводок', body: 'Уровень воды растёт' } },
            contingencyRef: 'INJ-C',
          }),
          injectInput('INJ-1', [almaty]),
          injectInput('INJ-C', [almaty], { offsetSeconds: 0, contingency: true }),
        ],
      };
      const response = await t.http().post('/api/scenarios').set('Authorization', auth).send(body);
      expect(response.status).toBe(201);
      const scenario = response.body as ScenarioView;
      expect(scenario).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          title: body.title,
          description: body.description,
          language: 'en',
          objectives: body.objectives,
        }),
      );
      const flood = scenario.injects.find((i) => i.ref === 'INJ-2') as InjectView;
      expect(flood).toEqual({
        id: expect.any(String),
        contingency: false,
        targetGroups: [],
        attachments: [],
        kind: 'message',
        media: null,
        ...body.injects[0],
      });
      expect(scenario.injects.find((i) => i.ref === 'INJ-1')).toEqual(
        expect.objectContaining({
          precedence: 'routine',
          from: '',
          expectedAction: '',
          ackWithinSeconds: null,
          objectiveRefs: [],
          translations: {},
          contingencyRef: null,
          contingency: false,
        }),
      );
      expect(refs(scenario)).toEqual(['INJ-C', 'INJ-1', 'INJ-2']);
      expect((await get(scenario.id)).body).toEqual(scenario);
    });

    it('defaults description, objectives and language, and accepts an empty MSEL', async () => {
      const scenario = await createScenario(t, token, { title: 'Empty', injects: [] });
      expect(scenario).toEqual(expect.objectContaining({ title: 'Empty', description: '', objectives: [], injects: [], language: 'ru' }));
    });

    it('stores a translation given as null as no translation (consoles never meet a null language entry)', async () => {
      const scenario = await createScenario(t, token, {
        title: 'Null translation',
        injects: [injectInput('A', [almaty], { translations: { en: null, ru: { title: 'Т', body: 'Б' } } })],
      });
      expect(scenario.injects[0].translations).toEqual({ ru: { title: 'Т', body: 'Б' } });
      expect((await get(scenario.id)).body.injects[0].translations).toEqual({ ru: { title: 'Т', body: 'Б' } });
    });

    it('orders injects by offsetSeconds, then ref, on create, read and after edits', async () => {
      const scenario = await createScenario(t, token, {
        title: 'Ordering',
        injects: [
          injectInput('C', [almaty], { offsetSeconds: 120 }),
          injectInput('B', [almaty], { offsetSeconds: 120 }),
          injectInput('Z', [almaty], { offsetSeconds: 0 }),
          injectInput('A-10', [almaty], { offsetSeconds: 60 }),
          injectInput('A-02', [almaty], { offsetSeconds: 60 }),
          injectInput('D', [almaty], { offsetSeconds: 3600 }),
        ],
      });
      const expected = ['Z', 'A-02', 'A-10', 'B', 'C', 'D'];
      expect(refs(scenario)).toEqual(expected);
      expect(refs((await get(scenario.id)).body)).toEqual(expected);

      const added = await t
        .http()
        .post(`/api/scenarios/${scenario.id}/injects`)
        .set('Authorization', auth)
        .send(injectInput('AA', [almaty], { offsetSeconds: 120 }));
      expect(added.status).toBe(201);
      const d = scenario.injects.find((i) => i.ref === 'D') as InjectView;
      expect(
        (await t.http().patch(`/api/scenarios/${scenario.id}/injects/${d.id}`).set('Authorization', auth).send({ offsetSeconds: 30 })).status,
      ).toBe(200);
      expect(refs((await get(scenario.id)).body)).toEqual(['Z', 'D', 'A-02', 'A-10', 'AA', 'B', 'C']);
      const renamed = await t.http().patch(`/api/scenarios/${scenario.id}`).set('Authorization', auth).send({ title: 'Ordering, renamed' });
      expect(refs(renamed.body)).toEqual(['Z', 'D', 'A-02', 'A-10', 'AA', 'B', 'C']);
    });

    it('lists scenarios with their inject counts', async () => {
      const one = await createScenario(t, token, {
        title: 'Listed one',
        description: 'first',
        injects: [injectInput('A', [almaty]), injectInput('B', [minsk])],
      });
      const two = await createScenario(t, token, { title: 'Listed two', injects: [] });
      const response = await t.http().get('/api/scenarios').set('Authorization', auth);
      expect(response.status).toBe(200);
      const list = response.body as ScenarioSummaryView[];
      expect(list).toContainEqual(expect.objectContaining({ id: one.id, title: 'Listed one', description: 'first', injectCount: 2 }));
      expect(list).toContainEqual(expect.objectContaining({ id: two.id, title: 'Listed two', description: '', injectCount: 0 }));
      for (const summary of list) expect(summary).not.toHaveProperty('injects');
    });
  });

  describe('update and delete', () => {
    it('updates title, description, language and objectives, and keeps the change', async () => {
      const scenario = await createScenario(t, token, { title: 'Before', injects: [injectInput('A', [almaty])] });
      const response = await t
        .http()
        .patch(`/api/scenarios/${scenario.id}`)
        .set('Authorization', auth)
        .send({ title: 'After', description: 'Now described', language: 'en', objectives: [{ ref: 'O1', title: 'Objective one' }] });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({
          id: scenario.id,
          title: 'After',
          description: 'Now described',
          language: 'en',
          objectives: [{ ref: 'O1', title: 'Objective one' }],
          injects: scenario.injects,
        }),
      );
      expect((await get(scenario.id)).body).toEqual(response.body);
    });

    it('refuses to drop an objective an inject still names (400) and to null a field (400 naming it)', async () => {
      const scenario = await createScenario(t, token, {
        title: 'Objectives',
        objectives: [{ ref: 'O1', title: 'One' }],
        injects: [injectInput('A', [almaty], { objectiveRefs: ['O1'] })],
      });
      expectApiError(await t.http().patch(`/api/scenarios/${scenario.id}`).set('Authorization', auth).send({ objectives: [] }), 400, ['objectives']);
      for (const field of ['title', 'description', 'language']) {
        expectApiError(
          await t
            .http()
            .patch(`/api/scenarios/${scenario.id}`)
            .set('Authorization', auth)
            .send({ [field]: null }),
          400,
          [field],
        );
      }
      expectApiError(await t.http().patch(`/api/scenarios/${scenario.id}`).set('Authorization', auth).send({ title: '' }), 400, ['title']);
      expectApiError(await t.http().patch(`/api/scenarios/${scenario.id}`).set('Authorization', auth).send({ injects: [] }), 400, ['injects']);
      expect((await get(scenario.id)).body).toEqual(scenario);
    });

    it('deletes a scenario with its injects', async () => {
      const scenario = await createScenario(t, token, { title: 'Doomed', injects: [injectInput('A', [almaty]), injectInput('B', [almaty])] });
      const deleted = await t.http().delete(`/api/scenarios/${scenario.id}`).set('Authorization', auth);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expectApiError(await get(scenario.id), 404);
      const list = await t.http().get('/api/scenarios').set('Authorization', auth);
      expect(list.body.map((s: { id: string }) => s.id)).not.toContain(scenario.id);
      expectApiError(await t.http().delete(`/api/scenarios/${scenario.id}`).set('Authorization', auth), 404);
    });
  });

  describe('injects one by one', () => {
    it('adds an inject and returns it with its id', async () => {
      const scenario = await createScenario(t, token, { title: 'Add', injects: [injectInput('A', [almaty])] });
      const response = await t
        .http()
        .post(`/api/scenarios/${scenario.id}/injects`)
        .set('Authorization', auth)
        .send(injectInput('B', [almaty, minsk], { precedence: 'priority' }));
      expect(response.status).toBe(201);
      expect(response.body).toEqual(expect.objectContaining({ id: expect.any(String), ref: 'B', targets: [almaty, minsk], precedence: 'priority' }));
      const after = (await get(scenario.id)).body as ScenarioView;
      expect(after.injects).toContainEqual(response.body);
      expect(after.injects).toHaveLength(2);
    });

    it('updates some fields of an inject and keeps the others', async () => {
      const scenario = await createScenario(t, token, {
        title: 'Update',
        injects: [injectInput('A', [almaty], { from: 'EMERCOM', ackWithinSeconds: 60, translations: { en: { title: 'T', body: 'B' } } })],
      });
      const inject = scenario.injects[0];
      const response = await t
        .http()
        .patch(`/api/scenarios/${scenario.id}/injects/${inject.id}`)
        .set('Authorization', auth)
        .send({ title: 'New title', targets: [minsk] });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...inject, title: 'New title', targets: [minsk] });
      expect((await get(scenario.id)).body.injects).toEqual([response.body]);
    });

    it('clears the optional fields of an inject given as null, and refuses null for the others (400 naming each)', async () => {
      const scenario = await createScenario(t, token, {
        title: 'Nulls',
        injects: [
          injectInput('A', [almaty], { ackWithinSeconds: 60, respondWithinSeconds: 600, precedence: 'flash' }),
          injectInput('C', [almaty], { contingency: true }),
        ],
      });
      const inject = scenario.injects.find((i) => i.ref === 'A') as InjectView;
      const url = `/api/scenarios/${scenario.id}/injects/${inject.id}`;
      const linked = await t.http().patch(url).set('Authorization', auth).send({ contingencyRef: 'C' });
      expect(linked.body.contingencyRef).toBe('C');
      const cleared = await t
        .http()
        .patch(url)
        .set('Authorization', auth)
        .send({ ackWithinSeconds: null, respondWithinSeconds: null, contingencyRef: null, precedence: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toEqual({ ...inject, ackWithinSeconds: null, respondWithinSeconds: null, contingencyRef: null, precedence: 'routine' });
      for (const field of ['ref', 'offsetSeconds', 'title', 'body', 'targets']) {
        expectApiError(
          await t
            .http()
            .patch(url)
            .set('Authorization', auth)
            .send({ [field]: null }),
          400,
          [field],
        );
      }
      expect((await get(scenario.id)).body.injects).toContainEqual(cleared.body);
    });

    it('deletes an inject', async () => {
      const scenario = await createScenario(t, token, { title: 'Delete inject', injects: [injectInput('A', [almaty]), injectInput('B', [almaty])] });
      const [a, b] = scenario.injects;
      const response = await t.http().delete(`/api/scenarios/${scenario.id}/injects/${a.id}`).set('Authorization', auth);
      expect(response.status).toBe(204);
      expect((await get(scenario.id)).body.injects).toEqual([b]);
      expectApiError(await t.http().delete(`/api/scenarios/${scenario.id}/injects/${a.id}`).set('Authorization', auth), 404);
      const list = await t.http().get('/api/scenarios').set('Authorization', auth);
      expect(list.body.find((s: { id: string }) => s.id === scenario.id).injectCount).toBe(1);
    });

    it('refuses to delete or rename a contingency inject another inject names (409), and allows it once unlinked', async () => {
      const scenario = await createScenario(t, token, {
        title: 'Contingency',
        injects: [injectInput('A', [almaty], { contingencyRef: 'C' }), injectInput('C', [almaty], { contingency: true, offsetSeconds: 0 })],
      });
      const a = scenario.injects.find((i) => i.ref === 'A') as InjectView;
      const c = scenario.injects.find((i) => i.ref === 'C') as InjectView;
      expectApiError(await t.http().delete(`/api/scenarios/${scenario.id}/injects/${c.id}`).set('Authorization', auth), 409);
      expectApiError(await t.http().patch(`/api/scenarios/${scenario.id}/injects/${c.id}`).set('Authorization', auth).send({ ref: 'C2' }), 409);
      expect((await get(scenario.id)).body).toEqual(scenario);
      expect(
        (await t.http().patch(`/api/scenarios/${scenario.id}/injects/${a.id}`).set('Authorization', auth).send({ contingencyRef: null })).status,
      ).toBe(200);
      expect((await t.http().delete(`/api/scenarios/${scenario.id}/injects/${c.id}`).set('Authorization', auth)).status).toBe(204);
    });
  });

  describe('ids', () => {
    it('answers 400 naming the parameter for ids that are not UUIDs, on every scenario route', async () => {
      const scenario = await createScenario(t, token, { title: 'Ids', injects: [injectInput('A', [almaty])] });
      const injectId = scenario.injects[0].id;
      expectApiError(await t.http().get('/api/scenarios/42').set('Authorization', auth), 400, ['id']);
      expectApiError(await t.http().patch('/api/scenarios/not-a-uuid').set('Authorization', auth).send({ title: 'x' }), 400, ['id']);
      expectApiError(await t.http().delete("/api/scenarios/1'%20or%20'1'='1").set('Authorization', auth), 400, ['id']);
      expectApiError(
        await t
          .http()
          .post('/api/scenarios/abc/injects')
          .set('Authorization', auth)
          .send(injectInput('B', [almaty])),
        400,
        ['id'],
      );
      expectApiError(await t.http().patch(`/api/scenarios/abc/injects/${injectId}`).set('Authorization', auth).send({ title: 'x' }), 400, ['id']);
      expectApiError(await t.http().patch(`/api/scenarios/${scenario.id}/injects/abc`).set('Authorization', auth).send({ title: 'x' }), 400, [
        'injectId',
      ]);
      expectApiError(await t.http().delete(`/api/scenarios/${scenario.id}/injects/abc`).set('Authorization', auth), 400, ['injectId']);
      expect((await get(scenario.id)).body).toEqual(scenario);
    });

    it('answers 404 for unknown scenarios and injects, on every scenario route', async () => {
      const scenario = await createScenario(t, token, { title: 'Unknown ids', injects: [injectInput('A', [almaty])] });
      const other = await createScenario(t, token, { title: 'Other', injects: [injectInput('A', [almaty])] });
      const ghost = randomUUID();
      const injectId = scenario.injects[0].id;
      expectApiError(await get(ghost), 404);
      expectApiError(await t.http().patch(`/api/scenarios/${ghost}`).set('Authorization', auth).send({ title: 'x' }), 404);
      expectApiError(await t.http().delete(`/api/scenarios/${ghost}`).set('Authorization', auth), 404);
      expectApiError(
        await t
          .http()
          .post(`/api/scenarios/${ghost}/injects`)
          .set('Authorization', auth)
          .send(injectInput('B', [almaty])),
        404,
      );
      expectApiError(await t.http().patch(`/api/scenarios/${ghost}/injects/${injectId}`).set('Authorization', auth).send({ title: 'x' }), 404);
      expectApiError(await t.http().patch(`/api/scenarios/${scenario.id}/injects/${ghost}`).set('Authorization', auth).send({ title: 'x' }), 404);
      expectApiError(await t.http().delete(`/api/scenarios/${scenario.id}/injects/${ghost}`).set('Authorization', auth), 404);
      // An inject of another scenario is unknown here.
      expectApiError(await t.http().patch(`/api/scenarios/${other.id}/injects/${injectId}`).set('Authorization', auth).send({ title: 'x' }), 404);
      expectApiError(await t.http().delete(`/api/scenarios/${other.id}/injects/${injectId}`).set('Authorization', auth), 404);
      expect((await get(scenario.id)).body).toEqual(scenario);
      expect((await get(other.id)).body).toEqual(other);
    });
  });
});
