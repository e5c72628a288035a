import type { TenantContext } from '../../context';
import type { ColumnType, Value } from './cells';
import type { ImportAction, ImportFieldChange, ImportKind } from './types';

/** A column an import reads: its name in the file, how its cells are read, and the input field it fills. */
export interface ImportColumn {
  name: string;
  type: ColumnType;
  /** The property of the one-row mutation's input that the column fills (errors name the column instead). */
  field: string;
  /** A blank cell is refused: the field cannot be cleared, and a new row needs it. */
  required?: true;
  /** What the column holds, in a sentence: the published layout (`importLayout`) says it. */
  description: string;
  /** A value as a file would hold it. */
  example: string;
}

/** One row of the file, its cells read: only the columns the file has are in `values`. */
export interface RowInput {
  row: number;
  values: ReadonlyMap<string, Value>;
}

export interface RowOutcome {
  action: ImportAction;
  id: string | null;
  label: string;
  changes: ImportFieldChange[];
}

/**
 * The layout one kind of import reads (that of its export): what the runner parses a file with, and
 * what the `importLayout` query publishes, so the two cannot drift apart.
 */
export interface ImportLayoutSpec {
  kind: ImportKind;
  /** What a row is, in words: "partnership", "evidence item" ... */
  noun: string;
  /** Whether the import goes into one assessment (its answers, its plan's items). */
  perAssessment: boolean;
  columns: readonly ImportColumn[];
  /** The column that names an existing row; two rows may not name the same one. */
  key: string;
  /** Columns of the export's layout that describe a row and are not imported. */
  ignored: readonly string[];
  /** Columns the file must have. */
  required: readonly string[];
}

/**
 * One kind of import: its layout, and how one row is applied, through the same service functions
 * as the one-row mutations, so every rule, audit entry and event is theirs.
 */
export interface ImportSpec<State> extends ImportLayoutSpec {
  /** Reads what the rows name, in one go, before any row is applied. */
  load(ctx: TenantContext, rows: readonly RowInput[]): Promise<State>;
  /** Applies one row (in a dry run too: the runner undoes it); throws a WaymarkError for a bad row. */
  apply(ctx: TenantContext, state: State, row: RowInput): Promise<RowOutcome>;
}
