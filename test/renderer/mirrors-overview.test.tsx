// @vitest-environment jsdom
import { useRouteStore } from '../../renderer/routing/route-store';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoActions } from '../../renderer/state/demo.store';
import { presenterActions } from '../../renderer/features/demo/presenter-store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { createFakeBridge, makeDemoState, makePrimary, makeSnapshot, T0 } from './fixtures';
import { makeFarm, makeMirrorNode } from './mirrors-fixtures';
import { renderApp } from './render';

const REQUEST = {
  id: '7',
  name: 'US-West CI mirror',
  mirrorId: '4f0e',
  baseUrl: 'https://mirror-usw.example.com',
  mirrorType: 'SINGLE' as const,
  productVersion: '9.4.2',
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(T0);
  fleetActions.reset();
  demoActions.reset();
  presenterActions.close();
});
afterEach(() => {
  cleanup();
  act(() => uiActions.showView('overview'));
  vi.useRealTimers();
});

describe('Mirrors on the Overview', () => {
  it('shows nothing when there is no farm and no request', () => {
    fleetActions.receiveSnapshot(makeSnapshot());
    renderApp();
    expect(screen.queryByTestId('mirrors-overview')).toBeNull();
  });

  it('shows each farm’s health, and a badge for pending requests that opens the Mirrors view', () => {
    const broken = makeFarm({
      id: 'F2',
      mirrorId: 'F2',
      name: 'APAC mirror',
      mirrorType: 'SINGLE',
      status: 'down',
      nodes: [makeMirrorNode({ name: 'apac', status: 'down', repos: null })],
      repos: { inSync: 0, syncing: 0, lagging: 0, failing: 0, notMirrored: 0, unknown: 120 },
      lagSeconds: null,
    });
    fleetActions.receiveSnapshot(
      makeSnapshot({
        primaries: [makePrimary({ pendingMirrorRequests: [REQUEST] })],
        mirrorFarms: [makeFarm({ repos: { inSync: 88, syncing: 0, lagging: 1, failing: 3, notMirrored: 8, unknown: 0 } }), broken],
      }),
    );
    renderApp(createFakeBridge());
    const section = screen.getByTestId('mirrors-overview');
    const rows = within(section).getAllByTestId('farm-health');
    expect(rows.map((r) => [r.dataset['farmId'], r.dataset['status']])).toEqual([
      ['B8A2-11C4-7F3D-9E0A', 'up'],
      ['F2', 'down'],
    ]);
    expect(within(rows[0]!).getByTestId('farm-health-sync').textContent).toBe('88 of 92 in sync');
    expect(rows[0]!.textContent).toMatch(/3 failing · 1 lagging/);
    expect(rows[1]!.textContent).toMatch(/120 unknown/);
    const badge = within(section).getByTestId('pending-badge');
    expect(badge.textContent).toBe('1 waiting for authorization');
    fireEvent.click(badge);
    expect(useRouteStore.getState().route.view).toBe('mirrors');
    expect(screen.getByTestId('pending-request').dataset['requestId']).toBe('7');
  });

  it('the presenter drawer switches the mirror faults through the bridge', async () => {
    const bridge = createFakeBridge();
    fleetActions.receiveSnapshot(makeSnapshot({ engine: { startedAt: T0 - 60_000, pollIntervalSeconds: 15, demo: true }, mirrorFarms: [makeFarm()] }));
    demoActions.receive(
      makeDemoState({
        mirrors: {
          farms: [
            {
              id: 'B8A2-11C4-7F3D-9E0A',
              primaryId: 'prod',
              name: 'EU CI farm',
              api: '9.x',
              mirrorType: 'FARM',
              registration: 'accepted',
              nodes: ['mirror-eu-1', 'mirror-eu-2', 'mirror-eu-3'],
              faults: { nodesOffline: ['mirror-eu-2'], failing: [], behind: false, hashMismatch: [] },
            },
          ],
          primaries: [{ primaryId: 'prod', pendingRequests: 1, unavailable: null }],
        },
      }),
    );
    renderApp(bridge);
    fireEvent.click(screen.getByTestId('open-presenter'));
    const panel = screen.getByTestId('presenter-drawer');
    const offline = within(panel).getAllByTestId('demo-mirror-node-offline') as HTMLInputElement[];
    expect(offline.map((o) => o.checked)).toEqual([false, true, false]);
    expect((within(panel).getByTestId('demo-mirror-request') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(panel).getAllByTestId('demo-mirror-repo-failing')[1]!);
    await vi.waitFor(() =>
      expect(bridge.setDemoFault).toHaveBeenCalledWith({
        targetId: 'B8A2-11C4-7F3D-9E0A',
        fault: { kind: 'mirror-repo-failing', node: 'mirror-eu-2' },
        enabled: true,
      }),
    );
  });
});
