import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A screen: its heading takes focus when the screen changes (so a screen reader announces it and
 * Tab starts from the top of the new content) and the document title follows it.
 */
export function Page({ title, intro, actions, children, busy = false, titleIsContent = false }: { title: string; intro?: ReactNode; actions?: ReactNode; children?: ReactNode; busy?: boolean; titleIsContent?: boolean }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('common.documentTitle', { title });
    heading.current?.focus({ preventScroll: true });
  }, [title, t]);
  return (
    <div className="page" aria-busy={busy}>
      <header className="page-head">
        {/* A title that is content (an item's own words) is marked so, like any other content. */}
        <h1 ref={heading} tabIndex={-1} translate={titleIsContent ? 'no' : undefined}>{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {intro ? <div className="page-intro">{intro}</div> : null}
      {children}
    </div>
  );
}

/** While a screen's data loads: announced politely, and marked busy for tests that time screens. */
export function Loading({ what }: { what?: string }) {
  const { t } = useTranslation();
  return <p className="loading" role="status" aria-busy="true">{what ?? t('common.loading')}</p>;
}

/** Said plainly on a screen someone may read but not change, instead of forms that do nothing. */
export function ReadOnlyNote({ children }: { children: ReactNode }) {
  return <p className="read-only-note" role="note">{children}</p>;
}
