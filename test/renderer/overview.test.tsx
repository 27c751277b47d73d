// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fleetActions } from '../../renderer/state/fleet.store';
import { makeNode, makePrimary, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(T0);
  fleetActions.reset();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const card = (id: string): HTMLElement => {
  const el = screen.getAllByTestId('primary-card').find((c) => c.dataset['primaryId'] === id);
  if (!el) throw new Error(`no card for ${id}`);
  return el;
};

describe('Overview', () => {
  it('marks the app ready only once the first snapshot is in', () => {
    renderApp();
    expect(screen.getByTestId('app').dataset['appState']).toBe('loading');
    act(() => fleetActions.receiveSnapshot(makeSnapshot()));
    expect(screen.getByTestId('app').dataset['appState']).toBe('ready');
  });

  it('renders one card per primary with status, version, nodes and repository counts', () => {
    const degraded = makePrimary({
      id: 'dr',
      name: 'Disaster recovery',
      baseUrl: 'https://bb-dr.example.com',
      status: 'degraded',
      statusMessage: '1 of 2 nodes down: bb-node-2',
      version: '8.19.1',
      nodes: [
        makeNode(),
        makeNode({ id: 'n2', name: 'bb-node-2', status: 'down', state: null, buildVersion: null, responseMs: null, message: 'Connection refused' }),
      ],
    });
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary(), degraded] }));
    renderApp();

    expect(screen.getAllByTestId('primary-card')).toHaveLength(2);
    const prod = card('prod');
    expect(prod.dataset['status']).toBe('up');
    expect(within(prod).getByTestId('primary-status').textContent).toBe('Up');
    expect(within(prod).getByTestId('primary-version').textContent).toBe('9.4.2');
    expect(within(prod).getByTestId('repo-total').textContent).toBe('1,234');
    expect(within(prod).getByTestId('repo-total').dataset['value']).toBe('1234');
    expect(within(prod).getByTestId('repo-initialisationFailed').textContent).toBe('1');
    expect(within(prod).getByText('https://bitbucket.example.com')).toBeTruthy();
    expect(within(prod).queryByTestId('stale-marker')).toBeNull();
    expect(within(prod).queryByTestId('primary-error')).toBeNull();

    const dr = card('dr');
    expect(dr.dataset['status']).toBe('degraded');
    expect(within(dr).getByTestId('primary-status').textContent).toBe('Degraded');
    expect(within(dr).getByText('1 of 2 nodes down: bb-node-2')).toBeTruthy();
    const rows = within(dr).getAllByTestId('node-row');
    expect(rows.map((r) => [r.dataset['nodeName'], r.dataset['status']])).toEqual([
      ['bb-node-1', 'up'],
      ['bb-node-2', 'down'],
    ]);
    expect(rows[0]?.textContent).toContain('RUNNING');
    expect(rows[1]?.textContent).toContain('Connection refused');
    expect(within(rows[1] as HTMLElement).getByRole('img', { name: 'Status: down' })).toBeTruthy();
  });

  it('shows a stale marker, keeps the last data visible and shows the last error', () => {
    fleetActions.receiveSnapshot(
      makeSnapshot({
        primaries: [
          makePrimary({
            status: 'down',
            stale: true,
            lastError: { code: 'timeout', message: 'No answer within 10 s', httpStatus: null, at: T0 - 5_000 },
          }),
        ],
      }),
    );
    renderApp();
    const prod = card('prod');
    expect(prod.classList.contains('is-stale')).toBe(true);
    expect(within(prod).getByTestId('stale-marker').textContent).toBe('Stale');
    const error = within(prod).getByTestId('primary-error');
    expect(error.textContent).toContain('timeout');
    expect(error.textContent).toContain('No answer within 10 s');
    expect(within(prod).getByTestId('repo-total').textContent).toBe('1,234');
  });

  it('shows the last poll as a ticking relative time and the poll duration', () => {
    fleetActions.receiveSnapshot(makeSnapshot());
    renderApp();
    expect(screen.getByTestId('last-poll').textContent).toBe('12 s ago');
    expect(screen.getByTestId('poll-duration').textContent).toBe('240 ms');
    act(() => vi.advanceTimersByTime(3_000));
    expect(screen.getByTestId('last-poll').textContent).toBe('15 s ago');
  });

  it('shows an empty state without primaries, and alerts when there are some', () => {
    fleetActions.receiveSnapshot(
      makeSnapshot({
        primaries: [],
        alerts: [{ id: 'a1', severity: 'critical', targetId: 'prod', title: 'Primary down', message: 'No answer', since: T0 - 60_000 }],
      }),
    );
    renderApp();
    expect(screen.getByTestId('empty-state').textContent).toContain('No primaries configured');
    const alert = screen.getByTestId('alert');
    expect(alert.dataset['severity']).toBe('critical');
    expect(alert.textContent).toContain('Primary down');
    expect(alert.textContent).toContain('1 min ago');
  });

  it('shows the connection state in the header and a banner when unauthorized', () => {
    renderApp();
    expect(screen.getByTestId('connection-state').dataset['state']).toBe('connecting');
    act(() => fleetActions.setConnection({ state: 'unauthorized', message: 'Open the URL printed by `fleetscope serve`.' }));
    expect(screen.getByTestId('connection-state').dataset['state']).toBe('unauthorized');
    expect(screen.getByRole('alert').textContent).toContain('fleetscope serve');
  });

  it('updates a card in place when its primary changes', () => {
    fleetActions.receiveSnapshot(makeSnapshot({ primaries: [makePrimary(), makePrimary({ id: 'dr', name: 'DR' })] }));
    renderApp();
    const drVersion = within(card('dr')).getByTestId('primary-version');
    act(() =>
      fleetActions.receiveSnapshot(makeSnapshot({ generatedAt: T0 + 1, primaries: [makePrimary(), makePrimary({ id: 'dr', name: 'DR', version: '9.5.0' })] })),
    );
    expect(within(card('dr')).getByTestId('primary-version')).toBe(drVersion);
    expect(drVersion.textContent).toBe('9.5.0');
  });

  it('says which cluster member each configured node is, and how it was matched (issue 11 item 1)', () => {
    const p = makePrimary({
      nodes: [
        makeNode({ name: 'bb-node-1', memberName: 'ip-10-0-1-11', address: '10.0.1.11:5701', matchedBy: 'address' }),
        makeNode({ id: 'n2', name: 'bb-node-2', memberName: 'bb-node-2', address: '10.0.1.12:5701', matchedBy: 'name' }),
        makeNode({ id: 'n3', name: 'bb-node-3', memberName: null, matchedBy: null, clusterMember: false, status: 'degraded' }),
      ],
    });
    renderApp();
    act(() => fleetActions.receiveSnapshot(makeSnapshot({ primaries: [p] })));
    const members = within(card('prod'))
      .getAllByTestId('node-member')
      .map((c) => c.textContent);
    expect(members).toEqual(['ip-10-0-1-11 at 10.0.1.11:5701 (matched by URL host)', 'bb-node-2 at 10.0.1.12:5701 (matched by name)', 'not a member']);
  });
});
