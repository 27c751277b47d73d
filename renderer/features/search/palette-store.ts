import { create } from 'zustand';

/** A palette command that acts on one repository, carried out by its page once it opens. */
export type RepoCommand = 'clear-repo-cache' | 'probe-repo-clone';
export type PendingRepoAction = { command: RepoCommand; primaryId: string; projectKey: string; repoSlug: string };

export type PaletteState = {
  /** `search`: the command palette; `help`: the keyboard shortcuts. */
  open: null | 'search' | 'help';
  /** Set by "Clear cache of …" or "Probe clone of …": the repository page asks for it on arrival. */
  pendingRepoAction: PendingRepoAction | null;
};

export const usePaletteStore = create<PaletteState>(() => ({ open: null, pendingRepoAction: null }));

export const openPalette = (): void => usePaletteStore.setState({ open: 'search' });
export const openShortcuts = (): void => usePaletteStore.setState({ open: 'help' });
export const closePalette = (): void => usePaletteStore.setState({ open: null });
export const requestRepoAction = (action: PendingRepoAction): void => usePaletteStore.setState({ pendingRepoAction: action });
/** The pending request for `command`, taken once (a reload or a second visit does not repeat it). */
export const takePendingRepoAction = (command: RepoCommand): PendingRepoAction | null => {
  const { pendingRepoAction } = usePaletteStore.getState();
  if (pendingRepoAction?.command !== command) return null;
  usePaletteStore.setState({ pendingRepoAction: null });
  return pendingRepoAction;
};
