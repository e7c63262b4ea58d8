import { randomUUID } from 'node:crypto';
import type { InjectView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { countRows, queryDatabase } from '../support/database';
import { createCommandPost, createScenario, createUser, injectInput } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** A refused write leaves the database as it was: seen through the API and straight in PostgreSQL. */
describe('rejected writes change nothing', () => {
  let t: TestPlatform;
  let auth: string;
  let token: string;
  let post: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    token = (await createUser(t, 'controller')).token;
    auth = `Bearer ${token}`;
    post = (await createCommandPost(t)).id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const valid = () => [
    injectInput('A', [post], { offsetSeconds: 0 }),
    injectInput('B', [post], { offsetSeconds: 60 }),
    injectInput('C', [post], { offsetSeconds: 120 }),
  ];
  const injectRow = async (id: string) => (await queryDatabase(t.databaseUrl, 'select * from scenario_inject where id = $1', [id]))[0];

  describe('a scenario with three valid injects and one bad one', () => {
    // The bad inject is built per test: the command post exists only once the suite has started.
    it.each([
      ['an offset out of range', () => injectInput('D', [post], { offsetSeconds: 2_592_001 }), 'injects[3].offsetSeconds'],
      ['a target that is no command post', () => injectInput('D', [randomUUID()]), 'injects[3].targets[0]'],
      ['a ref already used', () => injectInput('B', [post]), 'injects[3].ref'],
      ['an unknown field', () => injectInput('D', [post], { colour: 'red' }), 'injects[3].colour'],
      ['a contingencyRef to no inject', () => injectInput('D', [post], { contingencyRef: 'Z' }), 'injects[3].contingencyRef'],
    ])('is refused for %s, and no scenario or inject row exists', async (_label, badInject, field) => {
      const bad = badInject();
      const before = { scenarios: await countRows(t.databaseUrl, 'scenario'), injects: await countRows(t.databaseUrl, 'scenario_inject') };
      const listBefore = (await t.http().get('/api/scenarios').set('Authorization', auth)).body;
      const response = await t
        .http()
        .post('/api/scenarios')
        .set('Authorization', auth)
        .send({ title: `Refused: ${field}`, injects: [...valid(), bad] });
      expectApiError(response, 400, [field]);
      expect((await t.http().get('/api/scenarios').set('Authorization', auth)).body).toEqual(listBefore);
      expect({ scenarios: await countRows(t.databaseUrl, 'scenario'), injects: await countRows(t.databaseUrl, 'scenario_inject') }).toEqual(before);
      const [titled] = await queryDatabase<{ count: string }>(t.databaseUrl, 'select count(*) as count from scenario where title = $1', [
        `Refused: ${field}`,
      ]);
      expect(Number(titled.count)).toBe(0);
    });

    it('writes all four once the bad one is fixed', async () => {
      const before = await countRows(t.databaseUrl, 'scenario_inject');
      const scenario = await createScenario(t, token, { title: 'Fixed', injects: [...valid(), injectInput('D', [post])] });
      expect(scenario.injects).toHaveLength(4);
      expect(await countRows(t.databaseUrl, 'scenario_inject')).toBe(before + 4);
    });
  });

  describe('edits of an existing scenario', () => {
    it('leaves an inject as it was when its update is refused, in the API and in the database', async () => {
      const scenario = await createScenario(t, token, {
        title: 'Edit me',
        objectives: [{ ref: 'O1', title: 'One' }],
        injects: [...valid(), injectInput('X', [post], { contingency: true, offsetSeconds: 0 }), injectInput('Y', [post], { contingencyRef: 'X' })],
      });
      const b = scenario.injects.find((i) => i.ref === 'B') as InjectView;
      const x = scenario.injects.find((i) => i.ref === 'X') as InjectView;
      const rowBefore = await injectRow(b.id);
      const refused: [string, Record<string, unknown>, number][] = [
        [b.id, { title: 'Changed', offsetSeconds: -1 }, 400],
        [b.id, { title: 'Changed', targets: [post, randomUUID()] }, 400],
        [b.id, { title: 'Changed', ref: 'C' }, 400],
        [b.id, { title: 'Changed', objectiveRefs: ['O1', 'O2'] }, 400],
        [b.id, { title: 'Changed', body: null }, 400],
        [x.id, { ref: 'X2' }, 409],
        [x.id, { contingency: false }, 400],
      ];
      for (const [id, change, status] of refused) {
        expectApiError(await t.http().patch(`/api/scenarios/${scenario.id}/injects/${id}`).set('Authorization', auth).send(change), status);
      }
      expect((await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', auth)).body).toEqual(scenario);
      expect(await injectRow(b.id)).toEqual(rowBefore);
    });

    it('adds no inject row when adding an inject is refused', async () => {
      const scenario = await createScenario(t, token, { title: 'Add to me', injects: valid() });
      const before = await countRows(t.databaseUrl, 'scenario_inject');
      for (const bad of [injectInput('A', [post]), injectInput('D', [randomUUID()]), injectInput('D', [post], { offsetSeconds: 'soon' })]) {
        expectApiError(await t.http().post(`/api/scenarios/${scenario.id}/injects`).set('Authorization', auth).send(bad), 400);
      }
      expect(await countRows(t.databaseUrl, 'scenario_inject')).toBe(before);
      expect((await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', auth)).body).toEqual(scenario);
    });

    it('keeps the title when a scenario update that also changes objectives is refused', async () => {
      const scenario = await createScenario(t, token, {
        title: 'Keep my title',
        objectives: [{ ref: 'O1', title: 'One' }],
        injects: [injectInput('A', [post], { objectiveRefs: ['O1'] })],
      });
      expectApiError(
        await t.http().patch(`/api/scenarios/${scenario.id}`).set('Authorization', auth).send({ title: 'Lost title', objectives: [] }),
        400,
        ['objectives'],
      );
      expect((await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', auth)).body).toEqual(scenario);
      const [row] = await queryDatabase<{ title: string }>(t.databaseUrl, 'select title from scenario where id = $1', [scenario.id]);
      expect(row.title).toBe('Keep my title');
    });
  });

  describe('concurrent duplicates', () => {
    it('keeps one inject when the same ref is added five times at once, answering the others without a 5xx', async () => {
      const scenario = await createScenario(t, token, { title: 'Race', injects: [] });
      const responses = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          t
            .http()
            .post(`/api/scenarios/${scenario.id}/injects`)
            .set('Authorization', auth)
            .send(injectInput('SAME', [post], { title: `Attempt ${i}` })),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      for (const status of statuses.filter((s) => s !== 201)) expect([400, 409]).toContain(status);
      const rows = await queryDatabase(t.databaseUrl, 'select id from scenario_inject where scenario_id = $1', [scenario.id]);
      expect(rows).toHaveLength(1);
    });

    it('keeps one user and one command post when the same name is created five times at once', async () => {
      const admin = `Bearer ${await t.adminToken()}`;
      const users = await Promise.all(
        Array.from({ length: 5 }, () =>
          t.http().post('/api/users').set('Authorization', admin).send({ username: 'racer', password: 'race-password', role: 'reviewer' }),
        ),
      );
      expect(users.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      const posts = await Promise.all(
        Array.from({ length: 5 }, () =>
          t
            .http()
            .post('/api/command-posts')
            .set('Authorization', admin)
            .send({ code: 'RACE', name: 'Race', memberState: 'TJ', ministry: 'emergency', timeZone: 'Asia/Dushanbe' }),
        ),
      );
      expect(posts.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(await queryDatabase(t.databaseUrl, "select id from app_user where username = 'racer'")).toHaveLength(1);
      expect(await queryDatabase(t.databaseUrl, "select id from command_post where code = 'RACE'")).toHaveLength(1);
    });
  });
});
