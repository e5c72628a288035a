import type { CombinedError } from 'urql';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'NETWORK';

export interface ApiProblem {
  code: string;
  message: string;
  field?: string;
  extensions: Record<string, unknown>;
}

/** The problem's message when it names `field` (shown beside that field), else null. */
export function fieldMessage(problem: ApiProblem | null, field: string): string | null {
  return problem?.field === field ? problem.message : null;
}

/** The first error of a result, as the API words it (extensions.code), or a network failure. */
export function problemOf(error: CombinedError | undefined | null): ApiProblem | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (first) {
    const extensions = first.extensions;
    return {
      code: typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR',
      message: first.message,
      field: typeof extensions.field === 'string' ? extensions.field : undefined,
      extensions,
    };
  }
  return { code: 'NETWORK', message: 'Waymark could not be reached. Check your connection and try again.', extensions: {} };
}

export function isCode(error: CombinedError | undefined | null, code: ErrorCode): boolean {
  return problemOf(error)?.code === code;
}
