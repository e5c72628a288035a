import { Migration } from '@mikro-orm/migrations';
import { CURRENT_USER } from './tenancy';

/**
 * Sessions the server can end, and access by email:
 * - `user_session`: a session token names its row; `waymark_sign_in` now takes the session too and
 *   signs in only while the row is live (not revoked, not expired), in the same one statement, and
 *   notes when it was last seen (at most once a minute, never waiting on a lock);
 * - `password_reset`: a reset link's hash, used once;
 * - `account_mail`: invitation and reset emails, written with the change that asks for them and
 *   sent by the worker (outbox and ledger in one row; it holds no secret);
 * - `invitation.sends`: each resend makes a new link and kills the old one.
 * A person's sessions and resets are theirs alone: row-level security on `app.user_id`.
 */
export class Migration20261207120000 extends Migration {
  override up(): void {
    const sql = (text: string) => this.addSql(text);
    sql(`create table "account_mail" ("id" uuid not null, "created_at" timestamptz not null, "owner_id" uuid not null, "kind" varchar(20) not null, "subject_id" uuid not null, "send_number" int not null default 1, "recipient" varchar(320) not null, "state" varchar(10) not null default 'PENDING', "lease_until" timestamptz null, "attempts" int not null default 0, "sent_at" timestamptz null, constraint "account_mail_pkey" primary key ("id"));`);
    sql(`create index "account_mail_unsent_index" on "account_mail" ("created_at") where "state" in ('PENDING', 'CLAIMED');`);
    sql(`alter table "account_mail" add constraint "account_mail_kind_subject_id_send_number_unique" unique ("kind", "subject_id", "send_number");`);
    sql(`create table "password_reset" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "password_reset_pkey" primary key ("id"));`);
    sql(`create index "password_reset_user_id_index" on "password_reset" ("user_id");`);
    sql(`create table "user_session" ("id" uuid not null, "created_at" timestamptz not null, "user_id" uuid not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_reason" varchar(40) null, constraint "user_session_pkey" primary key ("id"));`);
    sql(`create index "user_session_user_id_index" on "user_session" ("user_id");`);
    sql(`alter table "password_reset" add constraint "password_reset_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    sql(`alter table "user_session" add constraint "user_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    sql(`alter table "invitation" add column "sends" int not null default 1;`);

    for (const table of ['user_session', 'password_reset']) {
      sql(`alter table "${table}" enable row level security;`);
      sql(`alter table "${table}" force row level security;`);
      sql(`create policy own_rows on "${table}" using (user_id = ${CURRENT_USER}) with check (user_id = ${CURRENT_USER});`);
      sql(`grant select, insert, update on "${table}" to waymark_app;`);
    }
    // No secret and no tenant data beyond an address: the API writes rows, the worker sends them.
    sql(`grant select, insert, update on "account_mail" to waymark_app;`);
    sql(`grant select on "user_session", "password_reset", "account_mail" to waymark_analytics;`);
    // A new row wakes the worker's sender (delivered at commit, so a rolled-back request wakes no one).
    sql(`create or replace function waymark_account_mail_notify() returns trigger language plpgsql as $$
      begin perform pg_notify('waymark_account_mail', ''); return null; end $$;`);
    sql(`create trigger account_mail_notify after insert on "account_mail" for each statement execute function waymark_account_mail_notify();`);

    sql(`drop function waymark_sign_in(uuid, uuid);`);
    sql(`create function waymark_sign_in(p_user uuid, p_session uuid, p_organisation uuid)
      returns table (live boolean, organisation_id uuid, role text) language plpgsql volatile as $$
      declare
        chosen_organisation uuid;
        chosen_role text;
        memberships integer;
      begin
        perform set_config('app.user_id', p_user::text, true);
        if not exists (select 1 from public.user_session s
                        where s.id = p_session and s.user_id = p_user and s.revoked_at is null and s.expires_at > now()) then
          perform set_config('app.user_id', '', true);
          return query select false, null::uuid, null::text;
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
        return query select true, chosen_organisation, chosen_role;
      end $$;`);
    sql(`revoke all on function waymark_sign_in(uuid, uuid, uuid) from public;`);
    sql(`grant execute on function waymark_sign_in(uuid, uuid, uuid) to waymark_app;`);
  }
}
