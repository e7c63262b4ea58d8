import { MSEL_LIMITS } from '@excon/domain';
import type { ScenarioView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { queryDatabase } from '../support/database';
import { createCommandPost, createScenario, createUser, injectInput } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** POST /api/scenarios/:id/injects keeps a scenario within MSEL_LIMITS.maxInjects, as creating one does. */
describe('the injects cap of a scenario', () => {
  let t: TestPlatform;
  let token: string;
  let post: string;
  let scenario: ScenarioView;

  const count = async () =>
    Number(
      (await queryDatabase<{ count: string }>(t.databaseUrl, `select count(*) from scenario_inject where scenario_id = $1`, [scenario.id]))[0].count,
    );
  const addInject = (ref: string) =>
    t
      .http()
      .post(`/api/scenarios/${scenario.id}/injects`)
      .set('Authorization', `Bearer ${token}`)
      .send(injectInput(ref, [post]));

  /** Fills the scenario straight in the database (copies of its first inject) up to `total` injects. */
  const fillTo = async (total: number) => {
    await queryDatabase(
      t.databaseUrl,
      `insert into scenario_inject (id, scenario_id, ref, offset_seconds, title, body, targets, precedence, "from", expected_action, objective_refs, translations, contingency)
       select gen_random_uuid(), s.scenario_id, 'F' || n, s.offset_seconds + n, s.title, s.body, s.targets, s.precedence, s."from", s.expected_action, s.objective_refs, s.translations, false
         from scenario_inject s, generate_series(1, $2::int) as n
        where s.scenario_id = $1 and s.ref = 'FIRST'`,
      [scenario.id, total - (await count())],
    );
    expect(await count()).toBe(total);
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    token = (await createUser(t, 'controller')).token;
    post = (await createCommandPost(t)).id;
    scenario = await createScenario(t, token, { title: 'Full MSEL', injects: [injectInput('FIRST', [post])] });
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('refuses the inject past the limit with a 400 naming injects, and writes nothing', async () => {
    await fillTo(MSEL_LIMITS.maxInjects);
    const before = await queryDatabase<{ updated_at: Date }>(t.databaseUrl, `select updated_at from scenario where id = $1`, [scenario.id]);
    const refused = await addInject('ONE-TOO-MANY');
    expectApiError(refused, 400, ['injects']);
    expect(await count()).toBe(MSEL_LIMITS.maxInjects);
    expect(await queryDatabase(t.databaseUrl, `select updated_at from scenario where id = $1`, [scenario.id])).toEqual(before);
  });

  it('lets parallel adds fill only the places left', async () => {
    await queryDatabase(t.databaseUrl, `delete from scenario_inject where scenario_id = $1 and ref in ('F1', 'F2')`, [scenario.id]);
    expect(await count()).toBe(MSEL_LIMITS.maxInjects - 2);
    const responses = await Promise.all(['P1', 'P2', 'P3', 'P4', 'P5', 'P6'].map(addInject));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 201, 400, 400, 400, 400]);
    for (const refused of responses.filter((r) => r.status === 400)) expectApiError(refused, 400, ['injects']);
    expect(await count()).toBe(MSEL_LIMITS.maxInjects);
  });

  it('still adds below the limit', async () => {
    await queryDatabase(t.databaseUrl, `delete from scenario_inject where scenario_id = $1 and ref = 'F3'`, [scenario.id]);
    const added = await addInject('BELOW');
    expect(added.status).toBe(201);
    expect(await count()).toBe(MSEL_LIMITS.maxInjects);
  });
});
