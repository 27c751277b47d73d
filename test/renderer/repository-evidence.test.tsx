// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { repoRoute } from '../../shared/logic/route';
import type { FoundRepositoryDetail } from '../../shared/model';
import { navigate } from '../../renderer/routing/route-store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { logFiguresOf, mirrorEndpoint, reportOf, stats } from '../helpers/clone-evidence-fixtures';
import { endpointOf } from '../helpers/probe-fixtures';
import { useAppTestSetup } from './app-test-setup';
import { makeCache } from './cache-fixtures';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

useAppTestSetup();

const detail: FoundRepositoryDetail = {
  found: true,
  readAt: T0,
  primaryId: 'prod',
  alsoOn: [],
  repo: { id: '42', projectKey: 'WEB', projectId: '1', projectName: 'Web', slug: 'web-ui', name: 'Web UI', state: 'AVAILABLE', archived: false },
  inventoryAt: T0 - 60_000,
  cache: { repository: null, error: null, readAt: T0, lastClear: null },
  mirrors: [],
  storage: [],
};

const behind = mirrorEndpoint('São Paulo CI farm', 41_000, {
  refsMatchPrimary: false,
  refsNote: 'main is at 3f2a9c1 here and 8b0e7d4 on the primary',
  verdict:
    'São Paulo CI farm: 41 s, 37 s of it receiving the pack at 54.2 kB/s; refs differ from the primary: main is at 3f2a9c1 here and 8b0e7d4 on the primary',
});
const primary = endpointOf({ verdict: 'Production (primary): 1.5 s; cache hit', clone: mirrorEndpoint('x', 1_500).clone });
const last = reportOf([primary, behind], T0 - 5 * 60_000);
const earlier = reportOf([primary], T0 - 3_600_000);

const open = (bridge = createFakeBridge()) => {
  bridge.getRepository.mockResolvedValue(detail);
  bridge.getRepositoryHistory.mockResolvedValue({ from: T0 - 3_600_000, to: T0, cacheSource: 'feed', hitsPerMinute: [], missesPerMinute: [], lag: [] });
  act(() => fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ cache: makeCache() })], mirrorFarms: [] })));
  act(() => navigate(repoRoute('WEB', 'web-ui')));
  renderApp(bridge);
  return bridge;
};

describe('repository page: measured evidence (issue 14)', () => {
  it('shows the last probe kept by the engine with its verdicts, the earlier ones, and the rules that read them', async () => {
    const bridge = createFakeBridge();
    bridge.getProbeHistory.mockResolvedValue({ reports: [last, earlier] });
    bridge.getRepositoryLogFigures.mockResolvedValue({ figures: null });
    open(bridge);
    const doctor = await screen.findByTestId('repo-clone-doctor');
    const report = await within(doctor).findByTestId('probe-report');
    expect(report.dataset['stored']).toBe('true');
    const title = within(report).getByTestId('probe-last-title');
    expect(title.textContent).toMatch(/^Last probe, 2026-01-15 11:55:00 UTC \(.+ ago\)$/);
    expect(title.querySelector('time')?.dataset['at']).toBe(String(last.finishedAt));
    expect(
      within(report)
        .getAllByTestId('probe-endpoint')
        .map((e) => e.querySelector('.probe-endpoint__verdict')?.textContent),
    ).toEqual([`HTTP(S) ${primary.verdict}`, `HTTP(S) ${behind.verdict}`]);
    expect(within(doctor).getAllByTestId('probe-history-item')).toHaveLength(1);
    expect(within(doctor).getByTestId('probe-history').textContent).toContain('shallow, v2 · 1 endpoints');
    expect(bridge.getProbeHistory).toHaveBeenCalledWith({ primaryId: 'prod', projectKey: 'WEB', repoSlug: 'web-ui' });

    const slow = screen.getByTestId('repo-slow');
    await waitFor(() =>
      expect(
        within(slow)
          .getAllByTestId('repo-slow-finding')
          .map((f) => f.dataset['rule']),
      ).toEqual(['probe-slow-endpoint', 'probe-stale-refs']),
    );
    // The age is against the page's clock (the real one here): the evidence says how old it is.
    expect(slow.textContent).toMatch(/São Paulo CI farm serves old refs \(last probe, [^)]+ ago\): main is at 3f2a9c1 here and 8b0e7d4 on the primary\./);
    expect(screen.getByTestId('repo-logs-none').textContent).toContain('No access-log analysis run in this Fleetscope saw WEB/web-ui.');
  });

  it('shows the repository clones in the logs with their source and range, a link to the Logs view, and a slow node flagged', async () => {
    const bridge = createFakeBridge();
    bridge.getProbeHistory.mockResolvedValue({ reports: [] });
    bridge.getRepositoryLogFigures.mockResolvedValue({
      figures: logFiguresOf({
        cache: { hit: 12, miss: 28, none: 2 },
        clonesByNode: [
          { node: 'N1', durations: stats(50, 2_000) },
          { node: 'N2', durations: stats(40, 12_000) },
        ],
      }),
    });
    open(bridge);
    const logs = await screen.findByTestId('repo-logs');
    const clones = await within(logs).findByTestId('repo-log-clones');
    expect(clones.textContent).toBe('40 clones · p50 2.0 s · p95 9.0 s · max 11 s');
    expect(within(logs).getByTestId('repo-log-cache').textContent).toBe('12 hits, 28 misses, 2 not cached · hit ratio 30.0 %');
    expect(within(logs).getByTestId('repo-log-source').textContent).toMatch(
      /^atlassian-bitbucket-access\.log · 2026-11-02 13:00 to 14:10 UTC \(the log's own clock\) · analysed /,
    );
    expect(within(logs).getByRole('link', { name: 'Logs view →' }).getAttribute('href')).toBe('#/logs');
    expect(within(logs).getByTestId('repo-log-nodes').querySelector('tr[data-node="N2"]')?.className).toBe('row--warning');
    expect(within(logs).getByTestId('repo-log-nodes').querySelector('caption')?.textContent).toBe(
      "This repository's clone times per node that served them · slowest: N2",
    );
    expect(screen.getByTestId('probe-never').textContent).toContain('Never probed from this Fleetscope');
    const slow = screen.getByTestId('repo-slow');
    await waitFor(() =>
      expect(
        within(slow)
          .getAllByTestId('repo-slow-finding')
          .map((f) => f.dataset['rule']),
      ).toEqual(['log-cache-miss', 'log-slow-node']),
    );
    expect(slow.textContent).toContain("Node N2 served clones of WEB/web-ui slowest: p95 6× its other nodes'");
    expect(slow.textContent).toContain('70 % of clones of WEB/web-ui missed the cache in the logs (28 of 40');
  });

  it('reads the last probes again when a probe started on the page finishes', async () => {
    const bridge = createFakeBridge();
    bridge.getProbeHistory.mockResolvedValue({ reports: [] });
    bridge.getRepositoryLogFigures.mockResolvedValue({ figures: null });
    bridge.probeClone.mockResolvedValue({ ok: true, auditId: 'a1', report: last });
    open(bridge);
    await screen.findByTestId('probe-never');
    bridge.getProbeHistory.mockResolvedValue({ reports: [last] });
    const calls = bridge.getProbeHistory.mock.calls.length;
    fireEvent.click(screen.getByTestId('probe-start'));
    const report = await screen.findByTestId('probe-report');
    expect(report.dataset['stored']).toBe('false');
    await waitFor(() => expect(bridge.getProbeHistory.mock.calls.length).toBeGreaterThan(calls));
    // The probe just run is shown once, not again among the earlier ones.
    expect(screen.queryByTestId('probe-history')).toBeNull();
  });

  it('says when the evidence could not be read', async () => {
    const bridge = createFakeBridge();
    bridge.getProbeHistory.mockRejectedValue(new Error('The history file is locked.'));
    bridge.getRepositoryLogFigures.mockRejectedValue(new Error('The engine is still starting; try again in a moment.'));
    open(bridge);
    const doctor = await screen.findByTestId('repo-clone-doctor');
    expect((await within(doctor).findByTestId('query-error')).textContent).toContain('The history file is locked.');
    expect((await within(screen.getByTestId('repo-logs')).findByTestId('query-error')).textContent).toContain('The engine is still starting');
  });
});
