import { expectApiError } from '../support/api-errors';
import { createUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('command posts', () => {
  let t: TestPlatform;
  let admin: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = `Bearer ${await t.adminToken()}`;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const valid = {
    code: 'KZ-MCHS',
    name: 'Ministry of Emergency Situations, Astana',
    memberState: 'KZ',
    ministry: 'emergency',
    timeZone: 'Asia/Almaty',
  };
  const create = (body: Record<string, unknown>) => t.http().post('/api/command-posts').set('Authorization', admin).send(body);
  const list = async () => (await t.http().get('/api/command-posts').set('Authorization', admin)).body as { code: string }[];

  it('creates a command post and lists it to every role', async () => {
    const response = await create(valid);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ...valid,
      // The v1 shape: the one name stands for both languages, the ministry is the state's of that kind.
      names: { ru: valid.name, en: valid.name },
      ministryId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      active: true,
    });
    const second = await create({ code: 'RU-CRC', name: 'CRC duty shift', memberState: 'RU', ministry: 'crc', timeZone: 'Europe/Moscow' });
    expect(second.status).toBe(201);

    const { token } = await createUser(t, 'evaluator');
    const listed = await t.http().get('/api/command-posts').set('Authorization', `Bearer ${token}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(expect.arrayContaining([response.body, second.body]));
  });

  it.each([
    ['code', 'one character', { code: 'x' }],
    ['code', 'with a space', { code: 'has space' }],
    ['code', '33 characters', { code: 'A'.repeat(33) }],
    ['name', 'empty', { name: '' }],
    ['name', '201 characters', { name: 'n'.repeat(201) }],
    ['memberState', 'XX (not assigned)', { memberState: 'XX' }],
    ['memberState', 'kz (lower case)', { memberState: 'kz' }],
    ['memberState', 'KAZ (alpha-3)', { memberState: 'KAZ' }],
    ['memberState', '398 (numeric)', { memberState: 398 }],
    ['ministry', 'police', { ministry: 'police' }],
    ['ministry', 'Defense (capital)', { ministry: 'Defense' }],
    ['timeZone', 'Moscow', { timeZone: 'Moscow' }],
    ['timeZone', 'GMT+3', { timeZone: 'GMT+3' }],
    ['timeZone', 'Europe/Atlantis', { timeZone: 'Europe/Atlantis' }],
    ['timeZone', 'empty', { timeZone: '' }],
  ])('refuses a bad %s (%s) with 400 naming it', async (field, _label, change) => {
    const response = await create({ ...valid, code: `BAD-${field}`, ...change });
    expectApiError(response, 400, [field]);
    expect(response.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    expect((await list()).map((p) => p.code)).not.toContain(`BAD-${field}`);
  });

  it('names every missing field at once, and unknown fields', async () => {
    expectApiError(await create({}), 400, ['code', 'timeZone']);
    // The v1 name or the bilingual names, and a ministry (by id, or by state and kind) are needed too.
    expectApiError(await create({ code: 'NONAME-1', timeZone: 'UTC', memberState: 'KZ', ministry: 'crc' }), 400, ['names']);
    expectApiError(await create({ code: 'NOMIN-1', timeZone: 'UTC', name: 'x' }), 400, ['memberState', 'ministry']);
    expectApiError(await create({ ...valid, code: 'EXTRA-1', colour: 'red' }), 400, ['colour']);
  });

  it('accepts every ministry and IANA zones such as UTC and Asia/Bishkek', async () => {
    for (const [i, [ministry, timeZone]] of [
      ['defense', 'UTC'],
      ['emergency', 'Asia/Bishkek'],
      ['crc', 'Europe/Minsk'],
    ].entries()) {
      const response = await create({ ...valid, code: `OK-${i}`, ministry, timeZone });
      expect(response.status).toBe(201);
      expect(response.body).toEqual(expect.objectContaining({ ministry, timeZone }));
    }
  });

  it('edits a post: names keep the v1 name in the installation language, a ministry move copies state and kind', async () => {
    const post = (await create({ ...valid, code: 'EDIT-1' })).body as { id: string; ministryId: string };
    const patch = (body: Record<string, unknown>) => t.http().patch(`/api/command-posts/${post.id}`).set('Authorization', admin).send(body);

    const renamed = await patch({ names: { ru: 'МЧС, Астана', en: 'MES, Astana' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual(
      expect.objectContaining({ names: { ru: 'МЧС, Астана', en: 'MES, Astana' }, name: t.config.language === 'ru' ? 'МЧС, Астана' : 'MES, Astana' }),
    );

    const v1 = await patch({ name: 'MES duty desk' });
    expect(v1.body).toEqual(
      expect.objectContaining({ name: 'MES duty desk', names: expect.objectContaining({ [t.config.language]: 'MES duty desk' }) }),
    );

    const other = await create({ ...valid, code: 'EDIT-BY', memberState: 'BY', ministry: 'defense', timeZone: 'Europe/Minsk' });
    const moved = await patch({ ministryId: other.body.ministryId, timeZone: 'Europe/Minsk', active: false });
    expect(moved.body).toEqual(
      expect.objectContaining({ ministryId: other.body.ministryId, memberState: 'BY', ministry: 'defense', timeZone: 'Europe/Minsk', active: false }),
    );
    expect((await list()).find((p) => p.code === 'EDIT-1')).toEqual(moved.body);

    expectApiError(await patch({ ministryId: '00000000-0000-4000-8000-000000000000' }), 400, ['ministryId']);
    expectApiError(await patch({ timeZone: 'Moscow' }), 400, ['timeZone']);
    expectApiError(await patch({ names: { ru: 'а', en: 'b' }, name: 'c' }), 400, ['name']);
    expectApiError(await t.http().patch('/api/command-posts/00000000-0000-4000-8000-000000000000').set('Authorization', admin).send({}), 404);
    const { token } = await createUser(t, 'controller');
    expectApiError(await t.http().patch(`/api/command-posts/${post.id}`).set('Authorization', `Bearer ${token}`).send({ active: true }), 403);
  });

  it('refuses a taken code with 409 and keeps the first post', async () => {
    const first = await create({ ...valid, code: 'DUP-1' });
    expect(first.status).toBe(201);
    expectApiError(await create({ ...valid, code: 'DUP-1', name: 'Second' }), 409);
    expect((await list()).filter((p) => p.code === 'DUP-1')).toEqual([first.body]);
  });
});
