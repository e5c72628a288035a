import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiProblem, explain } from '../api/errors';
import { runtimeKey } from '../i18n/i18n';

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

/** An API refusal in plain words, titled by what kind of refusal it is. */
export function ProblemAlert({ problem, names }: { problem: ApiProblem | null; names?: Record<string, string> }) {
  const { t } = useTranslation();
  if (!problem) return null;
  const title = t(runtimeKey(`errors.title.${problem.code}`), { defaultValue: t('errors.title.INTERNAL_SERVER_ERROR') });
  return <Alert tone="error" title={title}>{explain(problem, names)}</Alert>;
}
