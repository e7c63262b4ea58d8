import { Migration } from '@mikro-orm/migrations';

export class Migration20261128000631_Exercises extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_event" ("id" uuid not null, "exercise_id" uuid null, "at" timestamptz(3) not null, "actor_id" uuid null, "actor_name" varchar(200) not null, "action" varchar(64) not null, "details" jsonb not null, constraint "audit_event_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "audit_event_exercise_id_at_index" on "audit_event" ("exercise_id", "at");`);

    this.addSql(
      `create table "exercise_post_sequence" ("exercise_id" uuid not null, "command_post_id" uuid not null, "last_seq" int not null default 0, constraint "exercise_post_sequence_pkey" primary key ("exercise_id", "command_post_id"));`,
    );

    this.addSql(
      `create table "exercise" ("id" uuid not null, "scenario_id" uuid not null, "title" varchar(200) not null, "status" text check ("status" in ('draft', 'scheduled', 'running', 'paused', 'completed')) not null default 'draft', "speed" double precision not null default 1, "anchor_at" timestamptz(3) null, "anchor_scenario_ms" double precision not null default 0, "scheduled_for" timestamptz null, "started_at" timestamptz null, "paused_at" timestamptz null, "completed_at" timestamptz null, "command_post_ids" jsonb not null, "generation" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "exercise_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "exercise_inject" ("id" uuid not null, "exercise_id" uuid not null, "source_inject_id" uuid null, "ref" varchar(32) not null, "offset_seconds" int not null, "title" varchar(200) not null, "body" text not null, "translations" jsonb not null, "targets" jsonb not null, "precedence" text check ("precedence" in ('flash', 'immediate', 'priority', 'routine')) not null default 'routine', "from" varchar(200) not null default '', "expected_action" text not null default '', "ack_within_seconds" int null, "respond_within_seconds" int null, "objective_refs" jsonb not null, "contingency_ref" varchar(32) null, "contingency" boolean not null default false, "ad_hoc" boolean not null default false, "status" text check ("status" in ('pending', 'fired', 'held', 'skipped')) not null default 'pending', "due_at" timestamptz(3) null, "fired_at" timestamptz(3) null, "lateness_ms" int null, "generation" int not null default 0, constraint "exercise_inject_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "exercise_inject_status_due_at_index" on "exercise_inject" ("status", "due_at");`);
    this.addSql(`alter table "exercise_inject" add constraint "exercise_inject_exercise_id_ref_unique" unique ("exercise_id", "ref");`);

    this.addSql(
      `create table "delivery" ("id" uuid not null, "exercise_id" uuid not null, "exercise_inject_id" uuid not null, "command_post_id" uuid not null, "seq" int not null, "status" text check ("status" in ('sent', 'delivered', 'acknowledged', 'responded')) not null default 'sent', "due_at" timestamptz(3) null, "fired_at" timestamptz(3) not null, "delivered_at" timestamptz(3) null, "acknowledged_at" timestamptz(3) null, "responded_at" timestamptz(3) null, "response" text null, "ack_deadline_at" timestamptz(3) null, "overdue_at" timestamptz(3) null, "released_by_delivery_id" uuid null, constraint "delivery_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "delivery" add constraint "delivery_exercise_id_command_post_id_seq_unique" unique ("exercise_id", "command_post_id", "seq");`,
    );
    this.addSql(
      `alter table "delivery" add constraint "delivery_exercise_inject_id_command_post_id_unique" unique ("exercise_inject_id", "command_post_id");`,
    );
    // Not in the entity metadata: the deadline sweep looks only at open acknowledge deadlines.
    this.addSql(
      `create index "delivery_open_ack_deadline_index" on "delivery" ("ack_deadline_at") where "acknowledged_at" is null and "overdue_at" is null and "ack_deadline_at" is not null;`,
    );
    this.addSql(`create index "exercise_command_post_ids_index" on "exercise" using gin ("command_post_ids");`);

    this.addSql(
      `alter table "exercise" add constraint "exercise_scenario_id_foreign" foreign key ("scenario_id") references "scenario" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "exercise_inject" add constraint "exercise_inject_exercise_id_foreign" foreign key ("exercise_id") references "exercise" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "delivery" add constraint "delivery_exercise_id_foreign" foreign key ("exercise_id") references "exercise" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "delivery" add constraint "delivery_exercise_inject_id_foreign" foreign key ("exercise_inject_id") references "exercise_inject" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "delivery" add constraint "delivery_command_post_id_foreign" foreign key ("command_post_id") references "command_post" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exercise_inject" drop constraint "exercise_inject_exercise_id_foreign";`);

    this.addSql(`alter table "delivery" drop constraint "delivery_exercise_id_foreign";`);

    this.addSql(`alter table "delivery" drop constraint "delivery_exercise_inject_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "exercise_post_sequence" cascade;`);

    this.addSql(`drop table if exists "exercise" cascade;`);

    this.addSql(`drop table if exists "exercise_inject" cascade;`);

    this.addSql(`drop table if exists "delivery" cascade;`);
  }
}
