import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { type Connection, type PageInput, decodeCursor, encodeCursor } from './connection';

interface Keyed {
  id: string;
}

/**
 * One page of a list ordered by a timestamp column and id. `where` must already hold the
 * tenant condition (the ORM filter adds it too, and row-level security catches the rest).
 */
export async function paginate<T extends Keyed>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: PageInput,
  options: { by?: 'createdAt' | 'at'; direction?: 'asc' | 'desc' } = {},
): Promise<Connection<T>> {
  const by = options.by ?? 'createdAt';
  const direction = options.direction ?? 'asc';
  const op = direction === 'asc' ? '$gt' : '$lt';
  let filtered = where;
  if (page.after) {
    const { at, id } = decodeCursor(page.after);
    const when = new Date(at);
    filtered = { $and: [where, { $or: [{ [by]: { [op]: when } }, { [by]: when, id: { [op]: id } }] }] } as FilterQuery<T>;
  }
  const rows = await em.find(entity, filtered, {
    orderBy: { [by]: direction, id: direction } as never,
    limit: page.first + 1,
  });
  const totalCount = await em.count(entity, where);
  const visible = rows.slice(0, page.first);
  const edges = visible.map((node) => ({ node, cursor: encodeCursor((node as unknown as Record<string, Date>)[by]!, node.id) }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
