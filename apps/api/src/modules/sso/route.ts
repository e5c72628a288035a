import express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApiConfig } from '@waymark/config';
import { WaymarkError } from '@waymark/domain';
import type { Logger } from '@waymark/logger';
import { RequestContext } from '../../context';
import { databaseError } from '../../graphql/errors';
import { RequestTrace, requestIdOf } from '../../http/observe';
import { type RateLimits, clientAddress } from '../../http/rate-limits';
import { SsoRefusal, finishOidcSignIn, finishSamlSignIn, startSignIn } from './service';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, message: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>` +
  `<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head>` +
  `<body><main><h1>${escape(title)}</h1><p>${escape(message)}</p><p><a href="/sign-in">Back to sign-in</a></p></main></body></html>`;

/**
 * Single sign-on over HTTP, for browsers: GET /sso/start?email= sends the browser to the email's
 * organisation's provider; GET /sso/oidc/callback takes the provider's answer, checks it, and sends
 * the browser to the web app's /sso/finish with a one-time code in the fragment (the web app trades
 * it for a session with finishSsoSignIn); POST /sso/saml/acs does the same for a SAML response. Each request runs in one write session, counted against
 * the caller's address like any anonymous request. A refusal is a page in words (4xx); what went
 * wrong in detail goes to the log only.
 */
export function ssoRouter(orm: MikroORM, cfg: ApiConfig, log: Logger, limits: RateLimits): express.Router {
  const router = express.Router();
  const send = (res: express.Response, status: number, title: string, message: string) =>
    res
      .status(status)
      .set({
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        'referrer-policy': 'no-referrer',
      })
      .send(page(title, message));

  const run = async (req: express.Request, res: express.Response, work: (ctx: RequestContext) => Promise<string>) => {
    const ctx = new RequestContext(new RequestTrace(requestIdOf(req)), cfg, orm, { kind: 'anonymous' }, clientAddress(req, cfg.TRUST_PROXY_HOPS), limits);
    const host = req.headers.host;
    if (host && /^[A-Za-z0-9.:[\]-]+$/.test(host)) ctx.origin = `${cfg.TLS ? 'https' : 'http'}://${host}`;
    try {
      await ctx.open('write');
      const location = await work(ctx);
      await ctx.close(true);
      res.set('cache-control', 'no-store').set('referrer-policy', 'no-referrer').redirect(302, location);
    } catch (error) {
      if (error instanceof SsoRefusal) {
        // What was claimed stays claimed (a refused answer cannot be tried again); nothing else was written.
        await ctx.close(true).catch(() => ctx.close(false).catch(() => undefined));
        log.warn({ reason: error.reason, detail: error.detail }, 'single sign-on refused');
        return send(res, error.status, 'Signing in through your organisation did not work', error.message);
      }
      await ctx.close(false).catch(() => undefined);
      const known = error instanceof WaymarkError ? error : databaseError(error);
      if (!known) log.error({ err: error }, 'single sign-on failed');
      if (known?.code === 'RATE_LIMITED') return send(res, 429, 'Too many requests', 'Try again in a minute.');
      if (known && known.status < 500) return send(res, known.status, 'Signing in through your organisation did not work', known.message);
      return send(res, known?.status ?? 500, 'Please try again', 'Signing in could not be finished just now; nothing was saved. Try again in a moment.');
    }
  };

  router.get('/start', (req, res) => run(req, res, (ctx) => startSignIn(ctx, typeof req.query.email === 'string' ? req.query.email : '')));
  // The provider's HTML form posts here (SAML HTTP-POST binding): no cookie and no CSRF token can
  // come with it; RelayState and InResponseTo tie it to the one sign-in that asked.
  router.post('/saml/acs', express.urlencoded({ extended: false, limit: '512kb' }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return run(req, res, (ctx) => finishSamlSignIn(ctx, text(body.RelayState), text(body.SAMLResponse)));
  });
  router.get('/oidc/callback', (req, res) => run(req, res, (ctx) => finishOidcSignIn(ctx, new URL(req.originalUrl, 'http://callback.invalid'))));
  return router;
}
