import { notFound, isUuid } from '@waymark/domain';
import { validateArguments } from '../../graphql/text';
import { type Value, same, shown } from './cells';
import type { ImportColumn, RowInput } from './spec';
import type { ImportFieldChange } from './types';

/**
 * An input object checked exactly as the one-row mutation's argument is (text trimmed and checked,
 * then class-validator's rules), so an import row and a mutation obey one set of rules.
 */
export async function checkedInput<T extends object>(input: T): Promise<T> {
  await (validateArguments as (value: object) => Promise<void>)({ input });
  return input;
}

/** The columns of a row whose value differs from what is saved, before and after. */
export function changesOf(columns: readonly ImportColumn[], row: RowInput, current: object): ImportFieldChange[] {
  return columns.flatMap((column) => {
    if (!row.values.has(column.name)) return [];
    // A blank true/false cell is false, as the one-row inputs default it.
    const flag = (v: Value) => (column.type === 'boolean' ? v === true : v);
    const after = flag(row.values.get(column.name) as Value);
    const before = flag((current as Record<string, unknown>)[column.field] as Value);
    return same(before, after) ? [] : [{ column: column.name, before: shown(before), after: shown(after) }];
  });
}

/** The input fields a row changes: `{ field: value }` for each changed column. */
export function fieldsOf(columns: readonly ImportColumn[], row: RowInput, changes: readonly ImportFieldChange[]): Record<string, unknown> {
  const changed = new Set(changes.map((c) => c.column));
  return Object.fromEntries(columns.filter((c) => changed.has(c.name)).map((c) => [c.field, row.values.get(c.name)]));
}

/** The values a row gives, as input fields (for a new row: every column the file has). */
export function givenFields(columns: readonly ImportColumn[], row: RowInput, except: string[] = []): Record<string, unknown> {
  return Object.fromEntries(columns.filter((c) => row.values.has(c.name) && !except.includes(c.name)).map((c) => [c.field, row.values.get(c.name)]));
}

/** The ids a file names (well-formed ones: any other is simply not found). */
export const namedIds = (rows: readonly RowInput[], key: string) =>
  [...new Set(rows.map((r) => r.values.get(key)).filter((v): v is string => typeof v === 'string' && isUuid(v)))].map((id) => id.toLowerCase());

/** The saved row a file row names by id: another organisation's id is NOT_FOUND, exactly as a missing one. */
export function existing<T>(rows: ReadonlyMap<string, T>, what: string, id: string): T {
  const row = isUuid(id) ? rows.get(id.toLowerCase()) : undefined;
  if (!row) throw notFound(what, id);
  return row;
}
