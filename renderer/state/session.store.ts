import { create } from 'zustand';
import { viewerRefusal, type RequestResult } from '../../shared/contract';

export type Session = RequestResult<'getSession'>;

export type SessionState = {
  /** Who this page acts as; null until the host has said. */
  session: Session | null;
};

/** Who is at this page (the desktop's user, or a team collector's token). Written only by renderer/bridge. */
export const useSessionStore = create<SessionState>()(() => ({ session: null }));

export const sessionActions = {
  receive(session: Session): void {
    useSessionStore.setState({ session });
  },
  reset(): void {
    useSessionStore.setState({ session: null }, true);
  },
};

export const selectSession = (s: SessionState): Session | null => s.session;

/**
 * Why the actions of this page are disabled, or null when they are not: a viewer token may only
 * watch. The same words as the host's refusal, so the button and the API agree.
 */
export const selectReadOnlyReason = (s: SessionState): string | null => (s.session?.role === 'viewer' ? viewerRefusal(s.session, 'actions and changes') : null);
