import { defineConfig, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { join } from 'node:path';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';

/**
 * Bounds on reaching PostgreSQL, so that a request while it is away fails (503) within a few seconds
 * instead of waiting: a connection attempt gives up after `connectMs`, a request waiting for a pooled
 * connection after `acquireMs` (knex's default is 60 s).
 */
export const DATABASE_TIMEOUTS = { connectMs: 2000, acquireMs: 3000 } as const;

/** MikroORM options for one database URL; migrations are listed as classes (no dynamic import: works in Jest too). */
export function ormOptions(clientUrl: string, debug = false): Options {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl,
    entities: [...ENTITIES],
    extensions: [Migrator],
    debug,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: 10, acquireTimeoutMillis: DATABASE_TIMEOUTS.acquireMs, createTimeoutMillis: DATABASE_TIMEOUTS.connectMs },
    driverOptions: { acquireConnectionTimeout: DATABASE_TIMEOUTS.acquireMs, connection: { connectionTimeoutMillis: DATABASE_TIMEOUTS.connectMs } },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: join(__dirname, '..', 'migrations'),
      pathTs: join(__dirname, '..', 'migrations'),
      migrationsList: MIGRATIONS,
      snapshot: true,
      snapshotName: 'schema-snapshot',
      transactional: true,
      allOrNothing: true,
    },
  });
}
