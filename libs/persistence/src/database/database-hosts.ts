import { Client } from 'pg';
import { ConfigError, databaseTargets, type TargetSessionAttrs } from '@excon/config';

/** Whether a server's session state fits libpq's `target_session_attrs` (prefer-standby is decided over the whole list). */
function fits(attrs: TargetSessionAttrs, inRecovery: boolean, readOnly: boolean): boolean {
  switch (attrs) {
    case 'any':
    case 'prefer-standby':
      return true;
    case 'read-write':
      return !readOnly;
    case 'read-only':
      return readOnly;
    case 'primary':
      return !inRecovery;
    case 'standby':
      return inRecovery;
  }
}

async function probe(url: string, connectMs: number): Promise<{ inRecovery: boolean; readOnly: boolean }> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: connectMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ in_recovery: boolean; read_only: string }>(
      "select pg_is_in_recovery() as in_recovery, current_setting('transaction_read_only') as read_only",
    );
    return { inRecovery: rows[0].in_recovery, readOnly: rows[0].read_only === 'on' };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The single-host URL to use for a DATABASE_URL that may list several hosts: the first, in order, that
 * answers and fits its `target_session_attrs` (as libpq does; prefer-standby: a standby, else any). A
 * single-host URL without the parameter comes back unchanged, unprobed. Throws ConfigError naming the
 * variable when none fits.
 */
export async function chooseDatabaseUrl(raw: string, variable = 'DATABASE_URL', connectMs = 5000): Promise<string> {
  const { urls, targetSessionAttrs } = databaseTargets(raw, variable);
  if (urls.length === 1 && urls[0] === raw) return raw;
  const problems: string[] = [];
  let fallback: string | null = null;
  for (const url of urls) {
    const host = new URL(url).host;
    try {
      const state = await probe(url, connectMs);
      if (targetSessionAttrs === 'prefer-standby' && !state.inRecovery) {
        fallback ??= url;
        continue;
      }
      if (fits(targetSessionAttrs, state.inRecovery, state.readOnly)) return url;
      problems.push(`${host}: not ${targetSessionAttrs}`);
    } catch (error) {
      problems.push(`${host}: ${(error as Error).message || (error as { code?: string }).code || 'connection failed'}`);
    }
  }
  if (fallback) return fallback;
  throw new ConfigError(variable, `has no host that is reachable and ${targetSessionAttrs} (${problems.join('; ')})`);
}
