import { Migration } from '@mikro-orm/migrations';
import { ISO_COUNTRY_CODES } from '@excon/domain';

/** `('KZ', 'Казахстан', 'Kazakhstan'), …` for every ISO code, from the runtime's CLDR data. */
function countryNames(): string {
  const ru = new Intl.DisplayNames(['ru'], { type: 'region' });
  const en = new Intl.DisplayNames(['en'], { type: 'region' });
  const quote = (text: string | undefined) => `'${(text ?? '').replace(/'/g, "''")}'`;
  return [...ISO_COUNTRY_CODES].map((code) => `(${quote(code)}, ${quote(ru.of(code))}, ${quote(en.of(code))})`).join(', ');
}

const MINISTRY_NAMES = `('defense', 'Министерство обороны', 'Ministry of Defence'),
  ('emergency', 'Министерство по чрезвычайным ситуациям', 'Ministry for Emergency Situations'),
  ('crc', 'Центр кризисного реагирования', 'Crisis Response Center')`;

/** Issue 12: the bilingual organisation, post groups, sessions, the duty roster, and the append-only audit trail. */
export class Migration20261202173951_Administration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "duty_shift" ("id" uuid not null, "code" varchar(16) not null, "names" jsonb not null, "member_user_ids" jsonb not null, "active" boolean not null default true, "created_at" timestamptz not null, constraint "duty_shift_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "duty_shift" add constraint "duty_shift_code_unique" unique ("code");`);

    this.addSql(
      `create table "duty_roster_entry" ("id" uuid not null, "duty_shift_id" uuid not null, "from_at" timestamptz(3) not null, "to_at" timestamptz(3) not null, "created_at" timestamptz not null, constraint "duty_roster_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "duty_roster_entry_from_at_to_at_index" on "duty_roster_entry" ("from_at", "to_at");`);

    this.addSql(
      `create table "duty_handover" ("id" uuid not null, "from_shift_id" uuid null, "to_shift_id" uuid not null, "note" text not null default '', "open_items" jsonb not null, "at" timestamptz(3) not null, "by_user_id" uuid not null, "accepted_at" timestamptz(3) null, "accepted_by_user_id" uuid null, constraint "duty_handover_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "duty_handover_at_index" on "duty_handover" ("at");`);

    this.addSql(
      `create table "member_state" ("code" varchar(2) not null, "names" jsonb not null, "active" boolean not null default true, "created_at" timestamptz not null, constraint "member_state_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "ministry" ("id" uuid not null, "member_state_code" varchar(2) not null, "kind" text check ("kind" in ('defense', 'emergency', 'crc')) not null, "names" jsonb not null, "active" boolean not null default true, "created_at" timestamptz not null, constraint "ministry_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "ministry" add constraint "ministry_member_state_code_kind_unique" unique ("member_state_code", "kind");`);

    this.addSql(
      `create table "post_group" ("id" uuid not null, "code" varchar(32) not null, "names" jsonb not null, "command_post_ids" jsonb not null, "active" boolean not null default true, "created_at" timestamptz not null, constraint "post_group_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "post_group" add constraint "post_group_code_unique" unique ("code");`);

    this.addSql(
      `create table "user_session" ("id" uuid not null, "user_id" uuid not null, "created_at" timestamptz(3) not null, "last_seen_at" timestamptz(3) not null, "ended_at" timestamptz(3) null, "ended_reason" varchar(32) null, "device" varchar(300) not null default '', "address" varchar(64) not null default '', "refresh_hash" varchar(64) not null, constraint "user_session_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "user_session_user_id_ended_at_index" on "user_session" ("user_id", "ended_at");`);
    // One shift on duty at a time: the roster's watches may touch but not overlap.
    this.addSql(`alter table "duty_roster_entry" add constraint "duty_roster_entry_period_check" check ("to_at" > "from_at");`);
    this.addSql(
      `alter table "duty_roster_entry" add constraint "duty_roster_entry_no_overlap" exclude using gist (tstzrange("from_at", "to_at") with &&);`,
    );

    this.addSql(
      `alter table "duty_roster_entry" add constraint "duty_roster_entry_duty_shift_id_foreign" foreign key ("duty_shift_id") references "duty_shift" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "duty_handover" add constraint "duty_handover_from_shift_id_foreign" foreign key ("from_shift_id") references "duty_shift" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "duty_handover" add constraint "duty_handover_to_shift_id_foreign" foreign key ("to_shift_id") references "duty_shift" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "ministry" add constraint "ministry_member_state_code_foreign" foreign key ("member_state_code") references "member_state" ("code") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "user_session" add constraint "user_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "audit_event" add column "duty_shift_id" uuid null;`);
    this.addSql(`create index "audit_event_at_index" on "audit_event" ("at");`);
    // The audit trail is append-only, whoever connects: the database itself refuses to change or remove a row.
    this.addSql(
      `create function audit_event_append_only() returns trigger language plpgsql as $$
         begin
           raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
         end
       $$;`,
    );
    this.addSql(
      `create trigger audit_event_append_only before update or delete on "audit_event" for each row execute function audit_event_append_only();`,
    );

    // Existing posts: their state and ministry become rows, named in both languages; the post's one name goes to both.
    this.addSql(
      `alter table "command_post" add column "names" jsonb null, add column "ministry_id" uuid null, add column "active" boolean not null default true;`,
    );
    this.addSql(
      `insert into member_state (code, names, active, created_at)
         select distinct cp.member_state, jsonb_build_object('ru', coalesce(n.ru, cp.member_state), 'en', coalesce(n.en, cp.member_state)), true, now()
           from command_post cp left join (values ${countryNames()}) as n(code, ru, en) on n.code = cp.member_state`,
    );
    this.addSql(
      `insert into ministry (id, member_state_code, kind, names, active, created_at)
         select gen_random_uuid(), k.member_state, k.ministry, jsonb_build_object('ru', m.ru, 'en', m.en), true, now()
           from (select distinct member_state, ministry from command_post) k
           join (values ${MINISTRY_NAMES}) as m(kind, ru, en) on m.kind = k.ministry`,
    );
    this.addSql(
      `update command_post cp set names = jsonb_build_object('ru', cp.name, 'en', cp.name), ministry_id = m.id
         from ministry m where m.member_state_code = cp.member_state and m.kind = cp.ministry`,
    );
    this.addSql(`alter table "command_post" alter column "names" set not null, alter column "ministry_id" set not null;`);
    this.addSql(
      `alter table "command_post" add constraint "command_post_ministry_id_foreign" foreign key ("ministry_id") references "ministry" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(`alter table "delivery" add column "acknowledged_duty_shift_id" uuid null, add column "responded_duty_shift_id" uuid null;`);

    this.addSql(`alter table "scenario_inject" add column "target_groups" jsonb not null default '[]';`);

    this.addSql(
      `alter table "app_user" add column "active" boolean not null default true, add column "must_change_password" boolean not null default false, add column "password_changed_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists audit_event_append_only on "audit_event";`);
    this.addSql(`drop function if exists audit_event_append_only();`);
    this.addSql(`alter table "duty_roster_entry" drop constraint "duty_roster_entry_duty_shift_id_foreign";`);

    this.addSql(`alter table "duty_handover" drop constraint "duty_handover_from_shift_id_foreign";`);

    this.addSql(`alter table "duty_handover" drop constraint "duty_handover_to_shift_id_foreign";`);

    this.addSql(`alter table "ministry" drop constraint "ministry_member_state_code_foreign";`);

    this.addSql(`alter table "command_post" drop constraint "command_post_ministry_id_foreign";`);

    this.addSql(`drop table if exists "duty_shift" cascade;`);

    this.addSql(`drop table if exists "duty_roster_entry" cascade;`);

    this.addSql(`drop table if exists "duty_handover" cascade;`);

    this.addSql(`drop table if exists "member_state" cascade;`);

    this.addSql(`drop table if exists "ministry" cascade;`);

    this.addSql(`drop table if exists "post_group" cascade;`);

    this.addSql(`drop table if exists "user_session" cascade;`);

    this.addSql(`alter table "app_user" drop column "active", drop column "must_change_password", drop column "password_changed_at";`);

    this.addSql(`drop index "audit_event_at_index";`);
    this.addSql(`alter table "audit_event" drop column "duty_shift_id";`);

    this.addSql(`alter table "command_post" drop column "names", drop column "ministry_id", drop column "active";`);

    this.addSql(`alter table "delivery" drop column "acknowledged_duty_shift_id", drop column "responded_duty_shift_id";`);

    this.addSql(`alter table "scenario_inject" drop column "target_groups";`);
  }
}
