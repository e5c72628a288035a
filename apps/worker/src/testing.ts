/*
 * @waymark/worker/testing: what other workspaces' tests use of the worker (the worker in-process).
 * Resolved from source by Jest and tsc (jest.config.js, tsconfig.base.json); the build leaves it
 * out, as it leaves out tests.
 */
export { startWorker, type WaymarkWorker } from './worker';
