/**
 * Generates a migration from the difference between the entities and the committed snapshot.
 * Usage: npm run migration:create  (needs a scratch PostgreSQL: MIGRATION_DATABASE_URL, default the local one)
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ormOptions } from '@excon/persistence';

async function main(): Promise<void> {
  const admin = process.env.MIGRATION_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const scratch = `excon_migration_${process.pid}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${scratch}`);
  const url = new URL(admin);
  url.pathname = `/${scratch}`;
  try {
    const orm = await MikroORM.init(ormOptions(url.toString()));
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(undefined, false, false, process.argv[2]);
    console.log(result.fileName ? `created ${result.fileName}: add it to libs/persistence/src/migrations/index.ts` : 'no changes');
    await orm.close(true);
  } finally {
    await client.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
