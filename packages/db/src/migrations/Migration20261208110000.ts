import { Migration } from '@mikro-orm/migrations';
import { CURRENT_ORG, CURRENT_USER, ERASURE_TENANT_TABLES, tenantPolicySql } from './tenancy';

const DEFINER = `security definer set search_path = pg_catalog, public`;

/**
 * Erasure (docs/privacy.md#erasure-and-retention).
 *
 * - `former_member`: an erased person's stable number in each organisation they were part of.
 * - `app_user.erased_at`: the row stays (ids in the team's history point at it) but keeps nothing.
 * - `waymark_erase_person(person)` and `waymark_delete_organisation(organisation)`: the two erasures,
 *   as SECURITY DEFINER functions because they change rows the API's role may not (every session of a
 *   person, the append-only audit log, the benchmark job's own tables). Each checks the caller from
 *   the request's own settings (`app.user_id`, `app.organisation_id`, set by sign-in), so the API
 *   role cannot use them for anyone it could not act for. Both find what to change in the catalog
 *   (every table with an organisation column, every text column of those tables), so a table added
 *   later is covered without touching them.
 * - `waymark_prune(audit_before, deliveries_before)`: the worker's retention job.
 */
export class Migration20261208110000 extends Migration {
  override up(): void {
    const sql = (statement: string) => this.addSql(statement);
    sql(`create table "former_member" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "user_id" uuid not null, "number" int not null, constraint "former_member_pkey" primary key ("id"));`);
    sql(`alter table "former_member" add constraint "former_member_organisation_id_number_unique" unique ("organisation_id", "number");`);
    sql(`alter table "former_member" add constraint "former_member_organisation_id_user_id_unique" unique ("organisation_id", "user_id");`);
    sql(`alter table "former_member" add constraint "former_member_organisation_id_id_unique" unique ("organisation_id", "id");`);
    sql(`alter table "former_member" add constraint "former_member_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    sql(`alter table "app_user" add column "erased_at" timestamptz null;`);
    for (const table of ERASURE_TENANT_TABLES) {
      for (const statement of tenantPolicySql(table)) sql(statement);
      sql(`grant select on "${table}" to waymark_app;`);
      sql(`grant select on "${table}" to waymark_analytics;`);
    }

    // Every column that names an organisation: organisation_id, any foreign key to organisation, and
    // the benchmark job's institution_id and member_organisation_id (kept without a foreign key).
    sql(`create or replace view waymark_organisation_columns as
      select c.relname::text as table_name, a.attname::text as column_name
        from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
       where c.relkind = 'r' and a.atttypid = 'uuid'::regtype
         and (a.attname in ('organisation_id', 'member_organisation_id', 'institution_id')
              or exists (select 1 from pg_constraint k where k.contype = 'f' and k.conrelid = c.oid
                          and k.confrelid = 'public.organisation'::regclass and a.attnum = any (k.conkey)))`);
    sql(`revoke all on waymark_organisation_columns from public;`);

    // Replaces a person's name (as a word) and email address in a text, case-insensitively for the address.
    sql(`create or replace function waymark_scrub(p_text text, p_name text, p_email text, p_label text)
      returns text language sql immutable set search_path = pg_catalog as $$
        select case when p_text is null then null else
          regexp_replace(
            case when length(p_name) >= 2
                 then regexp_replace(p_text, '(?<![[:alnum:]_])' || regexp_replace(p_name, '([.\\\\+*?\\[^\\]$(){}=!<>|:#-])', '\\\\\\1', 'g') || '(?![[:alnum:]_])', p_label, 'g')
                 else p_text end,
            regexp_replace(p_email, '([.\\\\+*?\\[^\\]$(){}=!<>|:#-])', '\\\\\\1', 'g'), p_label, 'gi')
        end $$`);

    sql(`create or replace function waymark_erase_person(p_person uuid)
      returns table (organisation_id uuid, number int) language plpgsql volatile ${DEFINER} as $$
      declare
        actor uuid := ${CURRENT_USER};
        person public.app_user%rowtype;
        org uuid;
        n int;
        label text;
        json_name text;
        col record;
      begin
        if actor is null then
          raise exception 'waymark: sign in to erase anyone' using errcode = '42501';
        end if;
        select * into person from public.app_user u where u.id = p_person for update;
        if not found or person.erased_at is not null then
          raise exception 'waymark: there is no such person to erase' using errcode = '42501';
        end if;
        if actor <> p_person and exists (
             select 1 from public.membership m where m.user_id = p_person
                and not exists (select 1 from public.membership o where o.organisation_id = m.organisation_id
                                   and o.user_id = actor and o.role = 'OWNER')) then
          raise exception 'waymark: only an owner of every organisation the person belongs to may erase them' using errcode = '42501', hint = 'NOT_OWNER_OF_EVERY_ORGANISATION';
        end if;
        if actor <> p_person and not exists (select 1 from public.membership m where m.user_id = p_person
                                                and m.organisation_id = ${CURRENT_ORG}) then
          raise exception 'waymark: the person is not a member of this organisation' using errcode = '42501';
        end if;
        if exists (select 1 from public.membership m where m.user_id = p_person and m.role = 'OWNER'
                      and not exists (select 1 from public.membership o where o.organisation_id = m.organisation_id
                                         and o.role = 'OWNER' and o.user_id <> p_person)) then
          raise exception 'waymark: the last owner of an organisation cannot be erased: make someone else an owner, or delete the organisation, first' using errcode = '55000', hint = 'LAST_OWNER';
        end if;

        -- Pending invitations to their address go (accepted ones are scrubbed below, with the rest).
        delete from public.invitation i where lower(i.email) = lower(person.email) and i.accepted_at is null;
        json_name := substr(to_json(person.name)::text, 2, length(to_json(person.name)::text) - 2);

        -- Every organisation they are, or were, part of: memberships, and wherever they acted.
        for org in
          select m.organisation_id from public.membership m where m.user_id = p_person
          union select a.organisation_id from public.audit_entry a where a.actor_user_id = p_person and a.organisation_id is not null
          union select i.organisation_id from public.invitation i where i.accepted_by = p_person
          union select f.organisation_id from public.former_member f where f.user_id = p_person
        loop
          perform 1 from public.organisation o where o.id = org for update;
          select f.number into n from public.former_member f where f.organisation_id = org and f.user_id = p_person;
          if n is null then
            select coalesce(max(f.number), 0) + 1 into n from public.former_member f where f.organisation_id = org;
            insert into public.former_member (id, created_at, organisation_id, user_id, number) values (gen_random_uuid(), now(), org, p_person, n);
          end if;
          label := 'Former member ' || n;
          -- Every text column of every organisation table that mentions them (the catalog, not a list).
          for col in
            select k.table_name, a.column_name, a.data_type
              from waymark_organisation_columns k
              join information_schema.columns a on a.table_schema = 'public' and a.table_name = k.table_name
             where k.column_name = 'organisation_id'
               and (a.data_type = 'jsonb' or (a.data_type in ('text', 'character varying') and coalesce(a.character_maximum_length, 1000) >= 100))
          loop
            if col.data_type = 'jsonb' then
              execute format('update public.%I set %I = public.waymark_scrub(%I::text, $1, $2, $3)::jsonb where organisation_id = $4 and (strpos(%I::text, $1) > 0 or strpos(lower(%I::text), lower($2)) > 0)',
                             col.table_name, col.column_name, col.column_name, col.column_name, col.column_name)
                using json_name, person.email, label, org;
            else
              execute format('update public.%I set %I = public.waymark_scrub(%I, $1, $2, $3) where organisation_id = $4 and (strpos(%I, $1) > 0 or strpos(lower(%I), lower($2)) > 0)',
                             col.table_name, col.column_name, col.column_name, col.column_name, col.column_name)
                using person.name, person.email, label, org;
            end if;
          end loop;
          delete from public.membership m where m.organisation_id = org and m.user_id = p_person;
          delete from public.notification_preference p where p.organisation_id = org and p.user_id = p_person;
          delete from public.calendar_feed c where c.organisation_id = org and c.user_id = p_person;
          insert into public.audit_entry (id, organisation_id, actor_user_id, action, entity_type, entity_id, before, after, at)
            values (gen_random_uuid(), org, actor, 'person.erase', 'Person', p_person::text, null, jsonb_build_object('label', label), now());
          organisation_id := org;
          number := n;
          return next;
        end loop;

        -- What is not an organisation's: the account itself, its sessions, links and mail.
        update public.audit_entry a set before = public.waymark_scrub(a.before::text, json_name, person.email, 'Former member')::jsonb,
                                        after = public.waymark_scrub(a.after::text, json_name, person.email, 'Former member')::jsonb
         where a.organisation_id is null and (strpos(coalesce(a.before::text, '') || coalesce(a.after::text, ''), json_name) > 0
               or strpos(lower(coalesce(a.before::text, '') || coalesce(a.after::text, '')), lower(person.email)) > 0);
        update public.user_session s set revoked_at = now(), revoked_reason = 'erased' where s.user_id = p_person and s.revoked_at is null;
        delete from public.password_reset r where r.user_id = p_person;
        update public.account_mail m set recipient = 'erased@erased.invalid',
               state = case when m.state = 'SENT' then m.state else 'SKIPPED' end
         where lower(m.recipient) = lower(person.email);
        update public.app_user u set name = 'Former member', email = 'erased-' || u.id || '@erased.invalid',
               password_hash = '!erased', last_login_at = null, erased_at = now()
         where u.id = p_person;
      end $$`);
    sql(`revoke all on function waymark_erase_person(uuid) from public;`);
    sql(`grant execute on function waymark_erase_person(uuid) to waymark_app;`);

    sql(`create or replace function waymark_delete_organisation(p_organisation uuid)
      returns jsonb language plpgsql volatile ${DEFINER} as $$
      declare
        actor uuid := ${CURRENT_USER};
        col record;
        counted bigint;
        tally jsonb := '{}'::jsonb;
        stand_in uuid := gen_random_uuid();
      begin
        if actor is null or p_organisation is distinct from ${CURRENT_ORG}
           or not exists (select 1 from public.membership m where m.organisation_id = p_organisation and m.user_id = actor and m.role = 'OWNER') then
          raise exception 'waymark: only an owner may delete the organisation they act for' using errcode = '42501';
        end if;
        perform 1 from public.organisation o where o.id = p_organisation for update;
        -- What there was, table by table: counts only, never the rows themselves.
        for col in select table_name, column_name from waymark_organisation_columns order by 1, 2 loop
          execute format('select count(*) from public.%I where %I = $1', col.table_name, col.column_name) into counted using p_organisation;
          if counted > 0 then
            tally := tally || jsonb_build_object(col.table_name || '.' || col.column_name, counted);
          end if;
        end loop;
        -- The benchmark job's memory of what it already published keeps the values (its privacy audit
        -- of earlier snapshots needs them) under an id that belongs to no one; the next recompute finds
        -- the institution gone, recomputes its cohorts without it and forgets the stand-in.
        update public.benchmark_entry e set institution_id = stand_in where e.institution_id = p_organisation;
        update public.benchmark_contribution c set institution_id = stand_in where c.institution_id = p_organisation;
        delete from public.account_mail m where m.owner_id = p_organisation;
        delete from public.organisation o where o.id = p_organisation;
        -- Whatever the cascade did not reach (the audit log, rows kept without a foreign key).
        for col in select table_name, column_name from waymark_organisation_columns loop
          execute format('delete from public.%I where %I = $1', col.table_name, col.column_name) using p_organisation;
        end loop;
        insert into public.audit_entry (id, organisation_id, actor_user_id, action, entity_type, entity_id, before, after, at)
          values (gen_random_uuid(), null, actor, 'organisation.delete', 'Organisation', p_organisation::text, null,
                  jsonb_build_object('rows', tally), now());
        return tally;
      end $$`);
    sql(`revoke all on function waymark_delete_organisation(uuid) from public;`);
    sql(`grant execute on function waymark_delete_organisation(uuid) to waymark_app;`);

    // Retention: finished deliveries and audit entries older than the cut-offs, every organisation.
    sql(`create or replace function waymark_prune(p_audit_before timestamptz, p_deliveries_before timestamptz)
      returns table (organisation_id uuid, audit_entries bigint, reminder_deliveries bigint, webhook_deliveries bigint)
      language sql volatile ${DEFINER} as $$
        with a as (
          delete from public.audit_entry a where a.at < p_audit_before and a.organisation_id is not null returning a.organisation_id
        ), r as (
          delete from public.reminder_delivery r where r.state = 'SENT' and r.created_at < p_deliveries_before returning r.organisation_id
        ), w as (
          delete from public.webhook_delivery w where w.status in ('DELIVERED', 'DEAD') and w.updated_at < p_deliveries_before returning w.organisation_id
        ), counted as (
          select a.organisation_id, 'a' as what from a union all select r.organisation_id, 'r' from r union all select w.organisation_id, 'w' from w
        )
        select c.organisation_id, count(*) filter (where c.what = 'a'), count(*) filter (where c.what = 'r'), count(*) filter (where c.what = 'w')
          from counted c group by c.organisation_id
      $$`);
    sql(`revoke all on function waymark_prune(timestamptz, timestamptz) from public;`);
    sql(`grant execute on function waymark_prune(timestamptz, timestamptz) to waymark_app;`);
  }

  override down(): void {
    this.addSql(`drop function if exists waymark_prune(timestamptz, timestamptz);`);
    this.addSql(`drop function if exists waymark_delete_organisation(uuid);`);
    this.addSql(`drop function if exists waymark_erase_person(uuid);`);
    this.addSql(`drop function if exists waymark_scrub(text, text, text, text);`);
    this.addSql(`drop view if exists waymark_organisation_columns;`);
    this.addSql(`drop table if exists "former_member" cascade;`);
    this.addSql(`alter table "app_user" drop column "erased_at";`);
  }
}
