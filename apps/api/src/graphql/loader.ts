import DataLoader from 'dataloader';
import type { Reader } from '@waymark/db';

/**
 * A DataLoader made once per request, on first use, from the request's reader. Each module
 * declares its loaders beside its queries with `perRequest(...)`; nested fields then read one
 * statement per kind of row, however many parents there are.
 */
export interface LoaderFactory<K, V> {
  readonly make: (db: Reader) => DataLoader<K, V>;
}

export const perRequest = <K, V>(make: (db: Reader) => DataLoader<K, V>): LoaderFactory<K, V> => ({ make });

/** The loaders of one request. */
export class Loaders {
  private readonly made = new Map<LoaderFactory<unknown, unknown>, DataLoader<unknown, unknown>>();

  constructor(private readonly db: () => Reader) {}

  of<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    let loader = this.made.get(factory);
    if (!loader) {
      loader = factory.make(this.db());
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
