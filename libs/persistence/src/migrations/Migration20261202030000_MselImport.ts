import { Migration } from '@mikro-orm/migrations';

/**
 * MSEL import: controller notes on scenario and exercise injects (staff only), a version counter on
 * scenarios (an import can replace a scenario's MSEL as its next version), and saved import presets.
 */
export class Migration20261202030000_MselImport extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "scenario_inject" add column "controller_notes" text not null default '';`);
    this.addSql(`alter table "exercise_inject" add column "controller_notes" text not null default '';`);
    this.addSql(`alter table "scenario" add column "version" int not null default 1;`);
    this.addSql(
      `create table "import_preset" ("id" uuid not null, "name" varchar(100) not null, "options" jsonb not null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "import_preset_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "import_preset" add constraint "import_preset_name_unique" unique ("name");`);
    this.addSql(
      `alter table "import_preset" add constraint "import_preset_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "import_preset" cascade;`);
    this.addSql(`alter table "scenario" drop column "version";`);
    this.addSql(`alter table "exercise_inject" drop column "controller_notes";`);
    this.addSql(`alter table "scenario_inject" drop column "controller_notes";`);
  }
}
