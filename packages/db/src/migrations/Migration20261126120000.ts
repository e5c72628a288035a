import { Migration } from '@mikro-orm/migrations';

/** The cross-organisation reader records each use in the audit log: it may append there, nothing else. */
export class Migration20261126120000 extends Migration {
  override up(): void {
    this.addSql(`grant insert on "audit_entry" to waymark_analytics;`);
  }

  override down(): void {
    this.addSql(`revoke insert on "audit_entry" from waymark_analytics;`);
  }
}
