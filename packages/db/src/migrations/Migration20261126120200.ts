import { Migration } from '@mikro-orm/migrations';

/**
 * Row-level security and grants for action plans and the partnership register, as for every
 * tenant table (see Migration20261126111400). Progress notes are history: the API may add them and
 * read them, never change or delete them.
 */
const CURRENT_ORG = `nullif(current_setting('app.organisation_id', true), '')::uuid`;
const TABLES = ['action_plan', 'action_item', 'action_item_note', 'action_item_evidence', 'partner', 'partner_link'];
const APPEND_ONLY = new Set(['action_item_note']);

export class Migration20261126120200 extends Migration {
  override up(): void {
    for (const table of TABLES) {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(
        `create policy tenant_isolation on "${table}" using (organisation_id = ${CURRENT_ORG}) with check (organisation_id = ${CURRENT_ORG});`,
      );
      const privileges = APPEND_ONLY.has(table) ? 'select, insert' : 'select, insert, update, delete';
      this.addSql(`grant ${privileges} on "${table}" to waymark_app;`);
      this.addSql(`grant select on "${table}" to waymark_analytics;`);
    }
  }

  override down(): void {
    for (const table of TABLES) {
      this.addSql(`drop policy if exists tenant_isolation on "${table}";`);
      this.addSql(`alter table "${table}" disable row level security;`);
      this.addSql(`revoke all on "${table}" from waymark_app, waymark_analytics;`);
    }
  }
}
