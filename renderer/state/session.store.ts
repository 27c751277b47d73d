import { create } from 'zustand';
import { viewerRefusal, type RequestResult } from '../../shared/contract';
import type { HostLink } from '../../shared/model';

export type Session = RequestResult<'getSession'>;

export type SessionState = {
  /** Who this page acts as; null until the host has said. */
  session: Session | null;
  /** Where the host's fleet comes from (its own polling, or a team collector); null until it has said. */
  link: HostLink | null;
};

/** Who is at this page (the desktop's user, or a team collector's token). Written only by renderer/bridge. */
export const useSessionStore = create<SessionState>()(() => ({ session: null, link: null }));

export const sessionActions = {
  receive(session: Session): void {
    useSessionStore.setState({ session });
  },
  receiveLink(link: HostLink): void {
    useSessionStore.setState({ link });
  },
  reset(): void {
    useSessionStore.setState({ session: null, link: null }, true);
  },
};

export const selectSession = (s: SessionState): Session | null => s.session;
export const selectHostLink = (s: SessionState): HostLink | null => s.link;

/**
 * Why the actions of this page are disabled, or null when they are not: a viewer token may only
 * watch. The same words as the host's refusal, so the button and the API agree.
 */
export const selectReadOnlyReason = (s: SessionState): string | null => (s.session?.role === 'viewer' ? viewerRefusal(s.session, 'actions and changes') : null);
