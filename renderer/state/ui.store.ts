import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ViewId } from '../app/view-ids';

export type ThemePreference = 'light' | 'dark' | 'system';

export type UiState = {
  theme: ThemePreference;
  view: ViewId;
  /** The primary the Caches view shows; null: the first one. */
  cachePrimaryId: string | null;
};

export const UI_STORAGE_KEY = 'fleetscope.ui';

/** UI preferences; only the theme survives a reload, the view always starts at the overview. */
export const useUiStore = create<UiState>()(
  persist((): UiState => ({ theme: 'system', view: 'overview', cachePrimaryId: null }), {
    name: UI_STORAGE_KEY,
    version: 1,
    storage: createJSONStorage(() => localStorage),
    partialize: (s) => ({ theme: s.theme }),
  }),
);

export const uiActions = {
  setTheme(theme: ThemePreference): void {
    useUiStore.setState({ theme });
  },
  showView(view: ViewId): void {
    useUiStore.setState({ view });
  },
  /** Opens the Caches view on one primary (a link from the Overview names which). */
  showCaches(primaryId: string | null): void {
    useUiStore.setState({ view: 'caches', cachePrimaryId: primaryId });
  },
};

export const selectTheme = (s: UiState): ThemePreference => s.theme;
export const selectView = (s: UiState): ViewId => s.view;
