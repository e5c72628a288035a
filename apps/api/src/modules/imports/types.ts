import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { enumOf } from '@waymark/domain';
import { ObjectType } from '../../graphql/object-type';
import { Text } from '../../graphql/text';
import { IMPORT_LIMITS, MAX_BASE64_CHARS } from './limits';

export const SpreadsheetFormat = enumOf(['CSV', 'XLSX']);
export type SpreadsheetFormat = (typeof SpreadsheetFormat)[keyof typeof SpreadsheetFormat];
registerEnumType(SpreadsheetFormat, {
  name: 'SpreadsheetFormat',
  description: 'A spreadsheet file format.',
  valuesConfig: {
    CSV: { description: 'Comma- (or semicolon-) separated values, UTF-8.' },
    XLSX: { description: 'An Excel workbook (Office Open XML); its first sheet is read.' },
  },
});

export const ImportKind = enumOf(['ANSWERS', 'PARTNERS', 'EVIDENCE', 'ACTION_ITEMS']);
export type ImportKind = (typeof ImportKind)[keyof typeof ImportKind];
registerEnumType(ImportKind, {
  name: 'ImportKind',
  description: 'What a spreadsheet import changes.',
  valuesConfig: {
    ANSWERS: { description: "An assessment's agreed answers (the layout of answers.csv / answers.xlsx)." },
    PARTNERS: { description: 'The partnership register (the layout of tables/partner.csv / partner.xlsx).' },
    EVIDENCE: { description: 'The evidence library (the layout of tables/evidence.csv / evidence.xlsx).' },
    ACTION_ITEMS: { description: "The working fields of an assessment's plan items (the layout of plan.csv / plan.xlsx)." },
  },
});

export const ImportAction = enumOf(['ADD', 'CHANGE', 'UNCHANGED']);
export type ImportAction = (typeof ImportAction)[keyof typeof ImportAction];
registerEnumType(ImportAction, {
  name: 'ImportAction',
  description: 'What an import does (or, in a dry run, would do) with one row.',
  valuesConfig: {
    ADD: { description: 'Adds a new row (a partnership, an evidence item, an agreed answer).' },
    CHANGE: { description: 'Changes an existing row: see its changes.' },
    UNCHANGED: { description: 'The row says what is already saved: nothing to do.' },
  },
});

@InputType({ description: 'A spreadsheet file, its bytes in base64.' })
export class SpreadsheetFileInput {
  @Field(() => String, { description: 'The file name, e.g. "partners.xlsx": kept in the audit log; its extension gives the format when `format` is not set.' })
  @Text({ min: 1, max: 255 })
  name!: string;

  @Field(() => SpreadsheetFormat, { nullable: true, description: 'CSV or XLSX; when not set, from the name\u2019s extension (or the content).' })
  @IsOptional()
  @IsEnum(SpreadsheetFormat)
  format?: SpreadsheetFormat | null;

  @Field(() => String, { description: `The file's bytes in base64 (RFC 4648; line breaks allowed), at most ${IMPORT_LIMITS.bytes} bytes once decoded.` })
  @Text({ max: MAX_BASE64_CHARS * 2, multiline: true, raw: true })
  contentBase64!: string;
}

@InputType({ description: 'A spreadsheet to import into the organisation, or to check with a dry run.' })
export class ImportInput {
  @Field(() => SpreadsheetFileInput, { description: 'The file.' }) file!: SpreadsheetFileInput;

  @Field(() => Boolean, { defaultValue: false, description: 'Check every row and report what would change, saving nothing.' })
  dryRun: boolean = false;
}

@InputType({ description: "A spreadsheet to import into one assessment (its answers, or its plan's items)." })
export class AssessmentImportInput extends ImportInput {
  @Field(() => ID, { description: 'The assessment.' }) assessmentId!: string;
}

@ObjectType('ImportFieldChange', { description: 'One column of a row, before and after the import.' })
export class ImportFieldChange {
  @Field(() => String, { description: 'The column.' }) column!: string;
  @Field(() => String, { nullable: true, description: 'What is saved now (null: nothing).' }) before!: string | null;
  @Field(() => String, { nullable: true, description: 'What the file says (null: nothing, which clears it).' }) after!: string | null;
}

@ObjectType('ImportRow', { description: 'What an import does (or would do) with one row of the file.' })
export class ImportRow {
  @Field(() => Int, { description: 'The row number as a spreadsheet shows it (the header is row 1).' }) row!: number;
  @Field(() => ImportAction, { description: 'Add, change, or nothing to do.' }) action!: ImportAction;
  @Field(() => ID, { nullable: true, description: 'The row changed or added (null for a row a dry run would add).' }) id!: string | null;
  @Field(() => String, { description: 'What the row is, in words (a partner\u2019s name, an item\u2019s key).' }) label!: string;
  @Field(() => [ImportFieldChange], { description: 'The columns that change (empty when unchanged).' }) changes!: ImportFieldChange[];
}

@ObjectType('ImportRowError', { description: 'Why one row (or one cell) of the file cannot be imported.' })
export class ImportRowError {
  @Field(() => Int, { description: 'The row number as a spreadsheet shows it (the header is row 1).' }) row!: number;
  @Field(() => String, { nullable: true, description: 'The column, when one cell is at fault.' }) column!: string | null;
  @Field(() => String, { description: 'BAD_USER_INPUT, NOT_FOUND, CONFLICT or FORBIDDEN, as the one-row mutation would answer.' }) code!: string;
  @Field(() => String, { description: 'What is wrong, in a sentence that names the row and column.' }) message!: string;
}

@ObjectType('ImportReport', {
  description:
    'What an import did, or (dry run) would do. An import saves every row or none: a run with row errors answers an error (extensions.errors lists them) and saves nothing; a dry run lists them here.',
})
export class ImportReport {
  @Field(() => ImportKind, { description: 'What was imported.' }) kind!: ImportKind;
  @Field(() => String, { description: 'The file name given.' }) fileName!: string;
  @Field(() => SpreadsheetFormat, { description: 'The format it was read as.' }) format!: SpreadsheetFormat;
  @Field(() => Boolean, { description: 'Whether this was a dry run.' }) dryRun!: boolean;
  @Field(() => Boolean, { description: 'Whether the changes were saved (never in a dry run).' }) saved!: boolean;
  @Field(() => Int, { description: 'Rows read under the header (blank rows left out).' }) rowCount!: number;
  @Field(() => Int, { description: 'Rows added.' }) added!: number;
  @Field(() => Int, { description: 'Rows changed.' }) changed!: number;
  @Field(() => Int, { description: 'Rows that said what was already saved.' }) unchanged!: number;
  @Field(() => [String], { description: 'The columns read.' }) columnsRead!: string[];
  @Field(() => [String], { description: 'Columns of the layout that were present and are not imported (they describe the row, e.g. `what`).' })
  columnsIgnored!: string[];
  @Field(() => [ImportRow], { description: 'Every valid row, in file order, with what it changes.' }) rows!: ImportRow[];
  @Field(() => Int, { description: 'Rows with errors (a row with two bad cells counts once).' }) errorRows!: number;
  @Field(() => [ImportRowError], { description: `The errors, in file order (at most ${IMPORT_LIMITS.errorsListed}).` }) errors!: ImportRowError[];
}
