import { randomUUID } from 'node:crypto';
import { expectApiError } from '../support/api-errors';
import { createRoleUsers } from '../support/fixtures';
import { fillPathParameters, registeredRoutes, type RegisteredRoute } from '../support/http-routes';
import { decodeClaims, signToken } from '../support/tokens';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** CONTRACT.md: every route but login and health needs a token; the OpenAPI docs are served beside the API. */
// The refresh route authenticates by its body's refresh token instead (tests/api/sessions.test.ts).
/** The calendar feed is public: its URL holds the secret (tests/api/training-plan.test.ts checks a wrong one gets 404). */
const PUBLIC_ROUTES = ['POST /api/auth/login', 'POST /api/auth/refresh', 'GET /api/health', 'GET /api/plan/feed/:secret.ics'];
const isDocs = (route: RegisteredRoute) => route.path === '/api/docs' || route.path.startsWith('/api/docs/') || route.path.startsWith('/api/docs-');
/** Routes outside /api are the browser console's pages (public: the login form is one of them). */
const isApi = (route: RegisteredRoute) => route.path === '/api' || route.path.startsWith('/api/');

describe('a token is required on every route', () => {
  let t: TestPlatform;
  let guarded: RegisteredRoute[];
  let secret: string;
  let claims: Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestPlatform();
    secret = t.config.jwtSecret as string;
    claims = decodeClaims(await t.adminToken());
    const routes = registeredRoutes(t);
    guarded = routes.filter((r) => isApi(r) && !isDocs(r) && !PUBLIC_ROUTES.includes(`${r.method} ${r.path}`));
  });
  afterAll(async () => {
    await t?.stop();
  });

  const call = (route: RegisteredRoute) => {
    const path = fillPathParameters(route.path, randomUUID());
    return t.http()[route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path);
  };

  it('finds the routes of the running app (so the walk below cannot pass on an empty list)', () => {
    const all = registeredRoutes(t).map((r) => `${r.method} ${r.path}`);
    expect(all).toEqual(
      expect.arrayContaining([...PUBLIC_ROUTES, 'POST /api/users', 'GET /api/scenarios/:id', 'DELETE /api/scenarios/:id/injects/:injectId']),
    );
    expect(guarded.length).toBeGreaterThanOrEqual(12);
    expect(guarded.every((r) => !r.path.includes('*'))).toBe(true);
  });

  it('answers 401 on every guarded route without a token', async () => {
    for (const route of guarded) {
      const response = await call(route);
      expect({ route, status: response.status }).toEqual({ route, status: 401 });
      expectApiError(response, 401);
    }
  });

  it('answers 401 on every guarded route to forged, expired and malformed tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const bad: Record<string, string> = {
      'signed with another secret': `Bearer ${signToken({ ...claims, exp: now + 3600 }, 'another-secret-another-secret-0123456789')}`,
      expired: `Bearer ${signToken({ ...claims, iat: now - 7200, exp: now - 3600 }, secret)}`,
      'alg none': `Bearer ${signToken({ ...claims, exp: now + 3600 }, secret, { alg: 'none', typ: 'JWT' })}`,
      // Well signed, but naming a session that does not exist, or someone else's session.
      'unknown session': `Bearer ${signToken({ ...claims, sid: randomUUID(), exp: now + 3600 }, secret)}`,
      'another user’s session': `Bearer ${signToken({ ...claims, sub: randomUUID(), exp: now + 3600 }, secret)}`,
      'no session': `Bearer ${signToken({ sub: claims.sub, exp: now + 3600 }, secret)}`,
      'not a JWT': 'Bearer not-a-token',
      'not a bearer header': `Basic ${Buffer.from('admin:whatever').toString('base64')}`,
    };
    for (const route of guarded) {
      for (const [kind, header] of Object.entries(bad)) {
        const response = await call(route).set('Authorization', header);
        expect({ route, kind, status: response.status }).toEqual({ route, kind, status: 401 });
        expectApiError(response, 401);
      }
    }
  });

  it('lets valid tokens through the guard on every guarded route: never 401, and some role is allowed', async () => {
    const { users } = await createRoleUsers(t);
    // Logout would end the sessions whose tokens the walk goes on with (it has its own tests).
    for (const route of guarded.filter((r) => `${r.method} ${r.path}` !== 'POST /api/auth/logout')) {
      const statuses: Record<string, number> = {};
      for (const [role, { token }] of Object.entries(users)) {
        statuses[role] = (await call(route).set('Authorization', `Bearer ${token}`)).status;
      }
      const values = Object.values(statuses);
      expect({
        route,
        statuses,
        unauthorized: values.includes(401),
        serverError: values.some((s) => s >= 500),
        someoneAllowed: values.some((s) => s !== 403),
      }).toEqual({
        route,
        statuses,
        unauthorized: false,
        serverError: false,
        someoneAllowed: true,
      });
    }
  });

  it('serves login, health and the OpenAPI docs without a token', async () => {
    expect((await t.http().get('/api/health')).status).toBe(200);
    expectApiError(await t.http().post('/api/auth/login').send({ username: 'nobody', password: 'wrong-password' }), 401);
    const docs = await t.http().get('/api/docs/json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/scenarios']));
  });
});
