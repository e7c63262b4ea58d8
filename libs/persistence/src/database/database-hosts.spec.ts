import { createServer } from 'node:net';
import { ConfigError } from '@excon/config';
import { chooseDatabaseUrl } from './database-hosts';

/** The CI machine's PostgreSQL (trust authentication). */
const LIVE = process.env.TEST_POSTGRES_HOST ?? '127.0.0.1:5432';

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('chooseDatabaseUrl against a real PostgreSQL', () => {
  it('returns a single-host URL unchanged, without connecting', async () => {
    const url = 'postgres://nobody@127.0.0.1:1/none';
    await expect(chooseDatabaseUrl(url)).resolves.toBe(url);
  });

  it('skips a host that does not answer and takes the next one that is read-write', async () => {
    const dead = await closedPort();
    await expect(
      chooseDatabaseUrl(`postgres://postgres@127.0.0.1:${dead},${LIVE}/postgres?target_session_attrs=read-write`, 'DATABASE_URL', 2000),
    ).resolves.toBe(`postgres://postgres@${LIVE}/postgres`);
  });

  it('checks the session: a read-only server is refused for read-write and taken for read-only; a primary is no standby', async () => {
    const readOnly = `postgres://postgres@${LIVE}/postgres?options=-c%20default_transaction_read_only%3Don`;
    await expect(chooseDatabaseUrl(`${readOnly}&target_session_attrs=read-write`)).rejects.toThrow(
      /^Invalid configuration: DATABASE_URL has no host that is reachable and read-write \(127\.0\.0\.1:\d+: not read-write\)$/,
    );
    await expect(chooseDatabaseUrl(`${readOnly}&target_session_attrs=read-only`)).resolves.toBe(readOnly);
    const standby = chooseDatabaseUrl(`postgres://postgres@${LIVE}/postgres?target_session_attrs=standby`);
    await expect(standby).rejects.toBeInstanceOf(ConfigError);
    await expect(chooseDatabaseUrl(`postgres://postgres@${LIVE}/postgres?target_session_attrs=prefer-standby`)).resolves.toBe(
      `postgres://postgres@${LIVE}/postgres`,
    );
  });
});
