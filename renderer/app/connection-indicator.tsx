import type { ConnectionState } from '../bridge/connection';
import { selectConnection, useFleetStore } from '../state/fleet.store';

const LABEL: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Unauthorized',
};

/** The header pill saying whether pushed data is flowing. */
export const ConnectionIndicator = () => {
  const { state, message } = useFleetStore(selectConnection);
  return (
    <span
      className={`connection connection--${state}`}
      data-testid="connection-state"
      data-state={state}
      role="status"
      title={message ?? 'Receiving live updates from the engine'}
    >
      <span className="connection__dot" aria-hidden="true" />
      {LABEL[state]}
    </span>
  );
};

/** A banner with the actionable sentence when the connection is not healthy. */
export const ConnectionBanner = () => {
  const { state, message } = useFleetStore(selectConnection);
  if (state !== 'reconnecting' && state !== 'unauthorized') return null;
  return (
    <div
      className={`banner banner--${state === 'unauthorized' ? 'critical' : 'warning'}`}
      role={state === 'unauthorized' ? 'alert' : 'status'}
      data-testid="connection-banner"
    >
      {message}
      {state === 'reconnecting' && ' The data shown may be out of date.'}
    </div>
  );
};
