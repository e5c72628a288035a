import { Migration } from '@mikro-orm/migrations';

/**
 * A webhook delivery's claim: while one attempt sends it, `claimed_until` keeps every other attempt
 * out (a job BullMQ runs twice after its lock was lost while Redis was frozen or restarting), and
 * `claims` is the fencing number an attempt's outcome must carry to be recorded.
 */
export class Migration20261207140000 extends Migration {
  override up(): void {
    this.addSql(`alter table "webhook_delivery" add column "claimed_until" timestamptz null, add column "claims" int not null default 0;`);
  }

  override down(): void {
    this.addSql(`alter table "webhook_delivery" drop column "claimed_until", drop column "claims";`);
  }
}
