import { loadOrCreateSecrets, type AppConfig } from '@excon/config';
import { assertDatabaseReachable, chooseDatabaseUrl, startEmbeddedDatabase, type EmbeddedDatabase } from '@excon/persistence';
import { assertRedisReachable } from '@excon/queue';

/** What boot resolved before Nest starts: the validated config, the database URL and the token secret. */
export interface RuntimeSettings {
  config: AppConfig;
  databaseUrl: string;
  jwtSecret: string;
}

/**
 * Resolves what every process needs before Nest starts: the secrets (generated once under
 * EXCON_DATA_DIR when not configured), Redis reachable (when configured), and the database: the one at
 * DATABASE_URL, reachable, or an embedded PostgreSQL started here (the caller stops it).
 */
export async function resolveRuntime(
  config: AppConfig,
  log: (line: string) => void,
): Promise<{ settings: RuntimeSettings; embeddedDatabase: EmbeddedDatabase | null }> {
  const secrets = config.databaseUrl === null || config.jwtSecret === null ? await loadOrCreateSecrets(config.dataDir) : null;
  if (config.redis) await assertRedisReachable(config.redis);
  let embeddedDatabase: EmbeddedDatabase | null = null;
  let databaseUrl = config.databaseUrl;
  if (databaseUrl === null) {
    embeddedDatabase = await startEmbeddedDatabase(config.dataDir, (secrets as { databasePassword: string }).databasePassword, log);
    databaseUrl = embeddedDatabase.url;
  } else {
    // Several hosts (target_session_attrs): the first that fits, as a single-host URL for every consumer.
    databaseUrl = await chooseDatabaseUrl(databaseUrl);
    await assertDatabaseReachable(databaseUrl);
  }
  const jwtSecret = config.jwtSecret ?? (secrets as { jwtSecret: string }).jwtSecret;
  return { settings: { config, databaseUrl, jwtSecret }, embeddedDatabase };
}
