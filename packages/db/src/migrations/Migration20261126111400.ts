import { Migration } from '@mikro-orm/migrations';

/**
 * The second wall between organisations. The API connects as `waymark_app`, which is not the
 * owner of these tables and has no BYPASSRLS, and sets `app.organisation_id` (and `app.user_id`)
 * per transaction. Policies compare against those settings, so even a raw query with no WHERE
 * clause sees one organisation's rows. `nullif` turns an unset or expired setting ('') into NULL,
 * which matches nothing. The owner role (migrations, seeds) is trusted and not subject to them.
 */
const CURRENT_ORG = `nullif(current_setting('app.organisation_id', true), '')::uuid`;
const CURRENT_USER = `nullif(current_setting('app.user_id', true), '')::uuid`;

const TENANT_TABLES = [
  'membership',
  'invitation',
  'api_key',
  'assessment',
  'assessment_reopening',
  'assessor_answer',
  'consensus_answer',
  'evidence',
  'evidence_link',
];

const SHARED_READ_ONLY = ['region', 'framework', 'framework_node', 'guidance', 'guidance_link'];

export class Migration20261126111400 extends Migration {
  override up(): void {
    this.addSql(`grant usage on schema public to waymark_app, waymark_analytics;`);

    for (const table of TENANT_TABLES) {
      this.addSql(`alter table "${table}" enable row level security;`);
      this.addSql(
        `create policy tenant_isolation on "${table}" using (organisation_id = ${CURRENT_ORG}) with check (organisation_id = ${CURRENT_ORG});`,
      );
      this.addSql(`grant select, insert, update, delete on "${table}" to waymark_app;`);
    }

    // A user may list their own memberships in every organisation (to choose which to act for).
    this.addSql(`create policy own_memberships on "membership" for select using (user_id = ${CURRENT_USER});`);

    // The organisation row itself: visible when acting for it or when the user belongs to it.
    this.addSql(`alter table "organisation" enable row level security;`);
    this.addSql(`create policy acting_for on "organisation" using (id = ${CURRENT_ORG}) with check (id = ${CURRENT_ORG});`);
    this.addSql(
      `create policy member_of on "organisation" for select using (id in (select organisation_id from membership where user_id = ${CURRENT_USER}));`,
    );
    this.addSql(`grant select, insert, update on "organisation" to waymark_app;`);

    // The audit log is append-only for the API; sign-ins are recorded before any organisation is chosen.
    this.addSql(`alter table "audit_entry" enable row level security;`);
    this.addSql(`create policy read_own on "audit_entry" for select using (organisation_id = ${CURRENT_ORG});`);
    this.addSql(
      `create policy append on "audit_entry" for insert with check (organisation_id is null or organisation_id = ${CURRENT_ORG});`,
    );
    this.addSql(`grant select, insert on "audit_entry" to waymark_app;`);

    // People are not tenant-owned (one person, many organisations); the API reads and updates them.
    this.addSql(`grant select, insert, update on "app_user" to waymark_app;`);

    // Published frameworks and reference data are shared and never changed by the API.
    for (const table of SHARED_READ_ONLY) this.addSql(`grant select on "${table}" to waymark_app;`);

    // Benchmarks (a later step) read across organisations through this role only; it can change nothing.
    this.addSql(`grant select on all tables in schema public to waymark_analytics;`);
  }

  override down(): void {
    for (const table of TENANT_TABLES) {
      this.addSql(`drop policy if exists tenant_isolation on "${table}";`);
      this.addSql(`alter table "${table}" disable row level security;`);
    }
    this.addSql(`drop policy if exists own_memberships on "membership";`);
    this.addSql(`drop policy if exists acting_for on "organisation";`);
    this.addSql(`drop policy if exists member_of on "organisation";`);
    this.addSql(`alter table "organisation" disable row level security;`);
    this.addSql(`drop policy if exists read_own on "audit_entry";`);
    this.addSql(`drop policy if exists append on "audit_entry";`);
    this.addSql(`alter table "audit_entry" disable row level security;`);
    this.addSql(`revoke all on all tables in schema public from waymark_app, waymark_analytics;`);
  }
}
