import { Migration } from '@mikro-orm/migrations';
import { BENCHMARK_TENANT_FOREIGN_KEYS, CURRENT_ORG, tenantForeignKeySql, tenantPolicySql } from './tenancy';

/** Snapshot tables: aggregate only, written by the benchmark job, read by the API. */
const SNAPSHOT_TABLES = ['benchmark_snapshot', 'benchmark_cohort', 'benchmark_figure', 'benchmark_part_share'] as const;

/**
 * Benchmarking: scores kept at submission, networks, and dated snapshots. The first part is
 * generated from the entities (`create-migration`); the rest is written by hand:
 * - composite tenant foreign keys and forced row-level security on the tenant tables; a network
 *   membership is visible to both the body that owns it and the institution it names;
 * - waymark_analytics loses its read of every table: it now reaches institutions' data only through
 *   four SECURITY DEFINER functions that return what benchmarks need (stored scores, kind, region,
 *   size band, consent, network membership) for consenting institutions only, and writes nothing
 *   but snapshots;
 * - two functions let the API (as waymark_app) name the institutions a body may invite and the
 *   bodies whose networks an institution is in, and nothing more.
 */
export class Migration20261201222858 extends Migration {
  override up(): void {
    this.generated();
    // First the analytics role loses everything, then each table's grants are made.
    this.analytics();
    this.tenancy();
    this.networkDirectory();
  }

  private tenancy(): void {
    const sql = (text: string) => this.addSql(text);
    for (const key of BENCHMARK_TENANT_FOREIGN_KEYS) sql(tenantForeignKeySql(key));
    for (const table of ['submitted_score', 'submitted_element_score', 'submitted_part_answer', 'network']) {
      for (const statement of tenantPolicySql(table)) sql(statement);
      sql(`grant select, insert, update, delete on "${table}" to waymark_app;`);
    }

    // The body invites (insert) and removes; the institution it names reads the row and answers it (update).
    sql(`alter table "network_member" enable row level security;`);
    sql(`alter table "network_member" force row level security;`);
    const either = `(organisation_id = ${CURRENT_ORG} or member_organisation_id = ${CURRENT_ORG})`;
    sql(`create policy either_side on "network_member" for select using ${either};`);
    sql(`create policy answer on "network_member" for update using ${either} with check ${either};`);
    sql(`create policy invite on "network_member" for insert with check (organisation_id = ${CURRENT_ORG});`);
    sql(`create policy remove on "network_member" for delete using (organisation_id = ${CURRENT_ORG});`);
    sql(`grant select, insert, update, delete on "network_member" to waymark_app;`);

    // An institution reads its own ranks, a body its own heatmap; the benchmark job writes them all.
    for (const table of ['benchmark_rank', 'benchmark_network_cell']) {
      for (const statement of tenantPolicySql(table)) sql(statement);
      sql(`create policy benchmark_job on "${table}" to waymark_analytics using (true) with check (true);`);
      sql(`grant select on "${table}" to waymark_app;`);
      sql(`grant select, insert, delete on "${table}" to waymark_analytics;`);
    }
    for (const table of SNAPSHOT_TABLES) {
      sql(`grant select on "${table}" to waymark_app;`);
      sql(`grant select, insert, delete on "${table}" to waymark_analytics;`);
    }
    // The entries behind each cohort (hashed) are for the job's same-day check only.
    sql(`grant select, insert, delete on "benchmark_cohort_entries" to waymark_analytics;`);
  }

  private analytics(): void {
    const sql = (text: string) => this.addSql(text);
    sql(`revoke all on all tables in schema public from waymark_analytics;`);
    // It records each use of its cross-organisation path in the audit log, as before.
    sql(`grant insert on "audit_entry" to waymark_analytics;`);
    const definer = `security definer set search_path = pg_catalog, public`;

    // Each consenting institution's latest submission of a framework that is not withdrawn: the
    // population of every benchmark. Consent NONE and regional bodies are never in it. `entry`
    // names the submission (a resubmission is a new entry) without naming the institution.
    sql(`create or replace function waymark_benchmark_entries(p_framework uuid)
      returns table (organisation_id uuid, score_id uuid, entry text, kind text, region text, size_band text, consent text, name text)
      language sql stable ${definer} as $$
        select distinct on (s.organisation_id)
               s.organisation_id, s.id,
               md5(s.organisation_id::text || ':' || s.assessment_id::text || ':' || extract(epoch from s.submitted_at)::text),
               o.kind::text, r.code, o.size_band::text, o.benchmarking_consent::text,
               case when o.benchmarking_consent = 'NAMED' then o.name end
          from public.submitted_score s
          join public.organisation o on o.id = s.organisation_id
          left join public.region r on r.id = o.region_id
         where s.framework_id = p_framework and s.withdrawn_at is null
           and o.benchmarking_consent <> 'NONE' and o.kind <> 'REGIONAL_BODY'
         order by s.organisation_id, s.submitted_at desc, s.id
      $$;`);
    // Their scores: overall, and per element.
    sql(`create or replace function waymark_benchmark_scores(p_framework uuid)
      returns table (organisation_id uuid, scope text, practice double precision, evidence double precision)
      language sql stable ${definer} as $$
        select e.organisation_id, 'overall'::text, s.practice, s.evidence
          from public.waymark_benchmark_entries(p_framework) e join public.submitted_score s on s.id = e.score_id
        union all
        select e.organisation_id, es.element_key::text, es.practice, es.evidence
          from public.waymark_benchmark_entries(p_framework) e
          join public.submitted_element_score es on es.organisation_id = e.organisation_id and es.score_id = e.score_id
      $$;`);
    // Their agreed answers to each action part.
    sql(`create or replace function waymark_benchmark_parts(p_framework uuid)
      returns table (organisation_id uuid, part_key text, value text)
      language sql stable ${definer} as $$
        select e.organisation_id, p.part_key::text, p.value::text
          from public.waymark_benchmark_entries(p_framework) e
          join public.submitted_part_answer p on p.organisation_id = e.organisation_id and p.score_id = e.score_id
      $$;`);
    // Who is a member of which body's network (accepted and not left).
    sql(`create or replace function waymark_benchmark_networks()
      returns table (network_id uuid, body_id uuid, organisation_id uuid)
      language sql stable ${definer} as $$
        select m.network_id, m.organisation_id, m.member_organisation_id
          from public.network_member m where m.status = 'MEMBER'
      $$;`);
    for (const fn of ['waymark_benchmark_entries(uuid)', 'waymark_benchmark_scores(uuid)', 'waymark_benchmark_parts(uuid)', 'waymark_benchmark_networks()']) {
      sql(`revoke all on function ${fn} from public;`);
      sql(`grant execute on function ${fn} to waymark_analytics;`);
    }
  }

  private networkDirectory(): void {
    const sql = (text: string) => this.addSql(text);
    const definer = `security definer set search_path = pg_catalog, public`;
    // Institutions a body may invite (the API asks only for a regional body): public facts, nothing else.
    sql(`create or replace function waymark_institution_directory()
      returns table (id uuid, name text, kind text, region text)
      language sql stable ${definer} as $$
        select o.id, o.name::text, o.kind::text, r.code from public.organisation o left join public.region r on r.id = o.region_id
         where o.kind <> 'REGIONAL_BODY' order by o.name, o.id
      $$;`);
    // The organisations on the other side of the current organisation's network rows: a body's
    // invitees and members, or the bodies whose networks name this institution.
    sql(`create or replace function waymark_network_counterparts()
      returns table (membership_id uuid, network_id uuid, network_name text, body_id uuid, body_name text, institution_id uuid, institution_name text, institution_kind text, institution_region text)
      language sql stable ${definer} as $$
        select m.id, n.id, n.name::text, b.id, b.name::text, i.id, i.name::text, i.kind::text, r.code
          from public.network_member m
          join public.network n on n.organisation_id = m.organisation_id and n.id = m.network_id
          join public.organisation b on b.id = m.organisation_id
          join public.organisation i on i.id = m.member_organisation_id
          left join public.region r on r.id = i.region_id
         where m.organisation_id = ${CURRENT_ORG} or m.member_organisation_id = ${CURRENT_ORG}
      $$;`);
    for (const fn of ['waymark_institution_directory()', 'waymark_network_counterparts()']) {
      sql(`revoke all on function ${fn} from public;`);
      sql(`grant execute on function ${fn} to waymark_app;`);
    }
  }

  private generated(): void {
    this.addSql("create type \"cohort_dimension\" as enum ('REGION', 'KIND', 'SIZE', 'REGION_KIND', 'NETWORK');");
    this.addSql("create type \"network_member_status\" as enum ('INVITED', 'MEMBER', 'DECLINED', 'LEFT', 'REMOVED');");
    this.addSql("create table \"benchmark_snapshot\" (\"id\" uuid not null, \"framework_id\" uuid not null, \"taken_at\" timestamptz not null, \"day\" date not null, \"trigger\" varchar(20) not null, \"min_cohort\" int not null, \"institutions\" int not null, constraint \"benchmark_snapshot_pkey\" primary key (\"id\"));");
    this.addSql("create index \"benchmark_snapshot_framework_id_taken_at_index\" on \"benchmark_snapshot\" (\"framework_id\", \"taken_at\");");
    this.addSql("create table \"benchmark_part_share\" (\"id\" uuid not null, \"snapshot_id\" uuid not null, \"cohort_key\" varchar(120) not null, \"part_key\" varchar(40) not null, \"answered\" int not null, \"yes\" double precision not null, \"started\" double precision not null, \"no\" double precision not null, constraint \"benchmark_part_share_pkey\" primary key (\"id\"));");
    this.addSql("alter table \"benchmark_part_share\" add constraint \"benchmark_part_share_snapshot_id_cohort_key_part_key_unique\" unique (\"snapshot_id\", \"cohort_key\", \"part_key\");");
    this.addSql("create table \"benchmark_figure\" (\"id\" uuid not null, \"snapshot_id\" uuid not null, \"cohort_key\" varchar(120) not null, \"scope\" varchar(40) not null, \"measure\" varchar(10) not null, \"n\" int not null, \"mean\" double precision null, \"p25\" double precision null, \"median\" double precision null, \"p75\" double precision null, \"min\" double precision null, \"max\" double precision null, constraint \"benchmark_figure_pkey\" primary key (\"id\"));");
    this.addSql("alter table \"benchmark_figure\" add constraint \"benchmark_figure_snapshot_id_cohort_key_scope_measure_unique\" unique (\"snapshot_id\", \"cohort_key\", \"scope\", \"measure\");");
    this.addSql("create table \"benchmark_cohort_entries\" (\"id\" uuid not null, \"snapshot_id\" uuid not null, \"cohort_key\" varchar(120) not null, \"entries\" text[] not null, constraint \"benchmark_cohort_entries_pkey\" primary key (\"id\"));");
    this.addSql("alter table \"benchmark_cohort_entries\" add constraint \"benchmark_cohort_entries_snapshot_id_cohort_key_unique\" unique (\"snapshot_id\", \"cohort_key\");");
    this.addSql("create table \"benchmark_cohort\" (\"id\" uuid not null, \"snapshot_id\" uuid not null, \"key\" varchar(120) not null, \"dimension\" \"cohort_dimension\" not null, \"value\" varchar(40) null, \"second_value\" varchar(40) null, \"members\" int null, \"suppressed\" varchar(20) null, \"hidden_rows\" int not null default 0, constraint \"benchmark_cohort_pkey\" primary key (\"id\"));");
    this.addSql("alter table \"benchmark_cohort\" add constraint \"benchmark_cohort_snapshot_id_key_unique\" unique (\"snapshot_id\", \"key\");");
    this.addSql("create table \"network\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"name\" varchar(200) not null, \"created_by\" uuid not null, constraint \"network_pkey\" primary key (\"id\"));");
    this.addSql("alter table \"network\" add constraint \"network_organisation_id_name_unique\" unique (\"organisation_id\", \"name\");");
    this.addSql("alter table \"network\" add constraint \"network_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("create table \"network_member\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"network_id\" uuid not null, \"member_organisation_id\" uuid not null, \"status\" \"network_member_status\" not null default 'INVITED', \"invited_by\" uuid not null, \"responded_at\" timestamptz null, \"responded_by\" uuid null, \"updated_at\" timestamptz not null, constraint \"network_member_pkey\" primary key (\"id\"));");
    this.addSql("create index \"network_member_member_organisation_id_index\" on \"network_member\" (\"member_organisation_id\");");
    this.addSql("alter table \"network_member\" add constraint \"network_member_organisation_id_network_id_member__76c11_unique\" unique (\"organisation_id\", \"network_id\", \"member_organisation_id\");");
    this.addSql("alter table \"network_member\" add constraint \"network_member_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("create table \"benchmark_rank\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"snapshot_id\" uuid not null, \"cohort_key\" varchar(120) not null, \"scope\" varchar(40) not null, \"measure\" varchar(10) not null, \"value\" double precision not null, \"percentile\" double precision not null, constraint \"benchmark_rank_pkey\" primary key (\"id\"));");
    this.addSql("create index \"benchmark_rank_organisation_id_snapshot_id_index\" on \"benchmark_rank\" (\"organisation_id\", \"snapshot_id\");");
    this.addSql("alter table \"benchmark_rank\" add constraint \"benchmark_rank_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("create table \"benchmark_network_cell\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"snapshot_id\" uuid not null, \"network_id\" uuid not null, \"label\" varchar(200) not null, \"member_organisation_id\" uuid null, \"position\" int not null, \"scope\" varchar(40) not null, \"practice\" double precision not null, \"evidence\" double precision null, constraint \"benchmark_network_cell_pkey\" primary key (\"id\"));");
    this.addSql("create index \"benchmark_network_cell_organisation_id_snapshot_id_2b055_index\" on \"benchmark_network_cell\" (\"organisation_id\", \"snapshot_id\", \"network_id\");");
    this.addSql("alter table \"benchmark_network_cell\" add constraint \"benchmark_network_cell_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("create table \"submitted_score\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"assessment_id\" uuid not null, \"framework_id\" uuid not null, \"cycle\" varchar(40) not null, \"submitted_at\" timestamptz not null, \"withdrawn_at\" timestamptz null, \"practice\" double precision not null, \"evidence\" double precision null, constraint \"submitted_score_pkey\" primary key (\"id\"));");
    this.addSql("create index \"submitted_score_framework_id_withdrawn_at_index\" on \"submitted_score\" (\"framework_id\", \"withdrawn_at\");");
    this.addSql("alter table \"submitted_score\" add constraint \"submitted_score_organisation_id_assessment_id_unique\" unique (\"organisation_id\", \"assessment_id\");");
    this.addSql("alter table \"submitted_score\" add constraint \"submitted_score_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("create table \"submitted_part_answer\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"score_id\" uuid not null, \"part_key\" varchar(40) not null, \"value\" varchar(10) not null, constraint \"submitted_part_answer_pkey\" primary key (\"id\"));");
    this.addSql("alter table \"submitted_part_answer\" add constraint \"submitted_part_answer_organisation_id_score_id_part_key_unique\" unique (\"organisation_id\", \"score_id\", \"part_key\");");
    this.addSql("alter table \"submitted_part_answer\" add constraint \"submitted_part_answer_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("create table \"submitted_element_score\" (\"id\" uuid not null, \"created_at\" timestamptz not null, \"organisation_id\" uuid not null, \"score_id\" uuid not null, \"element_key\" varchar(40) not null, \"practice\" double precision not null, \"evidence\" double precision null, constraint \"submitted_element_score_pkey\" primary key (\"id\"));");
    this.addSql("alter table \"submitted_element_score\" add constraint \"submitted_element_score_organisation_id_score_id__e1f05_unique\" unique (\"organisation_id\", \"score_id\", \"element_key\");");
    this.addSql("alter table \"submitted_element_score\" add constraint \"submitted_element_score_organisation_id_id_unique\" unique (\"organisation_id\", \"id\");");
    this.addSql("alter table \"benchmark_snapshot\" add constraint \"benchmark_snapshot_framework_id_foreign\" foreign key (\"framework_id\") references \"framework\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"benchmark_part_share\" add constraint \"benchmark_part_share_snapshot_id_foreign\" foreign key (\"snapshot_id\") references \"benchmark_snapshot\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"benchmark_figure\" add constraint \"benchmark_figure_snapshot_id_foreign\" foreign key (\"snapshot_id\") references \"benchmark_snapshot\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"benchmark_cohort_entries\" add constraint \"benchmark_cohort_entries_snapshot_id_foreign\" foreign key (\"snapshot_id\") references \"benchmark_snapshot\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"benchmark_cohort\" add constraint \"benchmark_cohort_snapshot_id_foreign\" foreign key (\"snapshot_id\") references \"benchmark_snapshot\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"network\" add constraint \"network_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"network_member\" add constraint \"network_member_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"network_member\" add constraint \"network_member_member_organisation_id_foreign\" foreign key (\"member_organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"benchmark_rank\" add constraint \"benchmark_rank_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"benchmark_rank\" add constraint \"benchmark_rank_snapshot_id_foreign\" foreign key (\"snapshot_id\") references \"benchmark_snapshot\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"benchmark_network_cell\" add constraint \"benchmark_network_cell_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"benchmark_network_cell\" add constraint \"benchmark_network_cell_snapshot_id_foreign\" foreign key (\"snapshot_id\") references \"benchmark_snapshot\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"submitted_score\" add constraint \"submitted_score_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"submitted_score\" add constraint \"submitted_score_framework_id_foreign\" foreign key (\"framework_id\") references \"framework\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"submitted_part_answer\" add constraint \"submitted_part_answer_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
    this.addSql("alter table \"submitted_element_score\" add constraint \"submitted_element_score_organisation_id_foreign\" foreign key (\"organisation_id\") references \"organisation\" (\"id\") on update cascade on delete cascade;");
  }

  override down(): void {
    for (const fn of ['waymark_institution_directory()', 'waymark_network_counterparts()', 'waymark_benchmark_networks()', 'waymark_benchmark_parts(uuid)', 'waymark_benchmark_scores(uuid)', 'waymark_benchmark_entries(uuid)']) {
      this.addSql(`drop function if exists ${fn};`);
    }
    this.addSql("alter table \"benchmark_part_share\" drop constraint \"benchmark_part_share_snapshot_id_foreign\";");
    this.addSql("alter table \"benchmark_figure\" drop constraint \"benchmark_figure_snapshot_id_foreign\";");
    this.addSql("alter table \"benchmark_cohort_entries\" drop constraint \"benchmark_cohort_entries_snapshot_id_foreign\";");
    this.addSql("alter table \"benchmark_cohort\" drop constraint \"benchmark_cohort_snapshot_id_foreign\";");
    this.addSql("alter table \"benchmark_rank\" drop constraint \"benchmark_rank_snapshot_id_foreign\";");
    this.addSql("alter table \"benchmark_network_cell\" drop constraint \"benchmark_network_cell_snapshot_id_foreign\";");
    this.addSql("drop table if exists \"benchmark_snapshot\" cascade;");
    this.addSql("drop table if exists \"benchmark_part_share\" cascade;");
    this.addSql("drop table if exists \"benchmark_figure\" cascade;");
    this.addSql("drop table if exists \"benchmark_cohort_entries\" cascade;");
    this.addSql("drop table if exists \"benchmark_cohort\" cascade;");
    this.addSql("drop table if exists \"network\" cascade;");
    this.addSql("drop table if exists \"network_member\" cascade;");
    this.addSql("drop table if exists \"benchmark_rank\" cascade;");
    this.addSql("drop table if exists \"benchmark_network_cell\" cascade;");
    this.addSql("drop table if exists \"submitted_score\" cascade;");
    this.addSql("drop table if exists \"submitted_part_answer\" cascade;");
    this.addSql("drop table if exists \"submitted_element_score\" cascade;");
    this.addSql("drop type \"cohort_dimension\";");
    this.addSql("drop type \"network_member_status\";");
  }
}
