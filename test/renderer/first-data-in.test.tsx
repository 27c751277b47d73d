import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_DATA_AT_THE_LATEST_MS, fleetActions, selectFirstDataIn, selectFirstDataInOrLate, useFleetStore } from '../../renderer/state/fleet.store';
import { makePrimary, makeSnapshot, T0 } from './fixtures';

afterEach(() => fleetActions.reset());

const firstDataIn = (): boolean => selectFirstDataIn(useFleetStore.getState());

describe('selectFirstDataIn (when the other views are fetched)', () => {
  it('is false before any snapshot, and while no primary has answered its first poll', () => {
    expect(firstDataIn()).toBe(false);
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ id: 'a', lastPollAt: null, repositories: null })] }));
    expect(firstDataIn()).toBe(false);
  });

  it('is false while a primary has answered its first poll but not yet ended its first inventory walk (the count comes later)', () => {
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ id: 'a', repositories: null, inventoryAt: null, inventoryDurationMs: null })] }));
    expect(firstDataIn()).toBe(false);
  });

  it('is true once one primary has its first poll and its count, or a first walk that failed (a primary down has answered too)', () => {
    fleetActions.receiveSnapshot(
      makeSnapshot({ primaries: [makePrimary({ id: 'a', lastPollAt: null, repositories: null }), makePrimary({ id: 'b', inventoryDurationMs: 40 })] }),
    );
    expect(firstDataIn()).toBe(true);
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ id: 'c', repositories: null, inventoryAt: null, inventoryDurationMs: 3_000 })] }));
    expect(firstDataIn()).toBe(true);
  });

  it('is true at once for a fleet without primaries: there is no poll to wait for', () => {
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [] }));
    expect(firstDataIn()).toBe(true);
  });
});

describe("selectFirstDataInOrLate (when a start's background work may begin)", () => {
  const inOrLate = (): boolean => selectFirstDataInOrLate(useFleetStore.getState());
  const starting = () => makeSnapshot({ primaries: [makePrimary({ id: 'a', lastPollAt: null, repositories: null })] });
  afterEach(() => vi.useRealTimers());

  it('turns true FIRST_DATA_AT_THE_LATEST_MS after the first snapshot, one deadline for every waiter whenever it started waiting', () => {
    vi.useFakeTimers();
    fleetActions.receiveSnapshot(starting());
    vi.advanceTimersByTime(3_000);
    // A later snapshot without the first data does not move the deadline.
    fleetActions.receiveSnapshot(makeSnapshot({ generatedAt: T0 + 1, primaries: [makePrimary({ id: 'a', lastPollAt: null, repositories: null })] }));
    vi.advanceTimersByTime(FIRST_DATA_AT_THE_LATEST_MS - 3_000 - 1);
    expect(inOrLate()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(inOrLate()).toBe(true);
    expect(selectFirstDataIn(useFleetStore.getState())).toBe(false);
  });

  it('is true with the first data, and the deadline is dropped then and on reset', () => {
    vi.useFakeTimers();
    fleetActions.receiveSnapshot(starting());
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ id: 'a' })] }));
    expect(inOrLate()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    fleetActions.reset();
    fleetActions.receiveSnapshot(starting());
    expect(vi.getTimerCount()).toBe(1);
    fleetActions.reset();
    expect(vi.getTimerCount()).toBe(0);
    expect(inOrLate()).toBe(false);
  });
});
