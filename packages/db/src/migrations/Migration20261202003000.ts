import { Migration } from '@mikro-orm/migrations';

/**
 * Benchmark ranks: one row per institution and snapshot holding its standing in every cohort
 * (`ranks`, JSON), instead of one row per institution, cohort, scope and measure. A snapshot of
 * 10,000 institutions wrote 360,000 rows (each with its index entries and foreign-key checks) and
 * now writes 10,000. Existing rows are folded into the new shape (ranks are derived data: where
 * row-level security hides rows from the migrating role, the next recompute writes them again).
 */
export class Migration20261202003000 extends Migration {
  override up(): void {
    this.addSql(`create temporary table benchmark_rank_folded on commit drop as
      select organisation_id, snapshot_id, min(created_at) as created_at,
             jsonb_agg(jsonb_build_object('cohortKey', cohort_key, 'scope', scope, 'measure', measure, 'value', value, 'percentile', percentile)
                       order by cohort_key, scope, measure) as ranks
        from "benchmark_rank" group by organisation_id, snapshot_id;`);
    this.addSql(`delete from "benchmark_rank";`);
    this.addSql(`drop index "benchmark_rank_organisation_id_snapshot_id_index";`);
    this.addSql(
      `alter table "benchmark_rank" drop column "cohort_key", drop column "scope", drop column "measure", drop column "value", drop column "percentile", add column "ranks" jsonb not null;`,
    );
    this.addSql(`alter table "benchmark_rank" add constraint "benchmark_rank_organisation_id_snapshot_id_unique" unique ("organisation_id", "snapshot_id");`);
    this.addSql(`insert into "benchmark_rank" (id, created_at, organisation_id, snapshot_id, ranks)
      select gen_random_uuid(), created_at, organisation_id, snapshot_id, ranks from benchmark_rank_folded;`);
  }

  override down(): void {
    this.addSql(`create temporary table benchmark_rank_unfolded on commit drop as
      select b.id, b.created_at, b.organisation_id, b.snapshot_id, r."cohortKey", r.scope, r.measure, r.value, r.percentile
        from "benchmark_rank" b cross join jsonb_to_recordset(b.ranks) as r("cohortKey" text, scope text, measure text, value float8, percentile float8);`);
    this.addSql(`delete from "benchmark_rank";`);
    this.addSql(`alter table "benchmark_rank" drop constraint "benchmark_rank_organisation_id_snapshot_id_unique";`);
    this.addSql(
      `alter table "benchmark_rank" drop column "ranks", add column "cohort_key" varchar(120) not null, add column "scope" varchar(40) not null, add column "measure" varchar(10) not null, add column "value" double precision not null, add column "percentile" double precision not null;`,
    );
    this.addSql(`create index "benchmark_rank_organisation_id_snapshot_id_index" on "benchmark_rank" ("organisation_id", "snapshot_id");`);
    this.addSql(`insert into "benchmark_rank" (id, created_at, organisation_id, snapshot_id, cohort_key, scope, measure, value, percentile)
      select gen_random_uuid(), created_at, organisation_id, snapshot_id, "cohortKey", scope, measure, value, percentile from benchmark_rank_unfolded;`);
  }
}
