import type { TenantContext } from '../../../context';
import { changesOf, checkedInput, existing, fieldsOf, givenFields, namedIds } from '../rows';
import type { ImportLayoutSpec, ImportSpec } from '../spec';

interface Saved {
  id: string;
}

/**
 * An import of a library the organisation keeps by id (the register, the evidence library): a row
 * with an id changes that row, only in the columns the file has; a row without one adds a row.
 */
export function byIdImport<Row extends Saved, Update extends object, Create extends object>(options: {
  /** Its layout: the `id` column first, then the fields. */
  layout: ImportLayoutSpec;
  /** As the not-found error names it ("Partner", "Evidence"). */
  what: string;
  /** The saved rows of these ids (the organisation's only). */
  read(ctx: TenantContext, ids: string[]): Promise<Row[]>;
  /** The field that names a row in words (a partner's name, an item's title). */
  labelField: keyof Row & string;
  /** The one-row mutation's inputs, from the fields a row changes (with what is saved) or gives. */
  updateInput(current: Row, changed: Record<string, unknown>): Update;
  createInput(given: Record<string, unknown>): Create;
  update(ctx: TenantContext, id: string, input: Update): Promise<unknown>;
  create(ctx: TenantContext, input: Create): Promise<{ id: string }> | { id: string };
}): ImportSpec<Map<string, Row>> {
  const fields = options.layout.columns.filter((c) => c.name !== 'id');
  const label = (row: object) => String((row as Record<string, unknown>)[options.labelField]);
  return {
    ...options.layout,
    async load(ctx, rows) {
      return new Map((await options.read(ctx, namedIds(rows, 'id'))).map((r) => [r.id, r]));
    },
    async apply(ctx, saved, row) {
      const id = row.values.get('id') as string | null | undefined;
      if (id) {
        const current = existing(saved, options.what, id);
        const changes = changesOf(fields, row, current);
        if (!changes.length) return { action: 'UNCHANGED', id: current.id, label: label(current), changes };
        const changed = fieldsOf(fields, row, changes);
        await options.update(ctx, current.id, await checkedInput(options.updateInput(current, changed)));
        return { action: 'CHANGE', id: current.id, label: label({ ...current, ...changed }), changes };
      }
      const given = givenFields(fields, row);
      const created = await options.create(ctx, await checkedInput(options.createInput(given)));
      return { action: 'ADD', id: created.id, label: label(given), changes: changesOf(fields, row, {}) };
    },
  };
}
