import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A screen: its heading takes focus when the screen changes (so a screen reader announces it and
 * Tab starts from the top of the new content) and the document title follows it.
 */
export function Page({ title, intro, actions, children, busy = false }: { title: string; intro?: ReactNode; actions?: ReactNode; children?: ReactNode; busy?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Waymark`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <div className="page" aria-busy={busy}>
      <header className="page-head">
        <h1 ref={heading} tabIndex={-1}>{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {intro ? <div className="page-intro">{intro}</div> : null}
      {children}
    </div>
  );
}

/** While a screen's data loads: announced politely, and marked busy for tests that time screens. */
export function Loading({ what = 'Loading' }: { what?: string }) {
  return <p className="loading" role="status" aria-busy="true">{what}…</p>;
}
