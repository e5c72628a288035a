import { Migration } from '@mikro-orm/migrations';

/**
 * Framework versions end to end: the crosswalk between two published versions is stored beside
 * them (shared and read-only for the API, like the versions), and an agreed answer carried onto a
 * changed question is marked for the team to review.
 */
export class Migration20261208130000 extends Migration {
  override up(): void {
    this.addSql(`create table "framework_crosswalk" ("id" uuid not null, "created_at" timestamptz not null, "from_framework_id" uuid not null, "to_framework_id" uuid not null, "map" jsonb not null, "content_hash" varchar(64) not null, constraint "framework_crosswalk_pkey" primary key ("id"));`);
    this.addSql(`alter table "framework_crosswalk" add constraint "framework_crosswalk_from_framework_id_to_framework_id_unique" unique ("from_framework_id", "to_framework_id");`);
    this.addSql(`alter table "framework_crosswalk" add constraint "framework_crosswalk_from_framework_id_foreign" foreign key ("from_framework_id") references "framework" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "framework_crosswalk" add constraint "framework_crosswalk_to_framework_id_foreign" foreign key ("to_framework_id") references "framework" ("id") on update cascade on delete cascade;`);
    this.addSql(`grant select on "framework_crosswalk" to waymark_app;`);
    this.addSql(`alter table "consensus_answer" add column "needs_review" boolean not null default false;`);
  }

  override down(): void {
    this.addSql(`alter table "consensus_answer" drop column "needs_review";`);
    this.addSql(`drop table if exists "framework_crosswalk" cascade;`);
  }
}
