import { assertServerBuilt, cleanUpServers, makeDataDir, runUntilExit } from '../support/server-process';
import { createTestDatabase, TEST_REDIS_URL } from '../support/test-platform';

jest.setTimeout(120_000);

/** No unsafe default (no warning at start): these runs are about the one error line. */
const QUIET = { EXCON_ADMIN_PASSWORD: 'startup-test-password', EXCON_JWT_SECRET: 'startup-test-secret-startup-test-secret-0123' };

/** CONTRACT.md: a bad value stops start-up with one line that names the variable. */
describe('the built server refuses a bad configuration', () => {
  const dataDirs: string[] = [];
  // A database of the suite's own: should a check ever pass by mistake, the server migrates that, not a shared one.
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const dataDir = () => {
    const dir = makeDataDir();
    dataDirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    assertServerBuilt();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await cleanUpServers(dataDirs);
    await database?.drop();
  });

  function expectOneLineNaming(result: { code: number | null; stderr: string }, variable: string): void {
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    const lines = result.stderr.trimEnd().split('\n');
    expect({ lines }).toEqual({ lines: [expect.stringContaining(variable)] });
    expect(lines[0]).not.toMatch(/^\s+at /);
  }

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://root@127.0.0.1/excon'],
    ['REDIS_URL', 'not a url'],
    ['EXCON_REDIS_PREFIX', 'has spaces'],
    ['EXCON_JWT_SECRET', 'short'],
    ['EXCON_BODY_LIMIT_BYTES', 'lots'],
  ])('exits non-zero with one stderr line naming %s for %j', async (variable, value) => {
    const result = await runUntilExit({ ...QUIET, DATABASE_URL: database.url, EXCON_DATA_DIR: dataDir(), PORT: '0', [variable]: value });
    expectOneLineNaming(result, variable);
  });

  it('exits non-zero with one line naming REDIS_URL when Redis is unreachable', async () => {
    const result = await runUntilExit({
      ...QUIET,
      DATABASE_URL: database.url,
      EXCON_DATA_DIR: dataDir(),
      PORT: '0',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expectOneLineNaming(result, 'REDIS_URL');
    expect(result.stderr).toMatch(/unreachable/);
  });

  it('exits non-zero with one line naming DATABASE_URL when PostgreSQL is unreachable', async () => {
    const result = await runUntilExit({
      ...QUIET,
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/excon',
      EXCON_DATA_DIR: dataDir(),
      PORT: '0',
      REDIS_URL: TEST_REDIS_URL,
    });
    expectOneLineNaming(result, 'DATABASE_URL');
    expect(result.stderr).toMatch(/unreachable/);
  });

  it('does not print the database password when naming DATABASE_URL', async () => {
    const result = await runUntilExit({
      ...QUIET,
      DATABASE_URL: 'postgresql://excon:Secret-Pa55word@127.0.0.1:1/excon',
      EXCON_DATA_DIR: dataDir(),
      PORT: '0',
    });
    expectOneLineNaming(result, 'DATABASE_URL');
    expect(result.stderr + result.stdout).not.toContain('Secret-Pa55word');
  });

  it('refuses the documented default admin password with NODE_ENV=production, in one line naming EXCON_ADMIN_PASSWORD', async () => {
    const result = await runUntilExit({ NODE_ENV: 'production', DATABASE_URL: database.url, EXCON_DATA_DIR: dataDir(), PORT: '0' });
    expectOneLineNaming(result, 'EXCON_ADMIN_PASSWORD');
  });

  it('warns at start of the default admin password and of a missing EXCON_JWT_SECRET beside REDIS_URL', async () => {
    // Redis unreachable ends the run right after the warnings.
    const result = await runUntilExit({ DATABASE_URL: database.url, EXCON_DATA_DIR: dataDir(), PORT: '0', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(result.stderr).toMatch(/^excon: WARNING: EXCON_ADMIN_PASSWORD is the documented default/m);
    expect(result.stderr).toMatch(/^excon: WARNING: EXCON_JWT_SECRET is unset with REDIS_URL/m);
  });
});
