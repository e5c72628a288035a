import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { type RequestContext, tenant } from '../../context';
import { Mutation } from '../../graphql/mutation';
import { actionItemImport } from './kinds/action-items';
import { answerImport } from './kinds/answers';
import { evidenceImport } from './kinds/evidence';
import { partnerImport } from './kinds/partners';
import { ImportLayout, layoutView } from './layout';
import { IMPORT_LIMITS } from './limits';
import { runImport } from './run';
import { AssessmentImportInput, ImportInput, ImportKind, ImportReport } from './types';

const RULES = `CSV (UTF-8) or XLSX, at most ${IMPORT_LIMITS.bytes} bytes and ${IMPORT_LIMITS.rows} rows. Every row is saved or none: with dryRun, nothing is saved and the report shows what would change and every row error. Needs imports:write besides`;

/** Spreadsheet imports: each kind reads the layout of its own export back. */
@Resolver()
export class ImportResolver {
  // Whoever may import reads the layouts; they are the same for every organisation.
  @Authorized('imports:write')
  @Query(() => [ImportLayout], {
    description: 'The layout of every kind of import: the columns each reads (with whether they are required, may be blank, how they are read, an example), and those it ignores. Needs imports:write.',
  })
  importLayouts(): ImportLayout[] {
    return Object.values(ImportKind).map(layoutView);
  }

  @Authorized('imports:write')
  @Query(() => ImportLayout, { description: 'The layout one kind of import reads (see importLayouts). Needs imports:write.' })
  importLayout(@Arg('kind', () => ImportKind, { description: 'The kind of import.' }) kind: ImportKind): ImportLayout {
    return layoutView(kind);
  }

  @Authorized('consensus:write')
  @Mutation(() => ImportReport, {
    description: `Import an assessment's agreed answers from the layout of answers.csv / answers.xlsx (by node_key; a blank value clears an answer; updated_at guards against overwriting a newer answer). ${RULES} consensus:write.`,
  })
  importAnswers(@Ctx() ctx: RequestContext, @Arg('input', () => AssessmentImportInput, { description: 'The assessment and the file.' }) input: AssessmentImportInput) {
    return runImport(tenant(ctx), answerImport(input.assessmentId), input, { assessmentId: input.assessmentId });
  }

  @Authorized('partners:write')
  @Mutation(() => ImportReport, {
    description: `Import the partnership register from the layout of tables/partner.csv / partner.xlsx (a row with an id changes that partnership, one without adds one). ${RULES} partners:write.`,
  })
  importPartners(@Ctx() ctx: RequestContext, @Arg('input', () => ImportInput, { description: 'The file.' }) input: ImportInput) {
    return runImport(tenant(ctx), partnerImport, input);
  }

  @Authorized('evidence:write')
  @Mutation(() => ImportReport, {
    description: `Import the evidence library from the layout of tables/evidence.csv / evidence.xlsx (a row with an id changes that item, one without adds one). ${RULES} evidence:write.`,
  })
  importEvidence(@Ctx() ctx: RequestContext, @Arg('input', () => ImportInput, { description: 'The file.' }) input: ImportInput) {
    return runImport(tenant(ctx), evidenceImport, input);
  }

  @Authorized('plans:write')
  @Mutation(() => ImportReport, {
    description: `Import the working fields of an assessment's plan items (status, owner, dates, resources, measure of success, a note) from the layout of plan.csv / plan.xlsx, by item_key. ${RULES} plans:write.`,
  })
  importActionItems(@Ctx() ctx: RequestContext, @Arg('input', () => AssessmentImportInput, { description: 'The assessment and the file.' }) input: AssessmentImportInput) {
    return runImport(tenant(ctx), actionItemImport(input.assessmentId), input, { assessmentId: input.assessmentId });
  }
}

export const IMPORT_RESOLVERS = [ImportResolver] as const;
