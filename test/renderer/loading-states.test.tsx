// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { makeCache, makeColumns } from './cache-fixtures';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { makeFarm } from './mirrors-fixtures';
import { renderApp } from './render';
import { useAppTestSetup } from './app-test-setup';

/** A bridge whose reads never answer while the test looks: a fleet answering in seconds, without timing. */
const never = <T,>(): Promise<T> => new Promise<T>(() => undefined);

function slowBridge() {
  const bridge = createFakeBridge();
  bridge.getCacheRepositories.mockImplementation(never);
  bridge.getCacheRepository.mockImplementation(never);
  bridge.getCacheHistory.mockImplementation(never);
  bridge.getAuditLog.mockImplementation(never);
  bridge.getSettings.mockImplementation(never);
  bridge.getMirrorRepos.mockImplementation(never);
  bridge.getMirrorHistory.mockImplementation(never);
  bridge.getMirrorProjects.mockImplementation(never);
  return bridge;
}

useAppTestSetup();

describe('every panel that waits for a read says so', () => {
  it('the repository table and the hit-ratio chart', async () => {
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ version: '8.19.5', cache: makeCache() })] }));
    renderApp(slowBridge());
    act(() => uiActions.showView('caches'));
    expect((await screen.findByTestId('cache-chart')).textContent).toMatch(/Loading the hit ratio history/);
    expect(within(screen.getByTestId('cache-repo-table')).getByRole('status').textContent).toMatch(/^Loading the repository caches/);
  });

  it('the cache repository detail, opened from the table or looked up', async () => {
    const bridge = slowBridge();
    bridge.getCacheRepositories.mockResolvedValue({ source: 'feed', updatedAt: T0 - 5_000, rows: makeColumns(3) });
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary({ version: '8.19.5', cache: makeCache() })] }));
    renderApp(bridge);
    act(() => uiActions.showView('caches'));
    const row = (await screen.findAllByTestId('cache-repo-row'))[0]!;
    const repo = row.dataset['repo']!;
    fireEvent.click(within(row).getByRole('button', { name: repo }));
    const detail = await screen.findByTestId('cache-repo-detail');
    expect(within(detail).getByRole('status').textContent).toBe(`Loading the caches of ${repo}…`);
    cleanup();

    fleetActions.receiveSnapshot(
      makeSnapshot({ primaries: [makePrimary({ version: '8.19.5', cache: makeCache({ repositories: { source: 'on-demand', count: 0, updatedAt: null } }) })] }),
    );
    const onDemand = slowBridge();
    onDemand.getCacheRepositories.mockResolvedValue({ source: 'on-demand', updatedAt: null, rows: makeColumns(0) });
    renderApp(onDemand);
    act(() => uiActions.showView('caches'));
    const lookup = await screen.findByTestId('cache-repo-lookup');
    fireEvent.change(within(lookup).getByTestId('lookup-project'), { target: { value: 'WEB' } });
    fireEvent.change(within(lookup).getByTestId('lookup-slug'), { target: { value: 'web-ui' } });
    fireEvent.click(within(lookup).getByTestId('lookup-submit'));
    expect((await within(lookup).findByRole('status')).textContent).toBe('Looking up the caches of WEB/web-ui…');
  });

  it('the Activity log and Settings', async () => {
    fleetActions.receiveSnapshot(makeSnapshot());
    renderApp(slowBridge());
    act(() => uiActions.showView('activity'));
    expect((await screen.findByRole('status', { name: '' })).textContent).toMatch(/^Loading the audit log/);
    act(() => uiActions.showView('settings'));
    expect((await screen.findByText(/^Loading the settings/)).getAttribute('role')).toBe('status');
  });

  it('the mirror farm: its project names and the lag chart', async () => {
    const farm = makeFarm();
    fleetActions.receiveSnapshot(makeSnapshot({ mirrorFarms: [farm] }));
    renderApp(slowBridge());
    act(() => uiActions.showView('mirrors'));
    const card = (await screen.findAllByTestId('farm-card'))[0]!;
    expect(within(card).getByTestId('farm-projects').textContent).toBe('Synchronizes: 2 projects (loading their names…)');
    expect(within(card).getByRole('status').textContent).toMatch(/^Loading the /);
  });
});
