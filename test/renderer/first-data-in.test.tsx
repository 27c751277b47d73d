import { afterEach, describe, expect, it } from 'vitest';
import { fleetActions, selectFirstDataIn, useFleetStore } from '../../renderer/state/fleet.store';
import { makePrimary, makeSnapshot } from './fixtures';

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
