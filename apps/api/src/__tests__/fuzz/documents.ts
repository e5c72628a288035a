import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { mulberry32 } from '@waymark/domain';

/**
 * GraphQL requests generated from the schema for the fuzz suite: any root field of the schema,
 * arguments of the right shape most of the time and of every wrong one the rest (wrong types, null
 * where required, missing, huge and odd strings, NUL, lone surrogates, emoji, deep nesting, ids of
 * another organisation), sent as variables or written into the query, with a selection of the
 * answer's fields.
 */

export interface FuzzIds {
  /** The caller's own organisation's ids, by kind (assessment, evidence, partner, item, ...): requests about them may succeed. */
  own: Record<string, string[]>;
  /** Another organisation's ids: nothing about them may ever be shown or changed. */
  foreign: string[];
}

export interface FuzzRequest {
  /** Absent when the request names its document by a persisted-query hash alone. */
  query?: string;
  variables: Record<string, unknown>;
  /** The request's `extensions` (automatic persisted queries), well or ill formed; usually none. */
  extensions?: unknown;
  /** A mutation may change the caller's own data when it succeeds; nothing else may change anything. */
  mutation: boolean;
  field: string;
}

const ODD_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\ud83d', '😀'.repeat(151), '👩‍👩‍👧‍👦', 'e\u0301', '\u202eevil', '\ufeff', '\u0007', '\u001b[31m', 'line\nbreak', 'tab\there',
  'x'.repeat(301), 'y'.repeat(5_001), 'z'.repeat(100_000), "'; drop table assessment; --", '<script>alert(1)</script>', '../../etc/passwd', '%s%n%x', '${7*7}', '\\', '"',
  'null', 'undefined', 'NaN', '-1', '1e309', 'ＡＢＣ', 'ß', 'İ', '3.1.1.a', '3.1', 'not a key', 'FINISHED', 'YES', 'https://example.org/x', 'javascript:alert(1)', 'http://127.0.0.1:5432/',
  'ftp://x', 'mailto:a@b', 'a@b.c', 'not-an-email', '2026-01-01', '2026-02-30', '0000-00-00', '2026-01-01T00:00:00Z', 'wmk_abc', 'Bearer x',
];

const oddString = fc.oneof(fc.constantFrom(...ODD_STRINGS), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));

/** A value nested `depth` levels deep in arrays or objects. */
const deep = fc.integer({ min: 10, max: 300 }).chain((depth) =>
  fc.boolean().map((arrays) => {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
    return value;
  }),
);

/** Anything at all where a value of some type was expected. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  oddString,
  fc.constant({}),
  fc.constant([]),
  fc.jsonValue({ maxDepth: 3 }),
  deep,
);

/** Which of the caller's ids an argument means, from its name (`evidenceId`) or, for a bare `id`, its field's (`deletePartner`). */
const KINDS: [RegExp, string][] = [
  [/previous|assessment|adopt|submit|reopen/i, 'assessment'],
  [/evidence/i, 'evidence'],
  [/partner/i, 'partner'],
  [/item/i, 'item'],
  [/plan/i, 'plan'],
  [/invitation/i, 'invitation'],
  [/apikey/i, 'apiKey'],
  [/member/i, 'membership'],
  [/framework/i, 'framework'],
];

function ownIdsFor(ids: FuzzIds, hint: string): string[] {
  for (const [pattern, kind] of KINDS) if (pattern.test(hint) && ids.own[kind]?.length) return ids.own[kind];
  return Object.values(ids.own).flat();
}

function scalarValue(name: string, ids: FuzzIds, clean: boolean, hint: string): fc.Arbitrary<unknown> {
  if (clean) return cleanScalar(name, ids, hint);
  const id = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ownIdsFor(ids, hint)) },
    { weight: 4, arbitrary: fc.constantFrom(...ids.foreign) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: oddString },
  );
  switch (name) {
    case 'ID':
      return id;
    case 'String':
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('3.1.1.a', '3.1.g1.1', '3.2.1', '2026', 'A title', 'Some notes about the partnership', 'inspiring-learning-partnerships') },
        { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
        { weight: 2, arbitrary: oddString },
        { weight: 1, arbitrary: id },
      );
    case 'Int':
      return fc.oneof(fc.integer({ min: -3, max: 120 }), fc.constantFrom(0, -1, 101, 2 ** 31, 2 ** 53, 1.5, -0));
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e308));
    case 'Boolean':
      return fc.boolean();
    case 'LocalDate':
      return fc.oneof(fc.constantFrom('2026-01-01', '2027-12-31', '2026-02-30', '2026-13-01', '99999-01-01', '2026-1-1', '1900-01-01'), oddString);
    case 'DateTime':
      return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('2026-01-01T00:00:00Z', 'yesterday', '2026-01-01', 0), oddString);
    case 'JSON':
    case 'JSONObject':
      return fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), deep);
    default:
      return fc.oneof(oddString, fc.jsonValue({ maxDepth: 2 }));
  }
}

/**
 * Values that fit their types and point at the caller's own rows: the requests that should
 * succeed, so the suite also walks the paths that write.
 */
function cleanScalar(name: string, ids: FuzzIds, hint: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return fc.constantFrom(...ownIdsFor(ids, hint));
    case 'String':
      return fc.constantFrom('3.1.1.a', '3.1.g1.1', '3.2.1', '3.1', '2026', '2031', 'A title', 'Notes about the partnership', 'inspiring-learning-partnerships', 'someone@example.test', 'https://example.org/r');
    case 'Int':
      return fc.integer({ min: 1, max: 50 });
    case 'Float':
      return fc.double({ min: 0, max: 100, noNaN: true });
    case 'Boolean':
      return fc.boolean();
    case 'LocalDate':
      return fc.constantFrom('2026-01-01', '2026-06-30', '2027-03-15');
    case 'DateTime':
      return fc.constantFrom('2026-01-01T00:00:00.000Z', '2027-03-15T12:00:00.000Z');
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value for an input type: right-shaped most of the time, wrong in every other way the rest (never, when `clean`). */
function inputValue(type: GraphQLInputType, ids: FuzzIds, clean: boolean, hint: string, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const inner = inputValue(type.ofType, ids, clean, hint, depth);
    return clean ? inner : fc.oneof({ weight: 24, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) });
  }
  const right = rightShaped(type, ids, clean, hint, depth);
  return clean ? right : fc.oneof({ weight: 14, arbitrary: right }, { weight: 1, arbitrary: wrongType }, { weight: 1, arbitrary: fc.constant(null) });
}

function rightShaped(type: GraphQLInputType, ids: FuzzIds, clean: boolean, hint: string, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return inputValue(type, ids, clean, hint, depth);
  if (isListType(type)) {
    const item = inputValue(type.ofType, ids, clean, hint, depth + 1);
    if (clean) return fc.array(item, { minLength: 1, maxLength: 3 });
    return fc.oneof({ weight: 8, arbitrary: fc.array(item, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(item, { minLength: 100, maxLength: 400 }) }, { weight: 1, arbitrary: item });
  }
  if (isEnumType(type)) {
    const values = fc.constantFrom(...type.getValues().map((v) => v.name));
    return clean ? values : fc.oneof({ weight: 9, arbitrary: values }, { weight: 1, arbitrary: oddString });
  }
  if (isScalarType(type)) return scalarValue(type.name, ids, clean, hint);
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    const entries = fields.map((f) => {
      const required = isNonNullType(f.type) && f.defaultValue === undefined;
      const value = inputValue(f.type, ids, clean, f.name === 'id' ? hint : f.name, depth + 1).map((v) => [f.name, v] as const);
      if (clean && required) return value;
      // Usually present when required, half the time when optional; a missing required field is its own case.
      return fc.oneof({ weight: required ? 19 : 1, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
    });
    const extra = clean ? fc.constant(null) : fc.option(fc.tuple(fc.constantFrom('organisationId', 'id', '__proto__', 'unknownField'), wrongType), { freq: 8 });
    return fc.tuple(fc.tuple(...entries), extra).map(([pairs, more]) => {
      const out: Record<string, unknown> = {};
      for (const pair of pairs) if (pair) out[pair[0]] = pair[1];
      if (more) out[more[0]] = more[1];
      return out;
    });
  }
  return wrongType;
}

/** A small deterministic generator for the shape of a selection (fast-check drives the values). */
const prng = mulberry32;

const needsArguments = (field: GraphQLField<unknown, unknown>) => field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);

/** Fields of an answer: always __typename, a random share of the scalars, and objects a few levels down. */
function selection(type: GraphQLOutputType, random: () => number, depth: number): string {
  const named: GraphQLNamedType = getNamedType(type);
  if (isObjectType(named) || isInterfaceType(named)) {
    const parts = ['__typename'];
    for (const field of Object.values(named.getFields())) {
      if (needsArguments(field)) continue;
      const leaf = getNamedType(field.type);
      if (isScalarType(leaf) || isEnumType(leaf)) {
        if (random() < 0.6) parts.push(field.name);
      } else if (depth < 4 && random() < 0.35) {
        parts.push(`${field.name} ${selection(field.type, random, depth + 1)}`);
      }
    }
    return `{ ${parts.join(' ')} }`;
  }
  if (isUnionType(named)) {
    const inner = named.getTypes().map((t) => `... on ${t.name} ${selection(t, random, depth + 1)}`);
    return `{ __typename ${inner.join(' ')} }`;
  }
  return '';
}

/** A value written into the query text; strings as JSON strings (whose escapes GraphQL shares), enums bare. */
function literal(value: unknown, type: GraphQLInputType | null): string {
  if (value === null || value === undefined) return 'null';
  const named = type ? getNamedType(type) : null;
  if (typeof value === 'string') return named && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  const itemType = type && isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, itemType && isListType(itemType) ? (itemType.ofType) : null)).join(', ')}]`;
  const fields = named && isInputObjectType(named) ? named.getFields() : {};
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([k]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(k))
    .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? null)}`);
  return `{${entries.join(', ')}}`;
}

/** One request for one root field: arguments as variables (mostly, sometimes declared with a wrong type) or literals. */
function requestFor(root: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, ids: FuzzIds, clean: boolean): fc.Arbitrary<FuzzRequest> {
  const args = field.args.map((arg: GraphQLArgument) => {
    const value = inputValue(arg.type, ids, clean, arg.name === 'id' ? field.name : arg.name);
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    return (clean && required ? value : fc.option(value, { freq: clean ? 2 : 12, nil: undefined })).map((v) => ({ arg, value: v }));
  });
  const modes = clean ? fc.constantFrom('variables', 'literals') : fc.constantFrom('variables', 'variables', 'variables', 'literals', 'wrong-declaration');
  return fc.tuple(fc.tuple(...args), modes, fc.integer()).map(([values, mode, seed]) => {
    const random = prng(seed);
    const given = values.filter((v) => v.value !== undefined || (!clean && mode !== 'literals' && random() < 0.2));
    const declarations: string[] = [];
    const variables: Record<string, unknown> = {};
    const written = given.map(({ arg, value }) => {
      if (mode === 'literals') return `${arg.name}: ${literal(value, arg.type)}`;
      const declared = mode === 'wrong-declaration' && random() < 0.5 ? (random() < 0.5 ? 'String' : 'Int!') : String(arg.type);
      declarations.push(`$${arg.name}: ${declared}`);
      if (value !== undefined) variables[arg.name] = value;
      return `${arg.name}: $${arg.name}`;
    });
    const head = declarations.length ? `${root} Fuzz(${declarations.join(', ')})` : `${root} Fuzz`;
    const call = written.length ? `${field.name}(${written.join(', ')})` : field.name;
    return { query: `${head} { ${call} ${selection(field.type, random, 0)} }`, variables, mutation: root === 'mutation', field: field.name };
  });
}

/** Text that is not quite GraphQL: truncated, doubled, stray tokens. */
const brokenDocument = fc.oneof(
  fc.constantFrom('{', '}', 'query {', '{ me { user { id } }', 'mutation', 'subscription { x }', 'fragment F on Query { me }', '{ __typename } { __typename }', '{ me @skip }', '{ ...F }', '\u0000', 'query Fuzz($a: ID!) { assessment(id: $a) { id } }'),
  oddString,
).map((query) => ({ query, variables: {}, mutation: false, field: '(broken)' }));

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A request as an automatic-persisted-query client sends it, or as one gets it wrong: the right
 * hash, another document's, a malformed one, an unsupported version, an extension of the wrong
 * shape, or the hash alone without the document.
 */
function withPersistedQuery(request: FuzzRequest): fc.Arbitrary<FuzzRequest> {
  const query = request.query ?? '';
  const hash = fc.oneof(
    fc.constant(sha256(query)),
    fc.constant(sha256(`${query} `)),
    fc.stringMatching(/^[0-9a-f]{64}$/),
    fc.constantFrom('', 'abc', sha256(query).toUpperCase(), `${sha256(query)}0`, 'g'.repeat(64)),
    oddString,
    fc.constantFrom(0, 1, null, true, [], {}),
  );
  const persistedQuery = fc.oneof(
    { weight: 4, arbitrary: fc.record({ version: fc.constant(1), sha256Hash: hash }) },
    { weight: 1, arbitrary: fc.record({ version: fc.constantFrom(0, 2, '1', null, 1.5), sha256Hash: hash }) },
    { weight: 1, arbitrary: fc.record({ sha256Hash: hash }) },
    { weight: 1, arbitrary: fc.constantFrom('x', 7, [], {}, true, 'persisted') },
  );
  return fc.record({ persistedQuery, dropQuery: fc.boolean() }).map(({ persistedQuery: extension, dropQuery }) => ({
    ...request,
    query: dropQuery ? undefined : request.query,
    extensions: { persistedQuery: extension },
    field: `${request.field} (persisted query)`,
  }));
}

/** Requests over every root field of the schema, weighted so each field is drawn about as often. */
export function fuzzRequests(schema: GraphQLSchema, ids: FuzzIds): fc.Arbitrary<FuzzRequest> {
  const roots: ['query' | 'mutation', GraphQLField<unknown, unknown>][] = [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((f) => ['query', f] as ['query', GraphQLField<unknown, unknown>]),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((f) => ['mutation', f] as ['mutation', GraphQLField<unknown, unknown>]),
  ];
  const valid = fc.oneof(...roots.map(([root, field]) => requestFor(root, field, ids, true)));
  return fc.oneof(
    { weight: 12, arbitrary: valid },
    { weight: 18, arbitrary: fc.oneof(...roots.map(([root, field]) => requestFor(root, field, ids, false))) },
    { weight: 1, arbitrary: brokenDocument },
    { weight: 1, arbitrary: fc.oneof(valid, brokenDocument).chain(withPersistedQuery) },
  );
}
