import { selectReadOnlyReason, useSessionStore } from '../state/session.store';

export interface ActionLock {
  /** True when this page may not act (a viewer token). */
  locked: boolean;
  /** The reason, for the disabled control's tooltip; undefined when not locked. */
  title: string | undefined;
}

/** Whether the actions of this page are disabled, and why: spread into every action control. */
export function useActionLock(): ActionLock {
  const reason = useSessionStore(selectReadOnlyReason);
  return { locked: reason !== null, title: reason ?? undefined };
}
