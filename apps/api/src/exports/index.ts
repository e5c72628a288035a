import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApiConfig as Config } from '@waymark/config';
import { WaymarkError } from '@waymark/domain';
import type { QueryObserver } from '@waymark/db';
import type { Logger } from '@waymark/logger';
import type { RateLimits } from '../http/rate-limits';
import { sendOrganisationJson, sendTableCsv } from './downloads';
import { sendError } from './errors';
import { sendPlanCsv } from './plan/csv';
import { sendReportHtml, sendReportPdf } from './report/send';
import { type ExportWork, exportRoute } from './route';
import { exportTables, organisationTable } from './tables';

/**
 * Downloads of an organisation's data, mounted at /exports:
 * - GET /organisation.json                everything the organisation owns, streamed
 * - GET /tables                           the table names and their CSV URLs
 * - GET /tables/:table.csv                one table as CSV, streamed
 * - GET /assessments/:id/plan.csv         an assessment's action plan as CSV
 * - GET /assessments/:id/report.html      a printable report of an assessment and its plan
 * - GET /assessments/:id/report.pdf       the same report as a PDF, streamed
 * Each needs `exports:read` and runs in one transaction under the organisation's row-level security.
 */
export function createExportsRouter(orm: MikroORM, cfg: Config, log: Logger, options: { onQuery?: QueryObserver; limits: RateLimits }): express.Router {
  const metadata = orm.getMetadata();
  const tables = exportTables(metadata);
  const orgTable = organisationTable(metadata);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const names = tables.map((t) => t.name);
  const route = (work: ExportWork) => exportRoute({ orm, cfg, log, observe: options.onQuery, limits: options.limits }, work);
  const param = (req: express.Request, name: string) => String(req.params[name] ?? '');

  const router = express.Router();
  router.get('/organisation.json', route((ctx, _req, res) => sendOrganisationJson(ctx, res, tables, orgTable)));
  router.get(
    '/tables',
    route((_ctx, req, res) => {
      res.json({ tables: names.map((name) => ({ name, url: `${req.baseUrl}/tables/${name}.csv` })) });
      return Promise.resolve();
    }),
  );
  router.get(
    '/tables/:table.csv',
    route(async (ctx, req, res) => {
      const table = byName.get(param(req, 'table'));
      if (!table) {
        throw new WaymarkError('NOT_FOUND', `There is no table "${param(req, 'table')}" to export: use one of ${names.join(', ')}`, { tables: names });
      }
      await sendTableCsv(ctx, res, table, orgTable);
    }),
  );
  router.get('/assessments/:id/plan.csv', route((ctx, req, res) => sendPlanCsv(ctx, res, param(req, 'id'))));
  router.get('/assessments/:id/report.html', route((ctx, req, res) => sendReportHtml(ctx, res, param(req, 'id'))));
  router.get('/assessments/:id/report.pdf', route((ctx, req, res) => sendReportPdf(ctx, res, param(req, 'id'))));
  router.use((req, res) => {
    sendError(res, new WaymarkError('NOT_FOUND', `There is no export at ${req.method} ${req.baseUrl}${req.path}`));
  });
  return router;
}
