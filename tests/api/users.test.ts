import type { Response } from 'supertest';
import { expectApiError } from '../support/api-errors';
import { queryDatabase } from '../support/database';
import { createCommandPost, createUser } from '../support/fixtures';
import { ADMIN, startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('users', () => {
  let t: TestPlatform;
  let admin: string;
  let postId: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = `Bearer ${await t.adminToken()}`;
    postId = (await createCommandPost(t)).id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const create = (body: Record<string, unknown>) => t.http().post('/api/users').set('Authorization', admin).send(body);

  describe('creation', () => {
    it('creates an operator of a command post and lists it', async () => {
      const response = await create({
        username: 'op.almaty',
        password: 'operator-password',
        role: 'operator',
        displayName: 'Almaty duty officer',
        commandPostId: postId,
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          username: 'op.almaty',
          displayName: 'Almaty duty officer',
          role: 'operator',
          commandPostId: postId,
        }),
      );
      const list = await t.http().get('/api/users').set('Authorization', admin);
      expect(list.status).toBe(200);
      expect(list.body).toContainEqual(response.body);
      expect(list.body.map((u: { username: string }) => u.username)).toContain(ADMIN.username);
      const login = await t.login('op.almaty', 'operator-password');
      expect(login.user).toEqual(response.body);
    });

    it('defaults the display name to the username', async () => {
      const response = await create({ username: 'ctl.default', password: 'controller-password', role: 'controller' });
      expect(response.status).toBe(201);
      expect(response.body).toEqual(expect.objectContaining({ username: 'ctl.default', displayName: 'ctl.default', commandPostId: null }));
    });

    it('requires a command post for an operator (400 naming commandPostId)', async () => {
      expectApiError(await create({ username: 'op.nopost', password: 'operator-password', role: 'operator' }), 400, ['commandPostId']);
    });

    it.each(['admin', 'controller', 'evaluator', 'reviewer'])('refuses a command post for the %s role (400 naming commandPostId)', async (role) => {
      expectApiError(await create({ username: `with-post-${role}`, password: 'long-enough-password', role, commandPostId: postId }), 400, [
        'commandPostId',
      ]);
    });

    it('refuses a command post id that names no post, or is not an id (400 naming commandPostId)', async () => {
      expectApiError(
        await create({
          username: 'op.ghost',
          password: 'operator-password',
          role: 'operator',
          commandPostId: '00000000-0000-4000-8000-000000000000',
        }),
        400,
        ['commandPostId'],
      );
      expectApiError(await create({ username: 'op.ghost', password: 'operator-password', role: 'operator', commandPostId: 'post-1' }), 400, [
        'commandPostId',
      ]);
    });

    it('refuses bad usernames, short passwords, unknown roles and unknown fields, naming each field', async () => {
      expectApiError(await create({ username: 'Has Spaces', password: 'long-enough-password', role: 'controller' }), 400, ['username']);
      expectApiError(await create({ username: 'shortpw', password: 'short', role: 'controller' }), 400, ['password']);
      expectApiError(await create({ username: 'badrole', password: 'long-enough-password', role: 'superuser' }), 400, ['role']);
      expectApiError(await create({ username: 'extra', password: 'long-enough-password', role: 'controller', isAdmin: true }), 400, ['isAdmin']);
      expectApiError(await create({}), 400, ['username', 'password', 'role']);
      const list = await t.http().get('/api/users').set('Authorization', admin);
      expect(list.body.map((u: { username: string }) => u.username)).not.toEqual(expect.arrayContaining(['shortpw']));
    });

    it('refuses a taken username with 409 and keeps the first user', async () => {
      const first = await create({ username: 'taken.name', password: 'first-password', role: 'evaluator' });
      expect(first.status).toBe(201);
      expectApiError(await create({ username: 'taken.name', password: 'second-password', role: 'reviewer' }), 409);
      const list = await t.http().get('/api/users').set('Authorization', admin);
      expect(list.body.filter((u: { username: string }) => u.username === 'taken.name')).toEqual([first.body]);
      expect((await t.login('taken.name', 'first-password')).user.role).toBe('evaluator');
    });
  });

  describe('me', () => {
    it('reads and updates the caller, language included, and keeps the change', async () => {
      const { token, user } = await createUser(t, 'operator', postId);
      const me = await t.http().get('/api/users/me').set('Authorization', `Bearer ${token}`);
      expect(me.status).toBe(200);
      expect(me.body).toEqual(
        expect.objectContaining({ id: user.id, username: user.username, role: 'operator', commandPostId: postId, language: 'ru' }),
      );

      const patched = await t
        .http()
        .patch('/api/users/me')
        .set('Authorization', `Bearer ${token}`)
        .send({ language: 'en', displayName: 'Night shift' });
      expect(patched.status).toBe(200);
      expect(patched.body).toEqual(expect.objectContaining({ id: user.id, language: 'en', displayName: 'Night shift', role: 'operator' }));
      const again = await t.http().get('/api/users/me').set('Authorization', `Bearer ${token}`);
      expect(again.body).toEqual(patched.body);
      const list = await t.http().get('/api/users').set('Authorization', admin);
      expect(list.body).toContainEqual(patched.body);
    });

    it('refuses a language it does not know, an empty display name, and fields a user may not change', async () => {
      const { token } = await createUser(t, 'controller');
      const before = (await t.http().get('/api/users/me').set('Authorization', `Bearer ${token}`)).body;
      expectApiError(await t.http().patch('/api/users/me').set('Authorization', `Bearer ${token}`).send({ language: 'de' }), 400, ['language']);
      expectApiError(await t.http().patch('/api/users/me').set('Authorization', `Bearer ${token}`).send({ displayName: '' }), 400, ['displayName']);
      expectApiError(await t.http().patch('/api/users/me').set('Authorization', `Bearer ${token}`).send({ role: 'admin' }), 400, ['role']);
      expectApiError(await t.http().patch('/api/users/me').set('Authorization', `Bearer ${token}`).send({ password: 'new-password-1' }), 400, [
        'password',
      ]);
      expect((await t.http().get('/api/users/me').set('Authorization', `Bearer ${token}`)).body).toEqual(before);
    });
  });

  describe('no response carries a password or its hash', () => {
    const SECRET = 'Sup3r-secret-passphrase';

    function expectNoSecret(response: Response): void {
      const text = JSON.stringify(response.body) + response.text;
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('$argon2');
      expect(text.toLowerCase()).not.toContain('passwordhash');
    }

    it('keeps the password out of create, login, me, the users list and errors, while the database holds an argon2 hash', async () => {
      const created = await create({ username: 'secret.keeper', password: SECRET, role: 'controller' });
      expect(created.status).toBe(201);
      expectNoSecret(created);

      const login = await t.http().post('/api/auth/login').send({ username: 'secret.keeper', password: SECRET });
      expect(login.status).toBe(200);
      expectNoSecret(login);
      const token = `Bearer ${login.body.accessToken}`;
      expect(Buffer.from(login.body.accessToken.split('.')[1], 'base64url').toString()).not.toContain(SECRET);

      const me = await t.http().get('/api/users/me').set('Authorization', token);
      expect(me.status).toBe(200);
      expectNoSecret(me);
      const patched = await t.http().patch('/api/users/me').set('Authorization', token).send({ language: 'en' });
      expect(patched.status).toBe(200);
      expectNoSecret(patched);

      const list = await t.http().get('/api/users').set('Authorization', admin);
      expect(list.status).toBe(200);
      expect(list.body.length).toBeGreaterThanOrEqual(2);
      expectNoSecret(list);
      for (const user of list.body)
        expect(Object.keys(user).sort()).toEqual([
          'active',
          'commandPostId',
          'displayName',
          'id',
          'language',
          'mustChangePassword',
          'role',
          'username',
        ]);

      const duplicate = await create({ username: 'secret.keeper', password: SECRET, role: 'controller' });
      expect(duplicate.status).toBe(409);
      expectNoSecret(duplicate);
      const invalid = await create({ username: 'Bad Name', password: SECRET, role: 'controller' });
      expect(invalid.status).toBe(400);
      expectNoSecret(invalid);
      const wrong = await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'secret.keeper', password: `${SECRET}-wrong` });
      expect(wrong.status).toBe(401);
      expectNoSecret(wrong);

      const [stored] = await queryDatabase<{ password_hash: string }>(t.databaseUrl, 'select password_hash from app_user where username = $1', [
        'secret.keeper',
      ]);
      expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    });
  });
});
