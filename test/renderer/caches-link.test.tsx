// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { makeCache, makeColumns } from './cache-fixtures';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

beforeEach(() => fleetActions.reset());
afterEach(() => {
  cleanup();
  act(() => uiActions.showCaches(null));
  act(() => uiActions.showView('overview'));
});

describe('Overview → Caches', () => {
  it('a primary named under SCM caches opens the Caches view on that primary, not the first one', () => {
    const bridge = createFakeBridge();
    bridge.getCacheRepositories.mockResolvedValue({ source: 'feed', updatedAt: T0, rows: makeColumns(3) });
    bridge.getCacheHistory.mockResolvedValue({ all: [], clone: [], refs: [], v1: [], v2: [] });
    fleetActions.receiveSnapshot(
      makeSnapshot({
        primaries: [makePrimary({ id: 'eu', name: 'Production EU', cache: makeCache() }), makePrimary({ id: 'us', name: 'Production US', cache: makeCache() })],
      }),
    );
    renderApp(bridge);
    const us = screen.getAllByTestId('caches-overview-line').find((l) => l.dataset['primaryId'] === 'us')!;
    fireEvent.click(within(us).getByRole('button', { name: 'Production US' }));
    expect(screen.getByTestId('caches-primary').dataset['primaryId']).toBe('us');
    const selected = screen.getAllByTestId('cache-primary-tab').find((t) => t.getAttribute('aria-selected') === 'true')!;
    expect(selected.textContent).toBe('Production US');
  });
});

describe('Caches: one truth per fact', () => {
  it('with the disk guard tripped, the configuration does not say "Caching is on" beside "Caching is off"', () => {
    const bridge = createFakeBridge();
    bridge.getCacheRepositories.mockResolvedValue({ source: 'feed', updatedAt: T0, rows: makeColumns(3) });
    bridge.getCacheHistory.mockResolvedValue({ all: [], clone: [], refs: [], v1: [], v2: [] });
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ cache: makeCache({ diskGuardTripped: true, active: false }) })] }));
    renderApp(bridge);
    act(() => uiActions.showView('caches'));
    expect(screen.getByTestId('disk-guard-banner').textContent).toMatch(/Caching is off: the disk guard tripped/);
    const setting = screen.getAllByTestId('cache-setting').find((s) => s.dataset['cache'] === 'upload-pack')!;
    expect(setting.textContent).not.toMatch(/Caching is on\b/);
    expect(setting.textContent).toMatch(/Caching is switched on, but off for now \(the disk guard tripped/);
  });
});

describe('Clear all caches: a fleet-wide destructive action', () => {
  it('asks the user to type the primary’s name before it runs', async () => {
    const bridge = createFakeBridge();
    bridge.getCacheRepositories.mockResolvedValue({ source: 'feed', updatedAt: T0, rows: makeColumns(3) });
    bridge.getCacheHistory.mockResolvedValue({ all: [], clone: [], refs: [], v1: [], v2: [] });
    bridge.clearCache.mockResolvedValue({ ok: true, auditId: 'a1' });
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ cache: makeCache() })] }));
    renderApp(bridge);
    act(() => uiActions.showView('caches'));
    fireEvent.click(screen.getByTestId('cache-clear-all'));
    const dialog = screen.getByTestId('confirm-dialog');
    const confirm = within(dialog).getByTestId('confirm-action') as HTMLButtonElement;
    expect(dialog.textContent).toMatch(/Type Production to confirm/);
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('confirm-type'), { target: { value: 'Producti' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.click(confirm);
    expect(bridge.clearCache).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByTestId('confirm-type'), { target: { value: 'Production' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(bridge.clearCache).toHaveBeenCalledWith({ primaryId: 'prod' }));
  });
});
