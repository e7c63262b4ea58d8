import { Migration } from '@mikro-orm/migrations';

export class Migration20261127235748_Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "command_post" ("id" uuid not null, "code" varchar(32) not null, "name" varchar(200) not null, "member_state" varchar(2) not null, "ministry" text check ("ministry" in ('defense', 'emergency', 'crc')) not null, "time_zone" varchar(64) not null, "created_at" timestamptz not null, constraint "command_post_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "command_post" add constraint "command_post_code_unique" unique ("code");`);

    this.addSql(
      `create table "scenario" ("id" uuid not null, "title" varchar(200) not null, "description" text not null default '', "language" text check ("language" in ('ru', 'en')) not null default 'ru', "objectives" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "scenario_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "scenario_inject" ("id" uuid not null, "scenario_id" uuid not null, "ref" varchar(32) not null, "offset_seconds" int not null, "title" varchar(200) not null, "body" text not null, "targets" jsonb not null, "precedence" text check ("precedence" in ('flash', 'immediate', 'priority', 'routine')) not null default 'routine', "from" varchar(200) not null default '', "expected_action" text not null default '', "ack_within_seconds" int null, "respond_within_seconds" int null, "objective_refs" jsonb not null, "translations" jsonb not null, "contingency_ref" varchar(32) null, "contingency" boolean not null default false, constraint "scenario_inject_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "scenario_inject" add constraint "scenario_inject_scenario_id_ref_unique" unique ("scenario_id", "ref");`);

    this.addSql(
      `create table "app_user" ("id" uuid not null, "username" varchar(64) not null, "display_name" varchar(200) not null, "role" text check ("role" in ('admin', 'controller', 'evaluator', 'operator', 'reviewer')) not null, "command_post_id" uuid null, "language" text check ("language" in ('ru', 'en')) not null default 'ru', "password_hash" varchar(255) not null, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);

    this.addSql(
      `alter table "scenario_inject" add constraint "scenario_inject_scenario_id_foreign" foreign key ("scenario_id") references "scenario" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_command_post_id_foreign" foreign key ("command_post_id") references "command_post" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop constraint "app_user_command_post_id_foreign";`);

    this.addSql(`alter table "scenario_inject" drop constraint "scenario_inject_scenario_id_foreign";`);

    this.addSql(`drop table if exists "command_post" cascade;`);

    this.addSql(`drop table if exists "scenario" cascade;`);

    this.addSql(`drop table if exists "scenario_inject" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);
  }
}
