// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FleetApiError } from '../../shared/contract';
import { formatTimestamp } from '../../shared/logic/units';
import type { CollectorLink, HostLink } from '../../shared/model';
import { connectStores } from '../../renderer/bridge/connect-stores';
import { fleetActions } from '../../renderer/state/fleet.store';
import { sessionActions, useSessionStore } from '../../renderer/state/session.store';
import { uiActions } from '../../renderer/state/ui.store';
import { useAppTestSetup } from './app-test-setup';
import { createFakeBridge, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

const LOCAL: HostLink = { mode: 'local', switchable: true, message: null };
const collector = (over: Partial<CollectorLink> = {}): CollectorLink => ({
  mode: 'collector',
  switchable: true,
  url: 'https://fleetscope.example.com:4780',
  name: 'fleetscope.example.com',
  caFile: null,
  tokenName: 'grafana',
  role: 'viewer',
  state: 'live',
  lastContactAt: T0 - 12_000,
  message: null,
  ...over,
});

function show(link: HostLink, view: 'overview' | 'settings' = 'overview') {
  const bridge = createFakeBridge();
  bridge.getSettings.mockRejectedValue(
    new FleetApiError('network', 'The team collector at https://fleetscope.example.com:4780 cannot be reached (ECONNREFUSED).'),
  );
  fleetActions.receiveSnapshot(makeSnapshot());
  sessionActions.receiveLink(link);
  const r = renderApp(bridge);
  act(() => uiActions.showView(view));
  return r;
}

useAppTestSetup();
beforeEach(() => {
  sessionActions.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('the team collector banner', () => {
  it('names the collector, the role and the last contact (relative, absolute on hover)', () => {
    show(collector());
    const banner = screen.getByTestId('collector-banner');
    expect(banner.dataset['state']).toBe('live');
    expect(within(banner).getByTestId('collector-name').textContent).toBe('fleetscope.example.com');
    expect(within(banner).getByTestId('collector-role').textContent).toBe('Viewer');
    const contact = within(banner).getByTestId('collector-last-contact');
    expect(contact.textContent).toBe('12 s ago');
    expect(contact.getAttribute('title')).toBe(formatTimestamp(T0 - 12_000));
    expect(banner.textContent).toContain('(grafana)');
    expect(screen.queryByTestId('collector-problem')).toBeNull();
  });

  it('says when the connection is lost and that it reconnects, and when the token was refused', () => {
    show(
      collector({
        state: 'reconnecting',
        role: 'admin',
        message: 'Lost the team collector at https://fleetscope.example.com:4780 (ECONNRESET); retrying in 4 s.',
      }),
    );
    const banner = screen.getByTestId('collector-banner');
    expect(banner.className).toContain('banner--warning');
    expect(within(banner).getByTestId('collector-role').textContent).toBe('Admin');
    expect(screen.getByTestId('collector-problem').textContent).toBe(
      ' — Connection lost, reconnecting; the data shown may be out of date. Lost the team collector at https://fleetscope.example.com:4780 (ECONNRESET); retrying in 4 s.',
    );
    act(() => sessionActions.receiveLink(collector({ state: 'refused', message: 'The team collector refused the token: enter a new one in Settings.' })));
    expect(screen.getByTestId('collector-banner').className).toContain('banner--critical');
    expect(screen.getByTestId('collector-problem').textContent).toContain('enter a new one in Settings');
  });

  it('is absent while the fleet is polled here', () => {
    show(LOCAL);
    expect(screen.queryByTestId('collector-banner')).toBeNull();
  });

  it('is filled by the bridge, which asks who the page is again when the collector or role changes', async () => {
    const bridge = createFakeBridge();
    bridge.getHostLink.mockResolvedValue(LOCAL);
    const stop = connectStores(bridge, { logger: { warn: vi.fn() } });
    await waitFor(() => expect(useSessionStore.getState().link).toEqual(LOCAL));
    expect(bridge.getSession).toHaveBeenCalledTimes(1);
    bridge.getSession.mockResolvedValue({ name: 'grafana', role: 'viewer' });
    act(() => bridge.emit('hostLink', collector()));
    await waitFor(() => expect(useSessionStore.getState().session).toEqual({ name: 'grafana', role: 'viewer' }));
    // Contact alone changes nobody's role.
    act(() => bridge.emit('hostLink', collector({ lastContactAt: T0 })));
    expect(useSessionStore.getState().link).toMatchObject({ lastContactAt: T0 });
    expect(bridge.getSession).toHaveBeenCalledTimes(2);
    stop();
  });
});

describe('Settings: where the fleet comes from', () => {
  it('connects to a team collector with URL, token and CA file, and forgets the token', async () => {
    const { bridge } = show(LOCAL, 'settings');
    const panel = screen.getByTestId('fleet-source');
    expect((within(panel).getByTestId('source-local') as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByTestId('collector-form')).toBeNull();
    fireEvent.click(within(panel).getByTestId('source-collector'));
    bridge.connectCollector.mockResolvedValue(collector());
    fireEvent.change(screen.getByTestId('collector-url'), { target: { value: 'https://fleetscope.example.com:4780/' } });
    fireEvent.change(screen.getByTestId('collector-token'), { target: { value: 'team-viewer-token-0123456789' } });
    fireEvent.change(screen.getByTestId('collector-ca'), { target: { value: ' /etc/ssl/team-ca.pem ' } });
    fireEvent.submit(screen.getByTestId('collector-form'));
    await waitFor(() =>
      expect(bridge.connectCollector).toHaveBeenCalledWith({
        url: 'https://fleetscope.example.com:4780/',
        token: 'team-viewer-token-0123456789',
        caFile: '/etc/ssl/team-ca.pem',
      }),
    );
    expect((screen.getByTestId('collector-token') as HTMLInputElement).value).toBe('');
  });

  it('shows why a connection was refused, next to the form', async () => {
    const { bridge } = show(LOCAL, 'settings');
    fireEvent.click(screen.getByTestId('source-collector'));
    bridge.connectCollector.mockRejectedValue(
      new FleetApiError('network', 'Cannot use the team collector at https://x.example.com: it refused the token. Nothing changed.'),
    );
    fireEvent.change(screen.getByTestId('collector-url'), { target: { value: 'https://x.example.com/' } });
    fireEvent.change(screen.getByTestId('collector-token'), { target: { value: 'wrong-token-0123456789' } });
    fireEvent.submit(screen.getByTestId('collector-form'));
    expect((await screen.findByTestId('collector-error')).textContent).toContain('refused the token. Nothing changed.');
  });

  it('switches back to polling after a confirmation, even as a viewer and while the collector is away', async () => {
    const { bridge } = show(collector({ state: 'reconnecting', message: 'Lost the team collector.' }), 'settings');
    act(() => sessionActions.receive({ name: 'grafana', role: 'viewer' }));
    expect(screen.getByTestId('fleet-source-connected').textContent).toContain('https://fleetscope.example.com:4780 as grafana (viewer)');
    // The collector's own Settings cannot be read, but the way back is there.
    expect(await screen.findByText(/cannot be reached \(ECONNREFUSED\)/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('source-local'));
    bridge.disconnectCollector.mockResolvedValue(LOCAL);
    fireEvent.click(screen.getByTestId('poll-myself'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.textContent).toContain('deletes its token from the vault');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Poll the fleet myself' }));
    await waitFor(() => expect(bridge.disconnectCollector).toHaveBeenCalledWith({}));
  });

  it('says the command line chose the source where Settings cannot change it', () => {
    show(collector({ switchable: false }), 'settings');
    expect(screen.getByTestId('fleet-source-fixed').textContent).toContain('serve --collector');
    expect(screen.queryByTestId('source-collector')).toBeNull();
  });
});
