import { Field, registerEnumType } from 'type-graphql';
import { enumOf } from '@waymark/domain';
import { ObjectType } from '../../graphql/object-type';
import type { ColumnType } from './cells';
import { ACTION_ITEM_LAYOUT } from './kinds/action-items';
import { ANSWER_LAYOUT } from './kinds/answers';
import { EVIDENCE_LAYOUT } from './kinds/evidence';
import { PARTNER_LAYOUT } from './kinds/partners';
import type { ImportColumn, ImportLayoutSpec } from './spec';
import { ImportKind } from './types';

/** The layout of every kind: the very objects the runner parses files with. */
export const IMPORT_LAYOUTS: Readonly<Record<ImportKind, ImportLayoutSpec>> = {
  ANSWERS: ANSWER_LAYOUT,
  PARTNERS: PARTNER_LAYOUT,
  EVIDENCE: EVIDENCE_LAYOUT,
  ACTION_ITEMS: ACTION_ITEM_LAYOUT,
};

/** The mutation that imports each kind. */
const MUTATIONS: Readonly<Record<ImportKind, string>> = {
  ANSWERS: 'importAnswers',
  PARTNERS: 'importPartners',
  EVIDENCE: 'importEvidence',
  ACTION_ITEMS: 'importActionItems',
};

export const ImportColumnType = enumOf(['TEXT', 'DATE', 'INSTANT', 'INTEGER', 'BOOLEAN', 'CHOICE']);
export type ImportColumnType = (typeof ImportColumnType)[keyof typeof ImportColumnType];
registerEnumType(ImportColumnType, {
  name: 'ImportColumnType',
  description: 'How an import reads the cells of a column.',
  valuesConfig: {
    TEXT: { description: 'Text, trimmed; text a spreadsheet would run as a formula is refused unless it starts with an apostrophe.' },
    DATE: { description: 'A calendar day, YYYY-MM-DD (an XLSX date cell is read as its day).' },
    INSTANT: { description: 'A date and time as the exports write it (ISO 8601 with a time zone), e.g. 2026-03-31T09:30:00.000Z.' },
    INTEGER: { description: 'A whole number.' },
    BOOLEAN: { description: 'true, false, yes or no (any case); blank is false.' },
    CHOICE: { description: 'One of allowedValues, in any case, with spaces or hyphens for underscores ("in progress" is IN_PROGRESS).' },
  },
});

@ObjectType('ImportLayoutColumn', { description: 'One column of an import layout: its header, how its cells are read, and whether it may be left out or blank.' })
export class ImportLayoutColumn {
  @Field(() => String, { description: 'The header, in snake_case as the export writes it (case, spaces and hyphens do not matter when importing).' }) name!: string;
  @Field(() => Boolean, { description: 'Whether the file must have this column (a file without it is refused).' }) required!: boolean;
  @Field(() => Boolean, { description: 'Whether a cell of this column may be blank. Where it may, a blank cell clears the field (or, for an id, adds a new row).' })
  blankAllowed!: boolean;
  @Field(() => ImportColumnType, { description: 'How its cells are read.' }) type!: ImportColumnType;
  @Field(() => [String], { description: 'The values a CHOICE column takes (empty for other types).' }) allowedValues!: string[];
  @Field(() => String, { description: 'What the column holds and the rules its values follow, in a sentence.' }) description!: string;
  @Field(() => String, { description: 'A value as a file would hold it.' }) example!: string;
}

@ObjectType('ImportLayout', {
  description: "The layout an import reads: that of the kind's own export (CSV or XLSX), so an export imported as it is changes nothing. The same for every organisation.",
})
export class ImportLayout {
  @Field(() => ImportKind, { description: 'What the layout imports.' }) kind!: ImportKind;
  @Field(() => String, { description: 'The mutation that imports it, e.g. importPartners.' }) mutation!: string;
  @Field(() => String, { description: 'What one row is, in words, e.g. "partnership" (as row errors word it).' }) rowName!: string;
  @Field(() => Boolean, { description: "Whether the import goes into one assessment (its agreed answers, its plan's items): the mutation then takes an assessmentId." })
  perAssessment!: boolean;
  @Field(() => String, { description: 'The column that names an existing row (for the register and the library, a row with a blank id adds one).' }) keyColumn!: string;
  @Field(() => [ImportLayoutColumn], { description: 'The columns read, key column first.' }) columns!: ImportLayoutColumn[];
  @Field(() => [String], { description: 'Columns of the export that describe a row and are not imported: a file may have them, and they are ignored. Any other header is refused.' })
  ignoredColumns!: string[];
}

/** Each way of reading cells as the schema names it (a list of values is a CHOICE). */
const TYPES: Readonly<Record<Extract<ColumnType, string>, ImportColumnType>> = {
  text: 'TEXT',
  date: 'DATE',
  instant: 'INSTANT',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
};

function typeOf(type: ColumnType): { type: ImportColumnType; allowedValues: string[] } {
  return typeof type === 'string' ? { type: TYPES[type], allowedValues: [] } : { type: 'CHOICE', allowedValues: [...type] };
}

function columnView(layout: ImportLayoutSpec, column: ImportColumn): ImportLayoutColumn {
  return {
    name: column.name,
    required: layout.required.includes(column.name),
    blankAllowed: !column.required,
    ...typeOf(column.type),
    description: column.description,
    example: column.example,
  };
}

/** One kind's layout as the schema publishes it. */
export function layoutView(kind: ImportKind): ImportLayout {
  const layout = IMPORT_LAYOUTS[kind];
  return {
    kind,
    mutation: MUTATIONS[kind],
    rowName: layout.noun,
    perAssessment: layout.perAssessment,
    keyColumn: layout.key,
    columns: layout.columns.map((c) => columnView(layout, c)),
    ignoredColumns: [...layout.ignored],
  };
}
