import { LOGIN_THROTTLE } from '../../apps/api/src/auth/login-throttle.service';
import { expectApiError } from '../support/api-errors';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { ADMIN, startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('login', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('logs a user in with the right password and the token opens the API', async () => {
    const response = await t.http().post('/api/auth/login').send({ username: ADMIN.username, password: ADMIN.password });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      refreshToken: expect.stringMatching(/^[0-9a-f-]{36}\.[\w-]{43}$/),
      user: expect.objectContaining({
        id: expect.any(String),
        username: ADMIN.username,
        displayName: expect.any(String),
        role: 'admin',
        commandPostId: null,
      }),
    });
    const me = await t.http().get('/api/users/me').set('Authorization', `Bearer ${response.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(ADMIN.username);
  });

  it('answers a wrong password and an unknown user alike: 401 with the error shape', async () => {
    const wrong = await t.http().post('/api/auth/login').send({ username: ADMIN.username, password: 'not-the-password' });
    expectApiError(wrong, 401);
    const unknown = await t.http().post('/api/auth/login').send({ username: 'nobody-here', password: 'not-the-password' });
    expectApiError(unknown, 401);
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(wrong.body).not.toHaveProperty('accessToken');
  });

  it('refuses a login body without a password or with unknown fields (400 naming the field)', async () => {
    expectApiError(await t.http().post('/api/auth/login').send({ username: ADMIN.username }), 400, ['password']);
    expectApiError(await t.http().post('/api/auth/login').send({ username: ADMIN.username, password: ADMIN.password, role: 'admin' }), 400, ['role']);
  });

  it('logs in a user the admin created', async () => {
    const { username } = await createUser(t, 'evaluator');
    const login = await t.login(username, PASSWORD);
    expect(login.user).toEqual(expect.objectContaining({ username, role: 'evaluator', commandPostId: null }));
  });
});

describe('login throttling behind a trusted proxy (EXCON_TRUST_PROXY=1)', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { EXCON_TRUST_PROXY: '1' } });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const login = (username: string, password: string, from: string) =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', from).send({ username, password });

  it('counts parallel guesses before the password is checked: 150 at once are throttled, with Retry-After', async () => {
    const { username } = await createUser(t, 'controller');
    const answers = await Promise.all(Array.from({ length: 150 }, (_, i) => login(username, `wrong-${i}-password`, '198.51.100.1')));
    const statuses = answers.map((a) => a.status);
    // The free ones, plus one more for each backoff (1 s, 2 s, 4 s…) that ran out while the burst was still coming in.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LOGIN_THROTTLE.freePerPair + 4);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(150 - LOGIN_THROTTLE.freePerPair - 4);
    const refused = answers.filter((a) => a.status === 429);
    expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The right password from that address waits too, while the wait the last refusal named lasts (on a loaded
    // machine the burst itself can outlast a short wait: then the password is simply let through).
    const burstEnded = Date.now();
    const waitMs = Math.max(...refused.map((a) => Number(a.headers['retry-after']))) * 1000;
    const right = await login(username, PASSWORD, '198.51.100.1');
    if (Date.now() - burstEnded < waitMs - 1000) expectApiError(right, 429);
    else expect([200, 429]).toContain(right.status);
    // …but the user on an address that has not failed logs in.
    expect((await login(username, PASSWORD, '203.0.113.9')).status).toBe(200);
  });

  it('does not let anyone lock out a predictable username', async () => {
    const { username } = await createUser(t, 'operator', (await createCommandPost(t)).id);
    for (let i = 0; i < 12; i++) await login(username, 'wrong-password', `192.0.2.${i % 3}`);
    const own = await login(username, PASSWORD, '203.0.113.50');
    if (own.status === 429) {
      // Spaced out, never locked: the wait is a few seconds at most.
      expect(Number(own.headers['retry-after'])).toBeLessThanOrEqual(LOGIN_THROTTLE.usernameSpacingMs / 1000);
      await new Promise((r) => setTimeout(r, Number(own.headers['retry-after']) * 1000));
      expect((await login(username, PASSWORD, '203.0.113.50')).status).toBe(200);
    } else expect(own.status).toBe(200);
  });

  it('groups IPv6 clients by /64, and throttles an address that tries many usernames', async () => {
    const { username } = await createUser(t, 'reviewer');
    for (let i = 0; i < LOGIN_THROTTLE.freePerPair; i++) expectApiError(await login(username, 'wrong-password', `2001:db8:7:1::${i + 1}`), 401);
    expectApiError(await login(username, 'wrong-password', '2001:db8:7:1:ffff::1'), 429);
    expect((await login(username, PASSWORD, '2001:db8:7:2::1')).status).toBe(200);
    for (let i = 0; i < LOGIN_THROTTLE.freePerAddress; i++) expectApiError(await login(`guess-${i}`, 'wrong-password', '198.51.100.77'), 401);
    const tooMany = await login('guess-fresh', 'wrong-password', '198.51.100.77');
    expectApiError(tooMany, 429);
    expect(Number(tooMany.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await login(ADMIN.username, ADMIN.password, '198.51.100.78')).status).toBe(200);
  });
});

describe('login throttling without a trusted proxy', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('ignores X-Forwarded-For: a client cannot make itself fresh addresses', async () => {
    const { username } = await createUser(t, 'evaluator');
    for (let i = 0; i < LOGIN_THROTTLE.freePerPair; i++) {
      expectApiError(
        await t.http().post('/api/auth/login').set('X-Forwarded-For', `10.9.0.${i}`).send({ username, password: 'wrong-password' }),
        401,
      );
    }
    expectApiError(await t.http().post('/api/auth/login').set('X-Forwarded-For', '10.9.9.9').send({ username, password: 'wrong-password' }), 429);
  });

  it('does not count failures a successful login came after', async () => {
    const { username } = await createUser(t, 'reviewer');
    for (let i = 0; i < LOGIN_THROTTLE.freePerPair - 1; i++) {
      expectApiError(await t.http().post('/api/auth/login').send({ username, password: 'wrong-password' }), 401);
    }
    expect((await t.http().post('/api/auth/login').send({ username, password: PASSWORD })).status).toBe(200);
    expectApiError(await t.http().post('/api/auth/login').send({ username, password: 'wrong-password' }), 401);
    expect((await t.http().post('/api/auth/login').send({ username, password: PASSWORD })).status).toBe(200);
  });
});
