import { Migration } from '@mikro-orm/migrations';

export class Migration20261126111349 extends Migration {

  override up(): void {
    this.addSql(`create type "framework_node_kind" as enum ('PRINCIPLE', 'ELEMENT', 'ACTION', 'PART', 'PROMPT_GROUP', 'PROMPT');`);
    this.addSql(`create type "organisation_kind" as enum ('LIBRARY', 'MUSEUM', 'ARCHIVE', 'COMBINED', 'REGIONAL_BODY');`);
    this.addSql(`create type "size_band" as enum ('MICRO', 'SMALL', 'MEDIUM', 'LARGE');`);
    this.addSql(`create type "governance" as enum ('LOCAL_AUTHORITY', 'NATIONAL', 'UNIVERSITY', 'INDEPENDENT_TRUST', 'CHARITY', 'OTHER');`);
    this.addSql(`create type "benchmarking_consent" as enum ('NONE', 'ANONYMOUS', 'NAMED');`);
    this.addSql(`create type "member_role" as enum ('OWNER', 'MANAGER', 'ASSESSOR', 'VIEWER', 'ANALYST');`);
    this.addSql(`create type "assessment_status" as enum ('DRAFT', 'SUBMITTED', 'REOPENED');`);
    this.addSql(`create table "audit_entry" ("id" uuid not null, "organisation_id" uuid null, "actor_user_id" uuid null, "actor_api_key_id" uuid null, "action" varchar(100) not null, "entity_type" varchar(60) not null, "entity_id" varchar(100) null, "before" jsonb null, "after" jsonb null, "at" timestamptz not null, constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_organisation_id_at_id_index" on "audit_entry" ("organisation_id", "at", "id");`);

    this.addSql(`create table "framework" ("id" uuid not null, "created_at" timestamptz not null, "key" varchar(100) not null, "version" varchar(40) not null, "title" varchar(300) not null, "source" jsonb not null, "document" jsonb not null, "content_hash" varchar(64) not null, "published_at" timestamptz not null, constraint "framework_pkey" primary key ("id"));`);
    this.addSql(`alter table "framework" add constraint "framework_key_version_unique" unique ("key", "version");`);

    this.addSql(`create table "framework_node" ("id" uuid not null, "created_at" timestamptz not null, "framework_id" uuid not null, "key" varchar(40) not null, "kind" "framework_node_kind" not null, "parent_key" varchar(40) null, "ordinal" int not null, "position" int not null, "text" text not null, "footnotes" jsonb not null, constraint "framework_node_pkey" primary key ("id"));`);
    this.addSql(`alter table "framework_node" add constraint "framework_node_framework_id_key_unique" unique ("framework_id", "key");`);

    this.addSql(`create table "guidance" ("id" uuid not null, "created_at" timestamptz not null, "key" varchar(100) not null, "title" varchar(300) not null, "partner_type" varchar(60) not null, "source" jsonb not null, "document" jsonb not null, "content_hash" varchar(64) not null, constraint "guidance_pkey" primary key ("id"));`);
    this.addSql(`alter table "guidance" add constraint "guidance_key_unique" unique ("key");`);

    this.addSql(`create table "guidance_link" ("id" uuid not null, "created_at" timestamptz not null, "guidance_id" uuid not null, "framework_key" varchar(100) not null, "node_key" varchar(40) not null, "reason" text not null, constraint "guidance_link_pkey" primary key ("id"));`);
    this.addSql(`alter table "guidance_link" add constraint "guidance_link_guidance_id_framework_key_node_key_unique" unique ("guidance_id", "framework_key", "node_key");`);

    this.addSql(`create table "region" ("id" uuid not null, "code" varchar(40) not null, "name" varchar(200) not null, constraint "region_pkey" primary key ("id"));`);
    this.addSql(`alter table "region" add constraint "region_code_unique" unique ("code");`);

    this.addSql(`create table "organisation" ("id" uuid not null, "name" varchar(200) not null, "slug" varchar(80) not null, "kind" "organisation_kind" not null, "region_id" uuid null, "size_band" "size_band" not null, "governance" "governance" not null, "time_zone" varchar(64) not null default 'Europe/London', "benchmarking_consent" "benchmarking_consent" not null default 'NONE', "created_at" timestamptz not null, constraint "organisation_pkey" primary key ("id"));`);
    this.addSql(`alter table "organisation" add constraint "organisation_slug_unique" unique ("slug");`);

    this.addSql(`create table "invitation" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "email" varchar(320) not null, "role" "member_role" not null, "token_hash" varchar(64) not null, "invited_by" uuid not null, "expires_at" timestamptz not null, "accepted_at" timestamptz null, "accepted_by" uuid null, "revoked_at" timestamptz null, constraint "invitation_pkey" primary key ("id"));`);
    this.addSql(`create index "invitation_organisation_id_index" on "invitation" ("organisation_id");`);
    this.addSql(`create index "invitation_organisation_id_email_index" on "invitation" ("organisation_id", "email");`);

    this.addSql(`create table "evidence" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "title" varchar(300) not null, "url" varchar(2000) null, "file_reference" varchar(500) null, "description" text null, "evidence_date" date not null, "expires_on" date null, "created_by" uuid not null, constraint "evidence_pkey" primary key ("id"));`);
    this.addSql(`create index "evidence_organisation_id_index" on "evidence" ("organisation_id");`);
    this.addSql(`create index "evidence_organisation_id_created_at_id_index" on "evidence" ("organisation_id", "created_at", "id");`);

    this.addSql(`create table "assessment" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "framework_id" uuid not null, "cycle" varchar(40) not null, "status" "assessment_status" not null default 'DRAFT', "due_on" date null, "previous_id" uuid null, "created_by" uuid not null, "submitted_at" timestamptz null, "submitted_by" uuid null, "updated_at" timestamptz not null, constraint "assessment_pkey" primary key ("id"));`);
    this.addSql(`create index "assessment_organisation_id_index" on "assessment" ("organisation_id");`);
    this.addSql(`create index "assessment_organisation_id_created_at_id_index" on "assessment" ("organisation_id", "created_at", "id");`);
    this.addSql(`alter table "assessment" add constraint "assessment_organisation_id_framework_id_cycle_unique" unique ("organisation_id", "framework_id", "cycle");`);

    this.addSql(`create table "evidence_link" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "evidence_id" uuid not null, "assessment_id" uuid not null, "node_key" varchar(40) not null, "linked_by" uuid not null, constraint "evidence_link_pkey" primary key ("id"));`);
    this.addSql(`create index "evidence_link_organisation_id_index" on "evidence_link" ("organisation_id");`);
    this.addSql(`create index "evidence_link_assessment_id_node_key_index" on "evidence_link" ("assessment_id", "node_key");`);
    this.addSql(`alter table "evidence_link" add constraint "evidence_link_evidence_id_assessment_id_node_key_unique" unique ("evidence_id", "assessment_id", "node_key");`);

    this.addSql(`create table "consensus_answer" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "assessment_id" uuid not null, "node_key" varchar(40) not null, "value" varchar(20) not null, "area_for_improvement" boolean not null default false, "note" text null, "updated_at" timestamptz not null, "set_by" uuid not null, constraint "consensus_answer_pkey" primary key ("id"));`);
    this.addSql(`create index "consensus_answer_organisation_id_index" on "consensus_answer" ("organisation_id");`);
    this.addSql(`alter table "consensus_answer" add constraint "consensus_answer_assessment_id_node_key_unique" unique ("assessment_id", "node_key");`);

    this.addSql(`create table "assessor_answer" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "assessment_id" uuid not null, "node_key" varchar(40) not null, "value" varchar(20) not null, "area_for_improvement" boolean not null default false, "note" text null, "updated_at" timestamptz not null, "user_id" uuid not null, constraint "assessor_answer_pkey" primary key ("id"));`);
    this.addSql(`create index "assessor_answer_organisation_id_index" on "assessor_answer" ("organisation_id");`);
    this.addSql(`alter table "assessor_answer" add constraint "assessor_answer_assessment_id_node_key_user_id_unique" unique ("assessment_id", "node_key", "user_id");`);

    this.addSql(`create table "assessment_reopening" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "assessment_id" uuid not null, "reason" text not null, "reopened_by" uuid not null, constraint "assessment_reopening_pkey" primary key ("id"));`);
    this.addSql(`create index "assessment_reopening_organisation_id_index" on "assessment_reopening" ("organisation_id");`);
    this.addSql(`create index "assessment_reopening_assessment_id_index" on "assessment_reopening" ("assessment_id");`);

    this.addSql(`create table "api_key" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "name" varchar(200) not null, "prefix" varchar(16) not null, "secret_hash" varchar(64) not null, "scopes" text[] not null, "created_by" uuid not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`create index "api_key_organisation_id_index" on "api_key" ("organisation_id");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "created_at" timestamptz not null, "email" varchar(320) not null, "name" varchar(200) not null, "password_hash" varchar(200) not null, "last_login_at" timestamptz null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(`create table "membership" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null, "user_id" uuid not null, "role" "member_role" not null, constraint "membership_pkey" primary key ("id"));`);
    this.addSql(`create index "membership_organisation_id_index" on "membership" ("organisation_id");`);
    this.addSql(`create index "membership_user_id_index" on "membership" ("user_id");`);
    this.addSql(`alter table "membership" add constraint "membership_organisation_id_user_id_unique" unique ("organisation_id", "user_id");`);

    this.addSql(`alter table "framework_node" add constraint "framework_node_framework_id_foreign" foreign key ("framework_id") references "framework" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "guidance_link" add constraint "guidance_link_guidance_id_foreign" foreign key ("guidance_id") references "guidance" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "organisation" add constraint "organisation_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "invitation" add constraint "invitation_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "evidence" add constraint "evidence_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "assessment" add constraint "assessment_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "assessment" add constraint "assessment_framework_id_foreign" foreign key ("framework_id") references "framework" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "assessment" add constraint "assessment_previous_id_foreign" foreign key ("previous_id") references "assessment" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "evidence_link" add constraint "evidence_link_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "evidence_link" add constraint "evidence_link_evidence_id_foreign" foreign key ("evidence_id") references "evidence" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "evidence_link" add constraint "evidence_link_assessment_id_foreign" foreign key ("assessment_id") references "assessment" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "consensus_answer" add constraint "consensus_answer_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "consensus_answer" add constraint "consensus_answer_assessment_id_foreign" foreign key ("assessment_id") references "assessment" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "assessor_answer" add constraint "assessor_answer_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "assessor_answer" add constraint "assessor_answer_assessment_id_foreign" foreign key ("assessment_id") references "assessment" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "assessment_reopening" add constraint "assessment_reopening_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "assessment_reopening" add constraint "assessment_reopening_assessment_id_foreign" foreign key ("assessment_id") references "assessment" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "api_key" add constraint "api_key_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "membership" add constraint "membership_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
  }

  override down(): void {
    this.addSql(`alter table "framework_node" drop constraint "framework_node_framework_id_foreign";`);

    this.addSql(`alter table "assessment" drop constraint "assessment_framework_id_foreign";`);

    this.addSql(`alter table "guidance_link" drop constraint "guidance_link_guidance_id_foreign";`);

    this.addSql(`alter table "organisation" drop constraint "organisation_region_id_foreign";`);

    this.addSql(`alter table "invitation" drop constraint "invitation_organisation_id_foreign";`);

    this.addSql(`alter table "evidence" drop constraint "evidence_organisation_id_foreign";`);

    this.addSql(`alter table "assessment" drop constraint "assessment_organisation_id_foreign";`);

    this.addSql(`alter table "evidence_link" drop constraint "evidence_link_organisation_id_foreign";`);

    this.addSql(`alter table "consensus_answer" drop constraint "consensus_answer_organisation_id_foreign";`);

    this.addSql(`alter table "assessor_answer" drop constraint "assessor_answer_organisation_id_foreign";`);

    this.addSql(`alter table "assessment_reopening" drop constraint "assessment_reopening_organisation_id_foreign";`);

    this.addSql(`alter table "api_key" drop constraint "api_key_organisation_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_organisation_id_foreign";`);

    this.addSql(`alter table "evidence_link" drop constraint "evidence_link_evidence_id_foreign";`);

    this.addSql(`alter table "assessment" drop constraint "assessment_previous_id_foreign";`);

    this.addSql(`alter table "evidence_link" drop constraint "evidence_link_assessment_id_foreign";`);

    this.addSql(`alter table "consensus_answer" drop constraint "consensus_answer_assessment_id_foreign";`);

    this.addSql(`alter table "assessor_answer" drop constraint "assessor_answer_assessment_id_foreign";`);

    this.addSql(`alter table "assessment_reopening" drop constraint "assessment_reopening_assessment_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_user_id_foreign";`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "framework" cascade;`);

    this.addSql(`drop table if exists "framework_node" cascade;`);

    this.addSql(`drop table if exists "guidance" cascade;`);

    this.addSql(`drop table if exists "guidance_link" cascade;`);

    this.addSql(`drop table if exists "region" cascade;`);

    this.addSql(`drop table if exists "organisation" cascade;`);

    this.addSql(`drop table if exists "invitation" cascade;`);

    this.addSql(`drop table if exists "evidence" cascade;`);

    this.addSql(`drop table if exists "assessment" cascade;`);

    this.addSql(`drop table if exists "evidence_link" cascade;`);

    this.addSql(`drop table if exists "consensus_answer" cascade;`);

    this.addSql(`drop table if exists "assessor_answer" cascade;`);

    this.addSql(`drop table if exists "assessment_reopening" cascade;`);

    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "membership" cascade;`);

    this.addSql(`drop type "framework_node_kind";`);
    this.addSql(`drop type "organisation_kind";`);
    this.addSql(`drop type "size_band";`);
    this.addSql(`drop type "governance";`);
    this.addSql(`drop type "benchmarking_consent";`);
    this.addSql(`drop type "member_role";`);
    this.addSql(`drop type "assessment_status";`);
  }

}
