/** How the bridge's event stream stands; IPC is always `live`. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

/** Connection state plus the sentence a person reads next to it (null when live). */
export type ConnectionStatus = { readonly state: ConnectionState; readonly message: string | null };

export const UNAUTHORIZED_MESSAGE = 'Not authorized: open the URL printed by “fleetscope serve” (it ends in #token=…).';

/** A tiny observable holding the connection status; listeners hear only real changes. */
export type ConnectionCell = {
  get(): ConnectionStatus;
  set(next: ConnectionStatus): void;
  subscribe(listener: (status: ConnectionStatus) => void): () => void;
};

export const createConnectionCell = (initial: ConnectionStatus): ConnectionCell => {
  let current = initial;
  const listeners = new Set<(status: ConnectionStatus) => void>();
  return {
    get: () => current,
    set(next) {
      if (next.state === current.state && next.message === current.message) return;
      current = next;
      for (const listener of [...listeners]) listener(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
