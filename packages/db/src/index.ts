import 'reflect-metadata';

export * from './entities';
export { ormConfig, TENANT_FILTER, type OrmOptions } from './orm';
export { setTenantScope, type TenantScope } from './tenant';
export { migrateDatabase, migrationNeeded, ensureRoles } from './migrate';
export { importBundledFrameworks, importFramework, importGuidance, PublishedFrameworkChangedError } from './frameworks/import';
export { createCrossTenantReader, type CrossTenantReader } from './cross-tenant';
export {
  loadFrameworkTree,
  consensusMaps,
  type FrameworkTree,
  type NodeView,
  type GuidanceLinkView,
  type AnswerScale,
} from './frameworks/tree';
export * from './plans';
