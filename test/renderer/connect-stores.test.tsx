// @vitest-environment jsdom
import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectStores } from '../../renderer/bridge/connect-stores';
import { demoActions, useDemoStore } from '../../renderer/state/demo.store';
import { FIRST_DATA_AT_THE_LATEST_MS, fleetActions, useFleetStore } from '../../renderer/state/fleet.store';
import { createFakeBridge, makeDemoState, makePrimary, makeSnapshot, T0 } from './fixtures';

const logger = { warn: vi.fn() };
let stop: () => void = () => undefined;

beforeEach(() => {
  fleetActions.reset();
  demoActions.reset();
});
afterEach(() => stop());

describe('connectStores', () => {
  it('loads the snapshot, then applies one store update per pushed snapshot', async () => {
    const bridge = createFakeBridge();
    const updates = vi.fn();
    const unsubscribe = useFleetStore.subscribe(updates);
    stop = connectStores(bridge, { now: () => 99, logger });
    await waitFor(() => expect(useFleetStore.getState().snapshot).not.toBeNull());
    expect(useFleetStore.getState().lastReceivedAt).toBe(99);
    const afterLoad = updates.mock.calls.length;

    bridge.emit('snapshot', makeSnapshot({ generatedAt: T0 + 15_000 }));
    bridge.emit('snapshot', makeSnapshot({ generatedAt: T0 + 30_000 }));
    expect(updates.mock.calls.length - afterLoad).toBe(2);
    expect(useFleetStore.getState().snapshot?.generatedAt).toBe(T0 + 30_000);
    unsubscribe();
  });

  it('never lets an older snapshot replace a newer one, and shares unchanged parts', async () => {
    const bridge = createFakeBridge();
    stop = connectStores(bridge, { logger });
    await waitFor(() => expect(useFleetStore.getState().snapshot).not.toBeNull());
    const before = useFleetStore.getState().snapshot?.primaries[0];

    bridge.emit('snapshot', makeSnapshot({ generatedAt: T0 - 1 }));
    expect(useFleetStore.getState().snapshot?.generatedAt).toBe(T0);

    const other = makePrimary({ id: 'dr', name: 'DR' });
    bridge.emit('snapshot', makeSnapshot({ generatedAt: T0 + 1, primaries: [makePrimary(), other] }));
    // Same content, new parse: the card for "prod" keeps its object and does not re-render.
    expect(useFleetStore.getState().snapshot?.primaries[0]).toBe(before);
  });

  it('loads the demo state when the engine runs the demo fleet, and takes demo pushes', async () => {
    const bridge = createFakeBridge();
    bridge.getSnapshot.mockResolvedValue(makeSnapshot({ engine: { startedAt: T0, pollIntervalSeconds: 15, demo: true } }));
    stop = connectStores(bridge, { logger });
    await waitFor(() => expect(useDemoStore.getState().demo).toEqual(makeDemoState()));
    expect(bridge.getDemoState).toHaveBeenCalledTimes(1);

    const pushed = makeDemoState({ speed: 4 });
    bridge.emit('demo', pushed);
    expect(useDemoStore.getState().demo).toEqual(pushed);
  });

  it('asks for the demo state only once a primary has its first poll and count in, or 5 s after the first snapshot', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const demo = { startedAt: T0, pollIntervalSeconds: 15, demo: true };
      const beforeCount = makePrimary({ repositories: null, inventoryAt: null, inventoryDurationMs: null });
      const bridge = createFakeBridge();
      bridge.getSnapshot.mockResolvedValue(makeSnapshot({ engine: demo, primaries: [makePrimary({ lastPollAt: null, repositories: null })] }));
      stop = connectStores(bridge, { logger });
      await waitFor(() => expect(useFleetStore.getState().snapshot).not.toBeNull());
      bridge.emit('snapshot', makeSnapshot({ generatedAt: T0 + 1, engine: demo, primaries: [beforeCount] }));
      await vi.advanceTimersByTimeAsync(100);
      expect(bridge.getDemoState).not.toHaveBeenCalled();
      bridge.emit('snapshot', makeSnapshot({ generatedAt: T0 + 2, engine: demo }));
      // Not in the task that hands the first data to the page: after its frame (after-paint.ts).
      expect(bridge.getDemoState).not.toHaveBeenCalled();
      await waitFor(() => expect(useDemoStore.getState().demo).toEqual(makeDemoState()));
      // The late timer finds the state loaded and asks nothing more.
      await vi.advanceTimersByTimeAsync(FIRST_DATA_AT_THE_LATEST_MS);
      expect(bridge.getDemoState).toHaveBeenCalledTimes(1);
      stop();

      // A count that never comes: asked 5 s after the first snapshot anyway.
      demoActions.reset();
      fleetActions.reset();
      const late = createFakeBridge();
      late.getSnapshot.mockResolvedValue(makeSnapshot({ engine: demo, primaries: [beforeCount] }));
      stop = connectStores(late, { logger });
      await waitFor(() => expect(useFleetStore.getState().snapshot).not.toBeNull());
      await vi.advanceTimersByTimeAsync(FIRST_DATA_AT_THE_LATEST_MS - 100);
      expect(late.getDemoState).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(200);
      await waitFor(() => expect(late.getDemoState).toHaveBeenCalledTimes(1));
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not ask for the demo state when the engine is not demoing', async () => {
    const bridge = createFakeBridge();
    stop = connectStores(bridge, { logger });
    await waitFor(() => expect(useFleetStore.getState().snapshot).not.toBeNull());
    expect(bridge.getDemoState).not.toHaveBeenCalled();
  });

  it('mirrors the connection state and catches up after a reconnect', async () => {
    const bridge = createFakeBridge();
    stop = connectStores(bridge, { logger });
    await waitFor(() => expect(bridge.getSnapshot).toHaveBeenCalledTimes(1));

    bridge.setConnection({ state: 'reconnecting', message: 'The event stream dropped; retrying in 1 s.' });
    expect(useFleetStore.getState().connection.state).toBe('reconnecting');
    bridge.getSnapshot.mockResolvedValue(makeSnapshot({ generatedAt: T0 + 60_000 }));
    bridge.setConnection({ state: 'live', message: null });
    await waitFor(() => expect(useFleetStore.getState().snapshot?.generatedAt).toBe(T0 + 60_000));
    expect(bridge.getSnapshot).toHaveBeenCalledTimes(2);
  });

  it('asks for the snapshot once when the stream goes live while the first fetch is on its way', async () => {
    const bridge = createFakeBridge();
    bridge.setConnection({ state: 'connecting', message: 'Connecting to the Fleetscope server.' });
    let answer: (s: ReturnType<typeof makeSnapshot>) => void = () => undefined;
    bridge.getSnapshot.mockReturnValueOnce(new Promise((r) => (answer = r)));
    stop = connectStores(bridge, { logger });
    bridge.setConnection({ state: 'live', message: null });
    answer(makeSnapshot());
    await waitFor(() => expect(useFleetStore.getState().snapshot).not.toBeNull());
    await new Promise((r) => setTimeout(r, 0));
    expect(bridge.getSnapshot).toHaveBeenCalledTimes(1);
  });

  it('asks again when the stream went live while a first fetch that then failed was on its way', async () => {
    const bridge = createFakeBridge();
    bridge.setConnection({ state: 'connecting', message: 'Connecting to the Fleetscope server.' });
    let fail: (e: Error) => void = () => undefined;
    bridge.getSnapshot.mockReturnValueOnce(new Promise((_, reject) => (fail = reject)));
    stop = connectStores(bridge, { logger });
    bridge.setConnection({ state: 'live', message: null });
    expect(bridge.getSnapshot).toHaveBeenCalledTimes(1);
    fail(new Error('Cannot reach the Fleetscope server.'));
    await waitFor(() => expect(useFleetStore.getState().snapshot).not.toBeNull());
    expect(bridge.getSnapshot).toHaveBeenCalledTimes(2);
  });

  it('after a reconnect asks afresh even when a fetch from before the drop is still on its way', async () => {
    const bridge = createFakeBridge();
    stop = connectStores(bridge, { logger });
    await waitFor(() => expect(useFleetStore.getState().snapshot).not.toBeNull());
    let answer: (s: ReturnType<typeof makeSnapshot>) => void = () => undefined;
    bridge.getSnapshot.mockReturnValueOnce(new Promise((r) => (answer = r)));
    bridge.setConnection({ state: 'reconnecting', message: 'The event stream dropped; retrying in 1 s.' });
    bridge.setConnection({ state: 'live', message: null });
    await waitFor(() => expect(bridge.getSnapshot).toHaveBeenCalledTimes(2));
    bridge.getSnapshot.mockResolvedValue(makeSnapshot({ generatedAt: T0 + 60_000 }));
    bridge.setConnection({ state: 'reconnecting', message: 'The event stream dropped; retrying in 1 s.' });
    bridge.setConnection({ state: 'live', message: null });
    answer(makeSnapshot({ generatedAt: T0 + 30_000 }));
    await waitFor(() => expect(useFleetStore.getState().snapshot?.generatedAt).toBe(T0 + 60_000));
    expect(bridge.getSnapshot).toHaveBeenCalledTimes(3);
  });

  it('keeps the reason when the first snapshot cannot be loaded', async () => {
    const bridge = createFakeBridge();
    bridge.getSnapshot.mockRejectedValue(new Error('Cannot reach the Fleetscope server.'));
    stop = connectStores(bridge, { logger });
    await waitFor(() => expect(useFleetStore.getState().snapshotError).toBe('Cannot reach the Fleetscope server.'));
  });
});
