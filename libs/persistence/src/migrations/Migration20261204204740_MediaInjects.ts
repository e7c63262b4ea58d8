import { Migration } from '@mikro-orm/migrations';

/** Issue 15: simulated media injects (a news article, a bulletin, a social post) with their outlet. */
export class Migration20261204204740_MediaInjects extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "exercise_inject" add column "kind" text check ("kind" in ('message', 'media')) not null default 'message', add column "media" jsonb null;`,
    );
    this.addSql(
      `alter table "scenario_inject" add column "kind" text check ("kind" in ('message', 'media')) not null default 'message', add column "media" jsonb null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exercise_inject" drop column "kind", drop column "media";`);
    this.addSql(`alter table "scenario_inject" drop column "kind", drop column "media";`);
  }
}
