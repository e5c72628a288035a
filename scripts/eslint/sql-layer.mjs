/**
 * `waymark/sql-layer`: SQL is written one way, with the typed builder (packages/db/src/sql): a
 * request's `ctx.db.sql`, a session's, `sqlIn(em, scope)` inside an entity manager's transaction or
 * `sqlPool(orm, scope)` for work no session holds. Everything else that sends text to the database
 * is refused here, by the type of what it is called on, so a renamed variable cannot slip past:
 *
 * - `execute` on MikroORM's entity manager or connection, and `getKnex()`;
 * - `rows`, `result` and `batch` on a SqlRunner, and `query` on a node-postgres client or pool,
 *   outside the layer itself (packages/db/src/sql and the session that owns the connection);
 * - a string or untagged template that is a statement (`select ...`, `insert into ...`, ...);
 *   Kysely's `sql` tag is the layer's own, and the scope plugin checks what it names;
 * - opening the `system` scope (which narrows nothing) outside the files named in the option.
 *
 * Migrations, tests and the test services write SQL to build and inspect databases; they are not
 * linted by this rule (see eslint.config.mjs).
 */
// Statements as this codebase writes them (lower case, as SQL here always is; sentences in the UI start
// with a capital): a select that reads from something, an insert, update, delete or CTE.
const STATEMENT = /^\s*(select\s[\s\S]*\bfrom\s|insert\s+into\s|update\s+"?\w+"?\s+set\s|delete\s+from\s|with\s+(recursive\s+)?"?\w+"?\s+as\s*\()/;

/** What may not be called, by the type it is called on: the type's name and where it is declared. */
const kinds = {
  ormExecute: { names: ['EntityManager', 'SqlEntityManager', 'Connection', 'PostgreSqlConnection', 'AbstractSqlConnection'], from: /@mikro-orm\//, methods: ['execute'] },
  runner: { names: ['SqlRunner'], from: /packages\/db\/(src|dist)\/session\/runner/, methods: ['rows', 'result', 'batch'] },
  pg: { names: ['Client', 'PoolClient', 'Pool', 'ClientBase'], from: /node_modules\/(@types\/)?pg\//, methods: ['query'] },
};

export const sqlLayer = {
  meta: {
    type: 'problem',
    schema: [{ type: 'object', properties: { layer: { type: 'boolean' }, system: { type: 'boolean' } }, additionalProperties: false }],
    messages: {
      orm: "{{what}}: write SQL with the typed builder (ctx.db.sql, sqlIn(em, scope) or sqlPool(orm, scope)), not through MikroORM's raw {{method}}.",
      knex: 'knex (getKnex(), the Knex types): write SQL with the typed builder.',
      raw: "{{what}}.{{method}}(): only the typed layer (packages/db/src/sql, the session) sends text to a connection; write it with the builder.",
      text: 'A statement written as a string: write it with the typed builder (or, inside the layer, Kysely\'s sql tag).',
      system: "The system scope narrows nothing: only the files listed for it in eslint.config.mjs may open it.",
    },
  },
  create(context) {
    const { layer = false, system = false } = context.options[0] ?? {};
    const services = context.sourceCode.parserServices;
    const checker = services?.program?.getTypeChecker();
    /** A type, its bases and union members as [name, declaring file]: `SqlEntityManager<...>` -> SqlEntityManager, EntityManager, ... */
    const typesOf = (node) => {
      if (!checker || !services.esTreeNodeToTSNodeMap) return [];
      const found = [];
      const visit = (type, depth) => {
        if (!type || depth > 4) return;
        if (type.isUnion?.() || type.isIntersection?.()) return type.types.forEach((t) => visit(t, depth + 1));
        for (const symbol of [type.getSymbol?.(), type.aliasSymbol]) {
          if (symbol) found.push([symbol.getName(), symbol.declarations?.[0]?.getSourceFile().fileName ?? '']);
        }
        for (const base of type.getBaseTypes?.() ?? []) visit(base, depth + 1);
      };
      visit(checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node)), 0);
      return found;
    };
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        if (method === 'getKnex' && !layer) return context.report({ node, messageId: 'knex' });
        for (const [kind, { names, from, methods }] of Object.entries(kinds)) {
          if (!methods.includes(method)) continue;
          if (kind !== 'ormExecute' && layer) continue;
          const found = typesOf(callee.object).find(([name, file]) => names.includes(name) && from.test(file));
          if (!found) continue;
          context.report({ node, messageId: kind === 'ormExecute' ? 'orm' : 'raw', data: { what: found[0], method } });
        }
      },
      ImportSpecifier(node) {
        const source = node.parent.source.value;
        if (!layer && node.imported.name === 'Knex' && /^@mikro-orm\//.test(source)) context.report({ node, messageId: 'knex' });
      },
      Literal(node) {
        if (!layer && typeof node.value === 'string' && STATEMENT.test(node.value)) context.report({ node, messageId: 'text' });
      },
      TemplateLiteral(node) {
        if (layer || node.parent.type === 'TaggedTemplateExpression') return;
        if (STATEMENT.test(node.quasis[0]?.value.cooked ?? '')) context.report({ node, messageId: 'text' });
      },
      Property(node) {
        if (system) return;
        const key = node.key.type === 'Identifier' ? node.key.name : node.key.value;
        if (key === 'kind' && node.value.type === 'Literal' && node.value.value === 'system') context.report({ node, messageId: 'system' });
      },
    };
  },
};
