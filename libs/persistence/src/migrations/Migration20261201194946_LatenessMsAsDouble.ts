import { Migration } from '@mikro-orm/migrations';

/**
 * lateness_ms in float8: an int overflows for a lateness past 24.8 days. (The generator also proposed
 * dropping the partial indexes the Exercises migration made by hand; they are kept.)
 */
export class Migration20261201194946_LatenessMsAsDouble extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "exercise_inject" alter column "lateness_ms" type double precision using ("lateness_ms"::double precision);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exercise_inject" alter column "lateness_ms" type int4 using (round("lateness_ms")::int4);`);
  }
}
