import { expectApiError } from '../support/api-errors';
import { createCommandPost, createUser, injectInput } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const MIB = 1024 * 1024;

describe('request bodies (default limit, 1 MiB)', () => {
  let t: TestPlatform;
  let auth: string;
  let post: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    auth = `Bearer ${(await createUser(t, 'controller')).token}`;
    post = (await createCommandPost(t)).id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const sendRaw = (path: string, raw: string) => t.http().post(path).set('Authorization', auth).set('Content-Type', 'application/json').send(raw);

  it.each([
    ['truncated JSON', '{"title": "Flood", "injects": ['],
    ['a trailing comma', '{"title": "Flood", "injects": [],}'],
    ['single quotes', "{'title': 'Flood'}"],
    ['a bare string (not an object or array)', '"Flood"'],
  ])('answers 400 naming `body` for %s', async (_label, raw) => {
    const response = await sendRaw('/api/scenarios', raw);
    expectApiError(response, 400, ['body']);
  });

  it('answers 400 naming `body` for malformed JSON on the login route too', async () => {
    const response = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"username": "admin", ');
    expectApiError(response, 400, ['body']);
  });

  it('answers 400 naming the field for text holding the NUL character (PostgreSQL cannot store it), and writes nothing', async () => {
    const admin = `Bearer ${await t.adminToken()}`;
    expectApiError(await t.http().post('/api/auth/login').send({ username: 'ad\u0000min', password: 'whatever-password' }), 400, ['username']);
    const postBody = { code: 'NUL-1', name: 'Post\u0000', memberState: 'KZ', ministry: 'crc', timeZone: 'UTC' };
    expectApiError(await t.http().post('/api/command-posts').set('Authorization', admin).send(postBody), 400, ['name']);
    expectApiError(
      await t.http().post('/api/users').set('Authorization', admin).send({ username: 'nul-user', password: 'pass\u0000word', role: 'controller' }),
      400,
      ['password'],
    );
    const scenario = {
      title: 'NUL',
      injects: [injectInput('A', [post]), injectInput('B', [post], { translations: { en: { title: 'T\u0000', body: 'B' } } })],
    };
    expectApiError(await t.http().post('/api/scenarios').set('Authorization', auth).send(scenario), 400, ['injects[1].translations.en.title']);
    expect((await t.http().get('/api/scenarios').set('Authorization', auth)).body).toEqual([]);
    const posts = await t.http().get('/api/command-posts').set('Authorization', auth);
    expect(posts.body.map((p: { code: string }) => p.code)).not.toContain('NUL-1');
  });

  it('answers 413 for a body over 1 MiB and creates nothing', async () => {
    const body = JSON.stringify({ title: 'Too big', injects: [injectInput('A', [post], { body: 'x'.repeat(MIB) })] });
    const response = await sendRaw('/api/scenarios', body);
    expectApiError(response, 413);
    const list = await t.http().get('/api/scenarios').set('Authorization', auth);
    expect(list.body).toEqual([]);
  });

  it('accepts a large MSEL under the limit (90 injects of 10000 characters)', async () => {
    const injects = Array.from({ length: 90 }, (_, i) =>
      injectInput(`INJ-${String(i).padStart(3, '0')}`, [post], { offsetSeconds: i * 60, body: 'b'.repeat(10_000) }),
    );
    const body = JSON.stringify({ title: 'Large', injects });
    expect(Buffer.byteLength(body)).toBeGreaterThan(900_000);
    expect(Buffer.byteLength(body)).toBeLessThan(MIB);
    const response = await sendRaw('/api/scenarios', body);
    expect(response.status).toBe(201);
    expect(response.body.injects).toHaveLength(90);
  });
});

describe('request bodies (EXCON_BODY_LIMIT_BYTES lowered to 4096)', () => {
  let t: TestPlatform;
  let auth: string;
  let post: string;

  beforeAll(async () => {
    t = await startTestPlatform({ env: { EXCON_BODY_LIMIT_BYTES: '4096' } });
    auth = `Bearer ${(await createUser(t, 'controller')).token}`;
    post = (await createCommandPost(t)).id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers 413 for a body over the configured limit and accepts one under it', async () => {
    const over = { title: 'Over', injects: [injectInput('A', [post], { body: 'x'.repeat(5000) })] };
    expectApiError(await t.http().post('/api/scenarios').set('Authorization', auth).send(over), 413);
    const under = { title: 'Under', injects: [injectInput('A', [post], { body: 'x'.repeat(3000) })] };
    const created = await t.http().post('/api/scenarios').set('Authorization', auth).send(under);
    expect(created.status).toBe(201);
    const list = await t.http().get('/api/scenarios').set('Authorization', auth);
    expect(list.body.map((s: { title: string }) => s.title)).toEqual(['Under']);
  });
});
