import { useLayoutEffect } from 'react';
import { selectTheme, useUiStore, type ThemePreference } from '../state/ui.store';

export type ResolvedTheme = 'light' | 'dark';

const darkQuery = (): MediaQueryList | null => (typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null);

export const resolveTheme = (preference: ThemePreference): ResolvedTheme => {
  if (preference !== 'system') return preference;
  return darkQuery()?.matches ? 'dark' : 'light';
};

/** Sets `data-theme` on <html>, which selects the CSS variable set. */
export const applyTheme = (preference: ThemePreference): ResolvedTheme => {
  const resolved = resolveTheme(preference);
  document.documentElement.dataset['theme'] = resolved;
  document.documentElement.dataset['themePreference'] = preference;
  return resolved;
};

/** Keeps `data-theme` in step with the preference and, for `system`, with the OS setting. */
export const useApplyTheme = (): void => {
  const preference = useUiStore(selectTheme);
  // Layout effect: switch before paint, so a dark-mode user never sees a light flash.
  useLayoutEffect(() => {
    applyTheme(preference);
    if (preference !== 'system') return undefined;
    const query = darkQuery();
    if (!query) return undefined;
    const onChange = (): void => {
      applyTheme('system');
    };
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [preference]);
};
