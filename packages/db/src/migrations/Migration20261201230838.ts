import { Migration } from '@mikro-orm/migrations';
import { HOOKS_TENANT_FOREIGN_KEYS, HOOKS_TENANT_TABLES, tenantForeignKeySql, tenantPolicySql } from './tenancy';

/**
 * Webhook endpoints, the delivery ledger and calendar feeds. Generated from the entities, then by
 * hand: the composite tenant key from a delivery to its endpoint, and forced row-level security
 * with the organisation policy on each table, for the API's role (which the worker uses too).
 */
export class Migration20261201230838 extends Migration {
  override up(): void {
    this.generated();
    for (const key of HOOKS_TENANT_FOREIGN_KEYS) this.addSql(tenantForeignKeySql(key));
    for (const table of HOOKS_TENANT_TABLES) {
      for (const statement of tenantPolicySql(table)) this.addSql(statement);
      this.addSql(`grant select, insert, update, delete on "${table}" to waymark_app;`);
    }
  }

  private generated(): void {
    this.addSql("create type \"webhook_delivery_status\" as enum ('PENDING', 'RETRYING', 'DELIVERED', 'DEAD');");
    this.addSql("create table \"calendar_feed\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"user_id\" uuid not null, \"token_hash\" varchar(64) null, \"revoked_at\" timestamptz null, \"last_used_at\" timestamptz null, constraint \"calendar_feed_pkey\" primary key (\"id\"));");
    this.addSql("create index \"calendar_feed_user_id_index\" on \"calendar_feed\" (\"user_id\");");
    this.addSql("alter table \"calendar_feed\" add constraint \"calendar_feed_organisation_id_user_id_unique\" unique (\"organisation_id\", \"user_id\");");
    this.addSql("alter table \"calendar_feed\" add constraint \"calendar_feed_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("create table \"webhook_endpoint\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"url\" text not null, \"description\" varchar(500) null, \"event_types\" text[] not null, \"enabled\" boolean not null default true, \"secret_ciphertext\" text not null, \"previous_secret_ciphertext\" text null, \"previous_secret_expires_at\" timestamptz null, \"created_by\" uuid not null, \"updated_at\" timestamptz not null, constraint \"webhook_endpoint_pkey\" primary key (\"id\"));");
    this.addSql("alter table \"webhook_endpoint\" add constraint \"webhook_endpoint_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("create table \"webhook_delivery\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"endpoint_id\" uuid not null, \"event_id\" uuid not null, \"event_type\" varchar(100) not null, \"body\" text not null, \"status\" \"webhook_delivery_status\" not null default 'PENDING', \"attempts\" int not null default 0, \"last_status_code\" int null, \"last_error\" text null, \"last_attempt_at\" timestamptz null, \"delivered_at\" timestamptz null, \"dead_at\" timestamptz null, \"redeliveries\" int not null default 0, \"updated_at\" timestamptz not null, constraint \"webhook_delivery_pkey\" primary key (\"id\"));");
    this.addSql("create index \"webhook_delivery_organisation_id_status_created_at_index\" on \"webhook_delivery\" (\"organisation_id\", \"status\", \"created_at\");");
    this.addSql("alter table \"webhook_delivery\" add constraint \"webhook_delivery_organisation_id_event_id_endpoint_id_unique\" unique (\"organisation_id\", \"event_id\", \"endpoint_id\");");
    this.addSql("alter table \"webhook_delivery\" add constraint \"webhook_delivery_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("alter table \"calendar_feed\" add constraint \"calendar_feed_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"calendar_feed\" add constraint \"calendar_feed_user_id_foreign\" foreign key (\"user_id\") references \"app_user\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"webhook_endpoint\" add constraint \"webhook_endpoint_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"webhook_delivery\" add constraint \"webhook_delivery_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
  }

  override down(): void {
    this.addSql("drop table if exists \"calendar_feed\" cascade;");
    this.addSql("drop table if exists \"webhook_endpoint\" cascade;");
    this.addSql("drop table if exists \"webhook_delivery\" cascade;");
    this.addSql("drop type \"webhook_delivery_status\";");
  }
}
