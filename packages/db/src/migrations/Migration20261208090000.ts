import { Migration } from '@mikro-orm/migrations';

/**
 * Trace context on the two outboxes: `outbox_event` and `account_mail` keep the W3C `traceparent`
 * of the request that wrote them (null when tracing is off), so the relay and the mail sender
 * continue that request's trace. `waymark_outbox_take` returns it (a new result type: dropped and
 * made again, with the same grants).
 */
export class Migration20261208090000 extends Migration {
  override up(): void {
    this.addSql(`alter table "outbox_event" add column "traceparent" varchar(55) null;`);
    this.addSql(`alter table "account_mail" add column "traceparent" varchar(55) null;`);
    this.takeReturning(true);
  }

  override down(): void {
    this.takeReturning(false);
    this.addSql(`alter table "outbox_event" drop column "traceparent";`);
    this.addSql(`alter table "account_mail" drop column "traceparent";`);
  }

  private takeReturning(traceparent: boolean): void {
    const extra = traceparent ? ', traceparent text' : '';
    const select = traceparent ? ', e.traceparent::text' : '';
    this.addSql(`drop function if exists waymark_outbox_take(int);`);
    this.addSql(`create function waymark_outbox_take(p_limit int)
      returns table (id uuid, organisation_id uuid, type text, subject_id text, payload jsonb, created_at timestamptz${extra})
      language sql volatile security definer set search_path = pg_catalog, public as $$
        select e.id, e.organisation_id, e.type::text, e.subject_id::text, e.payload, e.created_at${select}
          from public.outbox_event e
         where e.relayed_at is null
         order by e.created_at, e.id
         limit least(greatest(p_limit, 1), 1000)
           for update skip locked
      $$;`);
    this.addSql(`revoke all on function waymark_outbox_take(int) from public;`);
    this.addSql(`grant execute on function waymark_outbox_take(int) to waymark_app;`);
  }
}
