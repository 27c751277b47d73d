// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OVERVIEW } from '../../shared/logic/route';
import { useTimeRange } from '../../renderer/components/time-range/use-time-range';
import { navigate, setRouteParams } from '../../renderer/routing/route-store';
import { uiActions } from '../../renderer/state/ui.store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { makeSnapshot } from './fixtures';
import { renderApp } from './render';

// The command palette stands for the shell around the view: it renders whenever the shell does.
const counts = vi.hoisted(() => ({ palette: 0 }));
vi.mock('../../renderer/features/search/command-palette', () => ({
  CommandPalette: () => {
    counts.palette += 1;
    return null;
  },
}));

beforeEach(() => {
  fleetActions.reset();
  navigate(OVERVIEW, { replace: true });
});
afterEach(() => {
  cleanup();
  navigate(OVERVIEW, { replace: true });
});

describe('what a click on the navigation renders', () => {
  it('not the shell around the view: the palette does not render again, however many views are opened', async () => {
    fleetActions.receiveSnapshot(makeSnapshot());
    const app = renderApp();
    await app.findByTestId('nav-caches');
    // The shell renders again once the first data is drawn (after a paint): settled first.
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
    const before = counts.palette;
    expect(before).toBeGreaterThan(0);
    for (const view of ['caches', 'mirrors', 'storage', 'overview'] as const) {
      act(() => uiActions.showView(view));
      await app.findByRole('main', { name: view === 'overview' ? 'Overview' : view[0]!.toUpperCase() + view.slice(1) });
    }
    expect(counts.palette).toBe(before);
  });

  it('no chart: the time range follows only its own params', () => {
    let renders = 0;
    const Probe = () => {
      renders += 1;
      const range = useTimeRange();
      return <span>{range.rangeId}</span>;
    };
    const { container } = render(<Probe />);
    const before = renders;
    act(() => uiActions.showView('caches'));
    act(() => setRouteParams({ primary: 'p1' }));
    expect(renders).toBe(before);
    act(() => setRouteParams({ range: '24h' }));
    expect(renders).toBe(before + 1);
    expect(container.textContent).toBe('24h');
  });
});
