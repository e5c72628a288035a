import { type FrameworkTree, type Reader, loadFrameworkTree } from '@waymark/db';
import { isUuid, notFound } from '@waymark/domain';
import { type Connection, type PageArgs, Params, keysetPage } from '../../graphql/connection';
import type { FrameworkSummary } from './types';

/** The tree of a framework version (read once per process, then from memory). */
export const treeOf = (db: Reader, frameworkId: string): Promise<FrameworkTree> =>
  loadFrameworkTree((text, values) => db.shared(text, ...values), frameworkId);

export function listFrameworks(db: Reader, page: PageArgs): Promise<Connection<FrameworkSummary>> {
  return keysetPage<FrameworkSummary>(db, {
    columns: `id, key, version, title, published_at as "publishedAt", created_at as "createdAt"`,
    from: `from framework`,
    where: [],
    params: new Params(1),
    order: [
      { sql: 'created_at', direction: 'asc', cast: 'timestamptz' },
      { sql: 'id', direction: 'asc', cast: 'uuid' },
    ],
    orderName: 'frameworks',
    page,
    shared: true,
  });
}

/** A framework version by id, or the newest (or a named) version of a key. */
export async function findFramework(db: Reader, lookup: { id?: string | null; key?: string | null; version?: string | null }): Promise<FrameworkTree> {
  let id = lookup.id ?? undefined;
  if (!id && lookup.key) {
    const row = lookup.version
      ? await db.sharedOne<{ id: string }>(`select id from framework where key = $1 and version = $2`, lookup.key, lookup.version)
      : await db.sharedOne<{ id: string }>(`select id from framework where key = $1 order by published_at desc limit 1`, lookup.key);
    if (!row) throw notFound('Framework', lookup.version ? `${lookup.key}@${lookup.version}` : lookup.key);
    id = row.id;
  }
  if (!id || !isUuid(id)) throw notFound('Framework', id);
  return treeOf(db, id);
}
