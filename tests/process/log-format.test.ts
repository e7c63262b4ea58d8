import { serverEnv, startServer, stopRunning, type RunningServer } from '../support/remote-setup';
import { assertServerBuilt } from '../support/server-process';
import { ADMIN, createTestDatabase, uniqueName } from '../support/test-platform';

jest.setTimeout(180_000);

/** What a person and a log pipeline see on standard output: JSON lines off a terminal, short lines with EXCON_LOG_FORMAT=pretty. */
/** The fields of a pino JSON line these checks read. */
interface LogEntry {
  msg?: unknown;
  context?: unknown;
  req?: { id?: string; url?: string };
}

describe('the built server logs', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    assertServerBuilt();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    if (server) await stopRunning(server);
    await database?.drop();
  });

  /** Starts a server, makes a refused request (a bad token, our request id) and a login, stops it; its standard output. */
  async function run(extra: Record<string, string>): Promise<{ stdout: string; requestIdEcho: string | null }> {
    server = await startServer(serverEnv(database.url, uniqueName('excon-logs'), false, { EXCON_LOG_LEVEL: 'info', ...extra }));
    const refused = await fetch(`${server.url}/api/exercises`, { headers: { authorization: 'Bearer not-a-token', 'x-request-id': 'log-test-1' } });
    expect(refused.status).toBe(401);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    await stopRunning(server);
    const stdout = server.process.stdout();
    server = undefined;
    return { stdout, requestIdEcho: refused.headers.get('x-request-id') };
  }

  it('writes one JSON object per line without a terminal: requests with their id, status and time, credentials redacted', async () => {
    const { stdout, requestIdEcho } = await run({});
    expect(requestIdEcho).toBe('log-test-1');
    const lines = stdout.split('\n').filter((line) => line !== '');
    const entries = lines.map((line) => JSON.parse(line) as LogEntry);
    expect(entries.some((e) => typeof e.msg === 'string' && e.msg.startsWith('ExCon is listening on http://localhost:'))).toBe(true);
    const refused = entries.find((e) => e.req?.id === 'log-test-1');
    expect(refused).toMatchObject({
      level: 40,
      msg: expect.stringMatching(/^GET \/api\/exercises 401 \d+ ms$/),
      req: { method: 'GET', url: '/api/exercises', headers: { authorization: '[Redacted]' } },
      res: { statusCode: 401 },
    });
    expect(entries.find((e) => e.req?.url === '/api/auth/login')).toMatchObject({
      level: 30,
      msg: expect.stringMatching(/^POST \/api\/auth\/login 200 \d+ ms$/),
    });
    expect(stdout).not.toContain('not-a-token');
    // Health probes and Nest's route-by-route start-up lines stay out at info.
    expect(entries.filter((e) => e.req?.url === '/api/health' || e.context === 'RouterExplorer')).toEqual([]);
  });

  it('writes one short line per event with EXCON_LOG_FORMAT=pretty: no JSON, no host or pid, a failed request as method, URL, status and time', async () => {
    const { stdout, requestIdEcho } = await run({ EXCON_LOG_FORMAT: 'pretty' });
    expect(requestIdEcho).toBe('log-test-1');
    const lines = stdout.split('\n').filter((line) => line !== '');
    expect(lines.filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/^ExCon is listening on http:\/\/localhost:\d+ /));
    expect(lines).toContainEqual(expect.stringMatching(/^\[\d\d:\d\d:\d\d\] WARN: GET \/api\/exercises 401 \d+ ms$/));
    // A success is a debug line on a terminal: not shown at info.
    expect(lines.filter((line) => line.includes('/api/auth/login'))).toEqual([]);
    expect(stdout).not.toMatch(/hostname|"pid"|authorization|not-a-token|x-request-id/i);
    expect(lines.filter((line) => line.includes('RouterExplorer') || line.includes('Mapped {'))).toEqual([]);
  });
});
