import 'reflect-metadata';

export * from './entities';
export { ormConfig, appTimeouts, TENANT_FILTER, type OrmOptions } from './orm';
export { migrateDatabase, migrationNeeded, ensureRoles } from './migrate';
export { CrosswalkProblemsError, importBundledFrameworks, importCrosswalk, importFixtures, importFramework, importGuidance, PublishedFrameworkChangedError } from './frameworks/import';
export { createCrossTenantReader, type CrossTenantReader } from './cross-tenant';
export {
  loadFrameworkTree,
  type FrameworkRow,
  consensusMaps,
  type FrameworkTree,
  type NodeView,
  type GuidanceLinkView,
  type AnswerScale,
} from './frameworks/tree';
export { crosswalkTargets, loadCrosswalk, type StoredCrosswalk } from './frameworks/crosswalks';
export * from './plans';
export * from './session';
export { type DB, type ScopedDB, type Scope, type Sql, ScopeError, SCOPED_TABLES, anyUuid, cursorBatches, sqlIn, sqlOfManager, sqlPool } from './sql';
export { recordAudit, snapshot, type Actor, type SystemActor, type AuditRecord } from './audit';
export { keepSubmittedScores, withdrawSubmittedScores } from './benchmarks/scores';
export { recomputeBenchmarks, type RecomputeOptions, type RecomputeResult, type RecomputeTrigger } from './benchmarks/recompute';
export { recordEvent } from './outbox';
export { listenFor, type Listener, type WakeChannel } from './sql/listen';
export { poolUse, type PoolUse } from './sql/pool';
export { seedDemo } from './seeders/demo';
