import { useDeferredValue, useEffect, useMemo, type ComponentType } from 'react';
import { useBrowserNotifications } from '../features/alerts/browser-notifications';
import { CommandPalette } from '../features/search/command-palette';
import { RepositoryPage } from '../features/repository/repository-page';
import { selectConnection, selectHasSnapshot, selectSnapshotError, useFleetStore } from '../state/fleet.store';
import { useFirstDataDrawn } from '../state/use-first-data-drawn';
import { useCurrentView } from '../state/ui.store';
import { AppHeader } from './app-header';
import { TimePicker } from '../components/time-range/time-picker';
import { CollectorBanner } from './collector-banner';
import { ConnectionBanner } from './connection-indicator';
import { ReadOnlyBanner } from './session-banner';
import { ScenarioCaption } from '../features/demo/scenario-caption';
import { useGlobalShortcuts } from './shortcuts';
import { useApplyTheme } from './theme';
import { TokenForm } from './token-form';
import { findView, loadAllViews } from './views';
import { ViewBoundary } from './view-boundary';
import { KioskBar, useKioskRotation, useKioskSeconds } from './kiosk';
import { PresenterDrawer } from '../features/demo/presenter-drawer';

const Waiting = () => {
  const { state } = useFleetStore(selectConnection);
  const error = useFleetStore(selectSnapshotError);
  if (state === 'unauthorized') return <TokenForm />;
  return (
    <div className="waiting" data-testid="waiting">
      <p>Waiting for the first snapshot from the engine…</p>
      {error && <p className="inline-error">{error}</p>}
    </div>
  );
};

const MAIN_ID = 'main-content';

/**
 * The first stop of the keyboard: past the navigation to the view. It moves focus itself rather
 * than following its href, because the address's hash belongs to the token hand-over.
 */
const SkipLink = () => (
  <a
    className="skip-link"
    href={`#${MAIN_ID}`}
    onClick={(e) => {
      e.preventDefault();
      document.getElementById(MAIN_ID)?.focus();
    }}
  >
    Skip to content
  </a>
);

/**
 * Once a primary's first poll and count are in (or 5 s after the first snapshot) and drawn, the other
 * views' code is fetched in the background, so opening one later does not wait for it. Not sooner: evaluating
 * those chunks held Chromium while the first count was on its way (issue 13 item 7). A failure is
 * said when that view is opened.
 */
const useLoadViewsWhenReady = (firstDataDrawn: boolean): void => {
  useEffect(() => {
    if (firstDataDrawn) loadAllViews().catch((err: unknown) => console.warn('[fleetscope] could not fetch the other views ahead of time', err));
  }, [firstDataDrawn]);
};

/** The views that chart over time: they show the time range every chart shares. */
const CHARTED = new Set(['overview', 'caches', 'mirrors', 'storage', 'timeline', 'repo']);

/**
 * The view the route names, rendered in the background (React yields to input every few ms) while
 * the old one stays: the click that opens a view costs its handlers and the navigation's own
 * highlight, not the whole view's render and commit in one task. Only this part and the header's
 * navigation follow the route, and the view's element is kept while its component is the same, so
 * the click's own render does not render the old view again (nor the shell around it).
 */
const useShownView = (): { view: string; Component: ComponentType; label: string } => {
  const view = useDeferredValue(useCurrentView());
  const { Component, label } = view === 'repo' ? { Component: RepositoryPage, label: 'Repository' } : findView(view);
  return { view, Component, label };
};

const TimeBar = ({ ready, kiosk }: { ready: boolean; kiosk: number | null }) => {
  const { view } = useShownView();
  return ready && kiosk === null && CHARTED.has(view) ? (
    <div className="app-timebar">
      <TimePicker />
    </div>
  ) : null;
};

const MainView = ({ ready }: { ready: boolean }) => {
  const { Component, label } = useShownView();
  const content = useMemo(() => <Component />, [Component]);
  return (
    <main id={MAIN_ID} className="app__main" aria-label={label} tabIndex={-1}>
      {ready ? <ViewBoundary label={label}>{content}</ViewBoundary> : <Waiting />}
    </main>
  );
};

/** Kiosk mode's rotation follows the route's view: its own component, so a navigation does not render the shell. */
const KioskRotation = () => {
  useKioskRotation();
  return null;
};

/** The shell: header, connection banner and the place the route names once data is in. */
export const App = () => {
  useApplyTheme();
  useGlobalShortcuts();
  useBrowserNotifications();
  const kiosk = useKioskSeconds();
  const ready = useFleetStore(selectHasSnapshot);
  useLoadViewsWhenReady(useFirstDataDrawn());
  return (
    <div className={`app${kiosk === null ? '' : ' app--kiosk'}`} data-testid="app" data-app-state={ready ? 'ready' : 'loading'} data-kiosk={kiosk ?? undefined}>
      <SkipLink />
      <KioskRotation />
      {kiosk === null ? <AppHeader /> : <KioskBar seconds={kiosk} />}
      <TimeBar ready={ready} kiosk={kiosk} />
      <ConnectionBanner />
      <CollectorBanner />
      <ReadOnlyBanner />
      <MainView ready={ready} />
      {/* Like subtitles: the story's caption stays at the bottom of every view as it scrolls. */}
      {ready && <ScenarioCaption />}
      {ready && <CommandPalette />}
      {ready && <PresenterDrawer />}
    </div>
  );
};
