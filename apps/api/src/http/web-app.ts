import path from 'node:path';
import { existsSync } from 'node:fs';
import type http from 'node:http';
import express from 'express';

/** Where `npm run build` puts the web app (apps/web/dist), from src/http or dist/http alike. */
export const WEB_APP_DIR = path.resolve(__dirname, '../../../web/dist');

/** Paths the API answers itself: never the app's index.html, even when nothing matched there. */
const API_PATHS = /^\/(graphql|exports|healthz|readyz|metrics|calendar|unsubscribe|webhooks|api)(\/|$)/;

export interface WebAppOptions {
  dir: string;
  /** The server's security headers: app responses get the 'app' CSP instead of the API's. */
  secure: (res: http.ServerResponse, kind: 'api' | 'app') => void;
}

/**
 * Serves the built web app: hashed files under /assets for a year, everything else revalidated,
 * and index.html for any other page a browser asks for (the app routes in the browser). Mounted
 * after the API's routes, so those keep precedence; an unknown API path answers as it did before
 * (not with the app), and so does a missing asset (HTML served as a script would hide the fault).
 * Without a build (API tests, a fresh clone before `npm run build`) it steps aside.
 */
export function webApp({ dir, secure }: WebAppOptions): express.Router {
  const router = express.Router();
  const index = path.join(dir, 'index.html');

  router.use(
    express.static(dir, {
      index: false,
      redirect: false,
      etag: true,
      setHeaders(res, file) {
        secure(res, 'app');
        const hashed = path.relative(dir, file).startsWith(`assets${path.sep}`);
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );

  router.use((req, res, next) => {
    const page =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !API_PATHS.test(req.path) &&
      !req.path.startsWith('/assets/') &&
      // Browsers ask for text/html when they open a page; scripts, images and API clients do not.
      // (No test on a file extension: app paths carry framework keys such as /checklist/3.1.) The
      // site's root is the app whatever is asked for (`curl localhost:4000/` sends */*).
      (req.path === '/' || String(req.headers.accept ?? '').includes('text/html'));
    if (!page || !existsSync(index)) {
      next();
      return;
    }
    secure(res, 'app');
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });

  return router;
}
