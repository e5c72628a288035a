import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type express from 'express';
import { type Stringifier, stringify } from 'csv-stringify';
import { notFound } from '@waymark/domain';
import { isUuid } from '@waymark/db';
import { cursorBatches, cursorRows } from './cursor';
import type { ExportContext } from './route';
import { type ExportColumn, type ExportTable, selectColumn, selectTable } from './tables';

type Row = Record<string, unknown>;

const today = () => new Date().toISOString().slice(0, 10);
const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'export';

/** The organisation the request acts for (by id: the organisation condition of this query). */
export async function organisationRow(ctx: ExportContext, table: ExportTable): Promise<Row> {
  const row = (await ctx.trx(table.name)
    .select(table.columns.map((c) => selectColumn(ctx.trx, c)))
    .where('id', ctx.organisationId)
    .first()) as Row | undefined;
  if (!row) throw notFound('Organisation', ctx.organisationId);
  return row;
}

const slugOf = (organisation: Row) => fileSafe(String(organisation.slug ?? organisation.id));

function attachment(res: express.Response, filename: string, contentType: string) {
  res.attachment(filename);
  res.set('content-type', contentType);
  res.set('x-content-type-options', 'nosniff');
}

/**
 * `{ organisation, exportedAt, tables: { <table>: [rows] } }`, written table by table, a batch of
 * rows at a time, as the client takes it.
 */
async function* organisationJson(ctx: ExportContext, organisation: Row, tables: readonly ExportTable[]): AsyncGenerator<string> {
  yield `{"organisation":${JSON.stringify(organisation)},"exportedAt":${JSON.stringify(new Date().toISOString())},"tables":{`;
  for (const [i, table] of tables.entries()) {
    yield `${i ? ',' : ''}${JSON.stringify(table.name)}:[`;
    let first = true;
    for await (const batch of cursorBatches<Row>(ctx.trx, selectTable(ctx.trx, table, ctx.organisationId))) {
      yield (first ? '' : ',') + batch.map((row) => JSON.stringify(row)).join(',');
      first = false;
    }
    yield ']';
  }
  yield '}}';
}

export async function sendOrganisationJson(ctx: ExportContext, res: express.Response, tables: readonly ExportTable[], orgTable: ExportTable) {
  const organisation = await organisationRow(ctx, orgTable);
  attachment(res, `waymark-${slugOf(organisation)}-${today()}.json`, 'application/json; charset=utf-8');
  await pipeline(Readable.from(organisationJson(ctx, organisation, tables)), res);
}

/**
 * CSV with a header row. Cells that a spreadsheet would run as a formula (=, +, -, @ first) are
 * prefixed with a quote; JSON and array columns arrive already serialised as JSON text.
 */
function csv(columns: { key: string; header: string }[]): Stringifier {
  return stringify({
    header: true,
    columns,
    escape_formulas: true,
    cast: {
      boolean: (value) => (value ? 'true' : 'false'),
      date: (value) => value.toISOString(),
      object: (value) => JSON.stringify(value),
    },
  });
}

function csvRow(columns: readonly ExportColumn[], row: Row): Row {
  const out: Row = {};
  for (const column of columns) {
    const value = row[column.name];
    out[column.name] = column.kind === 'json' && value !== null && value !== undefined ? JSON.stringify(value) : value;
  }
  return out;
}

async function* mapRows<T, U>(rows: AsyncIterable<T>, fn: (row: T) => U): AsyncGenerator<U> {
  for await (const row of rows) yield fn(row);
}

export async function sendTableCsv(ctx: ExportContext, res: express.Response, table: ExportTable, orgTable: ExportTable) {
  const organisation = await organisationRow(ctx, orgTable);
  attachment(res, `waymark-${slugOf(organisation)}-${table.name}-${today()}.csv`, 'text/csv; charset=utf-8');
  const rows = cursorRows<Row>(ctx.trx, selectTable(ctx.trx, table, ctx.organisationId));
  await pipeline(
    Readable.from(mapRows(rows, (row) => csvRow(table.columns, row))),
    csv(table.columns.map((c) => ({ key: c.name, header: c.name }))),
    res,
  );
}

const PLAN_COLUMNS = [
  'priority', 'itemKey', 'kind', 'elementKey', 'nodeKey', 'what', 'why', 'target', 'status', 'owner',
  'dueOn', 'nextReviewOn', 'resources', 'successMeasure', 'resolvedByAssessmentAt',
] as const;

/** An assessment of the request's organisation, or NOT_FOUND (also for another organisation's or a malformed id). */
export async function assessmentRow(ctx: ExportContext, id: string): Promise<{ id: string; cycle: string }> {
  const row = isUuid(id)
    ? ((await ctx.trx('assessment').select('id', 'cycle').where({ organisation_id: ctx.organisationId, id }).first()) as
        | { id: string; cycle: string }
        | undefined)
    : undefined;
  if (!row) throw notFound('Assessment', id);
  return row;
}

export const ownerLabel = (name: string | null, email: string | null) => (name || email ? `${name ?? ''}${email ? ` <${email}>` : ''}`.trim() : '');

/** The action plan of one assessment, by priority; an assessment without a plan gives the header alone. */
export async function sendPlanCsv(ctx: ExportContext, res: express.Response, assessmentId: string, orgTable: ExportTable) {
  const assessment = await assessmentRow(ctx, assessmentId);
  const organisation = await organisationRow(ctx, orgTable);
  const k = ctx.trx;
  const query = k('action_item as ai')
    .leftJoin('app_user as u', 'u.id', 'ai.owner_user_id')
    .select(
      'ai.priority', 'ai.item_key', 'ai.kind', 'ai.element_key', 'ai.node_key', 'ai.what', 'ai.why', 'ai.target', 'ai.status',
      'ai.due_on', 'ai.next_review_on', 'ai.resources', 'ai.success_measure',
      selectColumn(k, { name: 'resolved_by_assessment_at', kind: 'timestamptz' }, 'ai'),
      'u.name as owner_name', 'u.email as owner_email',
    )
    .where('ai.organisation_id', ctx.organisationId)
    .andWhere('ai.assessment_id', assessment.id)
    .orderBy([{ column: 'ai.priority' }, { column: 'ai.item_key' }]);
  const rows = mapRows(cursorRows<Row>(k, query), (r) => ({
    priority: r.priority, itemKey: r.item_key, kind: r.kind, elementKey: r.element_key, nodeKey: r.node_key,
    what: r.what, why: r.why, target: r.target, status: r.status, owner: ownerLabel(r.owner_name as string | null, r.owner_email as string | null),
    dueOn: r.due_on, nextReviewOn: r.next_review_on, resources: r.resources, successMeasure: r.success_measure,
    resolvedByAssessmentAt: r.resolved_by_assessment_at,
  }));
  attachment(res, `waymark-${slugOf(organisation)}-assessment-${fileSafe(assessment.cycle)}-plan-${today()}.csv`, 'text/csv; charset=utf-8');
  await pipeline(Readable.from(rows), csv(PLAN_COLUMNS.map((key) => ({ key, header: key }))), res);
}
