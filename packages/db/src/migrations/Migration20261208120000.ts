import { Migration } from '@mikro-orm/migrations';
import { SSO_TENANT_FOREIGN_KEYS, SSO_TENANT_TABLES, tenantForeignKeySql, tenantPolicySql } from './tenancy';

/**
 * Single sign-on per organisation (issue 19):
 * - `sso_provider`: an organisation's identity provider (one at most), its allowed email domains,
 *   default role for new members, whether SSO is required and who the break-glass owner is;
 * - `sso_login`: one sign-in through it, from the redirect until the web app takes its session
 *   (state, nonce, PKCE verifier or SAML request id, each used once);
 * - `waymark_sso_discover(domain)`: which organisation's provider an email domain belongs to, for
 *   the sign-in screen, before anyone is signed in. It reads across organisations (that is its
 *   purpose), so it is a narrow SECURITY DEFINER function that returns the organisation's id,
 *   name and protocol only;
 * - `waymark_sso_required(user)`: the organisations that require SSO of a person (not their
 *   break-glass owner), so a password sign-in can be refused before a session opens.
 */
export class Migration20261208120000 extends Migration {
  override up(): void {
    const sql = (text: string) => this.addSql(text);
    sql(`create type "sso_protocol" as enum ('OIDC', 'SAML');`);
    sql(`create table "sso_provider" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "protocol" "sso_protocol" not null, "enabled" boolean not null default true, "oidc_issuer" text null, "oidc_client_id" varchar(200) null, "oidc_client_secret_ciphertext" text null, "saml_entry_point" text null, "saml_idp_issuer" text null, "saml_certificate" text null, "allowed_domains" text[] not null, "default_role" "member_role" not null, "sso_required" boolean not null default false, "break_glass_user_id" uuid null, "updated_at" timestamptz not null, constraint "sso_provider_pkey" primary key ("id"));`);
    sql(`alter table "sso_provider" add constraint "sso_provider_organisation_id_unique" unique ("organisation_id");`);
    sql(`alter table "sso_provider" add constraint "sso_provider_organisation_id_id_unique" unique ("organisation_id", "id");`);
    sql(`create table "sso_login" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "provider_id" uuid not null, "state_hash" varchar(64) not null, "nonce" varchar(100) null, "code_verifier" varchar(128) null, "request_id" varchar(100) null, "redirect_uri" text not null, "expires_at" timestamptz not null, "answered_at" timestamptz null, "user_id" uuid null, "handoff_hash" varchar(64) null, "handed_off_at" timestamptz null, "id_token" text null, constraint "sso_login_pkey" primary key ("id"));`);
    sql(`create index "sso_login_provider_id_index" on "sso_login" ("provider_id");`);
    sql(`alter table "sso_login" add constraint "sso_login_organisation_id_id_unique" unique ("organisation_id", "id");`);
    sql(`alter table "sso_provider" add constraint "sso_provider_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    sql(`alter table "sso_provider" add constraint "sso_provider_break_glass_user_id_foreign" foreign key ("break_glass_user_id") references "app_user" ("id") on update cascade on delete set null;`);
    sql(`alter table "sso_login" add constraint "sso_login_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    sql(`alter table "sso_login" add constraint "sso_login_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    for (const key of SSO_TENANT_FOREIGN_KEYS) sql(tenantForeignKeySql(key));
    for (const table of SSO_TENANT_TABLES) {
      for (const statement of tenantPolicySql(table)) sql(statement);
      sql(`grant select, insert, update, delete on "${table}" to waymark_app;`);
    }

    sql(`create function waymark_sso_discover(p_domain text)
      returns table (organisation_id uuid, organisation_name text, protocol text)
      language sql stable security definer set search_path = pg_catalog, public as $$
        select p.organisation_id, o.name::text, p.protocol::text
          from public.sso_provider p join public.organisation o on o.id = p.organisation_id
         where p.enabled and lower(p_domain) = any (p.allowed_domains)
         order by p.created_at, p.id
         limit 2
      $$;`);
    sql(`revoke all on function waymark_sso_discover(text) from public;`);
    sql(`grant execute on function waymark_sso_discover(text) to waymark_app;`);

    sql(`create function waymark_sso_required(p_user uuid)
      returns table (organisation_id uuid, organisation_name text)
      language sql stable security definer set search_path = pg_catalog, public as $$
        select p.organisation_id, o.name::text
          from public.sso_provider p
          join public.membership m on m.organisation_id = p.organisation_id and m.user_id = p_user
          join public.organisation o on o.id = p.organisation_id
         where p.enabled and p.sso_required and p.break_glass_user_id is distinct from p_user
      $$;`);
    sql(`revoke all on function waymark_sso_required(uuid) from public;`);
    sql(`grant execute on function waymark_sso_required(uuid) to waymark_app;`);
  }

  override down(): void {
    this.addSql(`drop function if exists waymark_sso_required(uuid);`);
    this.addSql(`drop function if exists waymark_sso_discover(text);`);
    this.addSql(`drop table if exists "sso_login" cascade;`);
    this.addSql(`drop table if exists "sso_provider" cascade;`);
    this.addSql(`drop type if exists "sso_protocol";`);
  }
}
