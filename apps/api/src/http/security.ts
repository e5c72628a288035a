import type http from 'node:http';

/**
 * Headers every response carries. Browsers must not sniff types or frame Waymark; HTTPS
 * deployments pin HTTPS (HSTS). The web app's own pages get a CSP that allows only their own
 * scripts and styles; API answers (JSON, CSV, reports) allow nothing at all.
 */
export function securityHeaders(options: { tls: boolean }) {
  return (res: http.ServerResponse, kind: 'api' | 'app'): void => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader(
      'content-security-policy',
      kind === 'app'
        ? "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        : "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    if (options.tls) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
  };
}
