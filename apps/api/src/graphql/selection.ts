import { type DocumentNode, type GraphQLSchema, TypeInfo, getNamedType, visit, visitWithTypeInfo } from 'graphql';

/** For each GraphQL type, the fields an operation selects on it anywhere (fragments included). */
export type Selection = ReadonlyMap<string, ReadonlySet<string>>;

const cache = new WeakMap<DocumentNode, Selection>();

/**
 * Which fields a document asks for, type by type, worked out once per document (Apollo keeps parsed
 * documents, so a query sent again costs a lookup). The read path uses it to fetch only the columns
 * a request can show.
 */
export function selectionOf(schema: GraphQLSchema, document: DocumentNode): Selection {
  let selection = cache.get(document);
  if (selection) return selection;
  const fields = new Map<string, Set<string>>();
  const info = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(info, {
      Field(node) {
        const parent = info.getParentType();
        if (!parent) return;
        const name = getNamedType(parent).name;
        let set = fields.get(name);
        if (!set) fields.set(name, (set = new Set()));
        set.add(node.name.value);
      },
    }),
  );
  selection = fields;
  cache.set(document, selection);
  return selection;
}

/**
 * The columns of one kind of row, by their names in the schema: those always read (keys, what the
 * server itself computes with), and those read only when the GraphQL field of the same name is
 * selected. Without a selection (downloads, jobs) every column is read.
 */
export interface Columns<C extends string> {
  type: string;
  always: readonly C[];
  optional: readonly C[];
}

const picked = new WeakMap<Columns<string>, Map<string, readonly string[]>>();

export function columnsFor<C extends string>(spec: Columns<C>, selection?: Selection): readonly C[] {
  const selected = selection?.get(spec.type);
  const wanted = selected ? spec.optional.filter((f) => selected.has(f)) : spec.optional;
  const key = wanted.join(',');
  let byKey = picked.get(spec);
  if (!byKey) picked.set(spec, (byKey = new Map<string, readonly string[]>()));
  let columns = byKey.get(key) as readonly C[] | undefined;
  if (!columns) byKey.set(key, (columns = [...spec.always, ...wanted]));
  return columns;
}
