import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A modal on the native <dialog>: the browser traps focus, Escape closes it (unless it must not
 * be dismissed) and focus returns to where it was.
 */
export function Dialog({ open, title, onClose, children, dismissible = true }: { open: boolean; title: string; onClose?: () => void; children: ReactNode; dismissible?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      className="dialog"
      onCancel={(event) => {
        if (!dismissible) event.preventDefault();
        else onClose?.();
      }}
    >
      {open ? (
        <>
          <h2 id="dialog-title">{title}</h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
