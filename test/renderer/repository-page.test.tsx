import { timeRangeActions } from '../../renderer/components/time-range/use-time-range';
// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { repoRoute } from '../../shared/logic/route';
import type { FoundRepositoryDetail, RepositoryHistory } from '../../shared/model';
import { navigate } from '../../renderer/routing/route-store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { useAppTestSetup } from './app-test-setup';
import { makeCache } from './cache-fixtures';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { makeFarm, makeMirrorNode } from './mirrors-fixtures';

import { renderApp } from './render';

useAppTestSetup();

const farm = makeFarm({ id: 'farm-sp', name: 'São Paulo farm', lagSeconds: 14 * 60 });
const unauthorized = makeFarm({ id: 'farm-us', mirrorId: 'farm-us', name: 'US farm', upstreamState: 'PENDING', nodes: [makeMirrorNode({ name: 'us-1' })] });

const found = (over: Partial<FoundRepositoryDetail> = {}): FoundRepositoryDetail => ({
  found: true,
  readAt: T0,
  primaryId: 'prod',
  alsoOn: [],
  repo: { id: '42', projectKey: 'WEB', projectId: '1', projectName: 'Web', slug: 'web-ui', name: 'Web UI', state: 'AVAILABLE', archived: false },
  inventoryAt: T0 - 60_000,
  cache: { repository: null, error: null, readAt: T0, lastClear: null },
  mirrors: [],
  storage: [],
  ...over,
});

const history: RepositoryHistory = {
  from: T0 - 3_600_000,
  to: T0,
  cacheSource: 'feed',
  hitsPerMinute: [
    [T0 - 120_000, 4],
    [T0 - 60_000, 6],
  ],
  missesPerMinute: [
    [T0 - 120_000, 1],
    [T0 - 60_000, 0],
  ],
  lag: [
    {
      farmId: 'farm-sp',
      farmName: 'São Paulo farm',
      node: 'mirror-eu-2',
      points: [
        [T0 - 120_000, 0],
        [T0 - 60_000, 840],
      ],
    },
  ],
};

const open = (
  detail: FoundRepositoryDetail | Parameters<ReturnType<typeof createFakeBridge>['getRepository']['mockResolvedValue']>[0],
  key = 'WEB',
  slug = 'web-ui',
) => {
  const bridge = createFakeBridge();
  bridge.getRepository.mockResolvedValue(detail);
  bridge.getRepositoryHistory.mockResolvedValue(history);
  bridge.getProbeHistory.mockResolvedValue({ reports: [] });
  bridge.getRepositoryLogFigures.mockResolvedValue({ figures: null });
  // The nodes' answer is left pending unless a test gives one: the page shows the sweep meanwhile.
  bridge.getMirrorRepoStatus.mockImplementation(() => new Promise(() => undefined));
  act(() => fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ cache: makeCache() })], mirrorFarms: [farm, unauthorized] })));
  act(() => navigate(repoRoute(key, slug)));
  return renderApp(bridge);
};

describe('repository page', () => {
  it('gives a clear "not found on any primary" page, naming the primaries searched, for a repository no inventory lists', async () => {
    open({ found: false, projectKey: 'WEB', repoSlug: 'nope', readAt: T0, primariesSearched: ['prod'] }, 'WEB', 'nope');
    const page = await screen.findByTestId('repo-not-found');
    expect(within(page).getByRole('heading').textContent).toBe('WEB/nope is not found on any primary');
    expect(page.textContent).toContain('Searched the repository inventory of Production.');
    expect(within(page).getByText('Back to the Overview')).toBeTruthy();
    expect(screen.queryByTestId('repo-mirrors')).toBeNull();
  });

  it('says why each farm does not carry the repository instead of an empty section', async () => {
    open(
      found({
        mirrors: [
          {
            farmId: 'farm-sp',
            selected: false,
            row: null,
            notMirroredReason:
              'São Paulo farm mirrors selected projects only, and WEB is not one of them: clones of WEB/web-ui near São Paulo farm go to the primary. Add the project in Mirrors → Projects.',
            polledAt: T0,
          },
          {
            farmId: 'farm-us',
            selected: null,
            row: null,
            notMirroredReason: 'US farm is not authorized by its primary (its registration is PENDING): authorize it in Mirrors, then give it this project.',
            polledAt: T0,
          },
        ],
      }),
    );
    const reasons = await screen.findAllByTestId('repo-not-mirrored');
    expect(reasons.map((r) => r.textContent)).toEqual([
      expect.stringContaining('selected projects only, and WEB is not one of them'),
      expect.stringContaining('not authorized by its primary'),
    ]);
    expect(screen.getAllByTestId('repo-farm').map((f) => f.textContent)).toEqual([
      expect.stringContaining('excludes this project'),
      expect.stringContaining('selection unknown'),
    ]);
    // The same reasons are findings of "what could make this slow", each linking to its farm.
    const findings = screen.getAllByTestId('repo-slow-finding');
    expect(findings.filter((f) => f.dataset['rule'] === 'not-mirrored')).toHaveLength(2);
  });

  it('lists what could make clones slow, worst first, naming the lagging node and for how long', async () => {
    open(
      found({
        mirrors: [
          {
            farmId: 'farm-sp',
            selected: true,
            row: {
              state: 'LAGGING',
              nodes: [
                { name: 'mirror-eu-1', state: 'IN_SYNC', lastSyncAt: T0 - 60_000, failedSyncCount: 0, reason: 'Hashes match the primary' },
                { name: 'mirror-eu-2', state: 'LAGGING', lastSyncAt: T0 - 900_000, failedSyncCount: 0, reason: 'Behind the primary' },
              ],
            },
            notMirroredReason: null,
            polledAt: T0,
          },
        ],
      }),
    );
    const findings = await screen.findAllByTestId('repo-slow-finding');
    expect(findings[0]?.dataset['rule']).toBe('mirror-lagging');
    expect(findings[0]?.textContent).toContain(
      'São Paulo farm node mirror-eu-2 is LAGGING on this repository for 14 min: clones there fall back to the primary.',
    );
    expect(within(findings[0]!).getByText('Evidence →').getAttribute('href')).toBe('#/mirrors?farm=farm-sp&node=mirror-eu-2');
    expect(screen.getAllByTestId('repo-farm-node').map((n) => n.dataset['state'])).toEqual(['IN_SYNC', 'LAGGING']);
  });

  describe('sync state read from the mirror nodes on demand', () => {
    const swept = (): FoundRepositoryDetail =>
      found({
        mirrors: [
          {
            farmId: 'farm-sp',
            selected: true,
            row: {
              state: 'SYNCING',
              nodes: [
                {
                  name: 'mirror-eu-1',
                  state: 'SYNCING',
                  lastSyncAt: T0 - 700_000,
                  failedSyncCount: 0,
                  reason: 'Content hash differs from the primary; a change is queued',
                },
                {
                  name: 'mirror-eu-2',
                  state: 'SYNCING',
                  lastSyncAt: T0 - 700_000,
                  failedSyncCount: 0,
                  reason: 'Content hash differs from the primary; a change is queued',
                },
              ],
            },
            notMirroredReason: null,
            polledAt: T0,
          },
        ],
      });
    const liveRow = {
      state: 'FAILING' as const,
      nodes: [
        { name: 'mirror-eu-1', state: 'IN_SYNC' as const, lastSyncAt: T0 - 5_000, failedSyncCount: 0, reason: 'Hashes match the primary' },
        {
          name: 'mirror-eu-2',
          state: 'FAILING' as const,
          lastSyncAt: T0 - 700_000,
          failedSyncCount: 3,
          reason: 'Content hash differs from the primary; 3 failed syncs',
        },
      ],
    };

    it('shows the last sweep while the nodes are asked, then each node as read now, with when it was read', async () => {
      const { bridge } = open(swept());
      let answer: (v: Awaited<ReturnType<typeof bridge.getMirrorRepoStatus>>) => void = () => undefined;
      bridge.getMirrorRepoStatus.mockImplementation(() => new Promise((r) => (answer = r)));
      const section = await screen.findByTestId('repo-mirrors');
      await waitFor(() =>
        expect(within(section).getByTestId('query-loading').textContent).toContain(`Asking ${farm.nodes.length} mirror nodes for this repository's sync state`),
      );
      const block = within(section).getByTestId('repo-farm');
      expect(block.dataset['source']).toBe('sweep');
      expect(block.textContent).toContain('from the mirror sweep of');
      expect(
        within(block)
          .getAllByTestId('repo-farm-node')
          .map((n) => n.dataset['state']),
      ).toEqual(['SYNCING', 'SYNCING']);
      expect(bridge.getMirrorRepoStatus).toHaveBeenCalledWith({ primaryId: 'prod', projectKey: 'WEB', repoSlug: 'web-ui' });

      act(() => answer({ repoId: '42', readAt: T0, upstreamError: null, farms: [{ farmId: 'farm-sp', row: liveRow, error: null }] }));
      await waitFor(() => expect(within(section).getByTestId('repo-farm').dataset['source']).toBe('live'));
      expect(within(section).queryByTestId('query-loading')).toBeNull();
      expect(
        within(section)
          .getAllByTestId('repo-farm-node')
          .map((n) => n.dataset['state']),
      ).toEqual(['IN_SYNC', 'FAILING']);
      expect(within(section).getByTestId('repo-farm').textContent).toContain('nodes read');
      expect(within(section).getByRole('heading', { level: 2 }).textContent).toContain('sync state read');
      expect(within(section).getAllByTestId('repo-farm-node')[1]?.textContent).toContain('3 failed syncs');
    });

    it('says in words when the nodes cannot be asked, and keeps the sweep on screen', async () => {
      const { bridge } = open(swept());
      bridge.getMirrorRepoStatus.mockRejectedValue(new Error('The engine is still starting; try again in a moment.'));
      const section = await screen.findByTestId('repo-mirrors');
      await waitFor(() => expect(within(section).getByTestId('query-error').textContent).toContain('try again in a moment'));
      expect(within(section).getByTestId('repo-farm').dataset['source']).toBe('sweep');
      expect(within(section).getAllByTestId('repo-farm-node')).toHaveLength(2);
    });

    it('shows a farm that could not be asked, and the primary’s hashes failing, beside the nodes that answered', async () => {
      const { bridge } = open(swept());
      bridge.getMirrorRepoStatus.mockResolvedValue({
        repoId: '42',
        readAt: T0,
        upstreamError: "The primary's hashes of this repository could not be read: 503",
        farms: [{ farmId: 'farm-sp', row: null, error: 'São Paulo farm has no known nodes yet: they are listed by its next poll.' }],
      });
      const section = await screen.findByTestId('repo-mirrors');
      await waitFor(() => expect(within(section).getByTestId('repo-farm-error').textContent).toContain('no known nodes yet'));
      expect(within(section).getByTestId('repo-mirrors-upstream-error').textContent).toContain('could not be read: 503');
    });

    it('asks again on "Read again" and after the next poll of the primary’s farms, not for another primary’s farm', async () => {
      const { bridge } = open(swept());
      bridge.getMirrorRepoStatus.mockResolvedValue({
        repoId: '42',
        readAt: T0,
        upstreamError: null,
        farms: [{ farmId: 'farm-sp', row: liveRow, error: null }],
      });
      const section = await screen.findByTestId('repo-mirrors');
      await waitFor(() => expect(within(section).getByTestId('repo-farm').dataset['source']).toBe('live'));
      const asked = bridge.getMirrorRepoStatus.mock.calls.length;
      act(() => within(section).getByTestId('repo-mirrors-refresh').click());
      await waitFor(() => expect(bridge.getMirrorRepoStatus.mock.calls.length).toBe(asked + 1));
      act(() =>
        fleetActions.receiveSnapshot(
          makeSnapshot({ primaries: [makePrimary({ cache: makeCache() })], mirrorFarms: [{ ...farm, lastPollAt: T0 + 15_000 }, unauthorized] }),
        ),
      );
      await waitFor(() => expect(bridge.getMirrorRepoStatus.mock.calls.length).toBe(asked + 2));
    });

    it('judges what could make clones slow on the nodes’ answer once it is in: a node caught up since the sweep is no longer named', async () => {
      const lagging = found({
        mirrors: [
          {
            farmId: 'farm-sp',
            selected: true,
            row: {
              state: 'LAGGING',
              nodes: [{ name: 'mirror-eu-2', state: 'LAGGING', lastSyncAt: T0 - 900_000, failedSyncCount: 0, reason: 'Behind the primary' }],
            },
            notMirroredReason: null,
            polledAt: T0,
          },
        ],
      });
      const { bridge } = open(lagging);
      const { row } = lagging.mirrors[0]!;
      bridge.getMirrorRepoStatus.mockResolvedValueOnce({ repoId: '42', readAt: T0, upstreamError: null, farms: [{ farmId: 'farm-sp', row, error: null }] });
      await waitFor(() => expect(screen.getByTestId('repo-farm').dataset['source']).toBe('live'));
      expect(screen.getAllByTestId('repo-slow-finding')[0]?.dataset['rule']).toBe('mirror-lagging');
      bridge.getMirrorRepoStatus.mockResolvedValue({
        repoId: '42',
        readAt: T0,
        upstreamError: null,
        farms: [
          {
            farmId: 'farm-sp',
            row: {
              state: 'IN_SYNC',
              nodes: [{ name: 'mirror-eu-2', state: 'IN_SYNC', lastSyncAt: T0 - 1_000, failedSyncCount: 0, reason: 'Hashes match the primary' }],
            },
            error: null,
          },
        ],
      });
      act(() => within(screen.getByTestId('repo-mirrors')).getByTestId('repo-mirrors-refresh').click());
      await waitFor(() => expect(within(screen.getByTestId('repo-farm')).getByTestId('repo-farm-node').dataset['state']).toBe('IN_SYNC'));
      const rules = (): string[] => screen.queryAllByTestId('repo-slow-finding').map((f) => `${f.dataset['rule']}: ${f.textContent}`);
      expect(rules().filter((r) => r.includes('mirror-eu-2'))).toEqual([]);
    });

    it('asks nothing of the mirrors when the primary has no farm', async () => {
      const { bridge } = open(found());
      await screen.findByTestId('repo-no-farm');
      expect(bridge.getMirrorRepoStatus).not.toHaveBeenCalled();
      expect(screen.queryByTestId('repo-mirrors-refresh')).toBeNull();
    });
  });

  it('says nothing points at a slow clone when the fleet around the repository is healthy', async () => {
    open(found());
    await screen.findByTestId('repo-slow-none');
    expect(screen.getByTestId('repo-no-farm')).toBeTruthy();
  });

  it('charts the repository’s own hits, misses and lag per mirror node, and says why hits are missing when the cache lists no repositories', async () => {
    const { bridge } = open(found());
    const chart = await screen.findByTestId('repo-history-chart');
    await waitFor(() => expect(chart.dataset['series']).toBe('3'));
    expect(chart.dataset['lagSeries']).toBe('1');
    expect(bridge.getRepositoryHistory).toHaveBeenCalledWith(
      expect.objectContaining({ primaryId: 'prod', projectKey: 'WEB', repoSlug: 'web-ui', rangeSeconds: 3_600 }),
    );
    expect(screen.queryByTestId('repo-history-note')).toBeNull();

    bridge.getRepositoryHistory.mockResolvedValue({ ...history, cacheSource: 'on-demand', hitsPerMinute: [], missesPerMinute: [] });
    act(() => timeRangeActions.setRelative('6h'));
    await waitFor(() => expect(screen.getByTestId('repo-history-note').textContent).toContain('do not list repositories'));
    expect(bridge.getRepositoryHistory).toHaveBeenLastCalledWith(expect.objectContaining({ rangeSeconds: 6 * 3_600 }));
    expect(window.location.hash).toBe('#/repo/WEB/web-ui?range=6h');
  });

  it('shows the read failure in words when the history cannot be read', async () => {
    const { bridge } = open(found());
    const history = await screen.findByTestId('repo-history');
    bridge.getRepositoryHistory.mockRejectedValue(new Error('The history file is being moved aside; try again in a moment.'));
    act(() => timeRangeActions.setRelative('24h'));
    await waitFor(() => expect(within(history).getByTestId('query-error').textContent).toContain('try again in a moment'));
  });
});
