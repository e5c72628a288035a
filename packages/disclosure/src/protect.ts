import type { DisclosureParams, History, ProtectResult, SnapshotCandidate } from './types';

/**
 * What a snapshot publishes: see docs/privacy.md. Resolves once the publication passes the audit
 * for every viewer together with everything in `history`.
 */
export function protect(candidate: SnapshotCandidate, history: History, params: DisclosureParams): Promise<ProtectResult> {
  void candidate; void history; void params;
  return Promise.reject(new Error("protect: body lands in the next commit"));
}
