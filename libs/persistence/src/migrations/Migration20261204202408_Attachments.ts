import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15: files on injects. The bytes are stored once per SHA-256 in 1 MiB chunks (every process serves them
 * from PostgreSQL); an attachment row belongs to exactly one scenario inject or one exercise inject, and the last
 * row of a content to go (deleted, or cascaded from its inject, scenario or exercise) takes the chunks with it.
 */
export class Migration20261204202408_Attachments extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "attachment_chunk" ("sha256" char(64) not null, "n" int not null, "data" bytea not null, constraint "attachment_chunk_pkey" primary key ("sha256", "n"));`,
    );
    this.addSql(
      `create table "attachment" ("id" uuid not null, "scenario_inject_id" uuid null, "exercise_inject_id" uuid null, "name" varchar(255) not null, "content_type" varchar(127) not null, "size" int not null, "sha256" char(64) not null, "created_at" timestamptz(3) not null, constraint "attachment_pkey" primary key ("id"),
        constraint "attachment_one_owner_check" check (("scenario_inject_id" is null) <> ("exercise_inject_id" is null)));`,
    );
    this.addSql(`create index "attachment_scenario_inject_id_index" on "attachment" ("scenario_inject_id");`);
    this.addSql(`create index "attachment_exercise_inject_id_index" on "attachment" ("exercise_inject_id");`);
    this.addSql(`create index "attachment_sha256_index" on "attachment" ("sha256");`);
    this.addSql(
      `alter table "attachment" add constraint "attachment_scenario_inject_id_foreign" foreign key ("scenario_inject_id") references "scenario_inject" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "attachment" add constraint "attachment_exercise_inject_id_foreign" foreign key ("exercise_inject_id") references "exercise_inject" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`alter table "exercise_inject" add column "attachments" jsonb not null default '[]';`);
    this.addSql(
      `create function attachment_release_content() returns trigger language plpgsql as $$
       declare
         content text;
       begin
         for content in select distinct o.sha256::text from old_rows o loop
           -- The same lock as an upload of this content takes (AttachmentsService.storeContent).
           perform pg_advisory_xact_lock(hashtextextended(content, 0));
           delete from attachment_chunk c where c.sha256 = content and not exists (select 1 from attachment a where a.sha256 = content);
         end loop;
         return null;
       end $$;`,
    );
    this.addSql(
      `create trigger attachment_release_content after delete on "attachment" referencing old table as old_rows
         for each statement execute function attachment_release_content();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attachment" cascade;`);
    this.addSql(`drop function if exists attachment_release_content();`);
    this.addSql(`drop table if exists "attachment_chunk" cascade;`);
    this.addSql(`alter table "exercise_inject" drop column "attachments";`);
  }
}
