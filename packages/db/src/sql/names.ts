import {
  AliasNode,
  ColumnNode,
  type IdentifierNode,
  type KyselyPlugin,
  type OperationNode,
  PostgresQueryCompiler,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  ReferenceNode,
  ReturningNode,
  type RootOperationNode,
  SelectAllNode,
  type SelectionNode,
  type UnknownRow,
} from 'kysely';

const snakeCache = new Map<string, string>();
const camelCache = new Map<string, string>();

/** `actionItem` -> `action_item`. */
export function snakeCase(name: string): string {
  let snake = snakeCache.get(name);
  if (snake === undefined) snakeCache.set(name, (snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));
  return snake;
}

/** `action_item` -> `actionItem`. */
export function camelCase(name: string): string {
  let camel = camelCache.get(name);
  if (camel === undefined) camelCache.set(name, (camel = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())));
  return camel;
}

/**
 * camelCase in TypeScript, snake_case in SQL, with no work on the rows and no pass over the
 * statement: the compiler writes every identifier snake_case as it writes it, and names the
 * statement's own output columns in camelCase in the SQL itself (`node_key as "nodeKey"`), so
 * PostgreSQL returns the rows as the types say. Aliases at the top are kept as written; deeper ones
 * (a CTE's or a subquery's columns) are snake_case like the references to them.
 */
export class SnakeCaseCompiler extends PostgresQueryCompiler {
  private asWritten = false;

  protected override compileUnwrappedIdentifier(node: IdentifierNode): void {
    this.append(this.sanitizeIdentifier(this.asWritten ? node.name : snakeCase(node.name)));
  }

  protected override visitSelection(node: SelectionNode): void {
    if (!this.atTop()) return super.visitSelection(node);
    const selection = node.selection;
    if (AliasNode.is(selection)) {
      this.visitNode(selection.node);
      this.append(' as ');
      this.asWritten = true;
      this.visitNode(selection.alias);
      this.asWritten = false;
      return;
    }
    super.visitSelection(node);
    const column = columnOf(selection);
    if (column !== null && snakeCase(column) !== column) this.append(` as "${column}"`);
  }

  /** Whether the selection being written is one of the statement's own output columns (its select list or returning). */
  private atTop(): boolean {
    const stack = this.nodeStack;
    return stack.length === 2 || (stack.length === 3 && ReturningNode.is(stack[1]!));
  }
}

/**
 * `select *` (or `t.*`) at the top names its output columns by the table's snake_case columns: only
 * those rows have their keys renamed to camelCase. Nothing else is touched.
 */
export class StarRows implements KyselyPlugin {
  private readonly renameRows = new WeakSet<QueryId>();

  /** Whether a (scoped) statement selects `*` at the top. */
  selectsStar(node: RootOperationNode): boolean {
    const selections = node.kind === 'SelectQueryNode' ? node.selections : 'returning' in node ? node.returning?.selections : undefined;
    return selections?.some((s) => columnOf(s.selection) === null && isStar(s.selection)) ?? false;
  }

  /** The rows of this statement have their keys renamed (the layer's compiler says which, see statements.ts). */
  rename(queryId: QueryId): void {
    this.renameRows.add(queryId);
  }

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    return node;
  }

  transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (!this.renameRows.has(queryId)) return Promise.resolve(result);
    return Promise.resolve({
      ...result,
      rows: result.rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [camelCase(key), value]))),
    });
  }
}

const isStar = (node: OperationNode) => SelectAllNode.is(node) || (ReferenceNode.is(node) && SelectAllNode.is(node.column));

/** The column a selection reads (`nodeKey`, `t.nodeKey`), or null for anything else. */
function columnOf(node: OperationNode): string | null {
  if (ColumnNode.is(node)) return node.column.name;
  if (ReferenceNode.is(node)) return ColumnNode.is(node.column) ? node.column.column.name : null;
  return null;
}
