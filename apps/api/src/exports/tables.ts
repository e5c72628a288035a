import { type EntityMetadata, type EntityProperty, type MetadataStorage, ReferenceKind } from '@mikro-orm/core';
import { type AliasedRawBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { AuditEntry, Organisation, type Sql, TENANT_ENTITIES } from '@waymark/db';

/** Never exported, whatever the entity metadata says: a second list behind `hidden: true`. */
const SECRET_COLUMNS = new Set(['password_hash', 'secret_hash', 'token_hash', 'secret_ciphertext', 'previous_secret_ciphertext']);

export type ColumnKind = 'plain' | 'json' | 'timestamptz' | 'timestamp';

export interface ExportColumn {
  name: string;
  kind: ColumnKind;
}

export interface ExportTable {
  name: string;
  columns: ExportColumn[];
  /** Primary key columns: rows come out in a stable order. */
  orderBy: string[];
}

const STORED_KINDS = new Set<string>([ReferenceKind.SCALAR, ReferenceKind.MANY_TO_ONE, ReferenceKind.ONE_TO_ONE]);

function kindOf(prop: EntityProperty): ColumnKind {
  const type = String(prop.columnTypes?.[0] ?? prop.type).toLowerCase();
  if (type === 'json' || type === 'jsonb' || type.endsWith('[]') || prop.array) return 'json';
  if (type.startsWith('timestamptz') || type.startsWith('timestamp with time zone')) return 'timestamptz';
  if (type.startsWith('timestamp')) return 'timestamp';
  return 'plain';
}

/** The columns an export may show: every stored column of the entity except secrets. */
function describe(meta: EntityMetadata): ExportTable {
  const columns: ExportColumn[] = [];
  for (const prop of Object.values<EntityProperty>(meta.props)) {
    if (prop.persist === false || !STORED_KINDS.has(prop.kind) || !prop.fieldNames?.length) continue;
    if (prop.kind === ReferenceKind.ONE_TO_ONE && !prop.owner) continue;
    if (prop.hidden) continue;
    for (const name of prop.fieldNames) {
      if (!SECRET_COLUMNS.has(name)) columns.push({ name, kind: kindOf(prop) });
    }
  }
  const orderBy = meta.primaryKeys.flatMap((pk) => meta.properties[pk]?.fieldNames ?? []);
  return { name: meta.tableName, columns, orderBy };
}

/**
 * Everything an organisation owns, from the ORM's metadata: every tenant entity and the audit log.
 * A new tenant entity is exported without touching this file. Every table must carry
 * `organisation_id`, because every query here filters on it.
 */
export function exportTables(metadata: MetadataStorage): ExportTable[] {
  return [...TENANT_ENTITIES, AuditEntry].map((entity) => {
    const table = describe(metadata.get(entity.name));
    if (!table.columns.some((c) => c.name === 'organisation_id')) {
      throw new Error(`export: table ${table.name} has no organisation_id column and cannot be filtered by organisation`);
    }
    return table;
  });
}

export function organisationTable(metadata: MetadataStorage): ExportTable {
  return describe(metadata.get(Organisation.name));
}

/**
 * ISO 8601 in UTC with milliseconds, exactly as the GraphQL API's DateTime shows an instant
 * (`2026-03-01T10:00:00.000Z`): PostgreSQL keeps microseconds, and `MS` truncates them the way a
 * JavaScript Date does, so an export and the API agree to the character.
 */
const ISO_INSTANT = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

type Row = Record<string, unknown>;
/**
 * The tables as the ORM's metadata names them (snake_case, known only at run time): the builder
 * still writes every statement, and its scope still narrows each table to the organisation.
 */
type Tables = Record<string, Row>;
export type TableQuery = SelectQueryBuilder<Tables, string, Row>;

/**
 * One column as it should appear in an export: timestamps in the one instant format (the driver
 * otherwise hands back its own), under the column's own name. Every column in the schema is
 * timestamptz; a timestamp without time zone would be read as UTC, so there is still one format.
 */
export function selectColumn(column: ExportColumn): AliasedRawBuilder<unknown, string> {
  switch (column.kind) {
    case 'timestamptz':
      return sql`to_char(${sql.ref(column.name)} at time zone 'UTC', ${sql.lit(ISO_INSTANT)})`.as(column.name);
    case 'timestamp':
      return sql`to_char(${sql.ref(column.name)}, ${sql.lit(ISO_INSTANT)})`.as(column.name);
    default:
      return sql.ref(column.name).as(column.name);
  }
}

/** The columns of `table`, from `db`, narrowed by `db`'s organisation scope like every statement of the builder. */
export function selectFrom(db: Sql, table: ExportTable): TableQuery {
  return (db as unknown as Kysely<Tables>).selectFrom(table.name).select(table.columns.map(selectColumn));
}

/** All of one organisation's rows of a table (the organisation condition is always there). */
export function selectTable(db: Sql, table: ExportTable, organisationId: string): TableQuery {
  let query = selectFrom(db, table).where('organisation_id', '=', organisationId);
  for (const column of table.orderBy) query = query.orderBy(column);
  return query;
}
