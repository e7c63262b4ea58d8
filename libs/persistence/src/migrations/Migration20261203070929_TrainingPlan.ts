import { Migration } from '@mikro-orm/migrations';

/** Issue 13: the year's training plan (activities, attendance, calendar feeds) and the exercises' duty messages. */
export class Migration20261203070929_TrainingPlan extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "plan_activity" ("id" uuid not null, "kind" text check ("kind" in ('joint_training', 'command_post_exercise', 'consultation', 'staff_talks', 'working_group')) not null, "titles" jsonb not null, "start_at" timestamptz(3) not null, "end_at" timestamptz(3) not null, "participants" jsonb not null, "organiser" varchar(200) not null, "status" text check ("status" in ('planned', 'confirmed', 'held', 'reported', 'postponed', 'cancelled')) not null default 'planned', "status_reason" text null, "history" jsonb not null, "scenario_id" uuid null, "exercise_id" uuid null, "agenda" jsonb not null, "documents" jsonb not null, "minutes" jsonb not null, "created_by_user_id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, constraint "plan_activity_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "plan_activity_start_at_index" on "plan_activity" ("start_at");`);

    this.addSql(
      `create table "plan_attendance" ("id" uuid not null, "activity_id" uuid not null, "command_post_id" uuid not null, "status" text check ("status" in ('pending', 'confirmed', 'declined')) not null default 'pending', "reason" text null, "responded_at" timestamptz(3) null, "responded_by_user_id" uuid null, "responded_by_display_name" varchar(200) null, "present" boolean null, constraint "plan_attendance_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "plan_attendance" add constraint "plan_attendance_activity_id_command_post_id_unique" unique ("activity_id", "command_post_id");`,
    );

    this.addSql(
      `create table "duty_message" ("id" uuid not null, "seq" bigserial, "exercise_id" uuid not null, "command_post_id" uuid null, "from_user_id" uuid not null, "from_role" text check ("from_role" in ('admin', 'controller', 'evaluator', 'operator', 'reviewer')) not null, "from_display_name" varchar(200) not null, "from_command_post_id" uuid null, "duty_shift_id" uuid null, "duty_shift_code" varchar(32) null, "text" text not null, "sent_at" timestamptz(3) not null, "scenario_seconds" double precision not null, constraint "duty_message_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "duty_message" add constraint "duty_message_seq_unique" unique ("seq");`);
    this.addSql(`create index "duty_message_exercise_id_seq_index" on "duty_message" ("exercise_id", "seq");`);

    this.addSql(
      `create table "duty_message_read" ("id" uuid not null, "message_id" uuid not null, "user_id" uuid not null, "role" text check ("role" in ('admin', 'controller', 'evaluator', 'operator', 'reviewer')) not null, "display_name" varchar(200) not null, "command_post_id" uuid null, "read_at" timestamptz(3) not null, constraint "duty_message_read_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "duty_message_read" add constraint "duty_message_read_message_id_user_id_unique" unique ("message_id", "user_id");`);

    this.addSql(
      `create table "calendar_feed" ("user_id" uuid not null, "secret_sha256" varchar(64) not null, "created_at" timestamptz(3) not null, constraint "calendar_feed_pkey" primary key ("user_id"));`,
    );
    this.addSql(`alter table "calendar_feed" add constraint "calendar_feed_secret_sha256_unique" unique ("secret_sha256");`);

    this.addSql(
      `alter table "plan_activity" add constraint "plan_activity_scenario_id_foreign" foreign key ("scenario_id") references "scenario" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "plan_activity" add constraint "plan_activity_exercise_id_foreign" foreign key ("exercise_id") references "exercise" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "plan_attendance" add constraint "plan_attendance_activity_id_foreign" foreign key ("activity_id") references "plan_activity" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "plan_attendance" add constraint "plan_attendance_command_post_id_foreign" foreign key ("command_post_id") references "command_post" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "duty_message" add constraint "duty_message_exercise_id_foreign" foreign key ("exercise_id") references "exercise" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "duty_message" add constraint "duty_message_command_post_id_foreign" foreign key ("command_post_id") references "command_post" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "duty_message_read" add constraint "duty_message_read_message_id_foreign" foreign key ("message_id") references "duty_message" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "calendar_feed" add constraint "calendar_feed_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "plan_attendance" drop constraint "plan_attendance_activity_id_foreign";`);

    this.addSql(`alter table "duty_message_read" drop constraint "duty_message_read_message_id_foreign";`);

    this.addSql(`drop table if exists "plan_activity" cascade;`);

    this.addSql(`drop table if exists "plan_attendance" cascade;`);

    this.addSql(`drop table if exists "duty_message" cascade;`);

    this.addSql(`drop table if exists "duty_message_read" cascade;`);

    this.addSql(`drop table if exists "calendar_feed" cascade;`);
  }
}
