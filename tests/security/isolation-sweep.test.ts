import { randomUUID } from 'node:crypto';
import { askRaw, connectConsole, type TestConsole } from '../support/consoles';
import { registeredRoutes, type RegisteredRoute } from '../support/http-routes';
import { fillEach, pathParameters, validBody } from '../support/route-bodies';
import {
  answerText,
  changedTables,
  cut,
  DatabaseFingerprint,
  Failures,
  foreignData,
  mselKeys,
  runSecurityExercises,
  seedSecurityWorld,
  type SecurityWorld,
} from '../support/security-world';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * Issue 8, "An isolation sweep": two posts, an operator each, a full exercise (started, injects fired to each
 * post, acknowledged and answered). Alpha's operator tries every route of the real router and every /console
 * event with bravo's ids (the exercise only bravo takes part in, bravo's injects, bravo's deliveries, bravo's post
 * and operator). Every answer is 404 (403 on a route the role may not use) or {ok:false}; no answer, and nothing
 * alpha's console is pushed, carries anything of bravo; nothing in the database changes.
 */
describe('isolation sweep: an operator tries the other post’s ids on every route and event (issue 8)', () => {
  let t: TestPlatform;
  let world: SecurityWorld;
  let consoles: { alpha: TestConsole; bravo: TestConsole };
  let routes: RegisteredRoute[];
  let db: DatabaseFingerprint;
  let probes = 0;

  beforeAll(async () => {
    t = await startTestPlatform();
    world = await seedSecurityWorld(t);
    consoles = {
      alpha: await connectConsole(t.url, world.alpha.operator.token),
      bravo: await connectConsole(t.url, world.bravo.operator.token),
    };
    world = await runSecurityExercises(t, world, consoles);
    // Logging out ends the session of the token the sweep goes on with; it takes no id (tests/api/sessions.test.ts).
    routes = registeredRoutes(t).filter((r) => `${r.method} ${r.path}` !== 'POST /api/auth/logout');
    db = new DatabaseFingerprint(t.databaseUrl);
    await db.open();
  });

  afterAll(async () => {
    console.log(`isolation sweep: ${probes} probes by alpha's operator with bravo's ids over ${routes?.length ?? 0} routes and 4 socket events`);
    consoles?.alpha.close();
    consoles?.bravo.close();
    await db?.close();
    await t?.stop();
  });

  /** Bravo's ids by kind: what alpha's operator must not reach. */
  const bravoIds = () => ({
    exercise: world.bravo.ownExerciseIds,
    inject: world.bravo.ownInjectIds,
    delivery: world.bravo.deliveries.map((d) => d.id),
    post: [world.bravo.post.id],
    user: [world.bravo.operator.user.id],
  });
  const allBravoIds = () => Object.values(bravoIds()).flat();

  const alphaHeader = () => `Bearer ${world.alpha.operator.token}`;

  function send(route: RegisteredRoute, path: string, body?: Record<string, unknown>) {
    let req = t.http()[route.method.toLowerCase() as 'get'](path).set('Authorization', alphaHeader()).timeout(15_000);
    if (body) req = req.send(body);
    return req;
  }

  /** Path parameter values: every combination that names at least one of bravo's ids. */
  function combinations(params: string[]): Record<string, string>[] {
    const own = [world.shared.id, world.completed.id];
    const bravo = allBravoIds();
    if (params.length === 1) return bravo.map((id) => ({ [params[0]]: id }));
    const [first, ...rest] = params;
    const out: Record<string, string>[] = [];
    // The first parameter is an exercise or a scenario: bravo's own exercise, alpha's, or an id of another kind.
    const ids = bravoIds();
    for (const a of [...ids.exercise, ...own, ids.delivery[0], ids.inject[0], ids.post[0]]) {
      for (const b of bravo) out.push({ [first]: a, ...Object.fromEntries(rest.map((p) => [p, b])) });
    }
    // And bravo's ids in the first place with alpha's own in the others.
    for (const a of bravo) out.push({ [first]: a, ...Object.fromEntries(rest.map((p) => [p, world.shared.injects?.[0]?.id ?? randomUUID()])) });
    return out;
  }

  /** The body fields that take an id (CONTRACT.md), set to `id`; null when the route's body names no id. */
  function bodyWith(route: RegisteredRoute, id: string): Record<string, unknown> | null {
    const body = validBody(route, { scenarioId: id, commandPostId: id }, Math.floor(Math.random() * 1e9));
    if (`${route.method} ${route.path}` === 'POST /api/users') Object.assign(body, { role: 'operator', commandPostId: id });
    return Object.keys(body).some((k) => /id$/i.test(k) || k === 'targets') ? body : null;
  }

  it('walks the real router and has bravo ids of every kind to try', () => {
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /api/exercises/:id', 'GET /api/exercises/:id/deliveries', 'POST /api/exercises']),
    );
    const ids = bravoIds();
    expect(ids.exercise.length).toBeGreaterThanOrEqual(1);
    expect(ids.inject.length).toBeGreaterThanOrEqual(8);
    expect(ids.delivery.length).toBeGreaterThanOrEqual(5);
    // Bravo's operator did answer in the shared exercise: there is a response of bravo to leak.
    expect(world.bravo.secrets.some((s) => s.startsWith('BRAVO response'))).toBe(true);
  });

  it('every REST route with bravo’s ids in its path and body answers 404 (403 where the role is refused) and carries nothing of bravo', async () => {
    const failures = new Failures();
    const before = await db.take();
    for (const route of routes) {
      const params = pathParameters(route.path);
      const tries: { path: string; body?: Record<string, unknown> }[] = [];
      if (params.length)
        for (const values of combinations(params)) {
          // A body of the route's shape, so that validation does not answer before the ids are looked up.
          const body = bodyWith(route, values[params[0]]) ?? validBody(route, { scenarioId: values[params[0]], commandPostId: values[params[0]] }, 0);
          tries.push({ path: fillEach(route.path, values), body: Object.keys(body).length ? body : undefined });
        }
      else
        for (const id of allBravoIds()) {
          const body = bodyWith(route, id);
          if (body) tries.push({ path: route.path, body });
        }
      // A route that names no id (the caller's own feed, profile) has nothing of bravo's to try.
      if (tries.length === 0) continue;
      // Whether the role may use the route at all: asked with ids nobody has.
      const probePath = fillEach(route.path, Object.fromEntries(params.map((p) => [p, randomUUID()])));
      const refused = (await send(route, probePath)).status === 403;
      const expected = refused ? [403] : [404];
      for (const attempt of tries) {
        const response = await send(route, attempt.path, attempt.body);
        probes += 1;
        const text = answerText(response);
        const where = `${route.method} ${route.path}`;
        const described = `${route.method} ${attempt.path}${attempt.body ? ` ${cut(JSON.stringify(attempt.body), 120)}` : ''} → ${response.status} ${cut(text, 200)}`;
        if (!expected.includes(response.status)) failures.add({ property: `answers ${expected.join('/')}`, where, detail: described });
        const leaked = foreignData(world.bravo, text, attempt.path + JSON.stringify(attempt.body ?? ''));
        if (leaked.length) failures.add({ property: 'carries nothing of bravo', where, detail: `${described}: ${leaked.join(', ')}` });
      }
    }
    const changed = changedTables(before, await db.take());
    if (changed.length) failures.add({ property: 'changes nothing', where: 'all REST probes', detail: changed.join(', ') });
    report(failures);
  });

  it('what alpha may read (its exercises, their deliveries, its profile, the post directory) carries nothing of bravo and nothing counted from the MSEL', async () => {
    const failures = new Failures();
    const reads = [
      '/api/exercises',
      ...[world.shared.id, world.completed.id, world.mselLeak.id].flatMap((id) => [`/api/exercises/${id}`, `/api/exercises/${id}/deliveries`]),
      '/api/users/me',
      '/api/command-posts',
    ];
    for (const path of reads) {
      const response = await t.http().get(path).set('Authorization', alphaHeader());
      probes += 1;
      const text = answerText(response);
      const described = `GET ${path} → ${response.status} ${cut(text, 400)}`;
      if (response.status >= 500) failures.add({ property: 'no 5xx', where: path, detail: described });
      const leaked = foreignData(world.bravo, text, path, { directory: path === '/api/command-posts' });
      if (leaked.length)
        failures.add({
          property: 'carries nothing of bravo',
          where: `GET ${path.replace(/[0-9a-f-]{36}/g, ':id')}`,
          detail: `${described}: ${leaked.join(', ')}`,
        });
      const keys = mselKeys(response.body);
      if (keys.length)
        failures.add({
          property: 'no injectCount',
          where: `GET ${path.replace(/[0-9a-f-]{36}/g, ':id')}`,
          detail: `${keys.join(', ')}: ${described}`,
        });
    }
    // Alpha does take part in the shared exercise: the reads are real answers, not refusals.
    expect((await t.http().get(`/api/exercises/${world.shared.id}/deliveries`).set('Authorization', alphaHeader())).body).toHaveLength(
      world.alpha.deliveries.filter((d) => d.exerciseId === world.shared.id).length,
    );
    report(failures);
  });

  it('every /console event with bravo’s delivery and exercise ids answers {ok:false}, carries nothing of bravo and changes nothing', async () => {
    const failures = new Failures();
    const socket = consoles.alpha.socket;
    const before = await db.take();
    const ids = bravoIds();
    const attempts: { event: string; payload: Record<string, unknown> }[] = [];
    for (const id of allBravoIds()) {
      attempts.push({ event: 'inject:received', payload: { deliveryId: id } });
      attempts.push({ event: 'inject:acknowledge', payload: { deliveryId: id } });
      attempts.push({ event: 'inject:read', payload: { deliveryId: id } });
      attempts.push({ event: 'inject:respond', payload: { deliveryId: id, text: `Alpha answers ${id}` } });
    }
    for (const id of [...ids.exercise, ...ids.delivery, ...ids.inject, ...ids.post])
      attempts.push({ event: 'sync', payload: { exerciseId: id, afterSeq: 0 } });
    for (const { event, payload } of attempts) {
      const ack = await askRaw(socket, event, payload).catch((e: Error) => ({ timeout: e.message }));
      probes += 1;
      const text = JSON.stringify(ack);
      const described = `${event} ${JSON.stringify(payload)} → ${cut(text, 300)}`;
      const refused =
        typeof ack === 'object' && ack !== null && (ack as { ok?: unknown }).ok === false && typeof (ack as { error?: unknown }).error === 'string';
      if (!refused)
        failures.add({
          property: 'answers {ok:false, error}',
          where: `${event} with bravo's ${kindOf(ids, (payload.deliveryId ?? payload.exerciseId) as string)} id`,
          detail: described,
        });
      const leaked = foreignData(world.bravo, text, JSON.stringify(payload));
      if (leaked.length) failures.add({ property: 'carries nothing of bravo', where: event, detail: `${described}: ${leaked.join(', ')}` });
    }
    // Alpha's own replays carry alpha's injects only, including in exercises bravo shares.
    for (const exerciseId of [world.shared.id, world.completed.id, world.mselLeak.id]) {
      const ack = await askRaw(socket, 'sync', { exerciseId, afterSeq: 0 });
      probes += 1;
      const leaked = foreignData(world.bravo, JSON.stringify(ack), '');
      if (leaked.length)
        failures.add({ property: 'carries nothing of bravo', where: 'sync of a shared exercise', detail: `${exerciseId}: ${leaked.join(', ')}` });
    }
    const changed = changedTables(before, await db.take());
    if (changed.length) failures.add({ property: 'changes nothing', where: 'all socket probes', detail: changed.join(', ') });
    // Everything alpha's console was pushed since it connected (the whole exercise) carries nothing of bravo.
    const pushed = foreignData(world.bravo, JSON.stringify(consoles.alpha.events), '');
    if (pushed.length) failures.add({ property: 'carries nothing of bravo', where: 'pushes to alpha’s console', detail: pushed.join(', ') });
    expect(consoles.alpha.injects.length).toBeGreaterThanOrEqual(world.alpha.deliveries.length);
    report(failures);
  });
});

function kindOf(ids: Record<string, string[]>, id: string): string {
  return Object.entries(ids).find(([, list]) => list.includes(id))?.[0] ?? 'other';
}

function report(failures: Failures): void {
  const lines = failures.report();
  if (lines.length) console.log(`isolation failures (${lines.length}):\n${lines.join('\n')}`);
  expect(lines).toEqual([]);
}
