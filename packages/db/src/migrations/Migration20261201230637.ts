import { Migration } from '@mikro-orm/migrations';
import { WORKER_TENANT_TABLES, tenantPolicySql } from './tenancy';

/**
 * The worker: the outbox, notification preferences and the reminder delivery ledger. The first part
 * is generated from the entities; the rest is written by hand:
 * - forced row-level security on the three tenant tables, and references to people;
 * - an insert into the outbox notifies `waymark_outbox` (delivered at commit, so a rolled-back
 *   change wakes nobody);
 * - the worker's only paths across organisations, as narrow SECURITY DEFINER functions run by
 *   waymark_app: take a batch of unrelayed events (FOR UPDATE SKIP LOCKED: the row locks last
 *   until the caller's transaction ends), mark them relayed, and list organisations with their time
 *   zones for the reminder schedule.
 */
export class Migration20261201230637 extends Migration {
  override up(): void {
    this.generated();
    this.handWritten();
  }

  private handWritten(): void {
    const sql = (text: string) => this.addSql(text);
    for (const table of WORKER_TENANT_TABLES) {
      for (const statement of tenantPolicySql(table)) sql(statement);
    }
    sql(`grant select, insert on "outbox_event" to waymark_app;`);
    sql(`grant select, insert, update on "notification_preference" to waymark_app;`);
    sql(`grant select, insert, update on "reminder_delivery" to waymark_app;`);
    sql(`alter table "notification_preference" add constraint "notification_preference_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    sql(`alter table "reminder_delivery" add constraint "reminder_delivery_recipient_user_id_foreign" foreign key ("recipient_user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    sql(`create or replace function waymark_outbox_notify() returns trigger language plpgsql as $$
      begin perform pg_notify('waymark_outbox', ''); return null; end $$;`);
    sql(`create trigger outbox_event_notify after insert on "outbox_event" for each statement execute function waymark_outbox_notify();`);

    const definer = `security definer set search_path = pg_catalog, public`;
    sql(`create or replace function waymark_outbox_take(p_limit int)
      returns table (id uuid, organisation_id uuid, type text, subject_id text, payload jsonb, created_at timestamptz)
      language sql volatile ${definer} as $$
        select e.id, e.organisation_id, e.type::text, e.subject_id::text, e.payload, e.created_at
          from public.outbox_event e
         where e.relayed_at is null
         order by e.created_at, e.id
         limit least(greatest(p_limit, 1), 1000)
           for update skip locked
      $$;`);
    sql(`create or replace function waymark_outbox_mark_relayed(p_ids uuid[])
      returns int language sql volatile ${definer} as $$
        with marked as (update public.outbox_event set relayed_at = now() where id = any(p_ids) and relayed_at is null returning 1)
        select count(*)::int from marked
      $$;`);
    sql(`create or replace function waymark_reminder_organisations()
      returns table (id uuid, time_zone text)
      language sql stable ${definer} as $$
        select o.id, o.time_zone::text from public.organisation o order by o.id
      $$;`);
    for (const fn of ['waymark_outbox_take(int)', 'waymark_outbox_mark_relayed(uuid[])', 'waymark_reminder_organisations()']) {
      sql(`revoke all on function ${fn} from public;`);
      sql(`grant execute on function ${fn} to waymark_app;`);
    }
  }

  private generated(): void {
    this.addSql("create type \"notification_frequency\" as enum ('IMMEDIATE', 'DAILY', 'WEEKLY', 'NONE');");
    this.addSql("create type \"delivery_state\" as enum ('CLAIMED', 'SENT');");
    this.addSql("create table \"outbox_event\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"type\" varchar(60) not null, \"subject_id\" varchar(100) not null, \"payload\" jsonb not null, \"relayed_at\" timestamptz null, constraint \"outbox_event_pkey\" primary key (\"id\"));");
    this.addSql("create index \"outbox_event_unrelayed_index\" on \"outbox_event\" (\"created_at\") where \"relayed_at\" is null;");
    this.addSql("alter table \"outbox_event\" add constraint \"outbox_event_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("create table \"notification_preference\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"user_id\" uuid not null, \"frequency\" \"notification_frequency\" not null default 'DAILY', \"updated_at\" timestamptz not null, constraint \"notification_preference_pkey\" primary key (\"id\"));");
    this.addSql("alter table \"notification_preference\" add constraint \"notification_preference_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("alter table \"notification_preference\" add constraint \"notification_preference_organisation_id_user_id_unique\" unique (\"organisation_id\", \"user_id\");");
    this.addSql("create table \"reminder_delivery\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"recipient_user_id\" uuid not null, \"subject\" varchar(100) not null, \"period\" varchar(20) not null, \"channel\" varchar(20) not null, \"state\" \"delivery_state\" not null default 'CLAIMED', \"lease_until\" timestamptz not null, \"attempts\" int not null default 1, \"message_id\" varchar(200) not null, \"items\" jsonb not null, \"sent_at\" timestamptz null, constraint \"reminder_delivery_pkey\" primary key (\"id\"));");
    this.addSql("alter table \"reminder_delivery\" add constraint \"reminder_delivery_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("alter table \"reminder_delivery\" add constraint \"reminder_delivery_organisation_id_recipient_user__84fc5_unique\" unique (\"organisation_id\", \"recipient_user_id\", \"subject\", \"period\", \"channel\");");
    this.addSql("alter table \"outbox_event\" add constraint \"outbox_event_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"notification_preference\" add constraint \"notification_preference_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"reminder_delivery\" add constraint \"reminder_delivery_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
  }

  override down(): void {
    this.addSql(`drop function if exists waymark_outbox_take(int), waymark_outbox_mark_relayed(uuid[]), waymark_reminder_organisations(), waymark_outbox_notify() cascade;`);
    this.addSql("drop table if exists \"outbox_event\" cascade;");
    this.addSql("drop table if exists \"notification_preference\" cascade;");
    this.addSql("drop table if exists \"reminder_delivery\" cascade;");
    this.addSql("drop type \"notification_frequency\";");
    this.addSql("drop type \"delivery_state\";");
  }
}
