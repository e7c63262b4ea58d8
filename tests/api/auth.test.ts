import { LOGIN_THROTTLE } from '../../apps/api/src/auth/login-throttle.service';
import { expectApiError } from '../support/api-errors';
import { createUser, PASSWORD } from '../support/fixtures';
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
      user: expect.objectContaining({ id: expect.any(String), username: ADMIN.username, displayName: expect.any(String), role: 'admin', commandPostId: null }),
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

describe('login throttling per username', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it(`refuses a user with 429 after ${LOGIN_THROTTLE.perUsername} failures, even with the right password, and spares other users`, async () => {
    const { username } = await createUser(t, 'controller');
    for (let i = 0; i < LOGIN_THROTTLE.perUsername; i++) {
      expectApiError(await t.http().post('/api/auth/login').send({ username, password: `wrong-${i}-password` }), 401);
    }
    const wrong = await t.http().post('/api/auth/login').send({ username, password: 'wrong-again-password' });
    expectApiError(wrong, 429);
    expect(wrong.headers['retry-after']).toBeDefined();
    const right = await t.http().post('/api/auth/login').send({ username, password: PASSWORD });
    expectApiError(right, 429);
    expect(right.body).not.toHaveProperty('accessToken');

    const other = await t.http().post('/api/auth/login').send({ username: ADMIN.username, password: ADMIN.password });
    expect(other.status).toBe(200);
  });

  it('does not count failures a successful login came after', async () => {
    const { username } = await createUser(t, 'reviewer');
    for (let i = 0; i < LOGIN_THROTTLE.perUsername - 1; i++) {
      expectApiError(await t.http().post('/api/auth/login').send({ username, password: 'wrong-password' }), 401);
    }
    expect((await t.http().post('/api/auth/login').send({ username, password: PASSWORD })).status).toBe(200);
    expectApiError(await t.http().post('/api/auth/login').send({ username, password: 'wrong-password' }), 401);
    expect((await t.http().post('/api/auth/login').send({ username, password: PASSWORD })).status).toBe(200);
  });
});

describe('login throttling per address', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it(`refuses every login from an address after ${LOGIN_THROTTLE.perAddress} failures over many usernames, even the right password`, async () => {
    const token = await t.adminToken();
    // Fewer failures per username than its own limit: only the address count can trip.
    for (let i = 0; i < LOGIN_THROTTLE.perAddress; i++) {
      expectApiError(await t.http().post('/api/auth/login').send({ username: `guess-${i}`, password: 'wrong-password' }), 401);
    }
    expectApiError(await t.http().post('/api/auth/login').send({ username: 'guess-fresh', password: 'wrong-password' }), 429);
    const right = await t.http().post('/api/auth/login').send({ username: ADMIN.username, password: ADMIN.password });
    expectApiError(right, 429);
    expect(right.body).not.toHaveProperty('accessToken');
    // A token issued before still works: throttling guards the login only.
    expect((await t.http().get('/api/users/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });
});
