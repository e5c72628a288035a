import {
  AliasNode,
  AndNode,
  BinaryOperationNode,
  ColumnNode,
  type DeleteQueryNode,
  IdentifierNode,
  type InsertQueryNode,
  type JoinNode,
  type KyselyPlugin,
  OnNode,
  type OperationNode,
  OperationNodeTransformer,
  OperatorNode,
  ParensNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PrimitiveValueListNode,
  type QueryResult,
  RawNode,
  ReferenceNode,
  type RootOperationNode,
  SelectQueryNode,
  TableNode,
  type UnknownRow,
  type UpdateQueryNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
  WhereNode,
} from 'kysely';
import { snakeCase } from './names';

/**
 * Whose rows a statement may touch. `organisation`: every table with an `organisation_id` column
 * is narrowed to the organisation in scope (none: nothing). `user`: the person's own rows of the
 * tables keyed by `user_id` that row-level security lets them read across organisations.
 */
export type Scope =
  | { kind: 'organisation'; id: string | null }
  | { kind: 'user'; id: string | null }
  /**
   * Work that is about every organisation by its nature (claiming the outbox, due reminders and mail
   * across organisations, computing benchmarks, seeding, health checks), named by its purpose. It
   * narrows nothing: the database role it runs as is the wall, and only the files listed in the
   * lint rule `waymark/sql-layer` may open it.
   */
  | { kind: 'system'; purpose: string };

export class ScopeError extends Error {}

/**
 * Which tables each scope narrows (by snake_case name). Organisation: every table with an
 * `organisation_id`. User: the person's own rows read across organisations (memberships); in that
 * scope every other organisation's table is refused. Tables in neither are shared (frameworks,
 * regions, people).
 */
export interface ScopedTables {
  /** Table -> the column holding the organisation (`organisation_id`, or `id` for `organisation` itself). */
  organisation: ReadonlyMap<string, string>;
  /** Table -> the column holding the person (`user_id`). */
  user: ReadonlyMap<string, string>;
}

/**
 * Puts the scope condition into the statement's structure, wherever a scoped table appears: the
 * WHERE of a SELECT, UPDATE or DELETE for the tables in its FROM (and USING), the ON of every JOIN,
 * at every level of subqueries and CTEs; an INSERT gets the organisation as a value of every row
 * and may not name another. Nothing is matched as text except raw SQL, which may not read or
 * write a scoped table (`from`, `join`, `update`, `into` it): write those with the builder. Row-level security stays the second wall.
 */
export class ScopePlugin implements KyselyPlugin {
  private readonly transformer: ScopeTransformer | null;

  constructor(scope: Scope, tables: ScopedTables) {
    this.transformer =
      scope.kind === 'system'
        ? null
        : scope.kind === 'organisation'
        ? new ScopeTransformer(scope, tables.organisation, new Set())
        : new ScopeTransformer(
            scope,
            tables.user,
            // Across organisations a person reads only their own rows: every other table of an organisation is refused.
            new Set([...tables.organisation].filter(([t, column]) => column === 'organisation_id' && !tables.user.has(t)).map(([t]) => t)),
          );
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer ? this.transformer.transformNode(args.node) : args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

type NarrowingScope = Exclude<Scope, { kind: 'system' }>;

/** One pattern per set of tables: raw SQL that reads or writes any of them (`from x`, `join "x"`, `update x`, `into x`). */
const rawPatterns = new WeakMap<ReadonlyMap<string, string>, RegExp>();
function rawPattern(scoped: ReadonlyMap<string, string>, refused: ReadonlySet<string>): RegExp {
  let pattern = rawPatterns.get(scoped);
  if (!pattern) {
    pattern = new RegExp(`\\b(?:from|join|update|into)\\s+"?(${[...scoped.keys(), ...refused].join('|')})\\b`, 'i');
    rawPatterns.set(scoped, pattern);
  }
  return pattern;
}

class ScopeTransformer extends OperationNodeTransformer {
  private readonly raw: RegExp;

  constructor(
    private readonly scope: NarrowingScope,
    private readonly scoped: ReadonlyMap<string, string>,
    private readonly refused: ReadonlySet<string>,
  ) {
    super();
    this.raw = rawPattern(scoped, refused);
  }

  /** `<table or alias>.<column> = <id>`, or `false` when there is no one in scope. */
  private condition(table: string, ref: string): OperationNode {
    if (this.scope.id === null) return RawNode.createWithSql('false');
    return BinaryOperationNode.create(
      ReferenceNode.create(ColumnNode.create(this.scoped.get(table)!), TableNode.create(ref)),
      OperatorNode.create('='),
      ValueNode.create(this.scope.id),
    );
  }

  /** The conditions for the scoped tables among `items` (FROM or USING entries). */
  private conditionsFor(items: readonly OperationNode[] | undefined): OperationNode[] {
    return (items ?? []).flatMap((item) => {
      const found = this.scopedRef(item);
      return found ? [this.condition(found.table, found.ref)] : [];
    });
  }

  /** A scoped table and the name it is referred to by (its alias, or itself), or null when not scoped. */
  private scopedRef(item: OperationNode): { table: string; ref: string } | null {
    const [written, ref] = TableNode.is(item)
      ? [item.table.identifier.name, item.table.identifier.name]
      : AliasNode.is(item) && TableNode.is(item.node) && IdentifierNode.is(item.alias)
        ? [item.node.table.identifier.name, item.alias.name]
        : [null, null];
    if (written === null) return null;
    // The builder's names are camelCase (the compiler writes them snake_case): looked up as SQL names them.
    const table = snakeCase(written);
    if (this.refused.has(table)) throw new ScopeError(`${table} is not read in the ${this.scope.kind} scope`);
    return this.scoped.has(table) ? { table, ref: ref } : null;
  }

  private withConditions<N extends { where?: WhereNode }>(node: N, conditions: OperationNode[]): N {
    if (!conditions.length) return node;
    // The statement's own condition in parentheses: `a or b` must not become `a or (b and scope)`.
    const all = node.where ? [parens(node.where.where), ...conditions] : conditions;
    return { ...node, where: WhereNode.create(all.reduce((a, b) => AndNode.create(a, b))) };
  }

  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    const inner = super.transformSelectQuery(node);
    return this.withConditions(inner, this.conditionsFor(inner.from?.froms));
  }

  protected override transformUpdateQuery(node: UpdateQueryNode): UpdateQueryNode {
    const inner = super.transformUpdateQuery(node);
    const table = inner.table && (TableNode.is(inner.table) ? inner.table : AliasNode.is(inner.table) && TableNode.is(inner.table.node) ? inner.table.node : null);
    const column = table ? this.scoped.get(snakeCase(table.table.identifier.name)) : undefined;
    if (column && inner.updates?.some((u) => ColumnNode.is(u.column) && snakeCase(u.column.column.name) === column)) {
      throw new ScopeError(`an update may not move rows to another ${column}`);
    }
    const tables = [...(inner.table ? [inner.table] : []), ...(inner.from?.froms ?? [])];
    return this.withConditions(inner, this.conditionsFor(tables));
  }

  protected override transformDeleteQuery(node: DeleteQueryNode): DeleteQueryNode {
    const inner = super.transformDeleteQuery(node);
    return this.withConditions(inner, this.conditionsFor([...inner.from.froms, ...(inner.using?.tables ?? [])]));
  }

  protected override transformJoin(node: JoinNode): JoinNode {
    const inner = super.transformJoin(node);
    const found = this.scopedRef(inner.table);
    if (!found) return inner;
    const condition = this.condition(found.table, found.ref);
    return { ...inner, on: OnNode.create(inner.on ? AndNode.create(parens(inner.on.on), condition) : condition) };
  }

  protected override transformInsertQuery(node: InsertQueryNode): InsertQueryNode {
    const inner = super.transformInsertQuery(node);
    const table = inner.into && snakeCase(inner.into.table.identifier.name);
    if (table && this.refused.has(table)) throw new ScopeError(`${table} is not written in the ${this.scope.kind} scope`);
    if (!table || !this.scoped.has(table)) return inner;
    if (this.scope.id === null) throw new ScopeError(`nothing is in scope to write ${table} for`);
    const column = this.scoped.get(table)!;
    const columns = inner.columns ?? [];
    const at = columns.findIndex((c) => snakeCase(c.column.name) === column);
    if (inner.values && SelectQueryNode.is(inner.values)) {
      // From a query: its column must be the scope column of a scoped table the query reads, which
      // the query's own scope condition already narrows to the one in scope.
      if (at < 0 || !this.readsScopeColumn(inner.values, at)) {
        throw new ScopeError(`insert into ${table} from a query must take ${column} from a table of the scope the query reads`);
      }
      return inner;
    }
    if (!inner.values || !ValuesNode.is(inner.values)) throw new ScopeError(`insert into ${table} with values or from a query`);
    const id = this.scope.id;
    if (at >= 0) {
      // Named explicitly: every row must say the organisation in scope.
      for (const row of inner.values.values) {
        const value = PrimitiveValueListNode.is(row) ? row.values[at] : ValueListNode.is(row) ? valueOf(row.values[at]) : undefined;
        if (value !== id) throw new ScopeError(`insert into ${table} names another ${column}`);
      }
      return inner;
    }
    const values = inner.values.values.map((row) =>
      PrimitiveValueListNode.is(row) ? PrimitiveValueListNode.create([...row.values, id]) : ValueListNode.create([...row.values, ValueNode.create(id)]),
    );
    return { ...inner, columns: [...columns, ColumnNode.create(column)], values: ValuesNode.create(values) };
  }

  /** Whether output column `at` of `query` is `<t>.<scope column>` of a scoped table `t` in its FROM. */
  private readsScopeColumn(query: SelectQueryNode, at: number): boolean {
    const selection = query.selections?.[at]?.selection;
    if (!selection || !ReferenceNode.is(selection) || !ColumnNode.is(selection.column) || !selection.table) return false;
    const ref = selection.table.table.identifier.name;
    return (query.from?.froms ?? []).some((item) => {
      const found = this.scopedRef(item);
      return found !== null && found.ref === ref && this.scoped.get(found.table) === snakeCase((selection.column as ColumnNode).column.name);
    });
  }

  protected override transformRaw(node: RawNode): RawNode {
    const named = this.raw.exec(node.sqlFragments.join(' '));
    if (named) throw new ScopeError(`raw SQL names ${named[1]}: write statements on scoped tables with the builder`);
    return super.transformRaw(node);
  }
}

const parens = (node: OperationNode) => (ParensNode.is(node) ? node : ParensNode.create(node));

function valueOf(node: OperationNode | undefined): unknown {
  return node && ValueNode.is(node) ? node.value : undefined;
}
