import { create } from 'zustand';

export type PaletteState = {
  /** `search`: the command palette; `help`: the keyboard shortcuts. */
  open: null | 'search' | 'help';
  /** Set by "Clear cache of …": the repository page opens its Clear confirmation for it. */
  pendingClear: { primaryId: string; projectKey: string; repoSlug: string } | null;
};

export const usePaletteStore = create<PaletteState>(() => ({ open: null, pendingClear: null }));

export const openPalette = (): void => usePaletteStore.setState({ open: 'search' });
export const openShortcuts = (): void => usePaletteStore.setState({ open: 'help' });
export const closePalette = (): void => usePaletteStore.setState({ open: null });
export const requestClear = (repo: PaletteState['pendingClear']): void => usePaletteStore.setState({ pendingClear: repo });
export const takePendingClear = (): PaletteState['pendingClear'] => {
  const { pendingClear } = usePaletteStore.getState();
  if (pendingClear) usePaletteStore.setState({ pendingClear: null });
  return pendingClear;
};
