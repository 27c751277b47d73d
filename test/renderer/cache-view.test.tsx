import { timeRangeActions } from '../../renderer/components/time-range/use-time-range';
// @vitest-environment jsdom
import { OVERVIEW } from '../../shared/logic/route';
import { navigate } from '../../renderer/routing/route-store';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetApiError } from '../../shared/contract';
import type { PrimaryCache } from '../../shared/model';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { makeCache, makeColumns } from './cache-fixtures';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

const emptyHistory = { all: [], clone: [], refs: [], v1: [], v2: [] };

function show(cacheOver: Partial<PrimaryCache> = {}, primaryOver: Parameters<typeof makePrimary>[0] = {}) {
  const bridge = createFakeBridge();
  bridge.getCacheRepositories.mockResolvedValue({ source: 'feed', updatedAt: T0 - 5_000, rows: makeColumns(500) });
  bridge.getCacheHistory.mockResolvedValue({
    ...emptyHistory,
    clone: [
      [T0 - 60_000, 0.5],
      [T0 - 30_000, 0.8],
    ],
    all: [
      [T0 - 60_000, 0.5],
      [T0 - 30_000, 0.8],
    ],
  });
  bridge.getCacheRepository.mockResolvedValue({
    projectKey: 'PLAT',
    repoSlug: 'repo-0499',
    size: 1,
    hits: 4990,
    misses: 1,
    hitRatio: 0.99,
    lastAccessed: T0,
    entries: [],
    raw: [],
    fetchedAt: T0,
  });
  fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ version: '8.19.5', cache: makeCache(cacheOver), ...primaryOver })] }));
  uiActions.showView('caches');
  return { ...renderApp(bridge), bridge };
}

// jsdom lays nothing out; give the table's scroll box the height it has in a browser.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeEach(() => {
  fleetActions.reset();
  // The table keeps its filter and sort in the route: each test starts from a bare one.
  navigate(OVERVIEW, { replace: true });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset['testid'] === 'cache-repo-scroll' ? 420 : 0;
    },
  });
});
afterEach(() => {
  cleanup();
  uiActions.showView('overview');
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});

describe('Caches view', () => {
  it('shows status, totals, configuration and what this version does not support', async () => {
    const { bridge } = show();
    expect(screen.getByTestId('cache-status').dataset['status']).toBe('up');
    expect(screen.getByTestId('cache-total-size').textContent).toBe('29.3 GB');
    expect(screen.getByTestId('cache-total-ratio').textContent).toBe('75.8 %');
    expect(screen.getByTestId('cache-recent-ratio').textContent).toBe('90.0 % of 2,000 requests');
    expect(screen.getByText('Hit ratio, since counters reset')).toBeTruthy();
    expect(screen.getByText('Hit ratio, last 15 min')).toBeTruthy();
    expect(screen.getByTestId('cache-ttl').textContent).toBe('4 h');
    expect(screen.getByTestId('cache-enabled').dataset['enabled']).toBe('on');
    const unsupported = screen.getByTestId('cache-unsupported');
    expect(unsupported.dataset['cache']).toBe('refs');
    expect(unsupported.textContent).toMatch(/Not supported on this Bitbucket version \(8\.19\.5\).*removed in Bitbucket 7\.4/);
    expect(screen.queryByTestId('disk-guard-banner')).toBeNull();
    expect(screen.queryByTestId('cache-read-only')).toBeNull();
    await waitFor(() => expect(bridge.getCacheHistory).toHaveBeenCalled());
    const args = bridge.getCacheHistory.mock.calls[0]![0];
    expect(args).toMatchObject({ primaryId: 'prod', rangeSeconds: 3_600 });
    // LTTB targets the plot's own pixels: at most the chart's width.
    expect(args.maxPoints).toBeLessThanOrEqual(800);
    await waitFor(() => expect(screen.getAllByTestId('cache-legend').find((l) => l.dataset['series'] === 'refs')!.textContent).toMatch(/not reported/));
    // The shared time picker (in the app's header) sets the range every chart reads.
    act(() => timeRangeActions.setRelative('7d'));
    await waitFor(() => expect(bridge.getCacheHistory).toHaveBeenLastCalledWith(expect.objectContaining({ rangeSeconds: 604_800 })));
  });

  it('shows the disk-guard banner and unexpected answers with their raw body', () => {
    show({
      status: 'degraded',
      diskGuardTripped: true,
      active: false,
      disk: { freeBytes: 5_300_000_000, minimumFreeBytes: 8_589_934_592 },
      problems: [{ endpoint: 'caches', code: 'malformed', message: 'not JSON', httpStatus: 200, body: 'Statistics are being rebuilt' }],
    });
    expect(screen.getByTestId('disk-guard-banner').textContent).toMatch(/Only 5.30 GB is free .* below the minimum of 8.59 GB/);
    expect(screen.getByTestId('cache-problem-body').textContent).toBe('Statistics are being rebuilt');
  });

  it('never sends an invalid TTL, and sends a valid one only after a confirmation that says what happens', async () => {
    const { bridge } = show();
    bridge.setCacheTtl.mockResolvedValue({ ok: true, auditId: 'audit-1' });
    const editor = screen.getAllByTestId('ttl-editor').find((e) => e.dataset['cache'] === 'upload-pack')!;
    const input = within(editor).getByTestId('ttl-input');
    const apply = within(editor).getByTestId('ttl-apply') as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    for (const [text, why] of [
      ['-1', /negative/],
      ['1.5', /whole seconds/],
      ['abc', /not a number/],
      ['31', /longer than/],
    ] as const) {
      fireEvent.change(input, { target: { value: text } });
      if (text === '1.5') fireEvent.change(within(editor).getByTestId('ttl-unit'), { target: { value: 's' } });
      if (text === '31') fireEvent.change(within(editor).getByTestId('ttl-unit'), { target: { value: 'd' } });
      expect(within(editor).getByTestId('ttl-error').textContent).toMatch(why);
      expect(apply.disabled).toBe(true);
      fireEvent.submit(editor);
    }
    expect(bridge.setCacheTtl).not.toHaveBeenCalled();

    fireEvent.change(within(editor).getByTestId('ttl-unit'), { target: { value: 'h' } });
    fireEvent.change(input, { target: { value: '2' } });
    expect(within(editor).getByTestId('ttl-error').textContent).toBe('= 7200 s');
    fireEvent.click(apply);
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.textContent).toMatch(/from 4 h to 2 h \(7200 s\)/);
    expect(bridge.setCacheTtl).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByTestId('confirm-action'));
    await waitFor(() => expect(screen.getByTestId('cache-action-done').dataset['auditId']).toBe('audit-1'));
    expect(bridge.setCacheTtl).toHaveBeenCalledExactlyOnceWith({ primaryId: 'prod', cache: 'upload-pack', seconds: 7_200 });
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });

  it('keeps a failed action’s error in the dialog and does not retry', async () => {
    const { bridge } = show();
    bridge.setCacheEnabled.mockRejectedValue(new FleetApiError('auth', 'The admin credential (svc) lacks permission to change the SCM cache.'));
    fireEvent.click(screen.getAllByTestId('cache-enabled-toggle')[0]!);
    expect(screen.getByTestId('confirm-dialog').textContent).toMatch(/Every clone request on Production is then served by git itself/);
    fireEvent.click(screen.getByTestId('confirm-action'));
    await waitFor(() => expect(screen.getByTestId('confirm-error').textContent).toMatch(/lacks permission/));
    expect(bridge.setCacheEnabled).toHaveBeenCalledTimes(1);
    expect(bridge.setCacheEnabled).toHaveBeenCalledWith({ primaryId: 'prod', cache: 'upload-pack', enabled: false });
  });

  it('without an admin credential the controls stay usable, ask for a one-time credential, and a note says why', () => {
    show({}, { adminCredential: false });
    expect(screen.getByTestId('cache-read-only').textContent).toMatch(/no admin credential.*asks for the user name and password.*used for that one action/);
    for (const id of ['cache-enabled-toggle', 'ttl-input', 'cache-protocol-toggle', 'cache-clear-all']) {
      for (const el of screen.getAllByTestId(id)) expect((el as HTMLButtonElement).disabled, id).toBe(false);
    }
  });

  it('virtualises the repository table, sorts, filters, and clears one repository after confirming', async () => {
    const { bridge } = show();
    bridge.clearCache.mockResolvedValue({ ok: true, auditId: 'audit-2' });
    // 500 rows to build before the first paints: a wait, not a speed bound (timing lives in npm run bench).
    await waitFor(() => expect(screen.getAllByTestId('cache-repo-row').length).toBeGreaterThan(0), { timeout: 10_000 });
    const table = screen.getByTestId('cache-repo-table');
    expect(table.dataset['rows']).toBe('500');
    const mounted = () => screen.getAllByTestId('cache-repo-row');
    expect(mounted().length).toBeLessThan(40);
    // Sorted by hits, most first; the unknown count (repo-0007) goes last.
    expect(mounted()[0]!.dataset['repo']).toBe('PLAT/repo-0499');
    // Orders are built in slices that yield to the browser: each shows once it is ready.
    fireEvent.click(screen.getAllByTestId('cache-repo-sort').find((b) => b.dataset['key'] === 'misses')!);
    await waitFor(() => expect(mounted()[0]!.dataset['repo']).toBe('WEB/repo-0000'));
    expect(table.dataset['sorted']).toBe('misses');
    fireEvent.click(screen.getAllByTestId('cache-repo-sort').find((b) => b.dataset['key'] === 'misses')!);
    await waitFor(() => expect(mounted()[0]!.dataset['repo']).toBe('PLAT/repo-0499'));
    fireEvent.change(screen.getByTestId('cache-repo-filter'), { target: { value: 'web/repo-001' } });
    await waitFor(() => expect(table.dataset['rows']).toBe('5'));
    expect(mounted().every((r) => r.dataset['repo']!.startsWith('WEB/repo-001'))).toBe(true);

    fireEvent.click(within(mounted()[0]!).getByTestId('cache-repo-clear'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.textContent).toMatch(/drops 18.0 MB cached for WEB\/repo-0018.*next clones and fetches miss/);
    fireEvent.click(within(dialog).getByTestId('confirm-action'));
    await waitFor(() => expect(bridge.clearCache).toHaveBeenCalledWith({ primaryId: 'prod', projectKey: 'WEB', repoSlug: 'repo-0018' }));
  });

  it('refetches the table when the snapshot says the figures changed, not otherwise', async () => {
    const { bridge } = show();
    await waitFor(() => expect(bridge.getCacheRepositories).toHaveBeenCalledTimes(1));
    act(() => fleetActions.receiveSnapshot(makeSnapshot({ generatedAt: T0 + 1, primaries: [makePrimary({ cache: makeCache() })] })));
    expect(bridge.getCacheRepositories).toHaveBeenCalledTimes(1);
    act(() =>
      fleetActions.receiveSnapshot(
        makeSnapshot({
          generatedAt: T0 + 2,
          primaries: [makePrimary({ cache: makeCache({ polledAt: T0, repositories: { source: 'feed', count: 500, updatedAt: T0 } }) })],
        }),
      ),
    );
    await waitFor(() => expect(bridge.getCacheRepositories).toHaveBeenCalledTimes(2));
  });

  it('looks repositories up on demand where the statistics do not list them', async () => {
    const { bridge } = show({ repositories: { source: 'on-demand', count: 0, updatedAt: null } });
    bridge.getCacheRepositories.mockResolvedValue({ source: 'on-demand', updatedAt: null, rows: makeColumns(0) });
    const lookup = await screen.findByTestId('cache-repo-lookup');
    const submit = within(lookup).getByTestId('lookup-submit') as HTMLButtonElement;
    fireEvent.change(within(lookup).getByTestId('lookup-project'), { target: { value: 'PLAT' } });
    fireEvent.change(within(lookup).getByTestId('lookup-slug'), { target: { value: 'bad/slug' } });
    expect(submit.disabled).toBe(true);
    fireEvent.change(within(lookup).getByTestId('lookup-slug'), { target: { value: 'repo-0499' } });
    fireEvent.click(submit);
    await waitFor(() => expect(screen.getByTestId('cache-repo-detail').dataset['repo']).toBe('PLAT/repo-0499'));
    expect(bridge.getCacheRepository).toHaveBeenCalledWith({ primaryId: 'prod', projectKey: 'PLAT', repoSlug: 'repo-0499' });
  });
});
