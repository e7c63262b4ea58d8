import { Client } from 'pg';
import type { AuditEventView, LoginResponse, SessionView, UserView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { ask, connectConsole, sleep, waitFor, type TestConsole } from '../support/consoles';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { ADMIN, startTestPlatform, type TestPlatform } from '../support/test-platform';

/** Resolves with the time the server closed the socket, after it said why. */
function closedByServer(console: TestConsole): Promise<{ at: number; reason: unknown }> {
  return new Promise((resolve) => {
    console.socket.once('disconnect', (why) => {
      const said = console.events.find((e) => e.event === 'session:ended');
      resolve({ at: Date.now(), reason: why === 'io server disconnect' ? (said?.payload as { reason?: string } | undefined)?.reason : why });
    });
  });
}

describe('sessions and account actions', () => {
  let t: TestPlatform;
  let adminToken: string;
  const consoles: TestConsole[] = [];

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => t.http().patch(path).set('Authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => t.http().delete(path).set('Authorization', `Bearer ${token}`),
  });
  const open = async (token: string) => {
    const console = await connectConsole(t.url, token);
    consoles.push(console);
    return console;
  };
  const auditOf = async (action: string): Promise<AuditEventView[]> =>
    (await as(adminToken).get(`/api/audit?action=${action}`).expect(200)).body as AuditEventView[];

  beforeAll(async () => {
    t = await startTestPlatform();
    adminToken = await t.adminToken();
  });
  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await t?.stop();
  });

  it('logout: the token answers 401 on the next request, its socket is closed within a second, its refresh token is dead', async () => {
    const { username } = await createUser(t, 'controller');
    const login = await t.login(username, PASSWORD);
    const console = await open(login.accessToken);
    const closed = closedByServer(console);
    await as(login.accessToken).get('/api/users/me').expect(200);
    const sentAt = Date.now();
    await as(login.accessToken).post('/api/auth/logout').expect(204);
    expectApiError(await as(login.accessToken).get('/api/users/me'), 401);
    const { at, reason } = await closed;
    expect(reason).toBe('ended');
    expect(at - sentAt).toBeLessThan(1000);
    expectApiError(await t.http().post('/api/auth/refresh').send({ refreshToken: login.refreshToken }), 401);
    const [entry] = await auditOf('account.logout');
    expect(entry).toEqual(expect.objectContaining({ actorId: login.user.id, action: 'account.logout', exerciseId: null }));
  });

  it('refresh: a new access token for the same session, while the session is open', async () => {
    const { username } = await createUser(t, 'evaluator');
    const login = await t.login(username, PASSWORD);
    const refreshed = await t.http().post('/api/auth/refresh').send({ refreshToken: login.refreshToken }).expect(200);
    expect(refreshed.body).toEqual({ accessToken: expect.any(String), expiresAt: expect.any(String) });
    await as(refreshed.body.accessToken as string)
      .get('/api/users/me')
      .expect(200);
    expectApiError(
      await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: `${login.refreshToken.split('.')[0]}.forged` }),
      401,
    );
    expectApiError(await t.http().post('/api/auth/refresh').send({}), 400, ['refreshToken']);
  });

  it('changing one’s password ends every other session and keeps this one', async () => {
    const { username, user } = await createUser(t, 'reviewer');
    const [first, second] = [await t.login(username, PASSWORD), await t.login(username, PASSWORD)];
    const otherSocket = await open(second.accessToken);
    const closed = closedByServer(otherSocket);
    expectApiError(
      await as(first.accessToken).post('/api/users/me/password', { currentPassword: 'not-my-password', newPassword: 'a brand new passphrase' }),
      400,
      ['currentPassword'],
    );
    for (const weak of ['short-one', 'qwerty123456', `${username}-2027`]) {
      const response = await as(first.accessToken).post('/api/users/me/password', { currentPassword: PASSWORD, newPassword: weak });
      expectApiError(response, 400, ['newPassword']);
    }
    await as(first.accessToken).post('/api/users/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }).expect(204);
    await as(first.accessToken).get('/api/users/me').expect(200);
    expectApiError(await as(second.accessToken).get('/api/users/me'), 401);
    expect((await closed).reason).toBe('ended');
    expectApiError(await t.http().post('/api/auth/login').send({ username, password: PASSWORD }), 401);
    await t.login(username, 'a brand new passphrase');
    expect((await auditOf('account.password_changed')).some((e) => e.details.userId === user.id)).toBe(true);
  });

  it('an admin’s reset ends all sessions; the next login must choose a new password before anything else', async () => {
    const post = await createCommandPost(t);
    const { username, user, token } = await createUser(t, 'operator', post.id);
    const socket = await open(token);
    const closed = closedByServer(socket);
    expectApiError(await as(adminToken).post(`/api/users/${user.id}/password-reset`, { newPassword: 'password' }), 400, ['newPassword']);
    await as(adminToken).post(`/api/users/${user.id}/password-reset`, { newPassword: 'temporary passphrase 1' }).expect(204);
    expectApiError(await as(token).get('/api/users/me'), 401);
    expect((await closed).reason).toBe('ended');
    const login = await t.login(username, 'temporary passphrase 1');
    expect(login.user.mustChangePassword).toBe(true);
    expectApiError(await as(login.accessToken).get('/api/command-posts'), 403);
    await expect(connectConsole(t.url, login.accessToken)).rejects.toThrow('unauthorized');
    await as(login.accessToken).get('/api/users/me').expect(200);
    await as(login.accessToken)
      .post('/api/users/me/password', { currentPassword: 'temporary passphrase 1', newPassword: 'my own passphrase 2' })
      .expect(204);
    await as(login.accessToken).get('/api/command-posts').expect(200);
    expect(((await as(login.accessToken).get('/api/users/me').expect(200)).body as UserView).mustChangePassword).toBe(false);
  });

  it('deactivation ends the sessions and refuses logins; reactivation lets the user in again', async () => {
    const { username, user, token } = await createUser(t, 'controller');
    const socket = await open(token);
    const closed = closedByServer(socket);
    const response = await as(adminToken).patch(`/api/users/${user.id}`, { active: false });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ id: user.id, active: false }));
    expectApiError(await as(token).get('/api/users/me'), 401);
    expect((await closed).reason).toBe('ended');
    expectApiError(await t.http().post('/api/auth/login').send({ username, password: PASSWORD }), 401);
    await as(adminToken).patch(`/api/users/${user.id}`, { active: true }).expect(200);
    await t.login(username, PASSWORD);
    const actions = (await auditOf('user.')).filter((e) => e.details.userId === user.id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.deactivated', 'user.reactivated']));
    expect((await auditOf('account.login_failed')).some((e) => e.details.reason === 'deactivated')).toBe(true);
  });

  it('a role or post change ends the sessions; other edits do not', async () => {
    const [postA, postB] = [await createCommandPost(t), await createCommandPost(t)];
    const { user, username, token } = await createUser(t, 'operator', postA.id);
    await as(adminToken).patch(`/api/users/${user.id}`, { displayName: 'Duty officer' }).expect(200);
    await as(token).get('/api/users/me').expect(200);
    const socket = await open(token);
    const closed = closedByServer(socket);
    const moved = await as(adminToken).patch(`/api/users/${user.id}`, { commandPostId: postB.id });
    expect(moved.body).toEqual(expect.objectContaining({ commandPostId: postB.id, displayName: 'Duty officer' }));
    expect((await closed).reason).toBe('ended');
    expectApiError(await as(token).get('/api/users/me'), 401);
    const again = await t.login(username, PASSWORD);
    expectApiError(await as(adminToken).patch(`/api/users/${user.id}`, { role: 'controller' }), 400, ['commandPostId']);
    await as(adminToken).patch(`/api/users/${user.id}`, { role: 'controller', commandPostId: null }).expect(200);
    expectApiError(await as(again.accessToken).get('/api/users/me'), 401);
    expectApiError(await as(adminToken).patch(`/api/users/${user.id}`, { role: 'chief' }), 400, ['role']);
    expectApiError(await as(adminToken).patch(`/api/users/${user.id}`, { active: 'no' }), 400, ['active']);
    expectApiError(await as(adminToken).patch('/api/users/7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a', { active: false }), 404);
    expectApiError(await as(again.accessToken).patch(`/api/users/${user.id}`, { active: false }), 401);
  });

  it('the last active admin cannot be deactivated or demoted', async () => {
    const me = (await as(adminToken).get('/api/users/me').expect(200)).body as UserView;
    expectApiError(await as(adminToken).patch(`/api/users/${me.id}`, { active: false }), 409);
    expectApiError(await as(adminToken).patch(`/api/users/${me.id}`, { role: 'controller' }), 409);
  });

  it('each user lists its sessions and ends any of them, not another user’s', async () => {
    const { username } = await createUser(t, 'evaluator');
    const mine = await t.login(username, PASSWORD);
    const laptop = await t
      .http()
      .post('/api/auth/login')
      .set('User-Agent', 'Laptop browser')
      .send({ username, password: PASSWORD })
      .expect(200)
      .then((r) => r.body as LoginResponse);
    const sessions = (await as(mine.accessToken).get('/api/users/me/sessions').expect(200)).body as SessionView[];
    const open = sessions.filter((s) => s.endedAt === null);
    expect(open).toHaveLength(3);
    expect(open.filter((s) => s.current)).toHaveLength(1);
    const other = open.find((s) => s.device === 'Laptop browser');
    expect(other).toEqual(expect.objectContaining({ address: expect.any(String), lastSeenAt: expect.any(String), current: false }));
    expectApiError(await as(adminToken).delete(`/api/users/me/sessions/${other?.id}`), 404);
    await as(mine.accessToken).delete(`/api/users/me/sessions/${other?.id}`).expect(204);
    expectApiError(await as(laptop.accessToken).get('/api/users/me'), 401);
    const after = (await as(mine.accessToken).get('/api/users/me/sessions').expect(200)).body as SessionView[];
    expect(after.find((s) => s.id === other?.id)).toEqual(expect.objectContaining({ endedReason: 'ended_by_user', endedAt: expect.any(String) }));
    expectApiError(await as(mine.accessToken).delete('/api/users/me/sessions/not-a-uuid'), 400);
  });

  it('passwords of new users follow the rules: 12 characters at least, no common password', async () => {
    const create = (password: string) =>
      as(adminToken).post('/api/users', { username: `rules.${password.length}.${Date.now()}`, password, role: 'reviewer' });
    expectApiError(await create('eleven-char'), 400, ['password']);
    expectApiError(await create('1q2w3e4r5t6y'), 400, ['password']);
    expect((await create('twelve chars')).status).toBe(201);
  });

  it('logins, failed logins and session ends are in the audit trail, which admins and reviewers read and operators cannot', async () => {
    const { username, user } = await createUser(t, 'reviewer');
    expectApiError(await t.http().post('/api/auth/login').send({ username, password: 'wrong password!' }), 401);
    const reviewer = await t.login(username, PASSWORD);
    const trail = (await as(reviewer.accessToken).get('/api/audit?exerciseId=none&limit=1000').expect(200)).body as AuditEventView[];
    const ofUser = trail.filter((e) => e.actorId === user.id).map((e) => e.action);
    expect(ofUser).toEqual(expect.arrayContaining(['account.login', 'account.login_failed']));
    expect(trail.every((e) => e.exerciseId === null)).toBe(true);
    expect([...trail].sort((a, b) => b.at.localeCompare(a.at))).toEqual(trail);
    const post = await createCommandPost(t);
    const operator = await createUser(t, 'operator', post.id);
    expectApiError(await as(operator.token).get('/api/audit'), 403);
    expectApiError(await as(adminToken).get('/api/audit?limit=0'), 400, ['limit']);
    expectApiError(await as(adminToken).get('/api/audit?from=yesterday'), 400, ['from']);
    // No route changes the trail.
    for (const method of ['put', 'patch', 'delete'] as const) {
      const response = await t.http()[method]('/api/audit').set('Authorization', `Bearer ${adminToken}`).send({});
      expect(response.status).toBe(404);
    }
  });

  it('the database refuses UPDATE and DELETE on the audit trail, whoever connects', async () => {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      const before = await client.query<{ count: string }>('select count(*) from audit_event');
      expect(Number(before.rows[0].count)).toBeGreaterThan(0);
      await expect(client.query(`update audit_event set actor_name = 'someone else'`)).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(client.query('delete from audit_event')).rejects.toThrow(/append-only: DELETE refused/);
      const after = await client.query<{ count: string }>('select count(*) from audit_event');
      expect(after.rows[0].count).toBe(before.rows[0].count);
      await client.query(
        `insert into audit_event (id, at, actor_name, action, details) values (gen_random_uuid(), now(), 'test', 'account.test', '{}')`,
      );
    } finally {
      await client.end();
    }
  });
});

describe('socket and token expiry', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { EXCON_JWT_TTL_SECONDS: '5' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a socket is disconnected when its token expires, unless the console renews it with a refreshed token', async () => {
    const login = await t.login(ADMIN.username, ADMIN.password);
    const [lapsing, renewing] = [await connectConsole(t.url, login.accessToken), await connectConsole(t.url, login.accessToken)];
    try {
      const lapsed = closedByServer(lapsing);
      // Tokens expire to the second: a refresh in the login's second would expire with it.
      await sleep(1100);
      const renewed = await t.http().post('/api/auth/refresh').send({ refreshToken: login.refreshToken }).expect(200);
      const answer = await ask(renewing.socket, 'auth:renew', { token: renewed.body.accessToken as string });
      expect(answer).toEqual({ ok: true, expiresAt: renewed.body.expiresAt });
      expect(await ask(renewing.socket, 'auth:renew', { token: 'forged' })).toEqual({ ok: false, error: 'not a token of this session' });
      const { at, reason } = await lapsed;
      expect(reason).toBe('expired');
      expect(at).toBeGreaterThanOrEqual(Date.parse(login.expiresAt) - 50);
      expect(at - Date.parse(login.expiresAt)).toBeLessThan(1000);
      expect(Date.parse(renewed.body.expiresAt as string)).toBeGreaterThan(Date.parse(login.expiresAt));
      expect(renewing.socket.connected).toBe(true);
      await waitFor(() => !renewing.socket.connected, 'the renewed socket to lapse at its new expiry', 10_000);
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(renewed.body.expiresAt as string) - 50);
    } finally {
      lapsing.close();
      renewing.close();
    }
  });
});
