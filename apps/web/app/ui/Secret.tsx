import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alert';

/**
 * A secret the API shows only in this answer (a signing secret, a feed URL): in full, selectable,
 * with a copy button and the plain warning that it will not be shown again.
 */
export function SecretOnce({ title, label, value, children }: { title: string; label: string; value: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = useRef<HTMLButtonElement>(null);
  // The secret usually appears away from the button that made it: take focus there, so keyboard
  // and screen-magnifier users land on it.
  useEffect(() => {
    setCopied(null);
    copy.current?.focus();
  }, [value]);
  return (
    <Alert tone="success" title={title}>
      <p><strong>{t('secret.copyNow')}</strong> {children}</p>
      <p className="secret" aria-label={label} data-secret translate="no">{value}</p>
      <div className="buttons">
        <button
          ref={copy}
          type="button"
          className="button button-secondary button-small"
          onClick={() => {
            // No clipboard outside a secure context (plain http on another host): say so, the text stays selectable.
            if (!navigator.clipboard) setCopied('no');
            else void navigator.clipboard.writeText(value).then(() => setCopied('yes'), () => setCopied('no'));
          }}
        >
          {t('secret.copy')}<span className="visually-hidden"> {label}</span>
        </button>
        <span role="status" className="small">
          {copied === 'yes' ? t('secret.copied') : copied === 'no' ? t('secret.notCopied') : ''}
        </span>
      </div>
    </Alert>
  );
}
