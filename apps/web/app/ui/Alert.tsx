import type { ReactNode } from 'react';
import type { ApiProblem } from '../api/errors';

type Tone = 'info' | 'success' | 'warning' | 'error';

/** Errors interrupt (role=alert); everything else is announced politely (role=status). */
export function Alert({ tone = 'info', title, children }: { tone?: Tone; title?: string; children?: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <strong className="alert-title">{title}</strong> : null}
      {children ? <div>{children}</div> : null}
    </div>
  );
}

const TITLES: Record<string, string> = {
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Not saved',
  BAD_USER_INPUT: 'Please check this',
  RATE_LIMITED: 'Too many requests',
  SERVICE_UNAVAILABLE: 'Waymark is busy',
  NETWORK: 'No connection',
};

export function ProblemAlert({ problem }: { problem: ApiProblem | null }) {
  if (!problem) return null;
  return <Alert tone="error" title={TITLES[problem.code] ?? 'Something went wrong'}>{problem.message}</Alert>;
}
