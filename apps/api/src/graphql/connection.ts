import { type ClassType, Field, InputType, Int } from 'type-graphql';
import { ObjectType } from './object-type';
import { IsOptional, Max, Min } from 'class-validator';
import type { Reader } from '@waymark/db';
import { badInput } from '@waymark/domain';

export const MAX_PAGE_SIZE = 100;

@InputType({ description: 'Cursor paging: the first `first` items after the opaque cursor `after`.' })
export class PageInput {
  @Field(() => Int, { defaultValue: 20, description: `How many items to return, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page; omit for the first page.' })
  @IsOptional()
  after?: string | null;
}

@ObjectType({ description: 'Where a page ends, and whether there is more.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether another page follows this one.' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page; null on an empty page.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A getter on keyset pages: counted only when the field is selected (reading it runs the count). */
  readonly totalCount: number | Promise<number>;
}

/** Builds `XConnection` and `XEdge` object types for a node type. */
export function connectionOf<T extends object>(node: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque position of this item; pass as `after` to continue from it.' }) cursor!: string;
    @Field(() => node, { description: `The ${what}.` }) node!: T;
  }
  @ObjectType(`${name}Connection`, { description: `A page of ${what}s (keyset paging: stable while rows are added).` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: `The ${what}s of this page, in order.` }) edges!: EdgeType[];
    @Field(() => PageInfo, { description: 'Where this page ends.' }) pageInfo!: PageInfo;
    @Field(() => Int, { description: `How many ${what}s match, across all pages.` }) totalCount!: number;
  }
  return ConnectionType as ClassType<Connection<T>>;
}

/**
 * Numbered parameters for a tenant statement: `$1` is always the organisation (Reader.tenant adds
 * it), so the values given here are `$2`, `$3` ...
 */
export class Params {
  readonly values: unknown[] = [];
  /** The number of the first parameter: 2 for tenant statements, 1 for statements on shared tables. */
  constructor(readonly first: 1 | 2 = 2) {}
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length + this.first - 1}`;
  }
}

/** One key of a list's order: its SQL expression, how to read it from a row, its direction. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- R ties a list's order to its rows
export interface SortKey<R> {
  sql: string;
  direction: 'asc' | 'desc';
  /** A nullable key sorts its nulls last in either direction. */
  nullable?: boolean;
  /** The SQL type its cursor value is compared as (values travel as JSON). */
  cast?: 'timestamptz' | 'date' | 'int' | 'text' | 'uuid' | 'action_item_status';
}

export interface KeysetQuery<R> {
  /** The columns of each row. */
  columns: string;
  /** `from <tables>` (with joins), without WHERE. */
  from: string;
  /** Conditions joined with AND; the first must be the organisation condition (`x.organisation_id = $1`) for tenant lists. */
  where: string[];
  params: Params;
  /** The order; its last key must be unique (the id), so every row has one position. */
  order: SortKey<R>[];
  /** Names this order inside cursors, so a cursor of one order is refused by another. */
  orderName: string;
  page: PageInput;
  /** `from <tables>` for the count, when it differs (joins the count does not need). */
  countFrom?: string;
  /** Tenant lists read through `tenant`; lists of shared tables (frameworks) through `shared`. */
  shared?: boolean;
}

function encodeCursor(orderName: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([orderName, ...values])).toString('base64url');
}

function decodeCursor(cursor: string, orderName: string, keys: number): unknown[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (!Array.isArray(parsed) || parsed[0] !== orderName || parsed.length !== keys + 1) throw new Error('wrong shape');
    const values = parsed.slice(1) as unknown[];
    if (values.some((v) => v !== null && !['string', 'number'].includes(typeof v))) throw new Error('wrong values');
    return values;
  } catch {
    throw badInput('after', 'is not a cursor this API issued for this list and order');
  }
}

/**
 * The condition "comes after this row" for a multi-key order: (k1 after v1) or (k1 = v1 and k2
 * after v2) ... Nulls sort last, so after a null only nulls follow (and they tie).
 */
function afterCondition<R>(order: SortKey<R>[], values: unknown[], params: Params): string {
  const typed = (key: SortKey<R>, value: unknown) => `${params.add(value)}::${key.cast ?? 'text'}`;
  const after = (key: SortKey<R>, value: unknown) => {
    if (value === null) return 'false';
    const op = key.direction === 'asc' ? '>' : '<';
    const v = typed(key, value);
    return key.nullable ? `(${key.sql} ${op} ${v} or ${key.sql} is null)` : `${key.sql} ${op} ${v}`;
  };
  const equal = (key: SortKey<R>, value: unknown) => (value === null ? `${key.sql} is null` : `${key.sql} = ${typed(key, value)}`);
  // One direction and no nulls: a row comparison, which an index on the same columns serves.
  if (order.every((k) => k.direction === order[0]!.direction && !k.nullable)) {
    const op = order[0]!.direction === 'asc' ? '>' : '<';
    return `(${order.map((k) => k.sql).join(', ')}) ${op} (${order.map((k, i) => typed(k, values[i])).join(', ')})`;
  }
  const alternatives = order.map((key, i) =>
    [...order.slice(0, i).map((k, j) => equal(k, values[j])), after(key, values[i])].join(' and '),
  );
  return `(${alternatives.map((a) => `(${a})`).join(' or ')})`;
}

const orderBy = <R>(order: SortKey<R>[]) =>
  order.map((k) => `${k.sql} ${k.direction}${k.nullable ? ' nulls last' : ''}`).join(', ');

/**
 * One page of any list, by keyset: the rows after the cursor's row in the list's order, never an
 * OFFSET, so a row added or removed between two pages is neither skipped nor repeated. Every
 * connection in the API pages through here.
 */
export async function keysetPage<R>(db: Reader, query: KeysetQuery<R>): Promise<Connection<R>> {
  const { order, page, params } = query;
  const base = [...query.where];
  const conditions = [...base];
  if (page.after) conditions.push(afterCondition(order, decodeCursor(page.after, query.orderName, order.length), params));
  const where = conditions.length ? ` where ${conditions.join(' and ')}` : '';
  // Each key's value as the database writes it (timestamps to the microsecond), for the cursor.
  const keys = order.map((k, i) => `${k.sql}::text as "__key${i}"`).join(', ');
  const text = `select ${query.columns}, ${keys} ${query.from}${where} order by ${orderBy(order)} limit ${page.first + 1}`;
  const read = <T>(sql: string, values: unknown[]) => (query.shared ? db.shared<T>(sql, ...values) : db.tenant<T>(sql, ...values));
  const rows = await read<R & Record<string, unknown>>(text, params.values);
  const visible = rows.slice(0, page.first);
  const edges = visible.map((row) => {
    const values = order.map((_, i) => row[`__key${i}`] ?? null);
    for (let i = 0; i < order.length; i++) delete row[`__key${i}`];
    return { node: row, cursor: encodeCursor(query.orderName, values) };
  });
  // The count uses the list's own conditions (not the cursor's), and only the parameters they name.
  const baseValues = params.values.slice(0, countParams(base, params.first));
  const from = query.countFrom ?? query.from;
  let count: Promise<number> | undefined;
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      count ??= read<{ n: number }>(`select count(*)::int as n ${from}${base.length ? ` where ${base.join(' and ')}` : ''}`, baseValues).then(
        ([row]) => row?.n ?? 0,
      );
      return count;
    },
  };
}

/** How many of the list's own parameters its base conditions use (the highest `$n` they name). */
function countParams(conditions: string[], first: number): number {
  let highest = first - 1;
  for (const c of conditions) for (const m of c.matchAll(/\$(\d+)/g)) highest = Math.max(highest, Number(m[1]));
  return highest - (first - 1);
}
