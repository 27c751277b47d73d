// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SeriesRead } from '../../shared/contract/series-requests';
import type { Bridge } from '../../renderer/bridge/api';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { useAppTestSetup } from './app-test-setup';
import { useStubWidths } from './stub-widths';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { makeFarm } from './mirrors-fixtures';
import { renderApp } from './render';
import { makeStorage } from './storage-fixtures';

useAppTestSetup();

// The series box gets the width it has in a browser, so the rows read.
useStubWidths({ 'timeline-series': 1_000 });

const fleet = (generatedAt = T0) =>
  makeSnapshot({
    generatedAt,
    primaries: [makePrimary({ id: 'prod-eu', name: 'Production EU' }), makePrimary({ id: 'prod-us', name: 'Production US' })],
    mirrorFarms: [makeFarm()],
    storage: [makeStorage()],
  });

/** A bridge answering every line of `getSeries` with two points, but the volume's heal backlog, which the engine refuses. */
function seriesBridge() {
  const bridge = createFakeBridge();
  bridge.getEvents.mockResolvedValue({ events: [], truncated: false });
  bridge.getEventBuckets.mockResolvedValue({ buckets: [], total: 0 });
  bridge.getSeries.mockImplementation(async ({ series }: Parameters<Bridge['getSeries']>[0]) => ({
    series: series.map((read: SeriesRead) =>
      read.request === 'getStorageHistory'
        ? { error: `No volume "${read.volume}" on ${read.storageId}.` }
        : {
            points: [
              [T0 - 60_000, 1],
              [T0, 1],
            ] as Array<[number, number]>,
          },
    ),
  }));
  return bridge;
}

describe('the Timeline’s key series', () => {
  it('reads every line of the four rows in one getSeries request, and a refused line fails only its row', async () => {
    fleetActions.receiveSnapshot(fleet());
    const bridge = seriesBridge();
    renderApp(bridge);
    act(() => uiActions.showView('timeline'));
    const rows = await waitFor(() => {
      const found = screen.getAllByTestId('timeline-row');
      expect(found.map((r) => r.dataset['lines'])).toEqual(['2', '2', '1', '1']);
      return found;
    });
    expect(bridge.getSeries).toHaveBeenCalledTimes(1);
    const args = bridge.getSeries.mock.calls[0]![0];
    expect(args.series).toEqual([
      { request: 'getCacheHistory', primaryId: 'prod-eu', field: 'all' },
      { request: 'getCacheHistory', primaryId: 'prod-us', field: 'all' },
      { request: 'getHistory', targetId: 'prod-eu', metric: 'nodes.up' },
      { request: 'getHistory', targetId: 'prod-us', metric: 'nodes.up' },
      { request: 'getMirrorHistory', farmId: makeFarm().id, metric: 'mirror.lagSeconds' },
      { request: 'getStorageHistory', storageId: 'gluster-demo', volume: 'bbshared', metric: 'heal.pending' },
    ]);
    // One chart width for every row: a quarter of the plot's pixels as points.
    expect(args.maxPoints).toBeGreaterThan(200);
    const heal = rows.find((r) => r.dataset['row'] === 'heal-backlog')!;
    expect(within(heal).getByRole('alert').textContent).toBe(
      'Could not read the heal backlog (files waiting to heal) history of bbshared (Demo GlusterFS): No volume "bbshared" on gluster-demo.',
    );
    for (const row of rows.filter((r) => r !== heal)) expect(within(row).queryByRole('alert')).toBeNull();
  });

  it('asks the lines again, in one request, after a poll', async () => {
    fleetActions.receiveSnapshot(fleet());
    const bridge = seriesBridge();
    renderApp(bridge);
    act(() => uiActions.showView('timeline'));
    await waitFor(() => expect(bridge.getSeries).toHaveBeenCalledTimes(1));
    act(() => fleetActions.receiveSnapshot(fleet(T0 + 5_000)));
    await waitFor(() => expect(bridge.getSeries).toHaveBeenCalledTimes(2));
    expect(bridge.getSeries.mock.calls[1]![0].series).toHaveLength(6);
  });
});
