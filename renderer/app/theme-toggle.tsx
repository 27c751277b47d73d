import { selectTheme, uiActions, useUiStore } from '../state/ui.store';
import { resolveTheme } from './theme';

/**
 * One click flips light and dark, so every click visibly changes something; "Auto" goes back to
 * following the OS and shows only when the choice is pinned.
 */
export const ThemeToggle = () => {
  const preference = useUiStore(selectTheme);
  const next = resolveTheme(preference) === 'dark' ? 'light' : 'dark';
  return (
    <div className="theme-toggle">
      <button
        type="button"
        className="button button--ghost"
        data-testid="theme-toggle"
        data-theme-preference={preference}
        aria-label={`Switch to ${next} theme`}
        title={`Theme: ${preference}. Switch to ${next}.`}
        onClick={() => uiActions.setTheme(next)}
      >
        {next === 'dark' ? '☾ Dark' : '☀ Light'}
      </button>
      {preference !== 'system' && (
        <button
          type="button"
          className="button button--ghost"
          data-testid="theme-system"
          title="Follow the system theme"
          onClick={() => uiActions.setTheme('system')}
        >
          Auto
        </button>
      )}
    </div>
  );
};
