import { Migration } from '@mikro-orm/migrations';

export class Migration20261126120100 extends Migration {

  override up(): void {
    this.addSql(`create type "partner_type" as enum ('INFORMAL_LEARNING_INSTITUTION', 'INDIVIDUAL_BUSINESS_OR_COMMUNITY_GROUP', 'YOUTH_SERVING_ORGANISATION', 'SCHOOL_OR_UNIVERSITY', 'OTHER');`);
    this.addSql(`create type "partner_status" as enum ('PROSPECTIVE', 'ACTIVE', 'PAUSED', 'ENDED');`);
    this.addSql(`create type "action_item_kind" as enum ('ACTION', 'PROMPT', 'EVIDENCE_GAP');`);
    this.addSql(`create type "action_item_status" as enum ('OPEN', 'IN_PROGRESS', 'DONE', 'DEFERRED', 'DROPPED');`);
    this.addSql(`create table "partner" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "name" varchar(200) not null, "partner_type" "partner_type" not null, "contact_name" varchar(200) null, "contact_email" varchar(320) null, "contact_phone" varchar(60) null, "they_bring" text null, "we_bring" text null, "status" "partner_status" not null default 'ACTIVE', "start_date" date null, "next_review_on" date null, "review_interval_days" int null, "notes" text null, "created_by" uuid not null, "updated_at" timestamptz not null, constraint "partner_pkey" primary key ("id"));`);
    this.addSql(`create index "partner_organisation_id_index" on "partner" ("organisation_id");`);
    this.addSql(`create index "partner_organisation_id_next_review_on_index" on "partner" ("organisation_id", "next_review_on");`);

    this.addSql(`create table "partner_link" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "partner_id" uuid not null, "assessment_id" uuid not null, "node_key" varchar(40) not null, "linked_by" uuid not null, constraint "partner_link_pkey" primary key ("id"));`);
    this.addSql(`create index "partner_link_organisation_id_index" on "partner_link" ("organisation_id");`);
    this.addSql(`create index "partner_link_assessment_id_node_key_index" on "partner_link" ("assessment_id", "node_key");`);
    this.addSql(`alter table "partner_link" add constraint "partner_link_partner_id_assessment_id_node_key_unique" unique ("partner_id", "assessment_id", "node_key");`);

    this.addSql(`create table "action_plan" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "assessment_id" uuid not null, "generated_at" timestamptz not null, "generated_by" uuid not null, "generations" int not null default 1, constraint "action_plan_pkey" primary key ("id"));`);
    this.addSql(`create index "action_plan_organisation_id_index" on "action_plan" ("organisation_id");`);
    this.addSql(`alter table "action_plan" add constraint "action_plan_assessment_id_unique" unique ("assessment_id");`);

    this.addSql(`create table "action_item" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "plan_id" uuid not null, "assessment_id" uuid not null, "item_key" varchar(80) not null, "kind" "action_item_kind" not null, "node_key" varchar(40) not null, "element_key" varchar(40) not null, "what" text not null, "why" text not null, "gap" jsonb not null, "guidance" jsonb not null, "footnotes" jsonb not null, "priority" int not null, "priority_reason" text not null, "target" text not null, "owner_user_id" uuid null, "due_on" date null, "review_interval_days" int null, "next_review_on" date null, "status" "action_item_status" not null default 'OPEN', "done_at" timestamptz null, "resources" text null, "success_measure" text null, "resolved_by_assessment_at" timestamptz null, "carried_from_id" uuid null, "updated_at" timestamptz not null, constraint "action_item_pkey" primary key ("id"));`);
    this.addSql(`create index "action_item_organisation_id_index" on "action_item" ("organisation_id");`);
    this.addSql(`create index "action_item_assessment_id_index" on "action_item" ("assessment_id");`);
    this.addSql(`create index "action_item_organisation_id_status_due_on_index" on "action_item" ("organisation_id", "status", "due_on");`);
    this.addSql(`alter table "action_item" add constraint "action_item_plan_id_item_key_unique" unique ("plan_id", "item_key");`);

    this.addSql(`create table "action_item_note" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "item_id" uuid not null, "author_id" uuid not null, "body" text not null, "status_from" "action_item_status" null, "status_to" "action_item_status" null, constraint "action_item_note_pkey" primary key ("id"));`);
    this.addSql(`create index "action_item_note_organisation_id_index" on "action_item_note" ("organisation_id");`);
    this.addSql(`create index "action_item_note_item_id_created_at_index" on "action_item_note" ("item_id", "created_at");`);

    this.addSql(`create table "action_item_evidence" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "item_id" uuid not null, "evidence_id" uuid not null, "linked_by" uuid not null, constraint "action_item_evidence_pkey" primary key ("id"));`);
    this.addSql(`create index "action_item_evidence_organisation_id_index" on "action_item_evidence" ("organisation_id");`);
    this.addSql(`create index "action_item_evidence_evidence_id_index" on "action_item_evidence" ("evidence_id");`);
    this.addSql(`alter table "action_item_evidence" add constraint "action_item_evidence_item_id_evidence_id_unique" unique ("item_id", "evidence_id");`);

    this.addSql(`alter table "partner" add constraint "partner_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "partner_link" add constraint "partner_link_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "partner_link" add constraint "partner_link_partner_id_foreign" foreign key ("partner_id") references "partner" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "partner_link" add constraint "partner_link_assessment_id_foreign" foreign key ("assessment_id") references "assessment" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "action_plan" add constraint "action_plan_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "action_plan" add constraint "action_plan_assessment_id_foreign" foreign key ("assessment_id") references "assessment" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "action_item" add constraint "action_item_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "action_item" add constraint "action_item_plan_id_foreign" foreign key ("plan_id") references "action_plan" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "action_item" add constraint "action_item_assessment_id_foreign" foreign key ("assessment_id") references "assessment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "action_item" add constraint "action_item_carried_from_id_foreign" foreign key ("carried_from_id") references "action_item" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "action_item_note" add constraint "action_item_note_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "action_item_note" add constraint "action_item_note_item_id_foreign" foreign key ("item_id") references "action_item" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "action_item_evidence" add constraint "action_item_evidence_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "action_item_evidence" add constraint "action_item_evidence_item_id_foreign" foreign key ("item_id") references "action_item" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "action_item_evidence" add constraint "action_item_evidence_evidence_id_foreign" foreign key ("evidence_id") references "evidence" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`alter table "partner_link" drop constraint "partner_link_partner_id_foreign";`);

    this.addSql(`alter table "action_item" drop constraint "action_item_plan_id_foreign";`);

    this.addSql(`alter table "action_item" drop constraint "action_item_carried_from_id_foreign";`);

    this.addSql(`alter table "action_item_note" drop constraint "action_item_note_item_id_foreign";`);

    this.addSql(`alter table "action_item_evidence" drop constraint "action_item_evidence_item_id_foreign";`);

    this.addSql(`drop table if exists "partner" cascade;`);

    this.addSql(`drop table if exists "partner_link" cascade;`);

    this.addSql(`drop table if exists "action_plan" cascade;`);

    this.addSql(`drop table if exists "action_item" cascade;`);

    this.addSql(`drop table if exists "action_item_note" cascade;`);

    this.addSql(`drop table if exists "action_item_evidence" cascade;`);

    this.addSql(`drop type "partner_type";`);
    this.addSql(`drop type "partner_status";`);
    this.addSql(`drop type "action_item_kind";`);
    this.addSql(`drop type "action_item_status";`);
  }

}
