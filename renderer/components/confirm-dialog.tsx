import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { OneTimeAdmin } from '../../shared/contract';

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
  /**
   * Offer to run this one action as another admin user: the credential travels with this
   * action's arguments only, never to the vault, a file or the engine's memory after it.
   */
  offerOneTimeAdmin?: boolean;
  /** A fleet-wide destructive action: the user types this (the primary's name) before Confirm works. */
  typeToConfirm?: string;
  /** The primary that has no admin credential configured: the credential fields open, named for it. */
  adminFor?: string;
  onConfirm(admin?: OneTimeAdmin): void;
  onCancel(): void;
}

/**
 * The confirmation every admin action passes through. A native <dialog> (focus trap, Esc to
 * cancel); Cancel has the initial focus so Enter never confirms by accident.
 */
export const ConfirmDialog = ({
  title,
  children,
  confirmLabel,
  danger,
  pending,
  error,
  offerOneTimeAdmin,
  adminFor,
  typeToConfirm,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) => {
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const typedOk = typeToConfirm === undefined || typed.trim() === typeToConfirm;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const confirm = (): void => {
    if (!typedOk) return;
    if (!offerOneTimeAdmin || username.trim() === '' || password === '') return onConfirm();
    onConfirm({ username: username.trim(), password });
  };
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
      {typeToConfirm !== undefined && (
        <label className="confirm-dialog__type">
          Type <strong>{typeToConfirm}</strong> to confirm{' '}
          <input className="input" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="confirm-type" />
        </label>
      )}
      {offerOneTimeAdmin && (
        <details className="confirm-dialog__admin" open={adminFor !== undefined} data-testid="one-time-admin">
          <summary>{adminFor === undefined ? 'Run this action as another admin user' : `Admin credential for ${adminFor}, for this action only`}</summary>
          <p className="muted small">
            {adminFor === undefined ? '' : `${adminFor} has no admin credential in the fleet config. `}
            Sent with this action only and forgotten when it answers; never stored.
          </p>
          <label>
            User name{' '}
            <input className="input" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} data-testid="one-time-username" />
          </label>
          <label>
            Password{' '}
            <input
              className="input"
              type="password"
              autoComplete="off"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="one-time-password"
            />
          </label>
        </details>
      )}
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
          onClick={confirm}
          disabled={pending || !typedOk}
        >
          {pending ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
};
