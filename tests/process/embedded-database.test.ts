import type { CommandPostView, LoginResponse } from '@excon/contracts';
import {
  assertServerBuilt,
  cleanUpServers,
  freePort,
  makeDataDir,
  processesUsing,
  spawnServer,
  stopServer,
  waitForHealth,
  type ServerProcess,
} from '../support/server-process';

jest.setTimeout(300_000);

/** The documented default administrator of a fresh installation (EXCON_ADMIN_* unset). */
const DEFAULT_ADMIN = { username: 'admin', password: 'excon-admin' };

interface Installation {
  dataDir: string;
  port: number;
  url: string;
  env: Record<string, string>;
}

async function installation(extraEnv: Record<string, string> = {}): Promise<Installation> {
  const dataDir = makeDataDir();
  const port = await freePort();
  return {
    dataDir,
    port,
    url: `http://127.0.0.1:${port}`,
    env: { PORT: String(port), EXCON_DATA_DIR: dataDir, EXCON_LOG_LEVEL: 'warn', ...extraEnv },
  };
}

async function start(install: Installation): Promise<ServerProcess> {
  const server = spawnServer(install.env);
  await waitForHealth(server, install.url, 90_000);
  return server;
}

async function api<T>(
  install: Installation,
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${install.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function login(install: Installation, credentials: { username: string; password: string }): Promise<string> {
  const response = await api<LoginResponse>(install, '/api/auth/login', { method: 'POST', body: credentials });
  expect(response.status).toBe(200);
  return response.body.accessToken;
}

async function postCodes(install: Installation, credentials: { username: string; password: string }): Promise<string[]> {
  const response = await api<CommandPostView[]>(install, '/api/command-posts', { token: await login(install, credentials) });
  expect(response.status).toBe(200);
  return response.body.map((p) => p.code);
}

/** DATABASE_URL unset: the server keeps its own PostgreSQL under EXCON_DATA_DIR. */
describe('the built server with its embedded database', () => {
  const dataDirs: string[] = [];

  beforeAll(() => {
    assertServerBuilt();
  });
  afterAll(async () => {
    await cleanUpServers(dataDirs);
  });

  it('starts on a fresh data dir, keeps data across SIGTERM and SIGKILL restarts', async () => {
    const install = await installation();
    dataDirs.push(install.dataDir);

    // First start: initdb, migrations, the default admin.
    let server = await start(install);
    const health = await api<{ status: string }>(install, '/api/health');
    expect(health.body.status).toBe('ok');
    const token = await login(install, DEFAULT_ADMIN);
    const created = await api<CommandPostView>(install, '/api/command-posts', {
      method: 'POST',
      token,
      body: { code: 'KG-MCHS', name: 'Bishkek duty shift', memberState: 'KG', ministry: 'emergency', timeZone: 'Asia/Bishkek' },
    });
    expect(created.status).toBe(201);

    // SIGTERM: exit 0, and the embedded PostgreSQL goes with it.
    expect(await stopServer(server, 'SIGTERM', 20_000)).toEqual({ code: 0, signal: null });
    expect(processesUsing(install.dataDir)).toEqual([]);

    // Second start on the same dir: the data is still there, and an old token still opens the API.
    server = await start(install);
    expect(await postCodes(install, DEFAULT_ADMIN)).toEqual(['KG-MCHS']);
    expect((await api(install, '/api/users/me', { token })).status).toBe(200);

    // SIGKILL leaves the embedded PostgreSQL running; the next start must stop it and go on.
    expect(await stopServer(server, 'SIGKILL', 20_000)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(processesUsing(install.dataDir).length).toBeGreaterThan(0);
    server = await start(install);
    expect(await postCodes(install, DEFAULT_ADMIN)).toEqual(['KG-MCHS']);
    expect(await stopServer(server, 'SIGTERM', 20_000)).toEqual({ code: 0, signal: null });
    expect(processesUsing(install.dataDir)).toEqual([]);
  });

  it('runs two installations with their own data dirs and ports side by side', async () => {
    const first = await installation();
    const second = await installation({ EXCON_ADMIN_USERNAME: 'chief', EXCON_ADMIN_PASSWORD: 'second-install-password' });
    dataDirs.push(first.dataDir, second.dataDir);
    const secondAdmin = { username: 'chief', password: 'second-install-password' };

    const [a, b] = await Promise.all([start(first), start(second)]);
    const post = (code: string) => ({ code, name: code, memberState: 'TJ', ministry: 'crc', timeZone: 'Asia/Dushanbe' });
    expect((await api(first, '/api/command-posts', { method: 'POST', token: await login(first, DEFAULT_ADMIN), body: post('FIRST') })).status).toBe(
      201,
    );
    expect((await api(second, '/api/command-posts', { method: 'POST', token: await login(second, secondAdmin), body: post('SECOND') })).status).toBe(
      201,
    );

    expect(await postCodes(first, DEFAULT_ADMIN)).toEqual(['FIRST']);
    expect(await postCodes(second, secondAdmin)).toEqual(['SECOND']);
    // Each has its own administrator and its own token secret.
    expect((await api(second, '/api/auth/login', { method: 'POST', body: DEFAULT_ADMIN })).status).toBe(401);
    expect((await api(second, '/api/users/me', { token: await login(first, DEFAULT_ADMIN) })).status).toBe(401);

    const [exitA, exitB] = await Promise.all([stopServer(a, 'SIGTERM', 20_000), stopServer(b, 'SIGTERM', 20_000)]);
    expect(exitA).toEqual({ code: 0, signal: null });
    expect(exitB).toEqual({ code: 0, signal: null });
  });
});
