import { isDeepStrictEqual } from 'node:util';
import type { CompiledQuery, QueryCompiler, QueryId, RootOperationNode } from 'kysely';
import { SnakeCaseCompiler, type StarRows } from './names';
import { type Scope, ScopePlugin, type ScopedTables } from './scope';

/*
 * Statements compiled once per shape. Building a statement with the builder is cheap; scoping it
 * (a pass that rebuilds the tree with the scope's conditions) and compiling it to text cost about
 * three times as much again, and a read sends the same few shapes over and over with new values.
 * So each SELECT's tree is read once for its shape (everything but the values it sends as
 * parameters) and the values in order. The first time a shape is seen in a kind of scope, it is
 * scoped and compiled with stand-ins for its values and for the scope's id, and the text and the
 * places of the stand-ins are kept; every later statement of that shape takes the kept text and
 * puts its own values, and its own scope's id, in their places. The scope's checks (tables refused
 * in a scope, raw SQL that names a scoped table) depend only on the shape, so a shape that passed
 * them once passes them always, and one that failed is never kept.
 *
 * Only SELECTs are kept: an INSERT's scope check compares values (the organisation it names must
 * be the one in scope), and writes are not the hot path. A scope with no one in it (no id) narrows
 * to `false` and is never kept either.
 */

/** Stands for the statement's value number `index` (or, as SCOPE_ID, the scope's id) while its template is compiled. */
class StandIn {
  constructor(readonly index: number) {}
}
const SCOPE_ID = new StandIn(-1);

interface Template {
  sql: string;
  /** Each parameter: a stand-in for one of the statement's values or the scope's id, or a constant the scope added. */
  parameters: readonly unknown[];
  /** Whether the statement selects `*` at the top (its rows' keys are renamed, see StarRows). */
  star: boolean;
}

/** Kept templates by scope kind and shape; null for a shape that cannot be kept. */
const templates = new Map<string, Template | null>();
/** Shapes are few (one per way the code builds a statement); the bound only guards against a runaway. */
const MAX_TEMPLATES = 5000;

/** When set (the tests set it), every statement taken from a template is also compiled afresh and the two compared. */
const CHECK = process.env.WAYMARK_SQL_CHECK === '1';

/**
 * The shape of a tree and its values in order: every node's kind, properties and constants are
 * written into the key; a value sent as a parameter is written as `$` and collected.
 */
function shapeOf(node: unknown, values: unknown[]): string {
  if (node === null || node === undefined) return '~';
  if (typeof node === 'string') return JSON.stringify(node);
  if (typeof node === 'number' || typeof node === 'boolean' || typeof node === 'bigint') return `${typeof node}:${node}`;
  if (typeof node !== 'object') return typeof node;
  if (Array.isArray(node)) {
    let key = '[';
    for (const item of node) key += `${shapeOf(item, values)},`;
    return `${key}]`;
  }
  const kind = (node as { kind?: unknown }).kind;
  if (kind === 'ValueNode') {
    const value = node as { value: unknown; immediate?: boolean };
    if (value.immediate) return `I${JSON.stringify(value.value)}`;
    values.push(value.value);
    return '$';
  }
  if (kind === 'PrimitiveValueListNode') {
    const list = (node as { values: readonly unknown[] }).values;
    values.push(...list);
    return `P${list.length}`;
  }
  let key = `${String(kind)}{`;
  for (const name in node) {
    if (name !== 'kind') key += `${name}:${shapeOf((node as Record<string, unknown>)[name], values)};`;
  }
  return `${key}}`;
}

/** The same tree with each value sent as a parameter replaced by its stand-in, numbered in the order shapeOf collects them. */
function withStandIns(node: unknown, next: { index: number }): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((item) => withStandIns(item, next));
  const kind = (node as { kind?: unknown }).kind;
  if (kind === 'ValueNode') {
    const value = node as { value: unknown; immediate?: boolean };
    return value.immediate ? node : { ...value, value: new StandIn(next.index++) };
  }
  if (kind === 'PrimitiveValueListNode') {
    return { ...node, values: (node as { values: readonly unknown[] }).values.map(() => new StandIn(next.index++)) };
  }
  const copy: Record<string, unknown> = {};
  for (const name in node) copy[name] = withStandIns((node as Record<string, unknown>)[name], next);
  return copy;
}

/**
 * The scoping that compiles templates: the same kind of scope, with a stand-in for the id. One per
 * kind for the process (the system scope narrows nothing, whatever its purpose), not one per
 * builder: a builder is made for every request.
 */
const templateScopings = new Map<string, ScopePlugin>();
function templateScoping(scope: Scope, tables: ScopedTables): ScopePlugin {
  let scoping = templateScopings.get(scope.kind);
  if (!scoping) {
    const standIn: Scope = scope.kind === 'system' ? scope : { kind: scope.kind, id: SCOPE_ID as unknown as string };
    templateScopings.set(scope.kind, (scoping = new ScopePlugin(standIn, tables)));
  }
  return scoping;
}

/**
 * The layer's compiler: scopes every statement (see scope.ts) and writes it snake_case (names.ts),
 * taking SELECTs from their kept templates.
 */
export class StatementCompiler implements QueryCompiler {
  private readonly compiler = new SnakeCaseCompiler();
  private readonly scoping: ScopePlugin;
  private readonly templateScoping: ScopePlugin;
  private readonly kind: string;
  private readonly keeps: boolean;

  constructor(
    private readonly scope: Scope,
    tables: ScopedTables,
    private readonly starRows: StarRows,
  ) {
    this.scoping = new ScopePlugin(scope, tables);
    this.templateScoping = templateScoping(scope, tables);
    this.kind = scope.kind;
    this.keeps = scope.kind === 'system' || scope.id !== null;
  }

  compileQuery(node: RootOperationNode, queryId: QueryId): CompiledQuery {
    if (!this.keeps || node.kind !== 'SelectQueryNode') return this.fresh(node, queryId);
    const values: unknown[] = [];
    const key = `${this.kind}|${shapeOf(node, values)}`;
    let template = templates.get(key);
    if (template === undefined) {
      template = this.template(node, queryId);
      if (templates.size >= MAX_TEMPLATES) templates.clear();
      templates.set(key, template);
    }
    if (template === null) return this.fresh(node, queryId);
    const id = this.scope.kind === 'system' ? null : this.scope.id;
    const parameters = template.parameters.map((p) => (p === SCOPE_ID ? id : p instanceof StandIn ? values[p.index] : p));
    if (template.star) this.starRows.rename(queryId);
    const compiled: CompiledQuery = { query: node, queryId, sql: template.sql, parameters };
    if (CHECK) this.check(compiled);
    return compiled;
  }

  /** Scoped and compiled as it is. */
  private fresh(node: RootOperationNode, queryId: QueryId): CompiledQuery {
    const scoped = this.scoping.transformQuery({ node, queryId });
    if (this.starRows.selectsStar(scoped)) this.starRows.rename(queryId);
    return this.compiler.compileQuery(scoped, queryId);
  }

  /** The shape's template, or null when it cannot be kept (its scoping looks at values, or fails). */
  private template(node: RootOperationNode, queryId: QueryId): Template | null {
    try {
      const standing = withStandIns(node, { index: 0 }) as RootOperationNode;
      const scoped = this.templateScoping.transformQuery({ node: standing, queryId });
      const { sql, parameters } = this.compiler.compileQuery(scoped, queryId);
      return { sql, parameters, star: this.starRows.selectsStar(scoped) };
    } catch {
      // Compiled afresh instead, where a real refusal is thrown with the statement's own values.
      return null;
    }
  }

  private check(kept: CompiledQuery): void {
    const fresh = this.fresh(kept.query, kept.queryId);
    if (fresh.sql !== kept.sql || !isDeepStrictEqual(fresh.parameters, kept.parameters)) {
      throw new Error(`a kept statement differs from its fresh compilation:\n  kept  ${kept.sql}\n  fresh ${fresh.sql}`);
    }
  }
}

/** How many shapes are kept (for tests and the bench). */
export const keptStatements = () => templates.size;
