// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { makeCache, makeColumns } from './cache-fixtures';
import { createFakeBridge, makePrimary, makeSnapshot, T0 } from './fixtures';
import { makeFarm } from './mirrors-fixtures';
import { renderApp } from './render';

const REQUEST = {
  id: '7',
  name: 'US-West CI mirror',
  mirrorId: '4f0e',
  baseUrl: 'https://mirror-usw.example.com',
  mirrorType: 'SINGLE' as const,
  productVersion: '9.4.2',
};

function show(view: 'caches' | 'mirrors', adminCredential: boolean) {
  const bridge = createFakeBridge();
  bridge.getCacheRepositories.mockResolvedValue({ source: 'feed', updatedAt: T0, rows: makeColumns(3) });
  bridge.getCacheHistory.mockResolvedValue({ all: [], clone: [], refs: [], v1: [], v2: [] });
  bridge.getMirrorHistory.mockResolvedValue({ points: [] });
  bridge.getMirrorProjects.mockResolvedValue({ projects: [{ id: '1', key: 'PLAT', name: 'Platform' }] });
  bridge.getMirrorRepos.mockResolvedValue({ farmId: 'f', polledAt: T0, nodes: [], total: 0, offset: 0, rows: [] });
  bridge.clearCache.mockResolvedValue({ ok: true, auditId: 'audit-1' });
  bridge.removeMirror.mockResolvedValue({ ok: true, auditId: 'audit-2' });
  bridge.acceptMirrorRequest.mockResolvedValue({ ok: true, auditId: 'audit-3' });
  bridge.setMirrorProjects.mockResolvedValue({ ok: true, auditId: 'audit-4' });
  fleetActions.receiveSnapshot(
    makeSnapshot({
      primaries: [makePrimary({ version: '8.19.5', adminCredential, cache: makeCache(), pendingMirrorRequests: [REQUEST] })],
      mirrorFarms: [makeFarm()],
    }),
  );
  const r = renderApp(bridge);
  act(() => uiActions.showView(view));
  return r;
}

const typeCredential = (dialog: HTMLElement, username: string, password: string): void => {
  fireEvent.change(within(dialog).getByTestId('one-time-username'), { target: { value: username } });
  fireEvent.change(within(dialog).getByTestId('one-time-password'), { target: { value: password } });
};

beforeEach(() => fleetActions.reset());
afterEach(() => {
  cleanup();
  act(() => uiActions.showView('overview'));
});

describe('the one-time admin credential, where the primary has none configured', () => {
  it('a cache action asks for it, refuses to run without it, and sends it in that action’s arguments only', async () => {
    const { bridge } = show('caches', false);
    const clearAll = screen.getByTestId('cache-clear-all') as HTMLButtonElement;
    expect(clearAll.disabled).toBe(false);
    fireEvent.click(clearAll);
    const dialog = screen.getByTestId('confirm-dialog');
    const fields = within(dialog).getByTestId('one-time-admin') as HTMLDetailsElement;
    expect(fields.open).toBe(true);
    expect(fields.textContent).toMatch(/Admin credential for Production, for this action only/);
    // Clearing every cache also wants the primary's name typed (issue 11, item 18).
    fireEvent.change(within(dialog).getByTestId('confirm-type'), { target: { value: 'Production' } });

    fireEvent.click(within(dialog).getByTestId('confirm-action'));
    expect(within(dialog).getByTestId('confirm-error').textContent).toMatch(/Production has no admin credential in the fleet config: enter an admin user name/);
    expect(bridge.clearCache).not.toHaveBeenCalled();

    typeCredential(dialog, ' ops-admin ', 's3cret pass');
    fireEvent.click(within(dialog).getByTestId('confirm-action'));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(bridge.clearCache).toHaveBeenCalledTimes(1);
    expect(bridge.clearCache.mock.calls[0]![0]).toEqual({ primaryId: 'prod', admin: { username: 'ops-admin', password: 's3cret pass' } });

    // The next action asks again: nothing of the credential stays in the UI.
    fireEvent.click(screen.getByTestId('cache-clear-all'));
    const again = screen.getByTestId('confirm-dialog');
    expect((within(again).getByTestId('one-time-username') as HTMLInputElement).value).toBe('');
    expect((within(again).getByTestId('one-time-password') as HTMLInputElement).value).toBe('');
  });

  it('mirror actions (authorize, remove, choose projects) carry it too', async () => {
    const { bridge } = show('mirrors', false);
    fireEvent.click(screen.getByTestId('authorize-request'));
    let dialog = screen.getByTestId('confirm-dialog');
    typeCredential(dialog, 'ops-admin', 'pw1');
    fireEvent.click(within(dialog).getByTestId('confirm-action'));
    await waitFor(() => expect(bridge.acceptMirrorRequest).toHaveBeenCalledTimes(1));
    expect(bridge.acceptMirrorRequest.mock.calls[0]![0]).toEqual({ primaryId: 'prod', requestId: '7', admin: { username: 'ops-admin', password: 'pw1' } });
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());

    fireEvent.click(screen.getByTestId('remove-mirror'));
    dialog = screen.getByTestId('confirm-dialog');
    typeCredential(dialog, 'ops-admin', 'pw2');
    fireEvent.click(within(dialog).getByTestId('confirm-action'));
    await waitFor(() => expect(bridge.removeMirror).toHaveBeenCalledTimes(1));
    const farm = makeFarm();
    expect(bridge.removeMirror.mock.calls[0]![0]).toEqual({ primaryId: 'prod', mirrorId: farm.mirrorId, admin: { username: 'ops-admin', password: 'pw2' } });
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());

    fireEvent.click(screen.getByTestId('choose-projects'));
    dialog = screen.getByTestId('confirm-dialog');
    fireEvent.click(within(dialog).getByTestId('project-mode-all'));
    typeCredential(dialog, 'ops-admin', 'pw3');
    fireEvent.click(within(dialog).getByTestId('confirm-action'));
    await waitFor(() => expect(bridge.setMirrorProjects).toHaveBeenCalledTimes(1));
    expect(bridge.setMirrorProjects.mock.calls[0]![0]).toMatchObject({ mode: 'ALL_PROJECTS', admin: { username: 'ops-admin', password: 'pw3' } });
  });

  it('is not offered where the primary has its admin credential, and the arguments carry no admin', async () => {
    const { bridge } = show('caches', true);
    fireEvent.click(screen.getByTestId('cache-clear-all'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(within(dialog).queryByTestId('one-time-admin')).toBeNull();
    fireEvent.change(within(dialog).getByTestId('confirm-type'), { target: { value: 'Production' } });
    fireEvent.click(within(dialog).getByTestId('confirm-action'));
    await waitFor(() => expect(bridge.clearCache).toHaveBeenCalledTimes(1));
    expect(Object.keys(bridge.clearCache.mock.calls[0]![0])).toEqual(['primaryId']);
  });
});
