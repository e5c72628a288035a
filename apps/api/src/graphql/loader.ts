import DataLoader from 'dataloader';
import type { Reader } from '@waymark/db';
import type { Selection } from './selection';

/**
 * A DataLoader made once per request, on first use, from the request's reader. Each module
 * declares its loaders beside its queries with `perRequest(...)`; nested fields then read one
 * statement per kind of row, however many parents there are.
 */
export interface LoaderFactory<K, V> {
  /** `selection`: the fields the operation asks for (see selection.ts); none outside GraphQL. */
  readonly make: (db: Reader, selection?: Selection) => DataLoader<K, V>;
}

export const perRequest = <K, V>(make: (db: Reader, selection?: Selection) => DataLoader<K, V>): LoaderFactory<K, V> => ({ make });

/** The loaders of one request. */
export class Loaders {
  private readonly made = new Map<LoaderFactory<unknown, unknown>, DataLoader<unknown, unknown>>();

  constructor(
    private readonly db: () => Reader,
    private readonly selection?: () => Selection | undefined,
  ) {}

  of<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    let loader = this.made.get(factory);
    if (!loader) {
      loader = factory.make(this.db(), this.selection?.());
      this.made.set(factory, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /** After a write, what was loaded before it may be stale. */
  clearAll(): void {
    for (const loader of this.made.values()) loader.clearAll();
  }
}

/** Rows grouped under the parent key they belong to (answers of an assessment, notes of an item ...). */
export function grouped<R, K extends keyof R>(load: (ids: string[]) => Promise<R[]>, key: K) {
  return new DataLoader<string, R[]>(async (ids) => {
    const groups = new Map<unknown, R[]>();
    for (const row of await load([...ids])) {
      const list = groups.get(row[key]);
      if (list) list.push(row);
      else groups.set(row[key], [row]);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

/** Rows by their id; a missing id gives null. */
export function byId<R extends { id: string }>(load: (ids: string[]) => Promise<R[]>) {
  return new DataLoader<string, R | null>(async (ids) => {
    const rows = new Map((await load([...ids])).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

const indexes = new WeakMap<readonly object[], Map<unknown, object[]>>();

/**
 * The rows of a loaded list that share one key (the evidence of one answer among an assessment's),
 * indexed once per list rather than filtered once per parent.
 */
export function rowsWith<R extends object, K extends keyof R>(rows: readonly R[], key: K, value: R[K]): R[] {
  let index = indexes.get(rows) as Map<unknown, R[]> | undefined;
  if (!index) {
    index = new Map();
    for (const row of rows) {
      const list = index.get(row[key]);
      if (list) list.push(row);
      else index.set(row[key], [row]);
    }
    indexes.set(rows, index);
  }
  return index.get(value) ?? [];
}
