import { ArgsType, type ClassType, Extensions, Field, InputType, Int } from 'type-graphql';
import { ObjectType } from './object-type';
import { IsOptional, Max, Min } from 'class-validator';
import { type RawBuilder, type SelectQueryBuilder, type StringReference, sql } from 'kysely';
import { badInput } from '@waymark/domain';

export const MAX_PAGE_SIZE = 100;
/** The page size when a list is asked for without `first` or `last`. */
export const DEFAULT_PAGE_SIZE = 20;
/** The last day the deprecated `page` argument is answered (docs/integrating/graphql.md). */
export const PAGE_ARGUMENT_REMOVED_AFTER = '2027-06-30';

@InputType({ description: 'Deprecated: cursor paging with one argument; use `first`/`after` on the list instead.' })
class PageInput {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many items to return, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page; omit for the first page.' })
  @IsOptional()
  after?: string | null;
}

/**
 * The Relay Cursor Connections arguments every list takes: `first`/`after` pages forwards,
 * `last`/`before` backwards. Lists with more arguments extend this class.
 */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Forward paging: how many items to return after \`after\`, 0 to ${MAX_PAGE_SIZE} (${DEFAULT_PAGE_SIZE} when neither \`first\` nor \`last\` is given).`,
  })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Forward paging: the `endCursor` (or any edge\'s `cursor`) to continue after; omit for the start of the list.' })
  @IsOptional()
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Backward paging: how many items to return before \`before\`, 0 to ${MAX_PAGE_SIZE}.` })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Backward paging: the `startCursor` (or any edge\'s `cursor`) to continue before; omit for the end of the list.' })
  @IsOptional()
  before?: string | null;

  @Field(() => PageInput, {
    nullable: true,
    description: 'Deprecated form of `first`/`after`.',
    deprecationReason: `Use \`first\` and \`after\`; \`page\` is answered until ${PAGE_ARGUMENT_REMOVED_AFTER}.`,
  })
  @IsOptional()
  page?: PageInput | null;
}

/** For a list whose page size without `first` or `last` is not DEFAULT_PAGE_SIZE: the cost limit reads it. */
export const DefaultPageSize = (size: number) => Extensions({ defaultPageSize: size });

/** A field's page size without `first` or `last`. */
export const defaultPageSize = (extensions: Readonly<Record<string, unknown>> | null | undefined): number =>
  typeof extensions?.defaultPageSize === 'number' ? extensions.defaultPageSize : DEFAULT_PAGE_SIZE;

/** What a list was asked for: the connection arguments, and its page size when none is given. */
export type PageArgs = Pick<ConnectionArgs, 'first' | 'after' | 'last' | 'before' | 'page'> & { defaultSize?: number };

/** One page to read: how many rows, from which cursor, in which direction. */
interface PageRequest {
  backward: boolean;
  size: number;
  cursor: string | null;
  /** The argument the cursor came in, to name it in a refusal. */
  cursorArgument: 'after' | 'before';
}

/**
 * The arguments as one request. A page goes one way: `first`/`after` forwards or `last`/`before`
 * backwards; mixing them (which the spec allows but makes hard to read) is refused in words.
 */
function pageRequest(args: PageArgs): PageRequest {
  const { first, after, last, before, page } = args;
  const size = args.defaultSize ?? DEFAULT_PAGE_SIZE;
  const given = (v: unknown) => v !== null && v !== undefined;
  if (page) {
    if ([first, after, last, before].some(given)) throw badInput('page', 'cannot be combined with first, after, last or before; use first and after alone');
    return { backward: false, size: page.first, cursor: page.after ?? null, cursorArgument: 'after' };
  }
  if (given(first) && given(last)) throw badInput('last', 'cannot be combined with first: page forwards with first and after, or backwards with last and before');
  if (given(after) && given(before)) throw badInput('before', 'cannot be combined with after: continue from one cursor at a time');
  if (given(after) && given(last)) throw badInput('last', 'cannot be combined with after: page backwards with last and before');
  if (given(before) && given(first)) throw badInput('first', 'cannot be combined with before: page forwards with first and after');
  if (given(last) || given(before)) return { backward: true, size: last ?? size, cursor: before ?? null, cursorArgument: 'before' };
  return { backward: false, size: first ?? size, cursor: after ?? null, cursorArgument: 'after' };
}

@ObjectType({ description: 'Where a page starts and ends, and whether there is more on either side (Relay Cursor Connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page (when paging backwards with `before`: whether the cursor\'s item or later ones exist).' })
  hasNextPage!: boolean;
  @Field(() => Boolean, { description: 'Whether items come before this page (when paging forwards with `after`: whether the cursor\'s item or earlier ones exist).' })
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: 'The cursor of the first item; pass as `before` for the page before. Null on an empty page.' })
  startCursor!: string | null;
  @Field(() => String, { nullable: true, description: 'The cursor of the last item; pass as `after` for the next page. Null on an empty page.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A page's PageInfo; the flags that need a second look at the table are read only when selected. */
export interface PageInfoValues {
  readonly hasNextPage: boolean | Promise<boolean>;
  readonly hasPreviousPage: boolean | Promise<boolean>;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfoValues;
  /** A getter on keyset pages: counted only when the field is selected (reading it runs the count). */
  readonly totalCount: number | Promise<number>;
}

/** Builds `XConnection` and `XEdge` object types for a node type. */
export function connectionOf<T extends object>(node: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque position of this item; pass as `after` or `before` to continue from it.' }) cursor!: string;
    @Field(() => node, { description: `The ${what}.` }) node!: T;
  }
  @ObjectType(`${name}Connection`, { description: `A page of ${what}s (keyset paging: stable while rows are added).` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: `The ${what}s of this page, in order.` }) edges!: EdgeType[];
    @Field(() => PageInfo, { description: 'Where this page starts and ends.' }) pageInfo!: PageInfo;
    @Field(() => Int, { description: `How many ${what}s match, across all pages.` }) totalCount!: number;
  }
  return ConnectionType as ClassType<Connection<T>>;
}

/** One key of a list's order: a column of the list's query, its direction. */
export interface SortKey<DB, TB extends keyof DB> {
  /** The column, as the query refers to it (`a.createdAt`). */
  ref: StringReference<DB, TB>;
  direction: 'asc' | 'desc';
  /** A nullable key sorts its nulls last in either direction. */
  nullable?: boolean;
  /** The SQL type its cursor value is compared as (values travel as JSON). */
  cast?: 'timestamptz' | 'date' | 'int' | 'text' | 'uuid' | 'action_item_status';
}

export interface KeysetQuery<DB, TB extends keyof DB, O> {
  /** The list's rows: FROM, JOINs, conditions and columns, without order or limit. */
  query: SelectQueryBuilder<DB, TB, O>;
  /** The order; its last key must be unique (the id), so every row has one position. */
  order: readonly SortKey<DB, TB>[];
  /** Names this order inside cursors, so a cursor of one order is refused by another. */
  orderName: string;
  page: PageArgs;
  /**
   * The rows to count, when cheaper than `query` (without the joins only the columns need): the
   * same conditions, on fewer tables. Its selections are ignored.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any FROM: only its rows are counted
  count?: SelectQueryBuilder<any, any, unknown>;
}

function encodeCursor(orderName: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([orderName, ...values])).toString('base64url');
}

function decodeCursor(cursor: string, argument: string, orderName: string, keys: number): unknown[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (!Array.isArray(parsed) || parsed[0] !== orderName || parsed.length !== keys + 1) throw new Error('wrong shape');
    const values = parsed.slice(1) as unknown[];
    if (values.some((v) => v !== null && !['string', 'number'].includes(typeof v))) throw new Error('wrong values');
    return values;
  } catch {
    throw badInput(argument, 'is not a cursor this API issued for this list and order');
  }
}

/**
 * A key in the order a page is read: the list's own order forwards; backwards every direction
 * flips and nulls (last in the list) come first.
 */
interface ReadingKey {
  column: RawBuilder<unknown>;
  direction: 'asc' | 'desc';
  nullable: boolean;
  cast: string;
  nullsFirst: boolean;
}

const reading = <DB, TB extends keyof DB>(order: readonly SortKey<DB, TB>[], backward: boolean): ReadingKey[] =>
  order.map((k) => {
    const key = { column: sql.ref(k.ref), nullable: k.nullable ?? false, cast: k.cast ?? 'text' };
    return backward ? { ...key, direction: k.direction === 'asc' ? 'desc' : 'asc', nullsFirst: true } : { ...key, direction: k.direction, nullsFirst: false };
  });

const AND = sql` and `;
const OR = sql` or `;

/**
 * The condition "comes after this row" in the reading order: (k1 after v1) or (k1 = v1 and k2
 * after v2) ... Where nulls come last, only nulls follow a null (and they tie); where they come
 * first, every non-null follows a null.
 */
function afterCondition(order: ReadingKey[], values: unknown[]): RawBuilder<boolean> {
  const typed = (key: ReadingKey, value: unknown) => sql`${value}::${sql.raw(key.cast)}`;
  const after = (key: ReadingKey, value: unknown) => {
    if (value === null) return key.nullsFirst ? sql`${key.column} is not null` : sql`false`;
    const op = sql.raw(key.direction === 'asc' ? '>' : '<');
    const v = typed(key, value);
    return key.nullable && !key.nullsFirst ? sql`(${key.column} ${op} ${v} or ${key.column} is null)` : sql`${key.column} ${op} ${v}`;
  };
  const equal = (key: ReadingKey, value: unknown) => (value === null ? sql`${key.column} is null` : sql`${key.column} = ${typed(key, value)}`);
  // One direction and no nulls: a row comparison, which an index on the same columns serves.
  if (order.every((k) => k.direction === order[0]!.direction && !k.nullable)) {
    const op = sql.raw(order[0]!.direction === 'asc' ? '>' : '<');
    return sql<boolean>`(${sql.join(order.map((k) => k.column))}) ${op} (${sql.join(order.map((k, i) => typed(k, values[i])))})`;
  }
  const alternatives = order.map((key, i) => sql.join([...order.slice(0, i).map((k, j) => equal(k, values[j])), after(key, values[i])], AND));
  return sql<boolean>`(${sql.join(alternatives.map((a) => sql`(${a})`), OR)})`;
}

const orderBy = (key: ReadingKey) => sql`${key.column} ${sql.raw(`${key.direction}${key.nullable ? (key.nullsFirst ? ' nulls first' : ' nulls last') : ''}`)}`;

/**
 * One page of any list, by keyset: the rows after (or, paging backwards, before) the cursor's row
 * in the list's order, never an OFFSET, so a row added or removed between two pages is neither
 * skipped nor repeated. Every connection in the API pages through here. The statements run where
 * the query was built (its scope, its session).
 */
export async function keysetPage<DB, TB extends keyof DB, O>(list: KeysetQuery<DB, TB, O>): Promise<Connection<O>> {
  // The list's own columns are its business; the paging adds conditions, keys, order and limit.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the added selections are not the list's type
  const base = list.query as unknown as SelectQueryBuilder<any, any, any>;
  const request = pageRequest(list.page);
  const order = reading(list.order, request.backward);
  const cursor = request.cursor === null ? null : decodeCursor(request.cursor, request.cursorArgument, list.orderName, order.length);
  let text = cursor ? base.where(afterCondition(order, cursor)) : base;
  // Each key's value as the database writes it (timestamps to the microsecond), for the cursor.
  text = text.select(order.map((k, i) => sql`${k.column}::text`.as(`__key${i}`)));
  for (const key of order) text = text.orderBy(orderBy(key));
  const rows = (await text.limit(request.size + 1).execute()) as (O & Record<string, unknown>)[];
  const visible = rows.slice(0, request.size);
  if (request.backward) visible.reverse();
  const edges = visible.map((row) => {
    const values = order.map((_, i) => row[`__key${i}`] ?? null);
    for (let i = 0; i < order.length; i++) delete row[`__key${i}`];
    return { node: row, cursor: encodeCursor(list.orderName, values) };
  });
  const more = rows.length > request.size;
  // Whether rows lie on the cursor's other side (the cursor's own row or beyond it): one probe,
  // run only when a cursor was given and the flag is selected.
  let behind: Promise<boolean> | undefined;
  const lookBehind = () => {
    if (!cursor) return false;
    behind ??= base
      .clearSelect()
      .select(sql<number>`1`.as('e'))
      .where(sql<boolean>`not coalesce(${afterCondition(order, cursor)}, false)`)
      .limit(1)
      .execute()
      .then((found) => found.length > 0);
    return behind;
  };
  // The count uses the list's own conditions (not the cursor's).
  const count = () =>
    (list.count ?? base)
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirst()
      .then((row: { n: number } | undefined) => row?.n ?? 0);
  return page(edges, request.backward, more, lookBehind, count);
}

/** A page as a Connection: the flags that need a second look and the count run only when read, and once. */
function page<R>(
  edges: Edge<R>[], backward: boolean, more: boolean, lookBehind: () => boolean | Promise<boolean>, countRows: () => Promise<number>,
): Connection<R> {
  let count: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      get hasNextPage() {
        return backward ? lookBehind() : more;
      },
      get hasPreviousPage() {
        return backward ? more : lookBehind();
      },
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      count ??= countRows();
      return count;
    },
  };
}
