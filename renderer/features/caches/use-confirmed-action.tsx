import { useCallback, useState, type ReactNode } from 'react';
import type { ActionResult } from '../../../shared/model';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useAction } from '../../components/use-action';

/** An admin action waiting for the user to confirm what the dialog says will happen. */
export interface PendingAction {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Shown after it succeeded, e.g. "Clone cache TTL set to 2 h". */
  done: string;
  run(): Promise<ActionResult>;
}

/**
 * One confirmation at a time for the Caches view: `ask` opens the dialog, confirming runs the
 * request once (never retried); a failure stays in the dialog so the user can read it.
 */
export function useConfirmedAction(): { ask(action: PendingAction): void; dialog: ReactNode; lastDone: { text: string; auditId: string } | null } {
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [lastDone, setLastDone] = useState<{ text: string; auditId: string } | null>(null);
  const action = useAction<ActionResult>();
  const { reset } = action;
  const ask = useCallback(
    (next: PendingAction) => {
      reset();
      setPending(next);
    },
    [reset],
  );
  const dialog = pending && (
    <ConfirmDialog
      title={pending.title}
      confirmLabel={pending.confirmLabel}
      danger={pending.danger ?? false}
      pending={action.pending}
      error={action.error}
      onCancel={() => setPending(null)}
      onConfirm={() => {
        void action
          .run(() => pending.run())
          .then((result) => {
            if (!result) return;
            setLastDone({ text: pending.done, auditId: result.auditId });
            setPending(null);
          });
      }}
    >
      {pending.body}
    </ConfirmDialog>
  );
  return { ask, dialog, lastDone };
}
