import {
  AliasNode,
  ColumnNode,
  IdentifierNode,
  type KyselyPlugin,
  type OperationNode,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  ReferenceNode,
  type RootOperationNode,
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

class SnakeIdentifiers extends OperationNodeTransformer {
  protected override transformIdentifier(node: IdentifierNode): IdentifierNode {
    const name = snakeCase(node.name);
    return name === node.name ? node : IdentifierNode.create(name);
  }
}

/**
 * camelCase in TypeScript, snake_case in SQL, with no work on the rows: tables and columns are
 * written snake_case, and the statement's own output columns are named in camelCase by the SQL
 * itself (`node_key as "nodeKey"`, as the hand-written reads did), so PostgreSQL returns the rows
 * as the types say. Only `select *` at the top has its rows' keys renamed.
 */
export class CamelNames implements KyselyPlugin {
  private readonly snake = new SnakeIdentifiers();
  private readonly renameRows = new WeakSet<QueryId>();

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    const out = this.snake.transformNode(node);
    if (out.kind === 'SelectQueryNode' && node.kind === 'SelectQueryNode') {
      return { ...out, selections: this.named(node.selections, out.selections, queryId) };
    }
    if ((out.kind === 'InsertQueryNode' || out.kind === 'UpdateQueryNode' || out.kind === 'DeleteQueryNode') && out.kind === node.kind && node.returning && out.returning) {
      return { ...out, returning: { ...out.returning, selections: this.named(node.returning.selections, out.returning.selections, queryId)! } };
    }
    return out;
  }

  transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (!this.renameRows.has(queryId)) return Promise.resolve(result);
    return Promise.resolve({
      ...result,
      rows: result.rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [camelCase(key), value]))),
    });
  }

  /** The output columns under the names the builder gave them: aliases as written, columns in camelCase. */
  private named(
    before: readonly SelectionNode[] | undefined, after: readonly SelectionNode[] | undefined, queryId: QueryId,
  ): readonly SelectionNode[] | undefined {
    if (!before || !after) return after;
    return after.map((selection, i) => {
      const original = before[i]!.selection;
      if (AliasNode.is(original) && AliasNode.is(selection.selection)) return { ...selection, selection: { ...selection.selection, alias: original.alias } };
      const column = columnOf(original);
      if (column === null) {
        this.renameRows.add(queryId); // `select *` or `t.*`
        return selection;
      }
      const snake = snakeCase(column);
      return snake === column ? selection : { ...selection, selection: AliasNode.create(selection.selection, IdentifierNode.create(column)) };
    });
  }
}

/** The column a selection reads (`nodeKey`, `t.nodeKey`), or null for `*`. */
function columnOf(node: OperationNode): string | null {
  if (ColumnNode.is(node)) return node.column.name;
  if (ReferenceNode.is(node)) return ColumnNode.is(node.column) ? node.column.column.name : null;
  return null;
}
