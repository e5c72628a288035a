import { Migration } from '@mikro-orm/migrations';
import { CURRENT_USER } from './tenancy';

/**
 * A second factor (TOTP) with recovery codes, and an owner's requirement of it:
 * - `second_factor`: one per person; the TOTP secret sealed (AES-256-GCM, never stored in clear),
 *   confirmed once a current code proved the person's app has it, and the last time step a code
 *   was accepted for (a code is refused a second time within its window);
 * - `recovery_code`: single-use codes, kept only as password-style hashes;
 * - `organisation.require_second_factor`: owners and managers without a confirmed factor cannot act
 *   for the organisation until they set one up.
 * Both tables are a person's alone (row-level security on `app.user_id`).
 * `waymark_sign_in` now also answers whether the chosen membership lacks a factor its organisation
 * requires (a new result type: dropped and made again, with the same grants), still in one statement.
 */
export class Migration20261208100000 extends Migration {
  override up(): void {
    const sql = (text: string) => this.addSql(text);
    sql(`create table "second_factor" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "secret_sealed" varchar(200) not null, "confirmed_at" timestamptz null, "last_time_step" int null, constraint "second_factor_pkey" primary key ("id"));`);
    sql(`alter table "second_factor" add constraint "second_factor_user_id_unique" unique ("user_id");`);
    sql(`alter table "second_factor" add constraint "second_factor_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    sql(`create table "recovery_code" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "code_hash" varchar(200) not null, "used_at" timestamptz null, constraint "recovery_code_pkey" primary key ("id"));`);
    sql(`create index "recovery_code_user_id_index" on "recovery_code" ("user_id");`);
    sql(`alter table "recovery_code" add constraint "recovery_code_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    sql(`alter table "organisation" add column "require_second_factor" boolean not null default false;`);

    for (const table of ['second_factor', 'recovery_code']) {
      sql(`alter table "${table}" enable row level security;`);
      sql(`alter table "${table}" force row level security;`);
      sql(`create policy own_rows on "${table}" using (user_id = ${CURRENT_USER}) with check (user_id = ${CURRENT_USER});`);
      sql(`grant select, insert, update, delete on "${table}" to waymark_app;`);
    }
    this.signIn(true);
  }

  override down(): void {
    this.signIn(false);
    this.addSql(`drop table if exists "recovery_code" cascade;`);
    this.addSql(`drop table if exists "second_factor" cascade;`);
    this.addSql(`alter table "organisation" drop column "require_second_factor";`);
  }

  private signIn(secondFactor: boolean): void {
    const sql = (text: string) => this.addSql(text);
    const extra = secondFactor ? ', second_factor_missing boolean' : '';
    const missing = secondFactor
      ? `, coalesce(chosen_role in ('OWNER', 'MANAGER')
           and (select o.require_second_factor from public.organisation o where o.id = chosen_organisation)
           and not exists (select 1 from public.second_factor f where f.user_id = p_user and f.confirmed_at is not null), false)`
      : '';
    const refused = secondFactor ? ', false' : '';
    sql(`drop function waymark_sign_in(uuid, uuid, uuid);`);
    sql(`create function waymark_sign_in(p_user uuid, p_session uuid, p_organisation uuid)
      returns table (live boolean, organisation_id uuid, role text${extra}) language plpgsql volatile as $$
      declare
        chosen_organisation uuid;
        chosen_role text;
        memberships integer;
      begin
        perform set_config('app.user_id', p_user::text, true);
        if not exists (select 1 from public.user_session s
                        where s.id = p_session and s.user_id = p_user and s.revoked_at is null and s.expires_at > now()) then
          perform set_config('app.user_id', '', true);
          return query select false, null::uuid, null::text${refused};
          return;
        end if;
        -- Last seen, once a minute at most; a row another request is touching is skipped, not waited for.
        update public.user_session set last_seen_at = now()
          where id = (select s.id from public.user_session s where s.id = p_session and s.last_seen_at < now() - interval '1 minute' for update skip locked);
        if p_organisation is not null then
          select m.organisation_id, m.role::text into chosen_organisation, chosen_role
            from public.membership m where m.user_id = p_user and m.organisation_id = p_organisation;
        else
          select count(*) into memberships from public.membership m where m.user_id = p_user;
          if memberships = 1 then
            select m.organisation_id, m.role::text into chosen_organisation, chosen_role from public.membership m where m.user_id = p_user;
          end if;
        end if;
        if chosen_organisation is not null then
          perform set_config('app.organisation_id', chosen_organisation::text, true);
        end if;
        return query select true, chosen_organisation, chosen_role${missing};
      end $$;`);
    sql(`revoke all on function waymark_sign_in(uuid, uuid, uuid) from public;`);
    sql(`grant execute on function waymark_sign_in(uuid, uuid, uuid) to waymark_app;`);
  }
}
