import { defineConfig, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { join } from 'node:path';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';

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
    pool: { min: 0, max: 10 },
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
