import { selectDemoEnabled, useFleetStore } from '../state/fleet.store';
import { openPalette } from '../features/search/palette-store';
import { uiActions, useCurrentView } from '../state/ui.store';
import { NotifyToggle } from '../features/alerts/browser-notifications';
import { ConnectionIndicator } from './connection-indicator';
import { SessionTag } from './session-banner';
import { ThemeToggle } from './theme-toggle';
import { VIEWS } from './views';
import { PresenterButton } from '../features/demo/presenter-button';

const Nav = () => {
  const current = useCurrentView();
  return (
    <nav className="nav" aria-label="Main">
      {VIEWS.map((view) => (
        <button
          key={view.id}
          type="button"
          className="nav__item"
          data-testid={`nav-${view.id}`}
          aria-current={view.id === current ? 'page' : undefined}
          onClick={() => uiActions.showView(view.id)}
        >
          {view.label}
        </button>
      ))}
    </nav>
  );
};

export const AppHeader = () => {
  const demo = useFleetStore(selectDemoEnabled);
  return (
    <header className="app-header">
      <span className="app-header__brand">Fleetscope</span>
      <Nav />
      <span className="app-header__spacer" />
      <button
        type="button"
        className="search-button"
        data-testid="open-search"
        onClick={() => openPalette()}
        title="Search repositories, targets, views and actions (Ctrl K, or /)"
      >
        <span aria-hidden="true">⌕</span> Search <kbd>Ctrl K</kbd>
      </button>
      {demo && <PresenterButton />}
      <SessionTag />
      <ConnectionIndicator />
      <NotifyToggle />
      <ThemeToggle />
    </header>
  );
};
