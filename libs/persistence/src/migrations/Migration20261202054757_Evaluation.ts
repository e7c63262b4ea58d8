import { Migration } from '@mikro-orm/migrations';
import { DEFAULT_FEEDBACK_FORM } from '@excon/domain';

/**
 * Evaluation (issue 11): the exercise's frozen objectives (with capability targets and critical tasks),
 * scope, mission area and feedback form; evaluator assignments, observations, P/S/M/U ratings, the
 * improvement plan and the operators' feedback. Existing exercises get their scenario's objectives and
 * the default feedback form.
 */
export class Migration20261202054757_Evaluation extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "exercise" add column "objectives" jsonb not null default '[]', add column "scope" text not null default '', add column "mission_area" text check ("mission_area" in ('prevention', 'protection', 'mitigation', 'response', 'recovery')) null, add column "feedback_questions" jsonb not null default '[]';`,
    );
    this.addSql(`update "exercise" e set "objectives" = s."objectives" from "scenario" s where s."id" = e."scenario_id";`);
    this.addSql(`update "exercise" set "feedback_questions" = '${JSON.stringify(DEFAULT_FEEDBACK_FORM).replace(/'/g, "''")}'::jsonb;`);

    this.addSql(
      `create table "evaluator_assignment" ("id" uuid not null, "exercise_id" uuid not null, "evaluator_id" uuid not null, "command_post_ids" jsonb not null, "objective_refs" jsonb not null, "lead" boolean not null default false, constraint "evaluator_assignment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "evaluator_assignment" add constraint "evaluator_assignment_exercise_id_evaluator_id_unique" unique ("exercise_id", "evaluator_id");`,
    );

    this.addSql(
      `create table "observation" ("id" uuid not null, "exercise_id" uuid not null, "author_id" uuid not null, "author_name" varchar(200) not null, "text" text not null, "kind" text check ("kind" in ('strength', 'improvement', 'note')) not null, "objective_refs" jsonb not null, "command_post_ids" jsonb not null, "exercise_inject_id" uuid null, "delivery_id" uuid null, "scenario_seconds" double precision not null, "observed_at" timestamptz(3) not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, constraint "observation_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "observation_exercise_id_observed_at_index" on "observation" ("exercise_id", "observed_at");`);

    this.addSql(
      `create table "rating" ("id" uuid not null, "exercise_id" uuid not null, "objective_ref" varchar(32) not null, "command_post_id" uuid not null, "evaluator_id" uuid not null, "evaluator_name" varchar(200) not null, "rating" text check ("rating" in ('P', 'S', 'M', 'U')) not null, "rationale" text not null default '', "final" boolean not null default false, "updated_at" timestamptz(3) not null, constraint "rating_pkey" primary key ("id"));`,
    );
    // One current rating per (objective, post, evaluator); one final rating per (objective, post).
    this.addSql(
      `create unique index "rating_current_unique" on "rating" ("exercise_id", "objective_ref", "command_post_id", "evaluator_id") where not "final";`,
    );
    this.addSql(`create unique index "rating_final_unique" on "rating" ("exercise_id", "objective_ref", "command_post_id") where "final";`);

    this.addSql(
      `create table "improvement_action" ("id" uuid not null, "exercise_id" uuid not null, "objective_ref" varchar(32) null, "observation_id" uuid null, "action" text not null, "capability_element" text check ("capability_element" in ('planning', 'organization', 'equipment', 'training', 'exercises')) not null, "responsible" varchar(200) not null, "member_state" varchar(2) null, "ministry" text check ("ministry" in ('defense', 'emergency', 'crc')) null, "command_post_id" uuid null, "point_of_contact" varchar(200) null, "start_date" date null, "due_date" date not null, "status" text check ("status" in ('open', 'in_progress', 'done', 'dropped')) not null default 'open', "created_by_id" uuid null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, constraint "improvement_action_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "improvement_action_status_due_date_index" on "improvement_action" ("status", "due_date");`);
    this.addSql(`create index "improvement_action_exercise_id_index" on "improvement_action" ("exercise_id");`);

    this.addSql(
      `create table "feedback_response" ("id" uuid not null, "exercise_id" uuid not null, "user_id" uuid not null, "command_post_id" uuid not null, "answers" jsonb not null, "submitted_at" timestamptz(3) not null, constraint "feedback_response_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "feedback_response" add constraint "feedback_response_exercise_id_user_id_unique" unique ("exercise_id", "user_id");`);

    for (const [table, column, target, rule] of [
      ['evaluator_assignment', 'exercise_id', 'exercise', 'cascade'],
      ['evaluator_assignment', 'evaluator_id', 'app_user', 'cascade'],
      ['observation', 'exercise_id', 'exercise', 'cascade'],
      ['observation', 'author_id', 'app_user', 'restrict'],
      ['observation', 'exercise_inject_id', 'exercise_inject', 'set null'],
      ['observation', 'delivery_id', 'delivery', 'set null'],
      ['rating', 'exercise_id', 'exercise', 'cascade'],
      ['rating', 'command_post_id', 'command_post', 'restrict'],
      ['rating', 'evaluator_id', 'app_user', 'restrict'],
      ['improvement_action', 'exercise_id', 'exercise', 'cascade'],
      ['improvement_action', 'observation_id', 'observation', 'set null'],
      ['improvement_action', 'command_post_id', 'command_post', 'set null'],
      ['improvement_action', 'created_by_id', 'app_user', 'set null'],
      ['feedback_response', 'exercise_id', 'exercise', 'cascade'],
      ['feedback_response', 'user_id', 'app_user', 'cascade'],
      ['feedback_response', 'command_post_id', 'command_post', 'restrict'],
    ]) {
      this.addSql(
        `alter table "${table}" add constraint "${table}_${column}_foreign" foreign key ("${column}") references "${target}" ("id") on update cascade on delete ${rule};`,
      );
    }
  }

  override async down(): Promise<void> {
    for (const table of ['feedback_response', 'improvement_action', 'rating', 'observation', 'evaluator_assignment']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
    this.addSql(
      `alter table "exercise" drop column "objectives", drop column "scope", drop column "mission_area", drop column "feedback_questions";`,
    );
  }
}
