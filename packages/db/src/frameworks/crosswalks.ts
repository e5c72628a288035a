import type { CrosswalkTarget } from '@waymark/frameworks';
import type { Sql } from '../sql';

/** A stored crosswalk between two framework versions (by id): old key -> new key(s) or null. */
export interface StoredCrosswalk {
  fromFrameworkId: string;
  toFrameworkId: string;
  map: Record<string, CrosswalkTarget>;
}

// Published crosswalks never change (the importer refuses a changed one), so a found one is kept.
const found = new Map<string, StoredCrosswalk>();

/** The crosswalk from one version to another, or null when none is published. */
export async function loadCrosswalk(sql: Sql, fromFrameworkId: string, toFrameworkId: string): Promise<StoredCrosswalk | null> {
  const id = `${fromFrameworkId}>${toFrameworkId}`;
  const cached = found.get(id);
  if (cached) return cached;
  const row = await sql
    .selectFrom('frameworkCrosswalk')
    .select(['fromFrameworkId', 'toFrameworkId', 'map'])
    .where('fromFrameworkId', '=', fromFrameworkId)
    .where('toFrameworkId', '=', toFrameworkId)
    .executeTakeFirst();
  if (!row) return null;
  const crosswalk = { ...row, map: row.map as Record<string, CrosswalkTarget> };
  found.set(id, crosswalk);
  return crosswalk;
}

/** The versions a crosswalk leads to from this one (newest first). */
export async function crosswalkTargets(sql: Sql, fromFrameworkId: string): Promise<string[]> {
  const rows = await sql
    .selectFrom('frameworkCrosswalk as c')
    .innerJoin('framework as f', 'f.id', 'c.toFrameworkId')
    .select('c.toFrameworkId')
    .where('c.fromFrameworkId', '=', fromFrameworkId)
    .orderBy('f.publishedAt', 'desc')
    .execute();
  return rows.map((r) => r.toFrameworkId);
}
