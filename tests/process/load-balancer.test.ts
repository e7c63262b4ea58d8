import request from 'supertest';
import { connectConsole, waitFor, type TestConsole } from '../support/consoles';
import { inject } from '../support/exercises';
import {
  balancerConfig,
  checkBalancerConfig,
  HAPROXY_CFG,
  readBalancerConfig,
  startBalancer,
  startEntry,
  type BalancerLogLine,
  type RunningBalancer,
} from '../support/load-balancer';
import { createExerciseOverHttp, seedOverHttp, serverEnv, stopRunning, type RunningServer } from '../support/remote-setup';
import { assertServerBuilt } from '../support/server-process';
import { createTestDatabase, deleteRedisPrefix, uniqueName } from '../support/test-platform';

/** Resolves once the console's engine.io connection has moved from long-polling to its WebSocket. */
function upgraded(console: TestConsole): Promise<void> {
  const engine = console.socket.io.engine;
  if (engine.transport.name === 'websocket') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no upgrade to a WebSocket within 15 s (still ${engine.transport.name})`)), 15_000);
    engine.once('upgrade', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The requests of one engine.io session, as HAProxy logged them. */
function sessionRequests(balancer: RunningBalancer, sid: string): BalancerLogLine[] {
  return balancer.requests().filter((r) => r.sid === sid);
}

describe('docker/haproxy.cfg', () => {
  it('passes `haproxy -c` as it is, the compose service names unresolved here', () => {
    const { status, output } = checkBalancerConfig(HAPROXY_CFG);
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('Configuration file is valid') });
    // Outside Docker the servers' names (api-1, api-2) do not resolve: `init-addr none` lets HAProxy start
    // regardless; any other warning is a fault of the file.
    const warnings = output.split('\n').filter((line) => line.includes('[WARNING]'));
    expect(warnings.filter((line) => !/could not resolve address 'api-\d'/.test(line))).toEqual([]);
  });

  it('is changed for this machine only in its listening and server addresses', () => {
    const source = readBalancerConfig();
    const local = balancerConfig(source, { http: 40001, stats: 40002 }, { 'api-1': 41001, 'api-2': 41002 });
    const changed = (text: string) => text.split('\n').filter((line) => !source.split('\n').includes(line));
    expect(
      changed(local)
        .map((line) => line.trim())
        .sort(),
    ).toEqual([
      'bind 127.0.0.1:40001',
      'bind 127.0.0.1:40002',
      'server api-1 127.0.0.1:41001 cookie api-1',
      'server api-2 127.0.0.1:41002 cookie api-2',
    ]);
    expect(local.split('\n')).toHaveLength(source.split('\n').length);
  });
});

/**
 * docker/compose.yaml's layout on this machine: Debian's HAProxy on docker/haproxy.cfg in front of two
 * API processes, one worker, one PostgreSQL database and one Redis prefix, everything through the balancer.
 */
describe('two API processes and a worker behind HAProxy', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const prefix = uniqueName('excon-lb');
  const servers: RunningServer[] = [];
  const balancers: RunningBalancer[] = [];
  const consoles: TestConsole[] = [];
  let balancer: RunningBalancer;
  // As compose.yaml sets it for the API processes: the balancer is the one trusted hop.
  const env = () => serverEnv(database.url, prefix, true, { EXCON_TRUST_PROXY: '1' });

  beforeAll(async () => {
    assertServerBuilt();
    database = await createTestDatabase();
    // api-1 applies the migrations before the others start, as compose.yaml orders them.
    servers.push(await startEntry('api', env()));
    servers.push(...(await Promise.all([startEntry('api', env()), startEntry('worker', env())])));
    balancer = await startBalancer({ 'api-1': servers[0].port, 'api-2': servers[1].port });
    balancers.push(balancer);
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await Promise.all(balancers.map((b) => b.stop()));
    await Promise.all(servers.map((s) => stopRunning(s)));
    await database?.drop();
    await deleteRedisPrefix(prefix);
  });

  it('consoles on polling-then-WebSocket stay on one API process each, are spread over both, and get exactly their injects', async () => {
    const { posts, operatorTokens, controllerToken } = await seedOverHttp(balancer.url, 2);
    const exercise = await createExerciseOverHttp(
      balancer.url,
      controllerToken,
      [inject('M-1', 1, [posts[0]]), inject('M-2', 1, [posts[1]]), inject('M-3', 2, posts)],
      2,
    );
    // One after the other, each upgraded before the next: the first console's WebSocket is then the one
    // open connection, and `balance leastconn` sends the second console's session to the other process.
    const first = await connectConsole(balancer.url, operatorTokens[0], { asBrowser: true });
    consoles.push(first);
    await upgraded(first);
    const second = await connectConsole(balancer.url, operatorTokens[1], { asBrowser: true });
    consoles.push(second);
    await upgraded(second);
    const sids = [first, second].map((c) => c.socket.io.engine.id);

    await request(balancer.url).post(`/api/exercises/${exercise.id}/start`).set('Authorization', `Bearer ${controllerToken}`).send({}).expect(200);
    await waitFor(() => first.injects.length === 2 && second.injects.length === 2, 'the injects on both consoles');
    // A "fire now" through the balancer, to the second post only, arrives after everything fired before it.
    const adHoc = await request(balancer.url)
      .post(`/api/exercises/${exercise.id}/injects`)
      .set('Authorization', `Bearer ${controllerToken}`)
      .send({ ref: 'M-X', title: 'Ad hoc', body: 'Now', targets: [posts[1]], precedence: 'flash' });
    expect(adHoc.status).toBe(201);
    await waitFor(() => second.injects.some((m) => m.ref === 'M-X'), 'the ad-hoc inject');
    expect(first.injects.map((m) => m.ref)).toEqual(['M-1', 'M-3']);
    expect(second.injects.map((m) => m.ref)).toEqual(['M-2', 'M-3', 'M-X']);

    // HAProxy logs a WebSocket when it closes: close the consoles and read where every request went.
    first.close();
    second.close();
    await waitFor(() => sids.every((sid) => sessionRequests(balancer, sid).some((r) => r.status === 101)), 'HAProxy to log both WebSockets');
    const placement = sids.map((sid) => {
      const requests = sessionRequests(balancer, sid);
      return {
        servers: [...new Set(requests.map((r) => r.server))],
        polled: requests.some((r) => r.transport === 'polling' && r.status === 200),
        upgraded: requests.filter((r) => r.transport === 'websocket').map((r) => r.status),
        failed: requests.filter((r) => r.status >= 400).length,
      };
    });
    // Every request of a session, its long-polling ones and its WebSocket upgrade, reached one process.
    for (const session of placement)
      expect(session).toEqual({ servers: [expect.stringMatching(/^api-[12]$/)], polled: true, upgraded: [101], failed: 0 });
    expect(new Set(placement.map((p) => p.servers[0])).size).toBe(2);

    // REST calls went to both processes and were all answered: a token signed by one is taken by the other.
    const rest = balancer.requests().filter((r) => r.path.startsWith('/api/'));
    expect(new Set(rest.map((r) => r.server))).toEqual(new Set(['api-1', 'api-2']));
    expect(rest.filter((r) => r.status >= 400)).toEqual([]);
  });

  it('without its sticky cookie the same configuration loses the long-polling sessions', async () => {
    const unsticky = await startBalancer({ 'api-1': servers[0].port, 'api-2': servers[1].port }, { sticky: false });
    balancers.push(unsticky);
    const { operatorTokens } = await seedOverHttp(balancer.url, 1);
    // Round robin may, by chance, send every request of one short session to the same process before the WebSocket
    // upgrade: a few sessions in a row, and at least one is lost (each has even odds or worse of surviving).
    let lost = false;
    for (let attempt = 0; attempt < 6 && !lost; attempt++) {
      try {
        (await connectConsole(unsticky.url, operatorTokens[0], { asBrowser: true })).close();
      } catch {
        lost = true;
      }
    }
    expect(lost).toBe(true);
    // The handshake went to one process, a later request of that session to the other, which refused it.
    await waitFor(() => unsticky.requests().some((r) => r.sid !== null && r.status === 400), 'a refused request of the session');
    const lines = unsticky.requests();
    const refused = lines.find((r) => r.sid !== null && r.status === 400) as BalancerLogLine;
    // That session's handshake: the last one before the refusal (an earlier session may have been kept).
    const handshake = lines
      .slice(0, lines.indexOf(refused))
      .reverse()
      .find((r) => r.path.startsWith('/socket.io/') && r.sid === null && r.status === 200) as BalancerLogLine;
    expect(refused.server).not.toBe(handshake.server);
  });

  it('sets X-Forwarded-Proto itself, so a client cannot claim TLS to the API that trusts it', async () => {
    const spoofed = { 'X-Forwarded-Proto': 'https' };
    const direct = await request(servers[0].url).get('/api/health').set(spoofed);
    // The API believes the one hop it trusts (here the test itself, straight from 127.0.0.1) ...
    expect(direct.headers['strict-transport-security']).toBeDefined();
    // ... and through the balancer that hop says "http", whatever the client sent.
    const through = await request(balancer.url).get('/api/health').set(spoofed);
    expect(through.status).toBe(200);
    expect(through.headers['strict-transport-security']).toBeUndefined();
  });
});
