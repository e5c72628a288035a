import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApiConfig as Config } from '@waymark/config';
import { WaymarkError } from '@waymark/domain';
import { type QueryObserver, recordAudit } from '@waymark/db';
import type { Logger } from '@waymark/logger';
import type { RateLimits } from '../http/rate-limits';
import { sendAnswers } from './answers';
import { sendOrganisationJson, sendTable } from './downloads';
import { sendError } from './errors';
import { sendPlan } from './plan/csv';
import { sendReportHtml, sendReportPdf } from './report/send';
import { type ExportWork, exportRoute } from './route';
import { SHEET_FORMATS, type SheetFormat } from './sheets';
import { exportTables, organisationTable } from './tables';
import { EXPORT_AUDIT_ACTION } from '../modules/people/erasure.service';

/** Tables that also come as XLSX: those the spreadsheet imports read back (the others stay CSV). */
export const XLSX_TABLES = ['partner', 'evidence'];

/**
 * Downloads of an organisation's data, mounted at /exports:
 * - GET /organisation.json                everything the organisation owns, streamed
 * - GET /tables                           the table names and their CSV URLs
 * - GET /tables/:table.csv                one table as CSV, streamed (partner and evidence also .xlsx)
 * - GET /assessments/:id/plan.csv         an assessment's action plan as CSV (or .xlsx)
 * - GET /assessments/:id/answers.csv      an assessment's agreed answers, every item, as CSV (or .xlsx)
 * - GET /assessments/:id/report.html      a printable report of an assessment and its plan
 * - GET /assessments/:id/report.pdf       the same report as a PDF, streamed
 * The organisation's data (JSON, tables) needs `exports:read` (owners, managers); an assessment's
 * report, plan and answers need `reports:read`, which every member has: they show what a viewer may
 * already read on screen. Each runs in one transaction under the organisation's row-level security.
 */
export function createExportsRouter(orm: MikroORM, cfg: Config, log: Logger, options: { onQuery?: QueryObserver; limits: RateLimits }): express.Router {
  const metadata = orm.getMetadata();
  const tables = exportTables(metadata);
  const orgTable = organisationTable(metadata);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const names = tables.map((t) => t.name);
  const deps = { orm, cfg, log, observe: options.onQuery, limits: options.limits };
  const route = (work: ExportWork) => exportRoute(deps, ['exports:read'], work);
  // A key made to export everything (exports:read) keeps the reports it could always download.
  const report = (work: ExportWork) => exportRoute(deps, ['reports:read', 'exports:read'], work);
  const param = (req: express.Request, name: string) => String(req.params[name] ?? '');

  const router = express.Router();
  router.get(
    '/organisation.json',
    route(async (ctx, _req, res) => {
      await sendOrganisationJson(ctx, res, tables, orgTable);
      // A whole export, handed over: deleting the organisation asks for one (see erasure.service.ts).
      if (res.writableEnded) {
        const actor = ctx.userId ? { userId: ctx.userId } : { apiKeyId: ctx.apiKeyId! };
        recordAudit(ctx.em, actor, { organisationId: ctx.organisationId, action: EXPORT_AUDIT_ACTION, entityType: 'Organisation', entityId: ctx.organisationId });
        await ctx.em.flush();
      }
    }),
  );
  router.get(
    '/tables',
    route((_ctx, req, res) => {
      res.json({ tables: names.map((name) => ({ name, url: `${req.baseUrl}/tables/${name}.csv` })) });
      return Promise.resolve();
    }),
  );
  const tableRoute = (format: SheetFormat) =>
    route(async (ctx, req, res) => {
      const table = byName.get(param(req, 'table'));
      if (!table) {
        throw new WaymarkError('NOT_FOUND', `There is no table "${param(req, 'table')}" to export: use one of ${names.join(', ')}`, { tables: names });
      }
      if (format === 'xlsx' && !XLSX_TABLES.includes(table.name)) {
        throw new WaymarkError('NOT_FOUND', `There is no ${table.name}.xlsx: only ${XLSX_TABLES.join(' and ')} come as XLSX; use ${table.name}.csv`);
      }
      await sendTable(ctx, res, table, orgTable, format);
    });
  router.get('/tables/:table.csv', tableRoute('csv'));
  router.get('/tables/:table.xlsx', tableRoute('xlsx'));
  for (const format of SHEET_FORMATS) {
    router.get(`/assessments/:id/plan.${format}`, report((ctx, req, res) => sendPlan(ctx, res, param(req, 'id'), format)));
    router.get(`/assessments/:id/answers.${format}`, report((ctx, req, res) => sendAnswers(ctx, res, param(req, 'id'), format)));
  }
  router.get('/assessments/:id/report.html', report((ctx, req, res) => sendReportHtml(ctx, res, param(req, 'id'))));
  router.get('/assessments/:id/report.pdf', report((ctx, req, res) => sendReportPdf(ctx, res, param(req, 'id'))));
  router.use((req, res) => {
    sendError(res, new WaymarkError('NOT_FOUND', `There is no export at ${req.method} ${req.baseUrl}${req.path}`));
  });
  return router;
}
