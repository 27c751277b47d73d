// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeContext } from '../../renderer/bridge/bridge-context';
import { CachesDemoControls } from '../../renderer/features/caches/caches-demo-controls';
import { CachesOverview } from '../../renderer/features/caches/caches-overview';
import { demoActions } from '../../renderer/state/demo.store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { createFakeBridge, makeDemoState, makePrimary, makeSnapshot } from './fixtures';
import { makeCache } from './cache-fixtures';

const cacheState = (diskFull: boolean) =>
  makeDemoState({
    cache: {
      primaries: [
        {
          id: 'prod',
          name: 'Production',
          version: '8.19.5',
          refsSupported: false,
          listsRepositories: true,
          faults: { diskFull, pushStorm: false, oddBodies: false },
        },
      ],
    },
  });

beforeEach(() => {
  demoActions.reset();
  fleetActions.reset();
});
afterEach(() => cleanup());

describe('SCM cache demo switches', () => {
  it('switch the disk guard of a simulated primary and follow what the engine reports', async () => {
    const bridge = createFakeBridge();
    bridge.setDemoFault.mockResolvedValue(cacheState(true));
    demoActions.receive(cacheState(false));
    render(
      <BridgeContext.Provider value={bridge}>
        <CachesDemoControls />
      </BridgeContext.Provider>,
    );
    const box = screen.getByTestId('demo-cache-disk-full') as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await waitFor(() => expect(bridge.setDemoFault).toHaveBeenCalledWith({ targetId: 'prod', fault: { kind: 'cache-disk-full' }, enabled: true }));
    await waitFor(() => expect((screen.getByTestId('demo-cache-disk-full') as HTMLInputElement).checked).toBe(true));
    expect(screen.getByTestId('demo-cache-primary').textContent).toMatch(/8\.19\.5/);
  });

  it('render nothing without the simulated plugin', () => {
    demoActions.receive(makeDemoState());
    const { container } = render(
      <BridgeContext.Provider value={createFakeBridge()}>
        <CachesDemoControls />
      </BridgeContext.Provider>,
    );
    expect(container.innerHTML).toBe('');
  });
});

describe('SCM cache on the Overview', () => {
  it('shows each primary’s hit ratio of the last 15 minutes, named so, its size and a tripped disk guard', () => {
    render(<CachesOverview />);
    expect(screen.queryByTestId('caches-overview')).toBeNull();
    act(() =>
      fleetActions.receiveSnapshot(
        makeSnapshot({
          primaries: [makePrimary({ cache: makeCache({ diskGuardTripped: true, status: 'degraded' }) }), makePrimary({ id: 'dr', name: 'DR', cache: null })],
        }),
      ),
    );
    const lines = screen.getAllByTestId('caches-overview-line');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.dataset['status']).toBe('degraded');
    expect(lines[0]!.textContent).toMatch(/hit ratio, last 15 min: 90.0 % of 2,000 requests.*29.3 GB cached.*disk guard/);
    // The figure of the last 15 minutes, not the last poll's (75.0 %) nor the cumulative one (75.8 %).
    expect(lines[0]!.textContent).not.toMatch(/75\.[08] %/);
  });
});
