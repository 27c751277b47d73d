// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FleetApiError } from '../../shared/contract';
import type { Alert, Silence } from '../../shared/model';
import { fleetActions } from '../../renderer/state/fleet.store';
import { sessionActions } from '../../renderer/state/session.store';
import { uiActions } from '../../renderer/state/ui.store';
import { ALERT_DISK_GUARD, ALERT_DOWN } from '../helpers/snapshot-fixtures';
import { useAppTestSetup } from './app-test-setup';
import { createFakeBridge, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

const down: Alert = { ...ALERT_DOWN, since: T0 - 60_000 };
const guard: Alert = { ...ALERT_DISK_GUARD, since: T0 - 60_000 };
const silence: Silence = {
  id: 's1',
  matcher: { targetId: 'prod', rule: 'cache-disk-guard' },
  createdBy: 'alice (desktop)',
  comment: '',
  startsAt: T0,
  endsAt: T0 + 3_600_000,
  expiredAt: null,
};

useAppTestSetup();
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(T0);
  sessionActions.reset();
  uiActions.setNotify(false);
});
afterEach(() => vi.useRealTimers());

const row = (id: string): HTMLElement => {
  const el = screen.getAllByTestId('alert').find((a) => a.dataset['alertId'] === id);
  if (!el) throw new Error(`no alert ${id}`);
  return el;
};

describe('alert list: lifecycle', () => {
  it('lists muted alerts after the live ones, dimmed, saying who acknowledged or silenced them until when', () => {
    fleetActions.receiveSnapshot(
      makeSnapshot({
        alerts: [
          { ...guard, silence },
          { ...down, ack: { by: 'bob (desktop)', at: T0 - 30_000, note: 'restarting' } },
          { ...down, id: 'eu:down', targetId: 'eu' },
        ],
      }),
    );
    renderApp();
    expect(screen.getAllByTestId('alert').map((a) => [a.dataset['alertId'], a.dataset['muted'] ?? null])).toEqual([
      ['eu:down', null],
      ['prod:cache-disk-guard', 'silenced'],
      ['prod:down', 'acknowledged'],
    ]);
    expect(screen.getByTestId('alerts').querySelector('h2')?.textContent).toBe('Alerts 1 and 2 muted');
    expect(within(row('prod:cache-disk-guard')).getByTestId('alert-mute').textContent).toMatch(/^Silenced by alice \(desktop\) until 2026-01-15 1\d:00:00/);
    expect(within(row('prod:down')).getByTestId('alert-mute').textContent).toBe('Acknowledged by bob (desktop) 30 s ago — restarting');
    expect(within(row('prod:cache-disk-guard')).getByRole('button', { name: 'Unsilence SCM caching switched itself off' })).toBeTruthy();
    expect(within(row('prod:down')).queryByRole('button', { name: /^Acknowledge/ })).toBeNull();
  });

  it('Acknowledge asks for a note and sends it; Silence sends the chosen matcher and duration', async () => {
    const bridge = createFakeBridge();
    const acknowledgeAlert = bridge.acknowledgeAlert.mockImplementation(async () => ({
      ok: true as const,
      auditId: 'a1',
      ack: { by: 'alice', at: T0, note: 'on it' },
    }));
    const silenceAlerts = bridge.silenceAlerts.mockImplementation(async () => ({ ok: true as const, auditId: 'a2', silence }));
    fleetActions.receiveSnapshot(makeSnapshot({ alerts: [down, guard] }));
    renderApp(bridge);
    fireEvent.click(within(row('prod:down')).getByRole('button', { name: 'Acknowledge Production is down…' }));
    fireEvent.change(within(row('prod:down')).getByLabelText('Note'), { target: { value: ' on it ' } });
    await act(async () => fireEvent.click(within(row('prod:down')).getByRole('button', { name: 'Acknowledge' })));
    expect(acknowledgeAlert).toHaveBeenCalledWith({ fingerprint: 'prod:down', note: 'on it' });
    expect(within(row('prod:down')).queryByLabelText('Note')).toBeNull();

    fireEvent.click(within(row('prod:cache-disk-guard')).getByRole('button', { name: 'Silence SCM caching switched itself off…' }));
    fireEvent.change(within(row('prod:cache-disk-guard')).getByLabelText('for'), { target: { value: '14400' } });
    await act(async () => fireEvent.click(within(row('prod:cache-disk-guard')).getByRole('button', { name: 'Silence' })));
    expect(silenceAlerts).toHaveBeenCalledWith({ matcher: { targetId: 'prod', rule: 'cache-disk-guard' }, durationSeconds: 14_400 });
  });

  it('shows the error of a refused action where it was started, and Unsilence while pending says so', async () => {
    const bridge = createFakeBridge();
    let release: (v: never) => void = () => undefined;
    const expireSilence = bridge.expireSilence.mockImplementation(() => new Promise((_resolve, reject) => (release = reject as (v: never) => void)));
    fleetActions.receiveSnapshot(makeSnapshot({ alerts: [{ ...guard, silence }] }));
    renderApp(bridge);
    fireEvent.click(within(row('prod:cache-disk-guard')).getByRole('button', { name: 'Unsilence SCM caching switched itself off' }));
    expect(within(row('prod:cache-disk-guard')).getByRole('button', { name: 'Unsilence SCM caching switched itself off' }).textContent).toBe('Unsilencing…');
    await act(async () =>
      release(new FleetApiError('not-found', 'No silence "s1" is in force (it may have expired already); reload the alert list.') as never),
    );
    expect(within(row('prod:cache-disk-guard')).getByRole('alert').textContent).toContain('No silence "s1" is in force');
    expect(expireSilence).toHaveBeenCalledWith({ silenceId: 's1' });
  });

  it('disables every lifecycle button for a viewer, with the reason', () => {
    fleetActions.receiveSnapshot(makeSnapshot({ alerts: [down] }));
    renderApp();
    act(() => sessionActions.receive({ name: 'grafana', role: 'viewer' }));
    const ack = within(row('prod:down')).getByRole('button', { name: 'Acknowledge Production is down…' }) as HTMLButtonElement;
    expect(ack.disabled).toBe(true);
    expect(ack.title).toContain('grafana may only view this Fleetscope');
  });
});
