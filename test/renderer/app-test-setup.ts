import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { setRouteParams } from '../../renderer/routing/route-store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';

/**
 * For tests that render the whole app: a fresh fleet store before each case, the Overview again
 * after it (with no time range), and — since jsdom lays nothing out — the cache table's scroll box given the height it
 * has in a browser. Call once at the top of a test file.
 */
export function useAppTestSetup(): void {
  const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  beforeEach(() => {
    fleetActions.reset();
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.dataset['testid'] === 'cache-repo-scroll' ? 420 : 0;
      },
    });
  });
  afterEach(() => {
    cleanup();
    act(() => uiActions.showView('overview'));
    // A view keeps the time range shown before it: one test's range must not reach the next.
    act(() => setRouteParams({ range: null, from: null, to: null }));
    if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  });
}
