import type { CommandPostView, PostGroupView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { connectConsole, waitFor, type TestConsole } from '../support/consoles';
import { control, createExercise, inject, injectOf } from '../support/exercises';
import { createCommandPost, createScenario, createUser, injectInput } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('post groups', () => {
  let t: TestPlatform;
  let admin: string;
  let controller: { token: string };
  const posts: CommandPostView[] = [];
  const consoles: TestConsole[] = [];

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = `Bearer ${await t.adminToken()}`;
    controller = await createUser(t, 'controller');
    for (let i = 0; i < 4; i += 1) posts.push(await createCommandPost(t, { code: `GRP-POST-${i}` }));
  });
  afterAll(async () => {
    for (const console of consoles) console.close();
    await t?.stop();
  });

  const createGroup = (body: Record<string, unknown>) => t.http().post('/api/post-groups').set('Authorization', admin).send(body);
  const patchGroup = (id: string, body: Record<string, unknown>) => t.http().patch(`/api/post-groups/${id}`).set('Authorization', admin).send(body);
  const names = { ru: 'Все посты МЧС', en: 'All MES posts' };

  it('creates, lists to every role, edits and deletes a group', async () => {
    const created = await createGroup({ code: 'GRP-A', names, commandPostIds: [posts[0].id, posts[1].id.toUpperCase(), posts[0].id] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      code: 'GRP-A',
      names,
      commandPostIds: [posts[0].id, posts[1].id],
      active: true,
    });

    const { token } = await createUser(t, 'reviewer');
    const listed = await t.http().get('/api/post-groups').set('Authorization', `Bearer ${token}`);
    expect(listed.body).toContainEqual(created.body);

    const edited = await patchGroup(created.body.id, { code: 'GRP-A2', commandPostIds: [posts[2].id], active: false });
    expect(edited.body).toEqual({ ...created.body, code: 'GRP-A2', commandPostIds: [posts[2].id], active: false });

    const removed = await t.http().delete(`/api/post-groups/${created.body.id}`).set('Authorization', admin);
    expect(removed.status).toBe(204);
    expect(((await t.http().get('/api/post-groups').set('Authorization', admin)).body as PostGroupView[]).map((g) => g.id)).not.toContain(
      created.body.id,
    );
    expectApiError(await t.http().delete(`/api/post-groups/${created.body.id}`).set('Authorization', admin), 404);
  });

  it('keeps group and post codes apart, in either direction, with 409 naming code', async () => {
    expectApiError(await createGroup({ code: posts[0].code, names, commandPostIds: [] }), 409, ['code']);
    const group = (await createGroup({ code: 'GRP-CODE', names, commandPostIds: [] })).body as PostGroupView;
    expectApiError(await createGroup({ code: 'GRP-CODE', names, commandPostIds: [] }), 409, ['code']);
    const other = (await createGroup({ code: 'GRP-CODE-2', names, commandPostIds: [] })).body as PostGroupView;
    expectApiError(await patchGroup(other.id, { code: posts[1].code }), 409, ['code']);
    expectApiError(await patchGroup(other.id, { code: group.code }), 409, ['code']);
    const post = await t
      .http()
      .post('/api/command-posts')
      .set('Authorization', admin)
      .send({ code: 'GRP-CODE', name: 'x', memberState: 'KZ', ministry: 'crc', timeZone: 'UTC' });
    expectApiError(post, 409, ['code']);
  });

  it('refuses unknown or inactive posts with 400 naming commandPostIds, and bad input', async () => {
    const inactive = await createCommandPost(t, { code: 'GRP-INACTIVE' });
    await t.http().patch(`/api/command-posts/${inactive.id}`).set('Authorization', admin).send({ active: false });
    expectApiError(await createGroup({ code: 'GRP-BAD-1', names, commandPostIds: ['00000000-0000-4000-8000-000000000000'] }), 400, [
      'commandPostIds',
    ]);
    expectApiError(await createGroup({ code: 'GRP-BAD-2', names, commandPostIds: [inactive.id] }), 400, ['commandPostIds']);
    expectApiError(await createGroup({ code: 'GRP-BAD-3', names, commandPostIds: ['nope'] }), 400, ['commandPostIds']);
    expectApiError(await createGroup({ code: 'x', commandPostIds: [] }), 400, ['code', 'names']);
    const { token } = await createUser(t, 'controller');
    const asController = await t
      .http()
      .post('/api/post-groups')
      .set('Authorization', `Bearer ${token}`)
      .send({ code: 'GRP-C', names, commandPostIds: [] });
    expectApiError(asController, 403);
  });

  it('lets scenario injects target groups, checked and returned, and refuses to delete a targeted group', async () => {
    const group = (await createGroup({ code: 'GRP-SCN', names, commandPostIds: [posts[0].id] })).body as PostGroupView;
    const scenario = await createScenario(t, controller.token, {
      title: 'Groups',
      injects: [injectInput('G-1', [], { targetGroups: [group.id] }), injectInput('G-2', [posts[1].id])],
    });
    expect(scenario.injects.map((i) => [i.ref, i.targets, i.targetGroups])).toEqual([
      ['G-1', [], [group.id]],
      ['G-2', [posts[1].id], []],
    ]);
    expectApiError(await t.http().delete(`/api/post-groups/${group.id}`).set('Authorization', admin), 409);

    const unknown = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({ title: 'Bad', injects: [injectInput('B-1', [posts[0].id], { targetGroups: ['00000000-0000-4000-8000-000000000000'] })] });
    expectApiError(unknown, 400, ['injects[0].targetGroups']);
    const none = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({ title: 'Bad', injects: [injectInput('B-1', [])] });
    expectApiError(none, 400, ['injects[0].targets']);
  });

  it('exports group codes after post codes in the targets cell, and imports them back as the groups', async () => {
    const group = (await createGroup({ code: 'GRP-FILE', names, commandPostIds: [posts[0].id] })).body as PostGroupView;
    const scenario = await createScenario(t, controller.token, {
      title: 'File groups',
      injects: [injectInput('X-1', [posts[3].id], { targetGroups: [group.id] })],
    });
    for (const format of ['csv', 'json'] as const) {
      const exported = await t
        .http()
        .get(`/api/scenarios/${scenario.id}/export?format=${format}`)
        .set('Authorization', `Bearer ${controller.token}`)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(exported.status).toBe(200);
      const file = exported.body as Buffer;
      expect(file.toString('utf8')).toMatch(format === 'csv' ? /GRP-POST-3, GRP-FILE/ : /"GRP-POST-3",\s*"GRP-FILE"/);
      const imported = await t
        .http()
        .post('/api/scenarios/import')
        .set('Authorization', `Bearer ${controller.token}`)
        .attach('file', file, `groups.${format}`)
        .field('options', JSON.stringify({ title: `Imported ${format}` }));
      expect({ status: imported.status, body: imported.status === 201 ? 'ok' : imported.body }).toEqual({ status: 201, body: 'ok' });
      expect(imported.body.injects.map((i: { targets: string[]; targetGroups: string[] }) => [i.targets, i.targetGroups])).toEqual([
        [[posts[3].id], [group.id]],
      ]);
    }
  });

  it('expands groups to their active posts when an exercise is created, and freezes them there', async () => {
    const group = (await createGroup({ code: 'GRP-FRZ', names, commandPostIds: [posts[2].id, posts[0].id, posts[1].id] })).body as PostGroupView;
    await t.http().patch(`/api/command-posts/${posts[1].id}`).set('Authorization', admin).send({ active: false });
    try {
      const operator = await createUser(t, 'operator', posts[2].id);
      const { exercise } = await createExercise(t, controller.token, [inject('F-1', 3600, [posts[0].id, posts[3].id], { targetGroups: [group.id] })]);
      // The inject's own posts first, then the group's active posts in the group's order, each once.
      expect(injectOf(exercise, 'F-1').targets).toEqual([posts[0].id, posts[3].id, posts[2].id]);
      expect(injectOf(exercise, 'F-1')).not.toHaveProperty('targetGroups');
      expect([...(exercise.commandPostIds ?? [])].sort()).toEqual([posts[0].id, posts[2].id, posts[3].id].sort());

      await patchGroup(group.id, { commandPostIds: [posts[3].id] });
      const again = (await t.http().get(`/api/exercises/${exercise.id}`).set('Authorization', `Bearer ${controller.token}`)).body;
      expect(injectOf(again, 'F-1').targets).toEqual([posts[0].id, posts[3].id, posts[2].id]);

      // The operator of a post that only the group named receives the inject when it fires.
      const console = await connectConsole(t.url, operator.token);
      consoles.push(console);
      await control(t, controller.token, exercise.id, 'start');
      const fired = await t
        .http()
        .post(`/api/exercises/${exercise.id}/injects/${injectOf(exercise, 'F-1').id}/fire`)
        .set('Authorization', `Bearer ${controller.token}`)
        .send({});
      expect(fired.status).toBeLessThan(300);
      await waitFor(() => console.injects.length === 1, 'F-1 at the group post');
      expect(console.injects[0]).toEqual(expect.objectContaining({ ref: 'F-1' }));
    } finally {
      await t.http().patch(`/api/command-posts/${posts[1].id}`).set('Authorization', admin).send({ active: true });
    }
  });

  it('writes group changes to the audit trail', async () => {
    const trail = (await t.http().get('/api/audit?action=organisation.post_group').set('Authorization', admin)).body as { action: string }[];
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['organisation.post_group_created', 'organisation.post_group_updated', 'organisation.post_group_deleted']),
    );
  });
});
