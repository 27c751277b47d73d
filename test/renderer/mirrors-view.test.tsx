// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { FleetApiError } from '../../shared/contract';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { makeFarm, makeMirrorNode, makeRows } from './mirrors-fixtures';
import { renderApp } from './render';

const REQUEST = {
  id: '7',
  name: 'US-West CI mirror',
  mirrorId: '4f0e',
  baseUrl: 'https://mirror-usw.example.com',
  mirrorType: 'SINGLE' as const,
  productVersion: '9.4.2',
};

function setup(snapshotOver: Parameters<typeof makeSnapshot>[0] = {}) {
  const bridge = createFakeBridge();
  bridge.getMirrorHistory.mockResolvedValue({ points: [] });
  bridge.getMirrorProjects.mockResolvedValue({
    projects: [
      { id: '1', key: 'PLAT', name: 'Platform' },
      { id: '2', key: 'OPS', name: 'Operations' },
      { id: '3', key: 'DATA', name: 'Data' },
    ],
  });
  // The row detail's on-demand read: unanswered unless a test answers it.
  bridge.getMirrorRepoStatus.mockImplementation(() => new Promise(() => undefined));
  const all = makeRows(10_000);
  bridge.getMirrorRepos.mockImplementation(async ({ farmId, state, offset = 0, limit = 1000 }) => {
    const rows = all.filter((r) => state === undefined || r.state === state);
    const nodes = [
      { id: 'm1', name: 'mirror-eu-1' },
      { id: 'm2', name: 'mirror-eu-2' },
      { id: 'm3', name: 'mirror-eu-3' },
    ];
    return { farmId, polledAt: T0, nodes, total: rows.length, offset, rows: rows.slice(offset, offset + limit) };
  });
  fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ pendingMirrorRequests: [REQUEST] })], mirrorFarms: [makeFarm()], ...snapshotOver }));
  const r = renderApp(bridge);
  act(() => uiActions.showView('mirrors'));
  return r;
}

/** jsdom lays nothing out: give the table's scroll box the height a browser would. */
function layOutTable(): void {
  const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('mirror-repos__scroll') ? 420 : 0;
  });
  const width = vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(() => 900);
  onTestFinished(() => {
    height.mockRestore();
    width.mockRestore();
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(T0);
  fleetActions.reset();
});
afterEach(() => {
  cleanup();
  act(() => uiActions.showView('overview'));
  vi.useRealTimers();
});

describe('Mirrors view', () => {
  it('shows each farm with its nodes, sync summary, lag, queue and projects', async () => {
    setup();
    const card = screen.getByTestId('farm-card');
    expect(card.dataset['status']).toBe('up');
    expect(within(card).getByTestId('farm-status').textContent).toBe('Up');
    expect(
      within(card)
        .getAllByTestId('mirror-node-row')
        .map((r) => r.dataset['nodeName']),
    ).toEqual(['mirror-eu-1', 'mirror-eu-2', 'mirror-eu-3']);
    expect(within(card).getByTestId('farm-nodes-up').textContent).toBe('3 / 3');
    expect(within(card).getByTestId('count-inSync').dataset['value']).toBe('90');
    expect(within(card).getByTestId('count-notMirrored').dataset['value']).toBe('8');
    expect(within(card).getByTestId('farm-lag').textContent).toBe('none');
    expect(within(card).getByTestId('farm-queue').textContent).toBe('2');
    await waitFor(() => expect(within(card).getByTestId('farm-projects').textContent).toMatch(/PLAT, OPS/));
    expect(within(card).queryByTestId('initial-sync')).toBeNull();
    expect(within(card).getByTestId('farm-detail-sweep').textContent).toMatch(/swept every 10 min, budget 512 KB\/s · last sweep 2 min ago \(took 4\.2 s\)/);
  });

  it('says when the per-repository detail is being swept, and when the last sweep failed', () => {
    const sweep = { intervalSeconds: 0, budgetKBps: 2048, sweptAt: null, durationMs: null, running: true, error: null };
    setup({ mirrorFarms: [makeFarm({ detailSweep: sweep })] });
    expect(screen.getByTestId('farm-detail-sweep').textContent).toMatch(/swept in every poll, budget 2,048 KB\/s · sweeping now/);
    cleanup();
    setup({ mirrorFarms: [makeFarm({ detailSweep: { ...sweep, running: false, error: 'Upstream repository hashes unavailable: HTTP 500' } })] });
    expect(screen.getByTestId('farm-detail-sweep').textContent).toMatch(/last sweep not yet · last sweep failed: .*HTTP 500; it is retried at the next poll/);
  });

  it('shows a degraded farm’s reason, a node down, the initial sync and a growing queue', () => {
    setup({
      mirrorFarms: [
        makeFarm({
          status: 'degraded',
          statusMessage: '1 of 3 nodes not serving: mirror-eu-2',
          nodes: [makeMirrorNode(), makeMirrorNode({ id: 'm2', name: 'mirror-eu-2', status: 'down', state: null, repos: null, message: 'Connection refused' })],
          initialSync: { discovering: false, syncedRepos: 242, totalRepos: 1071, complete: false },
          lagSeconds: 754,
          queue: { count: 40, growing: true },
        }),
      ],
    });
    const card = screen.getByTestId('farm-card');
    expect(card.dataset['status']).toBe('degraded');
    expect(within(card).getByTestId('farm-status-message').textContent).toMatch(/mirror-eu-2/);
    expect(within(card).getAllByTestId('mirror-node-row')[1]!.dataset['status']).toBe('down');
    expect(within(card).getByTestId('initial-sync').textContent).toMatch(/242 of 1,071 repositories \(23 %\)/);
    expect(within(card).getByTestId('farm-lag').textContent).toBe('12 min');
    expect(within(card).getByTestId('farm-queue').textContent).toMatch(/40.*growing/);
  });

  it('authorizes a pending mirror behind a confirmation that says it gets the content of the projects it is given', async () => {
    const { bridge } = setup();
    bridge.acceptMirrorRequest.mockResolvedValue({ ok: true, auditId: 'a1' });
    const row = screen.getByTestId('pending-request');
    fireEvent.click(within(row).getByTestId('authorize-request'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.textContent).toMatch(/US-West CI mirror/);
    expect(dialog.textContent).toMatch(/grants it the content of the projects it is given/);
    fireEvent.click(within(dialog).getByTestId('confirm-action'));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(bridge.acceptMirrorRequest).toHaveBeenCalledExactlyOnceWith({ primaryId: 'prod', requestId: '7' });
    expect(screen.getAllByTestId('mirror-action-done')[0]!.textContent).toMatch(/authorized/);
  });

  it('says plainly when the request vanished (409) and keeps the dialog open', async () => {
    const { bridge } = setup();
    bridge.rejectMirrorRequest.mockRejectedValue(new FleetApiError('conflict', 'The mirror request 7 no longer exists on Production (409).'));
    fireEvent.click(screen.getByTestId('reject-request'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.textContent).toMatch(/receives no content/);
    fireEvent.click(within(dialog).getByTestId('confirm-action'));
    await waitFor(() => expect(screen.getByTestId('confirm-error').textContent).toMatch(/no longer exists/));
    expect(bridge.rejectMirrorRequest).toHaveBeenCalledTimes(1);
  });

  it('without an admin credential the actions ask for a one-time credential and a note says why', () => {
    setup({ primaries: [makePrimary({ adminCredential: false, pendingMirrorRequests: [REQUEST] })] });
    for (const id of ['authorize-request', 'reject-request', 'choose-projects', 'remove-mirror']) {
      expect((screen.getByTestId(id) as HTMLButtonElement).disabled, id).toBe(false);
    }
    expect(screen.getAllByTestId('read-only-note')[0]!.textContent).toMatch(/no admin credential.*asks for an admin user name and password/);
  });

  it('chooses two projects for a mirror; the confirmation says what it will receive', async () => {
    const { bridge } = setup({ mirrorFarms: [makeFarm({ projectSelection: { mode: 'SELECTED_PROJECTS', projectIds: [] } })] });
    bridge.setMirrorProjects.mockResolvedValue({ ok: true, auditId: 'a2' });
    fireEvent.click(screen.getByTestId('choose-projects'));
    await waitFor(() => expect(screen.getAllByTestId('project-option')).toHaveLength(3));
    const option = (key: string) => screen.getAllByTestId('project-option').find((o) => o.dataset['projectKey'] === key)!;
    fireEvent.click(option('PLAT'));
    fireEvent.click(option('DATA'));
    expect(screen.getByTestId('project-consequence').textContent).toMatch(/receive the repositories of PLAT, DATA/);
    fireEvent.click(screen.getByTestId('confirm-action'));
    await waitFor(() =>
      expect(bridge.setMirrorProjects).toHaveBeenCalledExactlyOnceWith({
        primaryId: 'prod',
        mirrorId: 'B8A2-11C4-7F3D-9E0A',
        mode: 'SELECTED_PROJECTS',
        projectIds: ['1', '3'],
      }),
    );
  });

  it('removes a mirror behind a confirmation naming it and saying its users lose it', async () => {
    const { bridge } = setup();
    bridge.removeMirror.mockResolvedValue({ ok: true, auditId: 'a3' });
    fireEvent.click(screen.getByTestId('remove-mirror'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.textContent).toMatch(/Remove mirror EU CI farm\?/);
    expect(dialog.textContent).toMatch(/Its users lose it/);
    fireEvent.click(within(dialog).getByTestId('confirm-action'));
    await waitFor(() => expect(bridge.removeMirror).toHaveBeenCalledExactlyOnceWith({ primaryId: 'prod', mirrorId: 'B8A2-11C4-7F3D-9E0A' }));
  });

  it('the repository table is virtualised, filters by state, and shows per-node detail', async () => {
    layOutTable();
    const { bridge } = setup();
    fireEvent.click(screen.getByTestId('show-repos'));
    const table = await screen.findByTestId('mirror-repo-table');
    await waitFor(() => expect(table.dataset['rows']).toBe('10000'));
    const mounted = within(table).getAllByTestId('mirror-repo-row').length;
    expect(mounted).toBeGreaterThan(5);
    expect(mounted).toBeLessThanOrEqual(Math.ceil(420 / 34) + 16);

    // Only a window of rows crosses the bridge; scrolling far down fetches the window there.
    expect(bridge.getMirrorRepos).toHaveBeenLastCalledWith({ farmId: 'B8A2-11C4-7F3D-9E0A', offset: 0, limit: 400 });
    const scroller = table.querySelector('.mirror-repos__scroll') as HTMLElement;
    scroller.scrollTop = 6000 * 34;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(bridge.getMirrorRepos.mock.lastCall?.[0].offset).toBeGreaterThan(5000));
    await waitFor(() =>
      expect(
        within(table)
          .getAllByTestId('mirror-repo-row')
          .some((r) => r.dataset['repoId'] === '6001'),
      ).toBe(true),
    );

    fireEvent.change(within(table).getByTestId('mirror-repo-state'), { target: { value: 'FAILING' } });
    await waitFor(() => expect(table.dataset['rows']).toBe('100'));
    await waitFor(() => expect(bridge.getMirrorRepos).toHaveBeenLastCalledWith({ farmId: 'B8A2-11C4-7F3D-9E0A', state: 'FAILING', offset: 0, limit: 400 }));
    // The filtered window arrives after the count: wait for its rows, not the placeholders.
    const first = (await within(table).findAllByTestId('mirror-repo-row'))[0]!;
    expect(
      within(first)
        .getAllByTestId('mirror-repo-node')
        .map((c) => c.dataset['state']),
    ).toEqual(['IN_SYNC', 'FAILING', 'IN_SYNC']);
    fireEvent.click(first);
    expect(screen.getByTestId('mirror-repo-detail').textContent).toMatch(/3 failed syncs/);
  });

  it('the row detail asks the nodes (getMirrorRepoStatus), shows the sweep until they answer, then their answer', async () => {
    layOutTable();
    const { bridge } = setup();
    let answer: (v: Awaited<ReturnType<typeof bridge.getMirrorRepoStatus>>) => void = () => undefined;
    bridge.getMirrorRepoStatus.mockImplementation(() => new Promise((r) => (answer = r)));
    fireEvent.click(screen.getByTestId('show-repos'));
    const table = await screen.findByTestId('mirror-repo-table');
    fireEvent.click((await within(table).findAllByTestId('mirror-repo-row'))[7]!);
    const detail = screen.getByTestId('mirror-repo-detail');
    expect(bridge.getMirrorRepoStatus).toHaveBeenCalledWith({ primaryId: 'prod', projectKey: 'PLAT', repoSlug: 'repo-8' });
    expect(detail.dataset['source']).toBe('sweep');
    expect(detail.textContent).toMatch(/from the mirror sweep of/);
    expect(within(detail).getByTestId('query-loading').textContent).toMatch(/Asking the 3 nodes .* showing the last mirror sweep meanwhile/);
    const node = (name: string, state: 'IN_SYNC' | 'SYNCING', reason: string) => ({ name, state, lastSyncAt: T0 - 1_000, failedSyncCount: 0, reason });
    await act(async () =>
      answer({
        repoId: '8',
        readAt: T0,
        upstreamError: null,
        farms: [
          {
            farmId: 'B8A2-11C4-7F3D-9E0A',
            row: {
              state: 'SYNCING',
              nodes: [
                node('mirror-eu-1', 'IN_SYNC', 'Hashes match'),
                node('mirror-eu-2', 'SYNCING', 'A push is on its way'),
                node('mirror-eu-3', 'IN_SYNC', 'Hashes match'),
              ],
            },
            error: null,
          },
        ],
      }),
    );
    expect(detail.dataset['source']).toBe('live');
    expect(detail.textContent).toMatch(/nodes read/);
    expect(within(detail).queryByTestId('query-loading')).toBeNull();
    const second = detail.querySelector('tr[data-node-name="mirror-eu-2"]') as HTMLElement;
    expect(second.dataset['state']).toBe('SYNCING');
    expect(second.textContent).toMatch(/A push is on its way/);
    // The first sync is not in the nodes' answer: it stays the sweep's.
    expect(second.textContent).toMatch(/24 h ago/);
    const asked = bridge.getMirrorRepoStatus.mock.calls.length;
    fireEvent.click(within(detail).getByTestId('mirror-repo-detail-refresh'));
    await waitFor(() => expect(bridge.getMirrorRepoStatus.mock.calls.length).toBe(asked + 1));
  });

  it('the row detail says when the nodes could not be asked, and keeps the sweep’s row', async () => {
    layOutTable();
    const { bridge } = setup();
    bridge.getMirrorRepoStatus.mockRejectedValue(new FleetApiError('not-available', 'The engine is still starting; try again in a moment.'));
    fireEvent.click(screen.getByTestId('show-repos'));
    const table = await screen.findByTestId('mirror-repo-table');
    fireEvent.click((await within(table).findAllByTestId('mirror-repo-row'))[7]!);
    const detail = screen.getByTestId('mirror-repo-detail');
    await waitFor(() =>
      expect(within(detail).getByTestId('query-error').textContent).toMatch(
        /Could not read the sync state of PLAT\/repo-8 on its mirrors: The engine is still starting/,
      ),
    );
    expect(detail.dataset['source']).toBe('sweep');
    expect(detail.textContent).toMatch(/3 failed syncs/);
  });

  // The cards mount two per painted frame (use-staged-reveal.ts, tested in staged-reveal.test.tsx);
  // jsdom paints nothing, so here every card is mounted at once, in the farms' order.
  it('mounts every farm card, in order', async () => {
    const farms = Array.from({ length: 10 }, (_, i) => makeFarm({ id: `F${i}`, mirrorId: `F${i}`, name: `Farm ${i}` }));
    setup({ mirrorFarms: farms });
    await waitFor(() => expect(screen.getAllByTestId('farm-card')).toHaveLength(10), { timeout: 10_000 });
    expect(screen.getAllByTestId('farm-card').map((c) => c.dataset['farmName'])).toEqual(farms.map((f) => f.name));
  });

  it('a summary entry opens the table filtered to that state', async () => {
    const { bridge } = setup();
    fireEvent.click(screen.getByTestId('count-failing'));
    await screen.findByTestId('mirror-repo-table');
    await waitFor(() => expect(bridge.getMirrorRepos).toHaveBeenCalledWith({ farmId: 'B8A2-11C4-7F3D-9E0A', state: 'FAILING', offset: 0, limit: 400 }));
  });

  it('says when mirroring is unavailable on a primary, and when there are no farms', () => {
    setup({
      mirrorFarms: [],
      primaries: [makePrimary()],
      alerts: [
        {
          id: 'mirrors:prod:unavailable',
          severity: 'info',
          targetId: 'prod',
          title: 'Mirroring unavailable on Production',
          message: 'Mirroring unavailable: 404',
          since: T0,
        },
      ],
    });
    expect(screen.getByTestId('mirroring-note').textContent).toMatch(/Mirroring unavailable on Production/);
    expect(screen.getByTestId('mirrors-empty')).toBeTruthy();
    expect(screen.getByTestId('pending-empty')).toBeTruthy();
  });
});
