import { Client } from 'pg';
import { ConfigError } from '@excon/config';

/** Fails start-up with one line naming DATABASE_URL when the server cannot be reached or refuses us. */
export async function assertDatabaseReachable(url: string, variable = 'DATABASE_URL'): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new ConfigError(variable, `is unreachable (${(error as Error).message || (error as { code?: string }).code || 'connection failed'})`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
