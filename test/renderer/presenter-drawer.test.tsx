// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetApiError } from '../../shared/contract';
import type { DemoState } from '../../shared/model';
import { faultGroups, searchFaultGroups } from '../../renderer/features/demo/fault-groups';
import { presenterActions } from '../../renderer/features/demo/presenter-store';
import { SHORTCUTS } from '../../renderer/app/shortcuts';
import { demoActions } from '../../renderer/state/demo.store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { makeDemoState, makeSnapshot, T0 } from './fixtures';
import { makeStorageDemo } from './storage-fixtures';
import { renderApp } from './render';

const demoSnapshot = makeSnapshot({ engine: { startedAt: T0, pollIntervalSeconds: 15, demo: true } });

/** A fleet with a fault of every area, as the demo fleet reports it. */
const fullState = (over: Partial<DemoState> = {}): DemoState =>
  makeDemoState({
    primaries: [
      {
        id: 'prod',
        name: 'Production',
        nodes: ['bb-node-1', 'bb-node-2'],
        faults: { nodesDown: ['bb-node-2'], slowMs: 2000, serverError: false, htmlLogin: true },
      },
      { id: 'dr', name: 'Disaster recovery', nodes: ['dr-node-1'], faults: { nodesDown: [], slowMs: 0, serverError: false, htmlLogin: false } },
    ],
    cache: {
      primaries: [
        {
          id: 'prod',
          name: 'Production',
          version: '8.19.5',
          refsSupported: false,
          listsRepositories: true,
          faults: { diskFull: true, pushStorm: false, oddBodies: false },
        },
      ],
    },
    mirrors: {
      farms: [
        {
          id: 'F1',
          primaryId: 'prod',
          name: 'EU CI farm',
          api: '9.x',
          mirrorType: 'FARM',
          registration: 'accepted',
          nodes: ['mirror-eu-1', 'mirror-eu-2'],
          faults: { nodesOffline: [], failing: [], behind: true, hashMismatch: [] },
        },
        {
          id: 'F2',
          primaryId: 'prod',
          name: 'Pending farm',
          api: '9.x',
          mirrorType: 'SINGLE',
          registration: 'pending',
          nodes: ['m'],
          faults: { nodesOffline: [], failing: [], behind: false, hashMismatch: [] },
        },
      ],
      primaries: [{ primaryId: 'prod', pendingRequests: 0, unavailable: null }],
    },
    storage: makeStorageDemo(),
    ...over,
  });

const input = (root: HTMLElement, testId: string, attrs: Record<string, string> = {}): HTMLInputElement => {
  const el = within(root)
    .getAllByTestId(testId)
    .find((e) => Object.entries(attrs).every(([k, v]) => e.getAttribute(`data-${k}`) === v));
  if (!(el instanceof HTMLInputElement)) throw new Error(`no ${testId} switch for ${JSON.stringify(attrs)}`);
  return el;
};

beforeEach(() => {
  fleetActions.reset();
  demoActions.reset();
  presenterActions.close();
});
afterEach(cleanup);

describe('fault groups', () => {
  it('group every fault per target: primary, SCM cache, mirroring, accepted farm, volume, storage cluster', () => {
    const groups = faultGroups(fullState());
    expect(groups.map((g) => [g.kind, g.targetId])).toEqual([
      ['primary', 'prod'],
      ['primary', 'dr'],
      ['cache', 'prod'],
      ['mirroring', 'prod'],
      ['farm', 'F1'],
      ['volume', 'gluster-demo'],
      ['cluster', 'gluster-demo'],
    ]);
    const prod = groups[0]!;
    expect(prod.items.map((i) => [i.label, i.on])).toEqual([
      ['bb-node-1 down', false],
      ['bb-node-2 down', true],
      ['Slow responses', true],
      ['5xx errors', false],
      ['HTML login page', true],
    ]);
    // Keys are unique within a group (React needs it) and ids across groups.
    for (const g of groups) expect(new Set(g.items.map((i) => i.key)).size).toBe(g.items.length);
    expect(new Set(groups.map((g) => g.id)).size).toBe(groups.length);
  });

  it('search by fault name, by target name or id, and by kind of target; every word must match', () => {
    const groups = faultGroups(fullState());
    const found = (q: string) => searchFaultGroups(groups, q).map((g) => [g.id, g.items.map((i) => i.label)]);
    expect(found('behind')).toEqual([['farm:F1', ['Falling behind (queue grows)']]]);
    expect(found('disaster')).toEqual([['primary:dr', ['dr-node-1 down', 'Slow responses', '5xx errors', 'HTML login page']]]);
    expect(found('cache disk')).toEqual([['cache:prod', ['Disk nearly full']]]);
    expect(found('bbshared split')).toEqual([['volume:gluster-demo:bbshared', ['Split-brain']]]);
    expect(found('DR-NODE-1')).toEqual([['primary:dr', ['dr-node-1 down']]]);
    expect(found('no such thing')).toEqual([]);
    expect(searchFaultGroups(groups, '   ')).toHaveLength(groups.length);
  });
});

describe('the presenter drawer', () => {
  it('is absent, with its button and shortcut, when watching a real fleet', () => {
    fleetActions.receiveSnapshot(makeSnapshot());
    demoActions.receive(fullState());
    renderApp();
    expect(screen.queryByTestId('open-presenter')).toBeNull();
    fireEvent.keyDown(window, { key: 'p' });
    expect(screen.queryByTestId('presenter-drawer')).toBeNull();
  });

  it('opens from the header and with P, closes with Esc; the shortcut is in the help', () => {
    fleetActions.receiveSnapshot(demoSnapshot);
    demoActions.receive(fullState());
    renderApp();
    // Seven faults on: three on prod, the disk guard, the farm behind, a brick down, a split-brain.
    expect(screen.getByTestId('presenter-faults-on').textContent).toBe('7');
    fireEvent.click(screen.getByTestId('open-presenter'));
    const drawer = screen.getByTestId('presenter-drawer');
    expect(document.activeElement).toBe(screen.getByTestId('fault-search'));
    fireEvent.keyDown(drawer, { key: 'Escape' });
    expect(screen.queryByTestId('presenter-drawer')).toBeNull();
    fireEvent.keyDown(window, { key: 'p' });
    expect(screen.getByTestId('presenter-drawer')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'P' });
    expect(screen.queryByTestId('presenter-drawer')).toBeNull();
    expect(SHORTCUTS.some((s) => s.keys === 'P' && /presenter/i.test(s.does))).toBe(true);
  });

  it('shows each group as switches saying on or off, and a search narrows them', () => {
    fleetActions.receiveSnapshot(demoSnapshot);
    demoActions.receive(fullState());
    renderApp();
    fireEvent.click(screen.getByTestId('open-presenter'));
    const drawer = screen.getByTestId('presenter-drawer');
    expect(
      within(drawer)
        .getAllByTestId('fault-group')
        .map((g) => g.dataset['kind']),
    ).toEqual(['primary', 'primary', 'cache', 'mirroring', 'farm', 'volume', 'cluster']);
    const node2 = input(drawer, 'demo-node-down', { 'node-name': 'bb-node-2' });
    expect(node2.getAttribute('role')).toBe('switch');
    expect(node2.checked).toBe(true);
    expect(node2.closest('label')!.textContent).toMatch(/bb-node-2 down\s*on$/);
    expect(input(drawer, 'demo-node-down', { 'node-name': 'bb-node-1' }).closest('label')!.textContent).toMatch(/off$/);

    fireEvent.change(screen.getByTestId('fault-search'), { target: { value: 'glusterd down' } });
    const groups = within(drawer).getAllByTestId('fault-group');
    expect(groups.map((g) => g.dataset['kind'])).toEqual(['cluster']);
    expect(within(groups[0]!).getAllByRole('switch')).toHaveLength(1);
    fireEvent.change(screen.getByTestId('fault-search'), { target: { value: 'zzz' } });
    expect(screen.getByTestId('fault-search-empty').textContent).toMatch(/No fault or target matches “zzz”/);
  });

  it('switches a fault found by search through setDemoFault and follows the engine’s answer', async () => {
    fleetActions.receiveSnapshot(demoSnapshot);
    demoActions.receive(fullState());
    const { bridge } = renderApp();
    bridge.setDemoFault.mockResolvedValue(fullState({ cache: { primaries: [] } }));
    fireEvent.click(screen.getByTestId('open-presenter'));
    fireEvent.change(screen.getByTestId('fault-search'), { target: { value: '5xx disaster' } });
    const drawer = screen.getByTestId('presenter-drawer');
    fireEvent.click(input(drawer, 'demo-server-error', { 'primary-id': 'dr' }));
    expect(bridge.setDemoFault).toHaveBeenCalledWith({ targetId: 'dr', fault: { kind: 'server-error' }, enabled: true });
    // The requested value shows while the engine works, then the engine's (still off in its answer).
    expect(input(drawer, 'demo-server-error', { 'primary-id': 'dr' }).checked).toBe(true);
    await waitFor(() => expect(input(drawer, 'demo-server-error', { 'primary-id': 'dr' }).checked).toBe(false));
  });

  it('shows a failed switch in its group and reverts it', async () => {
    fleetActions.receiveSnapshot(demoSnapshot);
    demoActions.receive(fullState());
    const { bridge } = renderApp();
    bridge.setDemoFault.mockRejectedValue(new FleetApiError('not-available', 'The demo fleet is not running.'));
    fireEvent.click(screen.getByTestId('open-presenter'));
    const drawer = screen.getByTestId('presenter-drawer');
    fireEvent.click(input(drawer, 'demo-gluster-georep-faulty'));
    const error = await within(drawer).findByTestId('demo-error');
    expect(error.textContent).toBe('The demo fleet is not running.');
    expect(error.closest('[data-testid="fault-group"]')!.getAttribute('data-kind')).toBe('cluster');
    expect(input(drawer, 'demo-gluster-georep-faulty').checked).toBe(false);
  });

  it('follows pushed demo state', () => {
    fleetActions.receiveSnapshot(demoSnapshot);
    demoActions.receive(fullState());
    renderApp();
    fireEvent.click(screen.getByTestId('open-presenter'));
    const pushed = fullState();
    pushed.primaries[0]!.faults.nodesDown.push('bb-node-1');
    act(() => demoActions.receive(pushed));
    expect(input(screen.getByTestId('presenter-drawer'), 'demo-node-down', { 'node-name': 'bb-node-1' }).checked).toBe(true);
  });
});

describe('the simulation speed', () => {
  it('shows the speed of the demo state and changes it through setDemoSpeed', async () => {
    fleetActions.receiveSnapshot(demoSnapshot);
    demoActions.receive(fullState({ speed: 1 }));
    const { bridge } = renderApp();
    bridge.setDemoSpeed.mockResolvedValue(fullState({ speed: 30 }));
    fireEvent.click(screen.getByTestId('open-presenter'));
    const option = (s: number) => screen.getAllByTestId('demo-speed-option').find((b) => b.dataset['speed'] === String(s))!;
    expect(screen.getAllByTestId('demo-speed-option').map((b) => b.dataset['speed'])).toEqual(['1', '2', '5', '10', '30', '60']);
    expect(option(1).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(option(30));
    expect(bridge.setDemoSpeed).toHaveBeenCalledWith({ speed: 30 });
    expect(option(30).getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(screen.getByTestId('demo-speed').dataset['speed']).toBe('30'));
    expect(screen.getByTestId('demo-speed').textContent).toMatch(/×30/);
  });

  it('says why when the speed did not change, and shows the speed in force', async () => {
    fleetActions.receiveSnapshot(demoSnapshot);
    demoActions.receive(fullState({ speed: 5 }));
    const { bridge } = renderApp();
    bridge.setDemoSpeed.mockRejectedValue(new FleetApiError('not-available', 'The simulated fleet is not running in this Fleetscope.'));
    fireEvent.click(screen.getByTestId('open-presenter'));
    fireEvent.click(screen.getAllByTestId('demo-speed-option').find((b) => b.dataset['speed'] === '60')!);
    expect((await screen.findByTestId('demo-speed-error')).textContent).toMatch(/The speed did not change: The simulated fleet is not running/);
    expect(screen.getAllByTestId('demo-speed-option').find((b) => b.getAttribute('aria-pressed') === 'true')!.dataset['speed']).toBe('5');
  });
});
