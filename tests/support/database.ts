import { Client } from 'pg';

/** Runs one query straight on a suite's database (to see what the API wrote, or did not). */
export async function queryDatabase<T extends Record<string, unknown>>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** `select count(*) from <table>` as a number. */
export async function countRows(databaseUrl: string, table: 'scenario' | 'scenario_inject' | 'app_user' | 'command_post'): Promise<number> {
  const [row] = await queryDatabase<{ count: string }>(databaseUrl, `select count(*) as count from ${table}`);
  return Number(row.count);
}
