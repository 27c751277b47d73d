import { useEffect, useRef, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, in plain words: what is dropped, who is affected, what comes next. */
  children: ReactNode;
  confirmLabel: string;
  /** Destructive actions (clear, remove, reject) get the danger style. */
  danger?: boolean;
  pending?: boolean;
  /** The error of the last attempt, shown inside the dialog so the user can retry or cancel. */
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * The confirmation every admin action passes through. A native <dialog> (focus trap, Esc to
 * cancel); Cancel has the initial focus so Enter never confirms by accident.
 */
export const ConfirmDialog = ({ title, children, confirmLabel, danger, pending, error, onConfirm, onCancel }: ConfirmDialogProps) => {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    // jsdom has no showModal; the open attribute is enough there.
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    cancelRef.current?.focus();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      data-testid="confirm-dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!pending) onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <div className="confirm-dialog__body">{children}</div>
      {error && (
        <p className="inline-error" role="alert" data-testid="confirm-error">
          {error}
        </p>
      )}
      <div className="confirm-dialog__actions">
        <button ref={cancelRef} type="button" className="button" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
        <button
          type="button"
          className={`button ${danger ? 'button--danger' : 'button--primary'}`}
          data-testid="confirm-action"
          onClick={onConfirm}
          disabled={pending}
        >
          {pending ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
};
