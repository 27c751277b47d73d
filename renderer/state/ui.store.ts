import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ViewId } from '../app/view-ids';
import { navigate, useRouteStore } from '../routing/route-store';

export type ThemePreference = 'light' | 'dark' | 'system';

export type UiState = {
  theme: ThemePreference;
  /** Browser mode: show new critical and warning alerts as browser notifications (after the browser allowed them). */
  notify: boolean;
};

export const UI_STORAGE_KEY = 'fleetscope.ui';

/** UI preferences: the theme, browser notifications. Where the user is lives in the route (renderer/routing). */
export const useUiStore = create<UiState>()(
  persist((): UiState => ({ theme: 'system', notify: false }), {
    name: UI_STORAGE_KEY,
    version: 1,
    storage: createJSONStorage(() => localStorage),
    partialize: (s) => ({ theme: s.theme, notify: s.notify }),
  }),
);

export const uiActions = {
  setTheme(theme: ThemePreference): void {
    useUiStore.setState({ theme });
  },
  setNotify(notify: boolean): void {
    useUiStore.setState({ notify });
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
export const selectNotify = (s: UiState): boolean => s.notify;
/** The view of the current route; the repository page is not a nav view and reads as none. */
export const useCurrentView = (): ViewId | 'repo' => useRouteStore((s) => s.route.view);
