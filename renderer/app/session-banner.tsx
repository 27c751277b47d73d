import { selectReadOnlyReason, selectSession, useSessionStore } from '../state/session.store';

/** The header tag naming a viewer token: who this page acts as and that it only watches. */
export const SessionTag = () => {
  const session = useSessionStore(selectSession);
  const reason = useSessionStore(selectReadOnlyReason);
  if (session?.role !== 'viewer') return null;
  return (
    <span className="tag tag--viewer" data-testid="session-role" data-role={session.role} title={reason ?? undefined}>
      Viewer<span className="tag__detail"> · {session.name}</span>
    </span>
  );
};

/** Under the header, for a viewer token: why every action and change is disabled. */
export const ReadOnlyBanner = () => {
  const reason = useSessionStore(selectReadOnlyReason);
  if (reason === null) return null;
  return (
    <div className="banner banner--info app__read-only" role="status" data-testid="read-only-banner">
      {reason}
    </div>
  );
};
