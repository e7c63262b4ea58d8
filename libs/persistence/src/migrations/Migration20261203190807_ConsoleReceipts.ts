import { Migration } from '@mikro-orm/migrations';

/** Issue 15: read receipts on the server, and the console's own time and idempotency key of an action sent after a lost link. */
export class Migration20261203190807_ConsoleReceipts extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "delivery" add column "read_at" timestamptz(3) null, add column "acknowledged_on_console_at" timestamptz(3) null, add column "responded_on_console_at" timestamptz(3) null, add column "acknowledge_key" uuid null, add column "respond_key" uuid null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "delivery" drop column "read_at", drop column "acknowledged_on_console_at", drop column "responded_on_console_at", drop column "acknowledge_key", drop column "respond_key";`,
    );
  }
}
