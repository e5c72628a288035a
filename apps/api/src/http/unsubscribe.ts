import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApiConfig } from '@waymark/config';
import { verifyUnsubscribe } from '@waymark/jobs';
import type { Logger } from '@waymark/logger';
import { unsubscribe } from '../modules/notifications/service';
import { type RateLimits, clientAddress } from './rate-limits';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>` +
  `<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.5rem 1rem}</style></head>` +
  `<body><h1>${title}</h1>${body}</body></html>`;

/**
 * One-click unsubscribe (RFC 8058), without signing in: the signed token in the link names one
 * person in one organisation, and is the only authority. GET shows a confirmation page and changes
 * nothing (mail scanners fetch links); POST, which mail programs send for `List-Unsubscribe-Post`,
 * sets that person's reminders from that organisation to NONE. A token that does not verify is
 * refused with 400 and changes nothing.
 */
export function createUnsubscribeRouter(orm: MikroORM, cfg: ApiConfig, log: Logger, limits: RateLimits): express.Router {
  const router = express.Router();
  const send = (res: express.Response, status: number, title: string, body: string) => {
    res.status(status).set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    }).send(page(title, body));
  };
  const refuse = (res: express.Response) => send(res, 400, 'This link does not work', '<p>The unsubscribe link is not valid. Change your reminders in the settings of Waymark instead.</p>');

  const admitted = async (req: express.Request, res: express.Response) => {
    try {
      await limits.admit({ kind: 'anonymous' }, clientAddress(req, cfg.TRUST_PROXY_HOPS));
      return true;
    } catch {
      send(res, 429, 'Too many requests', '<p>Try again in a minute.</p>');
      return false;
    }
  };

  router.get('/:token', async (req, res) => {
    if (!(await admitted(req, res))) return;
    if (!verifyUnsubscribe(cfg.AUTH_TOKEN_SECRET, req.params.token)) return refuse(res);
    send(res, 200, 'Stop reminder emails?', '<p>You will no longer receive reminder emails from this organisation. Other organisations you belong to are not affected.</p>' +
      '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>');
  });

  router.post('/:token', async (req, res) => {
    if (!(await admitted(req, res))) return;
    const claim = verifyUnsubscribe(cfg.AUTH_TOKEN_SECRET, req.params.token);
    if (!claim) return refuse(res);
    try {
      const done = await unsubscribe(orm, claim);
      if (!done) return send(res, 200, 'Nothing to unsubscribe from', '<p>You are no longer a member of this organisation, so it sends you nothing.</p>');
      send(res, 200, 'Unsubscribed', '<p>You will no longer receive reminder emails from this organisation. You can turn them on again in Waymark\'s settings.</p>');
    } catch (error) {
      log.error({ err: error }, 'unsubscribe failed');
      send(res, 503, 'Please try again', '<p>Your request could not be saved just now. Please try the link again in a moment.</p>');
    }
  });
  return router;
}
