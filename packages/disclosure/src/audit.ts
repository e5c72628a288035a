import type { AuditInput, AuditReport, DisclosureParams } from './types';

/** The intruder: narrowest interval per protected value and determined answers, per viewer. */
export function audit(input: AuditInput, params: DisclosureParams): Promise<AuditReport> {
  void input; void params;
  return Promise.reject(new Error("audit: body lands in the next commit"));
}
