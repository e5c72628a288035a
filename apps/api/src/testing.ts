/*
 * @waymark/api/testing: what other workspaces' tests use of the API (a real server on a free port
 * over a fresh database, and sessions as the API opens them). Resolved from source by Jest and tsc
 * (jest.config.js, tsconfig.base.json); the build leaves it out, as it leaves out tests.
 */
export * from './__tests__/harness';
export { startSession } from './auth/tokens';
export { type OidcClientSpec, type OidcIdp, startOidcIdp } from './__tests__/idp/oidc';
