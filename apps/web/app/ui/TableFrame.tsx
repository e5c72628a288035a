import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A wide table scrolls sideways inside its own frame, never the page, with its first column held
 * in place (styles.css). When it does scroll, the frame joins the tab order and is named, so a
 * keyboard user can scroll it too; when it fits, it stays out of the way.
 */
export function TableFrame({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const check = () => {
      setScrolls(element.scrollWidth > element.clientWidth + 1);
      // The caption wraps at the frame's width, not the (wider) table's.
      element.style.setProperty('--frame-width', `${element.clientWidth}px`);
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className={`table-wrap${className ? ` ${className}` : ''}`} {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}>
      {children}
    </div>
  );
}
