import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  Lexer,
  type OperationDefinitionNode,
  Source,
  TokenKind,
  type ValidationContext,
  getVariableValues,
  isListType,
  isNonNullType,
} from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { defaultPageSize } from './connection';

/**
 * How big a query may be. The largest legitimate reads (a framework's whole tree, a whole
 * assessment with every answer, view and citation, a page of 100 items with their history) fit
 * comfortably; a query that would build hundreds of megabytes of answer, or nest forty levels
 * deep, is refused before it runs, with a typed error naming the limit.
 */
export const QUERY_LIMITS = {
  /** The framework tree nests principles > elements > actions > parts: about 10 levels with connections around it. */
  depth: 15,
  aliases: 30,
  directives: 20,
  tokens: 5000,
  /** Cost: one per field, times the page size for a connection and LIST_WEIGHT for a plain list. */
  cost: 60_000,
} as const;

/** Plain lists (answers of an assessment, nodes of a framework) are bounded by the data; this is their weight. */
export const LIST_WEIGHT = 5;

/**
 * A field's cost is its own 1 plus its children's, multiplied by how many it returns: a connection
 * by the page size asked for (`first`, `last` or the deprecated `page.first`, else its default), any
 * other list by LIST_WEIGHT.
 */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  if (field.args.some((a) => a.name === 'first')) {
    const page = args.page as { first?: number } | null | undefined;
    const size = page?.first ?? (args.first as number | null | undefined) ?? (args.last as number | null | undefined) ?? defaultPageSize(field.extensions);
    return 1 + childComplexity * Math.max(1, size);
  }
  let type = field.type;
  if (isNonNullType(type)) type = type.ofType;
  if (isListType(type)) return 1 + childComplexity * LIST_WEIGHT;
  return undefined;
};

/** The limits of graphql-armor (depth, aliases, directives, tokens), as Apollo options. */
export function armor(): { plugins: ApolloServerPlugin[]; validationRules: ReturnType<ApolloArmor['protect']>['validationRules'] } {
  // A refusal during validation is reported as a validation error (400), not thrown (which Apollo answers as a 500).
  const report = { propagateOnRejection: false, onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(error)] };
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.depth, ignoreIntrospection: true, ...report },
    maxAliases: { n: QUERY_LIMITS.aliases, ...report },
    maxDirectives: { n: QUERY_LIMITS.directives, ...report },
    // Tokens are counted before Apollo parses (tooManyTokens): armor's parser hook answers a refusal as a 500.
    maxTokens: { enabled: false },
    // Cost is measured below, with page sizes: armor's own estimate does not see them.
    costLimit: { enabled: false },
    // Field suggestions are switched with introspection (Apollo's hideSchemaDetailsFromClientErrors).
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { plugins, validationRules };
}

/**
 * Whether a query has more tokens than allowed, counted with graphql-js's own lexer before
 * anything parses it. A query shorter than the limit cannot exceed it, so ordinary requests are
 * not lexed twice.
 */
export function tooManyTokens(query: unknown): boolean {
  if (typeof query !== 'string' || query.length <= QUERY_LIMITS.tokens) return false;
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) if (++count > QUERY_LIMITS.tokens) return true;
  } catch {
    return false; // a syntax error: graphql-js will say so
  }
  return false;
}

/**
 * Costs already computed, per parsed document (Apollo keeps one parsed document per query text, so
 * an integration sending the same query again finds it here) and then per variables and operation.
 * A cost depends on nothing else; each document keeps its latest few variants.
 */
const costs = new WeakMap<DocumentNode, Map<string, number>>();
const VARIANTS_PER_DOCUMENT = 32;

/** The cost of an operation with its variables (see pageEstimator). */
export function costOf(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  let known = costs.get(document);
  if (!known) costs.set(document, (known = new Map<string, number>()));
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const cost = computeCost(schema, document, variables, operationName);
  if (known.size >= VARIANTS_PER_DOCUMENT) known.delete(known.keys().next().value!);
  known.set(key, cost);
  return cost;
}

function computeCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName: operationName ?? undefined,
    estimators: [pageEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/**
 * Refuses an operation over the cost limit, before any of it runs. Costs depend on the variables
 * (page sizes), so variables that do not fit their types are refused here first, as graphql-js
 * would refuse them: BAD_USER_INPUT naming the variable.
 */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): void {
  const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  if (coerced.errors?.length) {
    const [error] = coerced.errors;
    throw new GraphQLError(error!.message, { nodes: error!.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
  const cost = costOf(schema, document, variables, operationName);
  if (cost > QUERY_LIMITS.cost) {
    throw new GraphQLError(`Query cost limit of ${QUERY_LIMITS.cost} exceeded, found ${cost}: ask for smaller pages or fewer nested lists`, {
      extensions: { code: 'BAD_USER_INPUT', limit: 'cost', max: QUERY_LIMITS.cost, found: cost, http: { status: 400 } },
    });
  }
}

const ARMOR_MESSAGE = /(Token|Query depth|Aliases|Directives) limit of (\d+) exceeded/;
const TEXT_LITERAL = /^A string in the query /;
const LIMIT_NAMES: Record<string, keyof typeof QUERY_LIMITS> = { Token: 'tokens', 'Query depth': 'depth', Aliases: 'aliases', Directives: 'directives' };

/** graphql-armor's refusals as our typed error: BAD_USER_INPUT, naming the limit and its value. */
export function limitError(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  // Apollo labels every validation error GRAPHQL_VALIDATION_FAILED; bad text in the query is bad input like any other.
  if (TEXT_LITERAL.test(formatted.message)) return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  const match = ARMOR_MESSAGE.exec(formatted.message);
  if (!match) return null;
  return {
    message: formatted.message.replace(/^Syntax Error: /, ''),
    locations: formatted.locations,
    extensions: { code: 'BAD_USER_INPUT', limit: LIMIT_NAMES[match[1]!], max: Number(match[2]) },
  };
}
