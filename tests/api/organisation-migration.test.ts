import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '@excon/persistence';
import { createTestDatabase } from '../support/test-platform';

/**
 * Issue 12's migration on a database that already has command posts (the v1 shape: a name, a state code and a
 * ministry kind): each post gets its state and ministry as rows, named in both languages, and keeps its name.
 */
describe('the Administration migration on existing data', () => {
  it('creates member states and ministries for the posts that exist and links them', async () => {
    const database = await createTestDatabase();
    const orm = await MikroORM.init({ ...ormOptions(database.url), debug: false });
    try {
      const migrator = orm.getMigrator();
      await migrator.up({ to: 'Migration20261202054757_Evaluation' });
      const connection = orm.em.getConnection();
      await connection.execute(
        `insert into command_post (id, code, name, member_state, ministry, time_zone, created_at) values
           (gen_random_uuid(), 'KZ-MES', 'МЧС Казахстана', 'KZ', 'emergency', 'Asia/Almaty', now()),
           (gen_random_uuid(), 'KZ-MOD', 'МО Казахстана', 'KZ', 'defense', 'Asia/Almaty', now()),
           (gen_random_uuid(), 'KZ-MES-2', 'МЧС Казахстана, резерв', 'KZ', 'emergency', 'Asia/Almaty', now()),
           (gen_random_uuid(), 'BY-CRC', 'ЦКР', 'BY', 'crc', 'Europe/Minsk', now())`,
      );
      await migrator.up();
      const states = await connection.execute<{ code: string; names: { ru: string; en: string } }[]>(
        `select code, names from member_state order by code`,
      );
      expect(states).toEqual([
        { code: 'BY', names: { ru: 'Беларусь', en: 'Belarus' } },
        { code: 'KZ', names: { ru: 'Казахстан', en: 'Kazakhstan' } },
      ]);
      const ministries = await connection.execute<{ member_state_code: string; kind: string; en: string }[]>(
        `select member_state_code, kind, names->>'en' as en from ministry order by member_state_code, kind`,
      );
      expect(ministries).toEqual([
        { member_state_code: 'BY', kind: 'crc', en: 'Crisis Response Center' },
        { member_state_code: 'KZ', kind: 'defense', en: 'Ministry of Defence' },
        { member_state_code: 'KZ', kind: 'emergency', en: 'Ministry for Emergency Situations' },
      ]);
      const posts = await connection.execute<{ code: string; names: { ru: string; en: string }; state: string; kind: string; active: boolean }[]>(
        `select p.code, p.names, m.member_state_code as state, m.kind, p.active from command_post p join ministry m on m.id = p.ministry_id order by p.code`,
      );
      expect(posts).toEqual([
        { code: 'BY-CRC', names: { ru: 'ЦКР', en: 'ЦКР' }, state: 'BY', kind: 'crc', active: true },
        { code: 'KZ-MES', names: { ru: 'МЧС Казахстана', en: 'МЧС Казахстана' }, state: 'KZ', kind: 'emergency', active: true },
        { code: 'KZ-MES-2', names: { ru: 'МЧС Казахстана, резерв', en: 'МЧС Казахстана, резерв' }, state: 'KZ', kind: 'emergency', active: true },
        { code: 'KZ-MOD', names: { ru: 'МО Казахстана', en: 'МО Казахстана' }, state: 'KZ', kind: 'defense', active: true },
      ]);
    } finally {
      await orm.close(true);
      await database.drop();
    }
  });
});
