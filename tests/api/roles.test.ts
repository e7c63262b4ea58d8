import type { Role } from '@excon/domain';
import type { ScenarioView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { createRoleUsers, createScenario, injectInput, type RoleUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** The role rules of CONTRACT.md, each tried with every role. */
describe('roles', () => {
  let t: TestPlatform;
  let users: Record<Role, RoleUser>;
  let postId: string;
  let counter = 0;

  beforeAll(async () => {
    t = await startTestPlatform();
    const created = await createRoleUsers(t);
    users = created.users;
    postId = created.post.id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const as = (role: Role) => `Bearer ${users[role].token}`;
  const newScenario = () => createScenario(t, users.controller.token, { title: `Scenario ${++counter}`, injects: [injectInput('A1', [postId])] });

  describe('admin-only organisation routes', () => {
    const others: Role[] = ['controller', 'evaluator', 'operator', 'reviewer'];

    it.each(others)('refuses POST /api/users to %s with 403', async (role) => {
      const response = await t
        .http()
        .post('/api/users')
        .set('Authorization', as(role))
        .send({ username: `made-by-${role}`, password: 'long-enough-password', role: 'controller' });
      expectApiError(response, 403);
      const list = await t.http().get('/api/users').set('Authorization', as('admin'));
      expect(list.body.map((u: { username: string }) => u.username)).not.toContain(`made-by-${role}`);
    });

    it.each(others)('refuses GET /api/users to %s with 403', async (role) => {
      expectApiError(await t.http().get('/api/users').set('Authorization', as(role)), 403);
    });

    it.each(others)('refuses POST /api/command-posts to %s with 403', async (role) => {
      const response = await t
        .http()
        .post('/api/command-posts')
        .set('Authorization', as(role))
        .send({ code: `BY-${role}`, name: 'Refused', memberState: 'BY', ministry: 'emergency', timeZone: 'Europe/Minsk' });
      expectApiError(response, 403);
      const list = await t.http().get('/api/command-posts').set('Authorization', as('admin'));
      expect(list.body.map((p: { code: string }) => p.code)).not.toContain(`BY-${role}`);
    });

    it('lets the admin create and list users and command posts', async () => {
      const post = await t
        .http()
        .post('/api/command-posts')
        .set('Authorization', as('admin'))
        .send({ code: 'AM-1', name: 'Yerevan', memberState: 'AM', ministry: 'defense', timeZone: 'Asia/Yerevan' });
      expect(post.status).toBe(201);
      const user = await t
        .http()
        .post('/api/users')
        .set('Authorization', as('admin'))
        .send({ username: 'made-by-admin', password: 'long-enough-password', role: 'controller' });
      expect(user.status).toBe(201);
      expect((await t.http().get('/api/users').set('Authorization', as('admin'))).status).toBe(200);
    });

    it.each(['admin', ...others] as Role[])('lets %s list command posts and read itself', async (role) => {
      const posts = await t.http().get('/api/command-posts').set('Authorization', as(role));
      expect(posts.status).toBe(200);
      expect(posts.body.map((p: { id: string }) => p.id)).toContain(postId);
      const me = await t.http().get('/api/users/me').set('Authorization', as(role));
      expect(me.status).toBe(200);
      expect(me.body.role).toBe(role);
    });
  });

  describe('scenarios', () => {
    const writers: Role[] = ['admin', 'controller'];
    const readers: Role[] = ['evaluator', 'reviewer'];

    it.each(writers)('lets %s create, update and delete a scenario and its injects', async (role) => {
      const created = await t
        .http()
        .post('/api/scenarios')
        .set('Authorization', as(role))
        .send({ title: `By ${role}`, injects: [injectInput('A1', [postId])] });
      expect(created.status).toBe(201);
      const id = (created.body as ScenarioView).id;
      expect(
        (
          await t
            .http()
            .patch(`/api/scenarios/${id}`)
            .set('Authorization', as(role))
            .send({ title: `Renamed by ${role}` })
        ).status,
      ).toBe(200);
      const added = await t
        .http()
        .post(`/api/scenarios/${id}/injects`)
        .set('Authorization', as(role))
        .send(injectInput('A2', [postId]));
      expect(added.status).toBe(201);
      expect(
        (await t.http().patch(`/api/scenarios/${id}/injects/${added.body.id}`).set('Authorization', as(role)).send({ title: 'Edited' })).status,
      ).toBe(200);
      expect((await t.http().delete(`/api/scenarios/${id}/injects/${added.body.id}`).set('Authorization', as(role))).status).toBe(204);
      expect((await t.http().delete(`/api/scenarios/${id}`).set('Authorization', as(role))).status).toBe(204);
    });

    it.each([...writers, ...readers])('lets %s list and read scenarios', async (role) => {
      const scenario = await newScenario();
      const list = await t.http().get('/api/scenarios').set('Authorization', as(role));
      expect(list.status).toBe(200);
      expect(list.body.map((s: { id: string }) => s.id)).toContain(scenario.id);
      const one = await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', as(role));
      expect(one.status).toBe(200);
      expect(one.body.injects).toHaveLength(1);
    });

    it.each(readers)('refuses every scenario write to %s with 403 and changes nothing', async (role) => {
      const scenario = await newScenario();
      const injectId = scenario.injects[0].id;
      const writes = [
        t.http().post('/api/scenarios').set('Authorization', as(role)).send({ title: 'Nope', injects: [] }),
        t.http().patch(`/api/scenarios/${scenario.id}`).set('Authorization', as(role)).send({ title: 'Nope' }),
        t
          .http()
          .post(`/api/scenarios/${scenario.id}/injects`)
          .set('Authorization', as(role))
          .send(injectInput('B1', [postId])),
        t.http().patch(`/api/scenarios/${scenario.id}/injects/${injectId}`).set('Authorization', as(role)).send({ title: 'Nope' }),
        t.http().delete(`/api/scenarios/${scenario.id}/injects/${injectId}`).set('Authorization', as(role)),
        t.http().delete(`/api/scenarios/${scenario.id}`).set('Authorization', as(role)),
      ];
      for (const write of writes) expectApiError(await write, 403);
      const after = await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', as('controller'));
      expect(after.body).toEqual(scenario);
    });

    it('refuses an operator every scenario route with 403, reads included', async () => {
      const scenario = await newScenario();
      const injectId = scenario.injects[0].id;
      const calls = [
        t.http().get('/api/scenarios').set('Authorization', as('operator')),
        t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', as('operator')),
        t.http().post('/api/scenarios').set('Authorization', as('operator')).send({ title: 'Nope', injects: [] }),
        t.http().patch(`/api/scenarios/${scenario.id}`).set('Authorization', as('operator')).send({ title: 'Nope' }),
        t.http().delete(`/api/scenarios/${scenario.id}`).set('Authorization', as('operator')),
        t
          .http()
          .post(`/api/scenarios/${scenario.id}/injects`)
          .set('Authorization', as('operator'))
          .send(injectInput('B1', [postId])),
        t.http().patch(`/api/scenarios/${scenario.id}/injects/${injectId}`).set('Authorization', as('operator')).send({ title: 'Nope' }),
        t.http().delete(`/api/scenarios/${scenario.id}/injects/${injectId}`).set('Authorization', as('operator')),
      ];
      for (const call of calls) {
        const response = await call;
        expectApiError(response, 403);
        expect(JSON.stringify(response.body)).not.toContain(scenario.injects[0].body);
      }
      const after = await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', as('controller'));
      expect(after.body).toEqual(scenario);
    });
  });
});
