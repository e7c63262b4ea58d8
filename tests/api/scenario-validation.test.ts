import { randomUUID } from 'node:crypto';
import type { ScenarioView } from '@excon/contracts';
import type { Response } from 'supertest';
import { expectApiError } from '../support/api-errors';
import { createCommandPost, createScenario, createUser, fieldsOf, injectInput } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** Every validation rule of scenario authoring: a 400 whose details name exactly the offending fields, and nothing written. */
describe('scenario validation', () => {
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

  const scenarioCount = async () => ((await t.http().get('/api/scenarios').set('Authorization', auth)).body as unknown[]).length;

  /** 400 naming exactly these fields (each at least once, no other), and no scenario created. */
  async function expectRefused(body: unknown, fields: string[]): Promise<Response> {
    const before = await scenarioCount();
    const response = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', auth)
      .send(body as object);
    expectApiError(response, 400, fields);
    expect([...new Set(fieldsOf(response.body))].sort()).toEqual([...fields].sort());
    expect(await scenarioCount()).toBe(before);
    return response;
  }

  const withInjects = (...injects: unknown[]) => ({ title: 'Validation', injects });
  const ok = (ref: string, overrides: Record<string, unknown> = {}) => injectInput(ref, [post], overrides);

  describe('unknown fields', () => {
    it('refuses unknown fields at the top level and nested, naming their paths', async () => {
      await expectRefused({ ...withInjects(ok('A')), colour: 'red' }, ['colour']);
      await expectRefused(withInjects(ok('A'), ok('B', { colour: 'red' })), ['injects[1].colour']);
      await expectRefused({ ...withInjects(ok('A')), objectives: [{ ref: 'O1', title: 'One', weight: 3 }] }, ['objectives[0].weight']);
      await expectRefused(withInjects(ok('A', { translations: { fr: { title: 'T', body: 'B' } } })), ['injects[0].translations.fr']);
      await expectRefused(withInjects(ok('A', { translations: { en: { title: 'T', body: 'B', note: 'n' } } })), ['injects[0].translations.en.note']);
      await expectRefused(withInjects(ok('A', { id: randomUUID() })), ['injects[0].id']);
    });
  });

  describe('required fields and types', () => {
    it('names every missing field of the scenario and of an inject', async () => {
      await expectRefused({}, ['title', 'injects']);
      await expectRefused(withInjects({}), [
        'injects[0].ref',
        'injects[0].offsetSeconds',
        'injects[0].title',
        'injects[0].body',
        'injects[0].targets',
      ]);
      await expectRefused(withInjects(null), ['injects[0]']);
      const before = await scenarioCount();
      expectApiError(
        await t
          .http()
          .post('/api/scenarios')
          .set('Authorization', auth)
          .send({ title: 'Not a list', injects: { A: ok('A') } }),
        400,
        ['injects'],
      );
      expect(await scenarioCount()).toBe(before);
    });
  });

  describe('refs', () => {
    it('refuses a ref used twice in the scenario, naming the second', async () => {
      await expectRefused(withInjects(ok('A'), ok('B'), ok('A')), ['injects[2].ref']);
    });

    it('refuses a malformed ref', async () => {
      await expectRefused(withInjects(ok('has space')), ['injects[0].ref']);
      await expectRefused(withInjects(ok('')), ['injects[0].ref']);
      await expectRefused(withInjects(ok('R'.repeat(33))), ['injects[0].ref']);
      await expectRefused(withInjects(ok('-lead')), ['injects[0].ref']);
      expect((await createScenario(t, token, withInjects(ok('R'.repeat(32)), ok('a.b_c/d-1')))).injects).toHaveLength(2);
    });

    it('refuses an objective ref used twice', async () => {
      await expectRefused(
        {
          ...withInjects(),
          objectives: [
            { ref: 'O1', title: 'One' },
            { ref: 'O1', title: 'Again' },
          ],
        },
        ['objectives[1].ref'],
      );
    });
  });

  describe('targets', () => {
    it('refuses targets that name no command post, or the same post twice', async () => {
      await expectRefused(withInjects(ok('A'), ok('B', { targets: [post, randomUUID()] })), ['injects[1].targets[1]']);
      await expectRefused(withInjects(ok('A', { targets: [post, post] })), ['injects[0].targets[1]']);
    });

    it('takes a target id spelt in upper case as the same command post', async () => {
      const scenario = await createScenario(t, token, withInjects(ok('A', { targets: [post.toUpperCase()] })));
      expect(scenario.injects[0].targets).toEqual([post]);
      await expectRefused(withInjects(ok('A', { targets: [post, post.toUpperCase()] })), ['injects[0].targets[1]']);
    });

    it('refuses empty targets and targets that are not ids', async () => {
      await expectRefused(withInjects(ok('A', { targets: [] })), ['injects[0].targets']);
      await expectRefused(withInjects(ok('A', { targets: ['KZ-MCHS'] })), ['injects[0].targets']);
      await expectRefused(withInjects(ok('A', { targets: post })), ['injects[0].targets']);
    });
  });

  describe('offsetSeconds', () => {
    it.each([
      ['negative', -1],
      ['fractional', 1.5],
      ['a string', '60'],
      ['over 30 days', 2_592_001],
      ['null', null],
      ['a boolean', true],
    ])('refuses an offset that is %s', async (_label, offsetSeconds) => {
      await expectRefused(withInjects(ok('A'), ok('B', { offsetSeconds })), ['injects[1].offsetSeconds']);
    });

    it('accepts 0 and exactly 30 days (2592000)', async () => {
      const scenario = await createScenario(t, token, withInjects(ok('A', { offsetSeconds: 0 }), ok('B', { offsetSeconds: 2_592_000 })));
      expect(scenario.injects.map((i) => i.offsetSeconds)).toEqual([0, 2_592_000]);
    });
  });

  describe('text lengths', () => {
    it('accepts a 200-character title and a 10000-character body, and refuses one more', async () => {
      const longest = await createScenario(t, token, {
        title: 'S'.repeat(200),
        injects: [ok('A', { title: 'T'.repeat(200), body: 'B'.repeat(10_000) })],
      });
      expect(longest.injects[0].body).toHaveLength(10_000);
      await expectRefused({ title: 'S'.repeat(201), injects: [] }, ['title']);
      await expectRefused(withInjects(ok('A', { title: 'T'.repeat(201) })), ['injects[0].title']);
      await expectRefused(withInjects(ok('A', { body: 'B'.repeat(10_001) })), ['injects[0].body']);
      await expectRefused(withInjects(ok('A', { title: '' })), ['injects[0].title']);
      await expectRefused(withInjects(ok('A', { body: '' })), ['injects[0].body']);
      await expectRefused(withInjects(ok('A', { translations: { en: { title: 'T', body: 'B'.repeat(10_001) } } })), [
        'injects[0].translations.en.body',
      ]);
      await expectRefused(withInjects(ok('A', { from: 'F'.repeat(201) })), ['injects[0].from']);
      await expectRefused({ title: 'Description', description: 'D'.repeat(5_001), injects: [] }, ['description']);
    });

    it('counts characters, not bytes: 200 Cyrillic characters fit a title', async () => {
      const scenario = await createScenario(t, token, {
        title: 'Ж'.repeat(200),
        injects: [ok('A', { title: 'Ж'.repeat(200), translations: { ru: { title: 'Ж'.repeat(200), body: 'Ж' } } })],
      });
      expect(scenario.title).toBe('Ж'.repeat(200));
      expect(scenario.injects[0].title).toBe('Ж'.repeat(200));
    });
  });

  describe('objectives, precedence, deadlines', () => {
    it('refuses objectiveRefs that name no objective of the scenario', async () => {
      const objectives = [{ ref: 'O1', title: 'One' }];
      await expectRefused({ ...withInjects(ok('A', { objectiveRefs: ['O1', 'O2'] })), objectives }, ['injects[0].objectiveRefs[1]']);
      await expectRefused(withInjects(ok('A', { objectiveRefs: ['O1'] })), ['injects[0].objectiveRefs[0]']);
      expect((await createScenario(t, token, { ...withInjects(ok('A', { objectiveRefs: ['O1'] })), objectives })).injects[0].objectiveRefs).toEqual([
        'O1',
      ]);
    });

    it('refuses a precedence outside flash, immediate, priority, routine', async () => {
      await expectRefused(withInjects(ok('A', { precedence: 'urgent' })), ['injects[0].precedence']);
      await expectRefused(withInjects(ok('A', { precedence: 'FLASH' })), ['injects[0].precedence']);
      const scenario = await createScenario(
        t,
        token,
        withInjects(...['flash', 'immediate', 'priority', 'routine'].map((precedence) => ok(precedence, { precedence }))),
      );
      expect(scenario.injects.map((i) => i.precedence).sort()).toEqual(['flash', 'immediate', 'priority', 'routine']);
    });

    it('refuses deadlines that are not whole positive seconds', async () => {
      await expectRefused(withInjects(ok('A', { ackWithinSeconds: 0 })), ['injects[0].ackWithinSeconds']);
      await expectRefused(withInjects(ok('A', { respondWithinSeconds: 2.5 })), ['injects[0].respondWithinSeconds']);
    });
  });

  describe('contingency injects', () => {
    it('refuses a contingencyRef naming no inject, the inject itself, or an inject not marked contingency', async () => {
      await expectRefused(withInjects(ok('A', { contingencyRef: 'X' })), ['injects[0].contingencyRef']);
      await expectRefused(withInjects(ok('A'), ok('B', { contingencyRef: 'B', contingency: true })), ['injects[1].contingencyRef']);
      await expectRefused(withInjects(ok('A', { contingencyRef: 'B' }), ok('B')), ['injects[0].contingencyRef']);
      const scenario = await createScenario(t, token, withInjects(ok('A', { contingencyRef: 'B' }), ok('B', { contingency: true })));
      expect(scenario.injects.find((i) => i.ref === 'A')?.contingencyRef).toBe('B');
    });
  });

  describe('several problems at once', () => {
    it('names each offending field of each inject in one answer', async () => {
      const response = await expectRefused(
        { title: '', injects: [ok('A'), ok('A', { offsetSeconds: -5 }), ok('C', { targets: [randomUUID()], precedence: 'urgent' })] },
        ['title', 'injects[1].offsetSeconds', 'injects[2].precedence'],
      );
      expect(response.body.message).toMatch(/fields are invalid|title/);
      // Cross-field rules (duplicate refs, unknown targets) are checked once the fields themselves are valid.
      await expectRefused(withInjects(ok('A'), ok('A'), ok('C', { targets: [randomUUID()] })), ['injects[1].ref', 'injects[2].targets[0]']);
    });
  });

  describe('single-inject endpoints name the fields of that inject', () => {
    let scenario: ScenarioView;

    beforeAll(async () => {
      scenario = await createScenario(t, token, {
        title: 'Edits',
        objectives: [{ ref: 'O1', title: 'One' }],
        injects: [ok('A', { offsetSeconds: 10 }), ok('B', { offsetSeconds: 20 }), ok('C', { offsetSeconds: 30 })],
      });
    });

    async function expectUnchanged(): Promise<void> {
      expect((await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', auth)).body).toEqual(scenario);
    }

    it.each([
      ['a negative offset', { offsetSeconds: -1 }, ['offsetSeconds']],
      ['a ref in use', { ref: 'B' }, ['ref']],
      ['an unknown target', { targets: [randomUUID()] }, ['targets[0]']],
      ['an unknown objective', { objectiveRefs: ['O9'] }, ['objectiveRefs[0]']],
      ['a contingencyRef to a non-contingency inject', { contingencyRef: 'A' }, ['contingencyRef']],
      ['an unknown field', { colour: 'red' }, ['colour']],
      ['a 201-character title', { title: 'T'.repeat(201) }, ['title']],
    ])('refuses an added inject with %s', async (_label, change, fields) => {
      const response = await t.http().post(`/api/scenarios/${scenario.id}/injects`).set('Authorization', auth).send(ok('D', change));
      expectApiError(response, 400, fields);
      expect([...new Set(fieldsOf(response.body))]).toEqual(fields);
      await expectUnchanged();
    });

    it.each([
      [{ offsetSeconds: 2.5 }, ['offsetSeconds']],
      [{ ref: 'C' }, ['ref']],
      [{ ref: 'A' }, ['ref']],
      [{ targets: [randomUUID()] }, ['targets[0]']],
      [{ objectiveRefs: ['O9'] }, ['objectiveRefs[0]']],
      [{ contingencyRef: 'B' }, ['contingencyRef']],
      [{ precedence: 'urgent' }, ['precedence']],
      [{ colour: 'red' }, ['colour']],
    ])('refuses an inject update with %j naming %j, leaving the inject as it was', async (change, fields) => {
      const b = scenario.injects.find((i) => i.ref === 'B');
      const response = await t.http().patch(`/api/scenarios/${scenario.id}/injects/${b?.id}`).set('Authorization', auth).send(change);
      expectApiError(response, 400, fields);
      expect([...new Set(fieldsOf(response.body))]).toEqual(fields);
      await expectUnchanged();
    });
  });
});
