// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoActions } from '../../renderer/state/demo.store';
import { presenterActions } from '../../renderer/features/demo/presenter-store';
import { fleetActions } from '../../renderer/state/fleet.store';
import { uiActions } from '../../renderer/state/ui.store';
import { makeDemoState, makeSnapshot, T0 } from './fixtures';
import { renderApp } from './render';
import { makeBrick, makeFinding, makeStorage, makeStorageDemo, makeVolume } from './storage-fixtures';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(T0);
  fleetActions.reset();
  demoActions.reset();
  presenterActions.close();
});
afterEach(() => {
  cleanup();
  uiActions.showView('overview');
  vi.useRealTimers();
});

const degraded = makeStorage({
  status: 'degraded',
  statusMessage: '2 of 2 volume(s) need attention',
  volumes: [
    makeVolume({
      status: 'degraded',
      verdict: 'degraded',
      verdictReason: 'Brick gluster2:/data/glusterfs/bbshared/brick1 is down',
      bricks: [
        makeBrick({ name: 'gluster1:/data/glusterfs/bbshared/brick1', host: 'gluster1' }),
        makeBrick({
          name: 'gluster2:/data/glusterfs/bbshared/brick1',
          host: 'gluster2',
          status: 'down',
          pid: null,
          port: null,
          heal: { status: 'Transport endpoint is not connected', connected: false, total: null, pending: null, splitBrain: null, possiblyHealing: null },
        }),
        makeBrick({ name: 'gluster3:/data/glusterfs/bbshared/brick1', host: 'gluster3', usedPercent: 93, sizeFree: 0.07 * 2 * 1024 ** 4 }),
      ],
      replicaSets: [
        {
          index: 0,
          name: 'bbshared-replicate-0',
          bricks: ['a', 'b', 'c'],
          up: 2,
          down: 1,
          unknown: 0,
          status: 'degraded',
          quorum: 'met',
          quorumRule: 'auto: at least 2 of 3 bricks up',
        },
      ],
      findings: [
        makeFinding(),
        makeFinding({ id: 'c', rule: 'heal-backlog', severity: 'info', title: '40 file(s) waiting to heal on bbshared (rising)', state: 'confirming' }),
      ],
    }),
    makeVolume({
      name: 'bbartifacts',
      type: 'Distributed-Replicate',
      verdict: 'critical',
      verdictReason: '3 file(s) in split-brain on bbartifacts',
      heal: {
        applicable: true,
        at: T0 - 10_000,
        pending: 2,
        splitBrain: 3,
        possiblyHealing: 0,
        trend: 'steady',
        error: null,
        splitBrainEntries: [
          { brick: 'gluster1:/data/glusterfs/bbartifacts/brick1', path: '/data/repositories/412/config', gfid: 'g1' },
          { brick: 'gluster2:/data/glusterfs/bbartifacts/brick1', path: '<gfid:g1>', gfid: 'g1' },
        ],
        splitBrainEntriesTruncated: false,
      },
      findings: [makeFinding({ id: 'sb', rule: 'split-brain', severity: 'critical', title: '3 file(s) in split-brain on bbartifacts', volume: 'bbartifacts' })],
    }),
  ],
  geoReplication: [
    {
      primaryVolume: 'bbshared',
      secondary: 'dr-gluster1::bbshared-dr',
      status: 'Faulty',
      pairs: [
        {
          primaryNode: 'gluster1',
          primaryBrick: '/data/glusterfs/bbshared/brick1',
          secondaryUser: 'root',
          secondary: 'dr-gluster1::bbshared-dr',
          secondaryNode: null,
          status: 'Faulty',
          crawlStatus: null,
          lastSynced: null,
          lagSeconds: null,
          entry: null,
          data: null,
          meta: null,
          failures: null,
          checkpointCompleted: null,
          checkpointTime: null,
        },
      ],
    },
  ],
  findings: [makeFinding({ id: 'peer', rule: 'peer-disconnected', title: 'Peer gluster3 is disconnected', volume: null })],
});

describe('Storage view', () => {
  it('says how to configure GlusterFS when there is none', () => {
    fleetActions.receiveSnapshot(makeSnapshot());
    renderApp();
    act(() => uiActions.showView('storage'));
    expect(screen.getByTestId('storage-empty').textContent).toMatch(/Add a storage: entry/);
  });

  it('shows each volume with its verdict, findings, replica sets and bricks, heal and quorum', async () => {
    fleetActions.receiveSnapshot(makeSnapshot({ storage: [degraded] }));
    const { bridge } = renderApp();
    bridge.getStorageHistory.mockResolvedValue({
      points: [
        [T0 - 60_000, 10],
        [T0 - 30_000, 40],
      ],
    });
    act(() => uiActions.showView('storage'));
    const source = screen.getByTestId('storage-source');
    expect(source.dataset['status']).toBe('degraded');
    expect(within(source).getByTestId('storage-status').textContent).toBe('Degraded');
    expect(source.textContent).toContain('SSH: root@gluster1:22');
    expect(source.textContent).toContain('13 commands');
    expect(within(screen.getByTestId('storage-cluster-findings')).getByText('Peer gluster3 is disconnected')).toBeTruthy();

    const cards = screen.getAllByTestId('volume-card');
    expect(cards.map((c) => [c.dataset['volume'], c.dataset['verdict']])).toEqual([
      ['bbshared', 'degraded'],
      ['bbartifacts', 'critical'],
    ]);
    const shared = cards[0]!;
    expect(within(shared).getByTestId('volume-verdict').textContent).toBe('Degraded');
    expect(within(shared).getByTestId('volume-verdict-reason').textContent).toBe('Brick gluster2:/data/glusterfs/bbshared/brick1 is down');
    const findings = within(shared).getAllByTestId('storage-finding');
    expect(findings.map((f) => [f.dataset['rule'], f.dataset['severity'], f.dataset['state']])).toEqual([
      ['brick-down', 'warning', 'raised'],
      ['heal-backlog', 'info', 'confirming'],
    ]);
    expect(findings[1]!.textContent).toMatch(/confirming on the next poll/);
    const bricks = within(shared).getAllByTestId('brick');
    expect(bricks.map((b) => b.dataset['status'])).toEqual(['up', 'down', 'up']);
    expect(bricks[1]!.textContent).toMatch(/offline \(pid -1, port N\/A\)/);
    expect(within(bricks[1]!).getByTestId('brick-heal').textContent).toMatch(/Transport endpoint is not connected/);
    expect(within(bricks[2]!).getByTestId('brick-capacity').dataset['value']).toBe('93');
    expect(within(shared).getByTestId('replica-set').dataset['quorum']).toBe('met');
    expect(within(shared).getByTestId('volume-quorum').textContent).toMatch(/Client quorumauto/);

    await waitFor(() => expect(within(shared).getByTestId('heal-chart').dataset['points']).toBe('2'));
    expect(bridge.getStorageHistory).toHaveBeenCalledWith(expect.objectContaining({ storageId: 'gluster-demo', volume: 'bbshared', metric: 'heal.pending' }));
    expect(bridge.getStorageHistory.mock.calls[0]![0].maxPoints).toBeGreaterThanOrEqual(3);

    const artifacts = cards[1]!;
    expect(within(artifacts).getByTestId('split-brain-list').dataset['count']).toBe('2');
    expect(within(artifacts).getByTestId('volume-heal').dataset['splitBrain']).toBe('3');

    const peers = screen.getAllByTestId('storage-peer');
    expect(peers.map((p) => [p.dataset['host'], p.dataset['connected']])).toEqual([
      ['gluster2', 'true'],
      ['gluster3', 'false'],
    ]);
    expect(screen.getByTestId('georep-session').dataset['status']).toBe('Faulty');
  });

  it('keeps the last good volumes visible when the cluster cannot be reached, marked stale, with the error', () => {
    const down = makeStorage({
      status: 'down',
      stale: true,
      statusMessage: 'glusterd on root@gluster1:22 is not answering',
      lastError: { code: 'refused', message: 'glusterd on root@gluster1:22 is not answering', httpStatus: null, at: T0 },
      volumes: [makeVolume({ verdict: 'unknown', verdictReason: 'No fresh data: glusterd on root@gluster1:22 is not answering' })],
    });
    fleetActions.receiveSnapshot(makeSnapshot({ storage: [down] }));
    renderApp();
    act(() => uiActions.showView('storage'));
    expect(screen.getByTestId('storage-stale')).toBeTruthy();
    expect(screen.getByTestId('storage-error').dataset['code']).toBe('refused');
    expect(screen.getByTestId('volume-card').dataset['verdict']).toBe('unknown');
    expect(screen.getAllByTestId('brick')).toHaveLength(3);
  });
});

describe('Storage on the Overview', () => {
  it('lists every volume with its verdict, worst first', () => {
    fleetActions.receiveSnapshot(makeSnapshot({ storage: [degraded] }));
    renderApp();
    const rows = screen.getAllByTestId('overview-volume');
    expect(rows.map((r) => [r.dataset['volume'], r.dataset['verdict']])).toEqual([
      ['bbartifacts', 'critical'],
      ['bbshared', 'degraded'],
    ]);
    expect(rows[0]!.textContent).toContain('Demo GlusterFS');
  });

  it('renders nothing without storage', () => {
    fleetActions.receiveSnapshot(makeSnapshot());
    renderApp();
    expect(screen.queryByTestId('storage-overview')).toBeNull();
  });
});

describe('Storage faults in the presenter drawer', () => {
  it('show the cluster’s switches as the demo state says, and switch a brick through setDemoFault', async () => {
    fleetActions.receiveSnapshot(makeSnapshot({ engine: { startedAt: T0, pollIntervalSeconds: 15, demo: true }, storage: [makeStorage()] }));
    demoActions.receive(makeDemoState({ storage: makeStorageDemo() }));
    const { bridge } = renderApp();
    // The engine answers with the demo state; keep the cluster in it so the switches stay.
    bridge.setDemoFault.mockResolvedValue(makeDemoState({ storage: makeStorageDemo() }));
    fireEvent.click(screen.getByTestId('open-presenter'));
    const group = screen.getByTestId('presenter-drawer');
    const brick = (name: string): HTMLInputElement =>
      within(group)
        .getAllByTestId('demo-gluster-brick-down')
        .find((e) => e.getAttribute('data-node-name') === name) as HTMLInputElement;
    expect(brick('gluster1:/b/1').checked).toBe(false);
    expect(brick('gluster2:/b/1').checked).toBe(true);
    expect((within(group).getByTestId('demo-gluster-split-brain') as HTMLInputElement).checked).toBe(true);
    expect((within(group).getByTestId('demo-gluster-georep-faulty') as HTMLInputElement).checked).toBe(false);
    fireEvent.click(brick('gluster1:/b/1'));
    await waitFor(() => expect(bridge.setDemoFault).toHaveBeenCalledTimes(1));
    expect(bridge.setDemoFault).toHaveBeenCalledWith({
      targetId: 'gluster-demo',
      fault: { kind: 'gluster-brick-down', volume: 'bbshared', brick: 'gluster1:/b/1' },
      enabled: true,
    });
    fireEvent.click(within(group).getByTestId('demo-gluster-glusterd-down'));
    await waitFor(() => expect(bridge.setDemoFault).toHaveBeenCalledTimes(2));
    expect(bridge.setDemoFault.mock.calls[1]![0]).toEqual({ targetId: 'gluster-demo', fault: { kind: 'gluster-glusterd-down' }, enabled: true });
  });
});
