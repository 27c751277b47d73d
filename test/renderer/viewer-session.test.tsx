// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectStores } from '../../renderer/bridge/connect-stores';
import { fleetActions } from '../../renderer/state/fleet.store';
import { sessionActions, useSessionStore } from '../../renderer/state/session.store';
import { uiActions } from '../../renderer/state/ui.store';
import { makeCache, makeColumns } from './cache-fixtures';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { makeFarm } from './mirrors-fixtures';
import { renderApp } from './render';

const REASON = 'grafana may only view this Fleetscope: actions and changes need an admin token. Ask whoever runs the collector for one.';
const REQUEST = { id: '7', name: 'US-West CI mirror', mirrorId: '4f0e', baseUrl: null, mirrorType: 'SINGLE' as const, productVersion: '9.4.2' };

function show(view: 'caches' | 'mirrors') {
  const bridge = createFakeBridge();
  bridge.getCacheRepositories.mockResolvedValue({ source: 'feed', updatedAt: T0, rows: makeColumns(3) });
  bridge.getCacheHistory.mockResolvedValue({ all: [], clone: [], refs: [], v1: [], v2: [] });
  bridge.getMirrorHistory.mockResolvedValue({ points: [] });
  fleetActions.receiveSnapshot(
    makeSnapshot({
      primaries: [makePrimary({ version: '8.19.5', adminCredential: true, cache: makeCache(), pendingMirrorRequests: [REQUEST] })],
      mirrorFarms: [makeFarm()],
    }),
  );
  const r = renderApp(bridge);
  act(() => uiActions.showView(view));
  return r;
}

const actionButtons = (): HTMLButtonElement[] =>
  ['cache-enabled-toggle', 'cache-protocol-toggle', 'cache-clear-all', 'ttl-apply', 'cache-repo-clear', 'authorize-request', 'reject-request', 'remove-mirror']
    .flatMap((id) => screen.queryAllByTestId(id))
    .map((b) => b as HTMLButtonElement);

beforeEach(() => {
  fleetActions.reset();
  sessionActions.reset();
});
afterEach(() => {
  cleanup();
  act(() => uiActions.showView('overview'));
});

describe('a viewer token in the UI', () => {
  it('learns who the page acts as from the host', async () => {
    const bridge = createFakeBridge();
    bridge.getSession.mockResolvedValue({ name: 'grafana', role: 'viewer' });
    const stop = connectStores(bridge, { logger: { warn: vi.fn() } });
    await waitFor(() => expect(useSessionStore.getState().session).toEqual({ name: 'grafana', role: 'viewer' }));
    stop();
  });

  it('disables every cache action with the reason, and says it under the header', async () => {
    show('caches');
    await waitFor(() => expect(screen.getByTestId('cache-clear-all')).toBeTruthy());
    const before = actionButtons().filter((b) => b.dataset['testid'] !== 'ttl-apply');
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(before.every((b) => !b.disabled && b.title === '')).toBe(true);
    expect(screen.queryByTestId('read-only-banner')).toBeNull();

    act(() => sessionActions.receive({ name: 'grafana', role: 'viewer' }));
    const after = actionButtons();
    expect(after.length).toBeGreaterThanOrEqual(5);
    for (const b of after) {
      expect(b.disabled).toBe(true);
      expect(b.title).toBe(REASON);
    }
    expect(screen.getByTestId('read-only-banner').textContent).toBe(REASON);
    expect(screen.getByTestId('session-role').textContent).toBe('Viewer · grafana');
    fireEvent.click(screen.getByTestId('cache-clear-all'));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });

  it('disables mirror actions the same way, and an admin session enables them', () => {
    show('mirrors');
    act(() => sessionActions.receive({ name: 'grafana', role: 'viewer' }));
    const buttons = actionButtons();
    expect(buttons.map((b) => b.dataset['testid']).sort()).toEqual(['authorize-request', 'reject-request', 'remove-mirror']);
    expect(buttons.every((b) => b.disabled && b.title === REASON)).toBe(true);
    act(() => sessionActions.receive({ name: 'alice', role: 'admin' }));
    expect(actionButtons().every((b) => !b.disabled)).toBe(true);
    expect(screen.queryByTestId('session-role')).toBeNull();
  });
});
