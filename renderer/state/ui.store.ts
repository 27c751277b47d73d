import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ViewId } from '../app/view-ids';
import { navigate, useRouteStore } from '../routing/route-store';

export type ThemePreference = 'light' | 'dark' | 'system';

export type UiState = {
  theme: ThemePreference;
};

export const UI_STORAGE_KEY = 'fleetscope.ui';

/** UI preferences: the theme. Where the user is lives in the route (renderer/routing). */
export const useUiStore = create<UiState>()(
  persist((): UiState => ({ theme: 'system' }), {
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
  showView(view: ViewId, params: Record<string, string> = {}): void {
    navigate({ view, repo: null, params });
  },
  /** Opens the Caches view on one primary (a link from the Overview names which); null: the first one. */
  showCaches(primaryId: string | null): void {
    navigate({ view: 'caches', repo: null, params: primaryId === null ? {} : { primary: primaryId } });
  },
};

export const selectTheme = (s: UiState): ThemePreference => s.theme;
/** The view of the current route; the repository page is not a nav view and reads as none. */
export const useCurrentView = (): ViewId | 'repo' => useRouteStore((s) => s.route.view);
