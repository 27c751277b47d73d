import { useCallback, useState, type ReactNode } from 'react';
import type { OneTimeAdmin } from '../../shared/contract';
import { ConfirmDialog } from './confirm-dialog';
import { useAction } from './use-action';

/** What an action adds to its arguments: a one-time admin credential, when the user gave one. */
export type AdminArg = { admin?: OneTimeAdmin };

/** An action waiting for the user to confirm what the dialog says will happen. */
export interface ConfirmedAction<R> {
  title: string;
  /** What will happen, in plain words. */
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Said after it succeeded, e.g. "Clone cache TTL set to 2 h." */
  done?: string;
  /**
   * The primary whose admin credential the action runs with. Without one in the fleet config,
   * the dialog asks for a credential used for this action only.
   */
  asAdminOf?: { name: string; adminCredential: boolean };
  /** Fleet-wide and destructive: the user types this (the primary's name) before confirming. */
  typeToConfirm?: string;
  /** Checked when confirming (and after, as the user corrects it): a message keeps the dialog open. */
  check?(): string | null;
  /** Runs the request once, never retried; spread `extra` into its arguments. */
  run(extra: AdminArg): Promise<R>;
  onDone?(result: R): void;
}

export interface Confirmed<R> {
  /** Opens the confirmation of `action` (one at a time). */
  ask(action: ConfirmedAction<R>): void;
  /** The open confirmation, to render where the caller wants it. */
  dialog: ReactNode;
  /** The last action that succeeded, for a "done" line; auditId when it was an audited action. */
  lastDone: { text: string; auditId: string | null } | null;
  /** The confirmation of an action whose body has state of its own, rendered by its caller; `onCancel` closes it. */
  render(action: ConfirmedAction<R>, onCancel: () => void): ReactNode;
}

const auditIdOf = (result: unknown): string | null =>
  typeof result === 'object' && result !== null && 'auditId' in result && typeof result.auditId === 'string' ? result.auditId : null;

/**
 * Every action of the UI goes through here: confirmation first, the request run once, its
 * failure kept in the dialog so the user can read it, the one-time admin credential asked for
 * where the primary has none, and a "done" line after.
 */
export function useConfirmedAction<R = unknown>(): Confirmed<R> {
  const [open, setOpen] = useState<ConfirmedAction<R> | null>(null);
  const [lastDone, setLastDone] = useState<{ text: string; auditId: string | null } | null>(null);
  const [tried, setTried] = useState(false);
  const [missingAdmin, setMissingAdmin] = useState<string | null>(null);
  const action = useAction<R>();
  const { reset } = action;
  const ask = useCallback(
    (next: ConfirmedAction<R>) => {
      reset();
      setTried(false);
      setMissingAdmin(null);
      setOpen(next);
    },
    [reset],
  );
  const show = (a: ConfirmedAction<R>, onCancel: () => void, closeWhenDone: boolean): ReactNode => {
    const needsAdmin = a.asAdminOf !== undefined && !a.asAdminOf.adminCredential;
    const invalid = tried ? (a.check?.() ?? null) : null;
    return (
      <ConfirmDialog
        title={a.title}
        confirmLabel={a.confirmLabel}
        danger={a.danger ?? false}
        pending={action.pending}
        error={action.error ?? invalid ?? missingAdmin}
        offerOneTimeAdmin={needsAdmin}
        {...(a.typeToConfirm !== undefined ? { typeToConfirm: a.typeToConfirm } : {})}
        {...(needsAdmin && a.asAdminOf ? { adminFor: a.asAdminOf.name } : {})}
        onCancel={onCancel}
        onConfirm={(admin) => {
          setTried(true);
          if (a.check?.()) return;
          if (needsAdmin && !admin) {
            setMissingAdmin(
              `${a.asAdminOf?.name ?? 'This primary'} has no admin credential in the fleet config: enter an admin user name and password for this action.`,
            );
            return;
          }
          setMissingAdmin(null);
          void action
            .run(() => a.run(admin ? { admin } : {}))
            .then((result) => {
              if (result === null) return;
              if (a.done !== undefined) setLastDone({ text: a.done, auditId: auditIdOf(result) });
              a.onDone?.(result);
              if (closeWhenDone) setOpen(null);
            });
        }}
      >
        {a.body}
      </ConfirmDialog>
    );
  };
  const dialog = open && show(open, () => setOpen(null), true);
  return { ask, dialog, lastDone, render: (a, onCancel) => show(a, onCancel, false) };
}
