import { afterEach, describe, expect, it } from 'vitest';
import { fleetActions, selectFirstPollIn, useFleetStore } from '../../renderer/state/fleet.store';
import { makePrimary, makeSnapshot } from './fixtures';

afterEach(() => fleetActions.reset());

const firstPollIn = (): boolean => selectFirstPollIn(useFleetStore.getState());

describe('selectFirstPollIn (when the other views are fetched)', () => {
  it('is false before any snapshot, and while no primary has answered its first poll', () => {
    expect(firstPollIn()).toBe(false);
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ id: 'a', lastPollAt: null, repositories: null })] }));
    expect(firstPollIn()).toBe(false);
  });

  it('is true once one primary has answered, with a count or without (a primary down has answered too)', () => {
    fleetActions.receiveSnapshot(
      makeSnapshot({ primaries: [makePrimary({ id: 'a', lastPollAt: null, repositories: null }), makePrimary({ id: 'b', repositories: null })] }),
    );
    expect(firstPollIn()).toBe(true);
  });

  it('is true at once for a fleet without primaries: there is no poll to wait for', () => {
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [] }));
    expect(firstPollIn()).toBe(true);
  });
});
