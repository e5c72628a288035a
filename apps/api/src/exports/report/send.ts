import { pipeline } from 'node:stream/promises';
import type express from 'express';
import { attachment, fileName } from '../files';
import type { ExportContext } from '../route';
import { loadReport } from './data';
import { renderReport } from './html';
import { renderReportPdf } from './pdf';

export async function sendReportHtml(ctx: ExportContext, res: express.Response, id: string): Promise<void> {
  const body = renderReport(await loadReport(ctx, id));
  res.set('content-type', 'text/html; charset=utf-8');
  res.set('x-content-type-options', 'nosniff');
  // Escaping is the wall; this is the second one: no script, frame or remote load can run in the report.
  res.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  res.status(200).send(body);
}

/** Everything is read and laid out before the first byte, so NOT_FOUND and any failure still answer as JSON. */
export async function sendReportPdf(ctx: ExportContext, res: express.Response, id: string): Promise<void> {
  const data = await loadReport(ctx, id);
  const pdf = await renderReportPdf(data);
  attachment(res, fileName(data.organisation.slug, ['assessment', data.assessment.cycle, 'report'], 'pdf'), 'application/pdf');
  await pipeline(pdf, res);
}
