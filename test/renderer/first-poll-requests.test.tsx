// @vitest-environment jsdom
import { act, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_DATA_AT_THE_LATEST_MS, fleetActions } from '../../renderer/state/fleet.store';
import { useAppTestSetup } from './app-test-setup';
import { useStubWidths } from './stub-widths';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

useAppTestSetup();

// The Overview's charts get the widths they have in a browser, so they read.
useStubWidths({ 'overview-charts': 1_000, 'primary-history': 1_000 });
afterEach(() => vi.useRealTimers());

const starting = () => makeSnapshot({ primaries: [makePrimary({ lastPollAt: null, repositories: null })] });
const polledBeforeCount = () =>
  makeSnapshot({ generatedAt: T0 + 2_000, primaries: [makePrimary({ repositories: null, inventoryAt: null, inventoryDurationMs: null })] });
const polled = () => makeSnapshot({ generatedAt: T0 + 5_000, primaries: [makePrimary()] });

function historyBridge() {
  const bridge = createFakeBridge();
  bridge.getEventBuckets.mockResolvedValue({ buckets: [], total: 0 });
  bridge.getHistory.mockResolvedValue({ points: [] });
  bridge.getSeries.mockImplementation(async ({ series }) => ({ series: series.map(() => ({ points: [] })) }));
  return bridge;
}

describe('the Overview before the first poll (issue 13 item 7)', () => {
  it('asks for no fleet series until a primary has answered its first poll and ended its first walk, nor event markers before its poll', async () => {
    fleetActions.receiveSnapshot(starting());
    const bridge = historyBridge();
    renderApp(bridge);
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(bridge.getSeries).not.toHaveBeenCalled();
    expect(bridge.getEventBuckets).not.toHaveBeenCalled();
    // The poll is in, the first inventory walk not yet: the fleet's series wait for the count too.
    act(() => fleetActions.receiveSnapshot(polledBeforeCount()));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(bridge.getSeries).not.toHaveBeenCalled();
    act(() => fleetActions.receiveSnapshot(polled()));
    await waitFor(() => expect(bridge.getSeries).toHaveBeenCalled());
    await waitFor(() => expect(bridge.getEventBuckets).toHaveBeenCalled());
  });

  it('asks for the series 5 s after the first snapshot when no first poll has come (a poll can hang)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    fleetActions.receiveSnapshot(starting());
    const bridge = historyBridge();
    renderApp(bridge);
    await act(() => vi.advanceTimersByTimeAsync(FIRST_DATA_AT_THE_LATEST_MS - 100));
    expect(bridge.getSeries).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(200));
    await waitFor(() => expect(bridge.getSeries).toHaveBeenCalled());
    // A primary's own markers wait for its own poll, as its history does.
    expect(bridge.getEventBuckets).not.toHaveBeenCalled();
  });
});
