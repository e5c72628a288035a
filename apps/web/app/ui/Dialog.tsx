import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiProblem } from '../api/errors';
import { ProblemAlert } from './Alert';

/**
 * A modal on the native <dialog>: the browser traps focus, Escape closes it (unless it must not
 * be dismissed) and focus returns to where it was.
 */
export function Dialog({ open, title, onClose, onClosed, children, dismissible = true }: { open: boolean; title: string; onClose?: () => void; onClosed?: () => void; children: ReactNode; dismissible?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) {
      // The browser puts focus back where it was as it closes; a caller may then move it on.
      dialog.close();
      onClosed?.();
    }
  }, [open, onClosed]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="dialog"
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onClose?.();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}

export interface ConfirmRequest {
  title: string;
  /** What will happen, in plain words, naming what it happens to. */
  body: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Deleting, revoking and closing are red; locking and similar are the ordinary colour. */
  danger?: boolean;
  /** Does it; resolves to the refusal to show in the dialog, or null once done. */
  run: () => Promise<ApiProblem | null>;
  /** Where focus goes once done, when what asked goes with what it acted on (else the control that asked, or the page heading). */
  after?: () => HTMLElement | null;
}

/**
 * The one way Waymark asks before it deletes, revokes, locks or closes anything: a dialog that
 * names what will happen, with the safe choice focused first. Focus returns to the control that
 * asked, or, when that has gone with what it acted on, to `after` or the screen's heading.
 */
export function useConfirm(): [ReactNode, (request: ConfirmRequest) => void] {
  const { t } = useTranslation();
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<(() => void) | null>(null);
  const closed = useCallback(() => {
    focusNext.current?.();
    focusNext.current = null;
  }, []);

  const ask = useCallback((next: ConfirmRequest) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setProblem(null);
    setRequest(next);
  }, []);

  useEffect(() => {
    if (request) cancel.current?.focus();
  }, [request]);

  const close = (done: boolean) => {
    const from = opener.current;
    setRequest(null);
    // Once the dialog has closed. Done, and told where to go (the thing it acted on is going):
    // there; otherwise back to the control that asked, if it is still there; else the heading.
    const after = done ? request?.after : undefined;
    focusNext.current = () => {
      const back = from?.isConnected && !(from as HTMLButtonElement).disabled ? from : null;
      const target = after?.() ?? back ?? document.querySelector<HTMLElement>('main h1');
      target?.focus();
    };
  };

  const dialog = (
    <Dialog open={request !== null} title={request?.title ?? ''} onClose={() => !busy && close(false)} onClosed={closed}>
      <div className="dialog-body">{request?.body}</div>
      <ProblemAlert problem={problem} />
      <div className="buttons">
        <button
          type="button"
          className={`button${request?.danger ? ' button-danger' : ''}`}
          disabled={busy}
          onClick={() => {
            if (!request) return;
            setBusy(true);
            void request.run().then((refused) => {
              setBusy(false);
              if (refused) setProblem(refused);
              else close(true);
            });
          }}
        >
          {request?.confirmLabel}
        </button>
        <button ref={cancel} type="button" className="button button-secondary" disabled={busy} onClick={() => close(false)}>
          {request?.cancelLabel ?? t('confirm.cancel')}
        </button>
      </div>
    </Dialog>
  );
  return [dialog, ask];
}
