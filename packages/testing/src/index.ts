export { demoTemplateName, withAdminClient } from './admin';
export { createTestDatabase, type TestDatabase } from './database';
export { testConfig, withDatabase } from './env';
export * from './factories';
export * from './services';
