import { Migration } from '@mikro-orm/migrations';
import { tenantPolicySql } from './tenancy';

/** The job's own tables: only waymark_analytics reads or writes them (record keys are secret, entries are institutions' scores). */
const STATE_TABLES = ['benchmark_entry', 'benchmark_contribution', 'benchmark_publication'] as const;

/**
 * Benchmarks an intruder cannot break (issue 15; see docs/privacy.md):
 * - snapshots written before this were never audited: they are deleted (the worker writes a first
 *   audited one at start); per-institution percentile ranks go (the percentile is computed at read
 *   time from the institution's own score and the published quartiles), and so do the hashed
 *   entries of the same-day rule (the audit replaces it);
 * - every published row says as of when, and a held-back one why; min and max are never published;
 * - network heatmap rows exist only for NAMED members;
 * - the job's own tables: every contribution that counted (secret record key, values and answers as
 *   they were), the population as last computed, and what each snapshot published (for the audit);
 * - `waymark_cell_noise`, the cell-key noise in SQL, equal to the JavaScript one in
 *   packages/disclosure (a db test compares them).
 */
export class Migration20261207130000 extends Migration {
  override up(): void {
    const sql = (text: string) => this.addSql(text);
    sql(`delete from "benchmark_snapshot";`);
    // A network's members that are not NAMED count only together, as its "Other members" row.
    sql(`alter type "cohort_dimension" add value if not exists 'NETWORK_OTHERS';`);
    sql(`drop table "benchmark_rank" cascade;`);
    sql(`drop table "benchmark_cohort_entries" cascade;`);
    sql(`alter table "benchmark_snapshot" drop column "day", drop column "min_cohort", add column "protection_points" int not null, add column "changed_cohorts" int not null, add column "audit" jsonb not null;`);
    sql(`alter table "benchmark_cohort" drop column "suppressed", drop column "hidden_rows", add column "held_back" varchar(30) null, add column "other_members" int not null default 0, add column "as_of" timestamptz not null;`);
    sql(`alter table "benchmark_figure" drop column "min", drop column "max", alter column "n" drop not null, add column "held_back" varchar(30) null, add column "as_of" timestamptz not null;`);
    sql(
      `alter table "benchmark_part_share" alter column "answered" drop not null, alter column "yes" drop not null, alter column "started" drop not null, alter column "no" drop not null, add column "held_back" varchar(30) null, add column "as_of" timestamptz not null;`,
    );
    sql(`alter table "benchmark_network_cell" alter column "member_organisation_id" set not null;`);

    sql(
      `create table "benchmark_entry" ("entry" varchar(32) not null, "framework_id" uuid not null, "institution_id" uuid not null, "record_key" bigint not null, "scores" jsonb not null, "parts" jsonb not null, constraint "benchmark_entry_pkey" primary key ("entry"));`,
    );
    sql(`alter table "benchmark_entry" add constraint "benchmark_entry_framework_id_foreign" foreign key ("framework_id") references "framework" ("id") on update cascade on delete cascade;`);
    sql(
      `create table "benchmark_contribution" ("framework_id" uuid not null, "institution_id" uuid not null, "entry" varchar(32) not null, "consent" varchar(10) not null, "cohorts" text[] not null, constraint "benchmark_contribution_pkey" primary key ("framework_id", "institution_id"));`,
    );
    sql(
      `create table "benchmark_publication" ("snapshot_id" uuid not null, "framework_id" uuid not null, "cohort_entries" jsonb not null, "cells" jsonb not null, constraint "benchmark_publication_pkey" primary key ("snapshot_id"));`,
    );
    sql(`alter table "benchmark_publication" add constraint "benchmark_publication_framework_id_foreign" foreign key ("framework_id") references "framework" ("id") on update cascade on delete cascade;`);
    for (const table of STATE_TABLES) {
      sql(`revoke all on "${table}" from public;`);
      sql(`grant select, insert, update, delete on "${table}" to waymark_analytics;`);
    }
    this.noise();
    this.narrowReads();
  }

  /**
   * The kept scores and part answers of some consenting institutions' latest submissions, for an
   * incremental run (the full functions would read every institution's). The same rules as
   * waymark_benchmark_entries: consent not NONE, not a regional body, not withdrawn.
   */
  private narrowReads(): void {
    const definer = `security definer set search_path = pg_catalog, public`;
    const latest = `select distinct on (s.organisation_id) s.organisation_id, s.id as score_id
          from public.submitted_score s join public.organisation o on o.id = s.organisation_id
         where s.framework_id = p_framework and s.withdrawn_at is null and s.organisation_id = any(p_organisations)
           and o.benchmarking_consent <> 'NONE' and o.kind <> 'REGIONAL_BODY'
         order by s.organisation_id, s.submitted_at desc, s.id`;
    this.addSql(`create or replace function waymark_benchmark_scores_of(p_framework uuid, p_organisations uuid[])
      returns table (organisation_id uuid, scope text, practice double precision, evidence double precision)
      language sql stable ${definer} as $$
        with e as (${latest})
        select e.organisation_id, 'overall'::text, s.practice, s.evidence from e join public.submitted_score s on s.id = e.score_id
        union all
        select e.organisation_id, es.element_key::text, es.practice, es.evidence
          from e join public.submitted_element_score es on es.organisation_id = e.organisation_id and es.score_id = e.score_id
      $$;`);
    this.addSql(`create or replace function waymark_benchmark_parts_of(p_framework uuid, p_organisations uuid[])
      returns table (organisation_id uuid, part_key text, value text)
      language sql stable ${definer} as $$
        with e as (${latest})
        select e.organisation_id, p.part_key::text, p.value::text
          from e join public.submitted_part_answer p on p.organisation_id = e.organisation_id and p.score_id = e.score_id
      $$;`);
    for (const fn of ['waymark_benchmark_scores_of(uuid, uuid[])', 'waymark_benchmark_parts_of(uuid, uuid[])']) {
      this.addSql(`revoke all on function ${fn} from public;`);
      this.addSql(`grant execute on function ${fn} to waymark_analytics;`);
    }
  }

  /**
   * The cell-key noise: a whole number in [-bound, bound] from md5 of the cell key and what is
   * perturbed, the same as `noise()` in packages/disclosure.
   */
  private noise(): void {
    this.addSql(`create or replace function waymark_cell_noise(p_cell_key bigint, p_what text, p_bound int)
      returns int language sql immutable strict parallel safe set search_path = pg_catalog as $$
        select (('x' || substr(md5(p_cell_key::text || ':' || p_what), 1, 8))::bit(32)::bigint % (2 * p_bound + 1))::int - p_bound
      $$;`);
    this.addSql(`grant execute on function waymark_cell_noise(bigint, text, int) to waymark_analytics;`);
  }

  override down(): void {
    const sql = (text: string) => this.addSql(text);
    sql(`drop function if exists waymark_cell_noise(bigint, text, int);`);
    sql(`drop function if exists waymark_benchmark_scores_of(uuid, uuid[]);`);
    sql(`drop function if exists waymark_benchmark_parts_of(uuid, uuid[]);`);
    for (const table of STATE_TABLES) sql(`drop table if exists "${table}";`);
    sql(`delete from "benchmark_snapshot";`);
    sql(`alter table "benchmark_network_cell" alter column "member_organisation_id" drop not null;`);
    sql(`alter table "benchmark_part_share" drop column "held_back", drop column "as_of", alter column "answered" set not null, alter column "yes" set not null, alter column "started" set not null, alter column "no" set not null;`);
    sql(`alter table "benchmark_figure" drop column "held_back", drop column "as_of", alter column "n" set not null, add column "min" double precision null, add column "max" double precision null;`);
    sql(`alter table "benchmark_cohort" drop column "held_back", drop column "other_members", drop column "as_of", add column "suppressed" varchar(20) null, add column "hidden_rows" int not null default 0;`);
    sql(`alter table "benchmark_snapshot" drop column "protection_points", drop column "changed_cohorts", drop column "audit", add column "day" date not null, add column "min_cohort" int not null;`);
    sql(`create table "benchmark_cohort_entries" ("id" uuid not null, "snapshot_id" uuid not null references "benchmark_snapshot" ("id") on update cascade on delete cascade, "cohort_key" varchar(120) not null, "entries" text[] not null, constraint "benchmark_cohort_entries_pkey" primary key ("id"), constraint "benchmark_cohort_entries_snapshot_id_cohort_key_unique" unique ("snapshot_id", "cohort_key"));`);
    sql(`grant select, insert, delete on "benchmark_cohort_entries" to waymark_analytics;`);
    sql(
      `create table "benchmark_rank" ("id" uuid not null, "created_at" timestamptz not null, "organisation_id" uuid not null references "organisation" ("id") on update cascade on delete cascade, "snapshot_id" uuid not null references "benchmark_snapshot" ("id") on update cascade on delete cascade, "ranks" jsonb not null, constraint "benchmark_rank_pkey" primary key ("id"), constraint "benchmark_rank_organisation_id_id_unique" unique ("organisation_id", "id"), constraint "benchmark_rank_organisation_id_snapshot_id_unique" unique ("organisation_id", "snapshot_id"));`,
    );
    for (const statement of tenantPolicySql('benchmark_rank')) sql(statement);
    sql(`create policy benchmark_job on "benchmark_rank" to waymark_analytics using (true) with check (true);`);
    sql(`grant select on "benchmark_rank" to waymark_app;`);
    sql(`grant select, insert, delete on "benchmark_rank" to waymark_analytics;`);
  }
}
