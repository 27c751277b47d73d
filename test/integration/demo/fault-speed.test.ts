import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import type { SimClock } from '../../../electron/demo/sim-clock';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { DemoFault, Snapshot } from '../../../shared/model';
import { BACK_TO_BACK_BUDGET } from '../../helpers/back-to-back-budget';

type Host = Awaited<ReturnType<typeof startFleetHost>>;

/**
 * Issue 17 item 5: each fault's first visible effect within one poll of switching it on. The
 * simulated clock is frozen (injected), so nothing the fault shows can come from time passing:
 * the snapshot after the one poll that switching a fault on triggers must already show it.
 * The engine polls by itself only every 10 minutes here, so that poll is the only one.
 *
 * A fault whose effect clears only as simulated time passes once it is off (a farm that fell behind
 * applies the changes it held back a moment after it resumes) moves the held clock on by CATCH_UP_MS
 * after its case, polls once and checks it is healthy again: the next case, in any order, starts from
 * a healthy fleet (shuffled, the hash-mismatch case after the farm-behind one saw 17 repositories
 * still lagging).
 */
const POLL_INTERVAL_SECONDS = 600;
/** Past the longest a held-back change takes to apply once its farm resumes (1.5 + 6 s, push-blocks.ts). */
const CATCH_UP_MS = 10_000;

let fleet: DemoFleet;
let host: Host;
/** Simulated time stands still except when a case moves it on, after its fault is off again. */
let simulatedNow = Date.now();
const frozen: SimClock = { speed: 1, now: () => simulatedNow };

beforeAll(async () => {
  fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 120, clock: frozen });
  const config = fleetConfigSchema.parse(demoFleetConfig(fleet, { pollIntervalSeconds: POLL_INTERVAL_SECONDS }));
  host = await startFleetHost({
    config,
    dataDir: ':memory:',
    demo: fleet,
    engine: { publishDelayMs: 0, slowThresholdMs: 1500, requestBudget: BACK_TO_BACK_BUDGET },
  });
  await host.engine.firstPoll();
}, 60_000);
afterAll(async () => {
  await host?.stop();
});

/** Switches a fault through the host (as the UI and `setDemoFault` do) and resolves with the snapshot after the poll it triggers. */
function afterOnePoll(targetId: string, fault: DemoFault, enabled = true): Promise<Snapshot> {
  return afterPollOfAll(() => host.handlers.setDemoFault({ targetId, fault, enabled }));
}

/** Runs `trigger` and resolves with the first snapshot in which every target has polled since. */
async function afterPollOfAll(trigger: () => Promise<unknown>): Promise<Snapshot> {
  const polled = (s: Snapshot): number[] => [
    ...s.primaries.map((p) => p.lastPollAt ?? 0),
    ...s.mirrorFarms.map((f) => f.lastPollAt ?? 0),
    ...s.storage.map((x) => x.lastPollAt ?? 0),
  ];
  const before = polled(host.engine.snapshot());
  const next = new Promise<Snapshot>((resolve) => {
    const off = host.on('snapshot', (s) => {
      const now = polled(s);
      if (now.every((t, i) => t > (before[i] ?? 0))) {
        off();
        resolve(s);
      }
    });
  });
  await trigger();
  return next;
}

const primary = (s: Snapshot) => s.primaries[0]!;
const farm = (s: Snapshot) => s.mirrorFarms.find((f) => /farm/.test(f.name))!;
const storage = (s: Snapshot) => s.storage[0]!;
const volume = (s: Snapshot) => storage(s).volumes[0]!;

interface Case {
  fault: () => DemoFault;
  target: (s: Snapshot) => string;
  /** What the audience sees, read from the snapshot. */
  shows: (s: Snapshot) => unknown;
  /** What it was before the fault. */
  healthy: unknown;
  /** Brings the fleet to the healthy state first, when it does not start there. */
  prepare?: () => Promise<unknown>;
  /** Switched off, it clears only once simulated time passes: the case moves the clock on after it. */
  clearsWithTime?: true;
}

const demo = () => fleet.state();
const farmNodes = () => demo().mirrors!.farms.find((f) => /farm/.test(f.name))!.nodes;
const cluster = () => demo().storage!.clusters[0]!;

const cases = (): Array<[string, Case]> => [
  [
    'node-down',
    {
      fault: () => ({ kind: 'node-down', node: primary(host.engine.snapshot()).nodes[1]!.name }),
      target: (s) => primary(s).id,
      shows: (s) => primary(s).nodes[1]!.status,
      healthy: 'up',
    },
  ],
  ['slow', { fault: () => ({ kind: 'slow', delayMs: 2000 }), target: (s) => primary(s).id, shows: (s) => primary(s).status, healthy: 'up' }],
  ['server-error', { fault: () => ({ kind: 'server-error' }), target: (s) => primary(s).id, shows: (s) => primary(s).status, healthy: 'up' }],
  ['html-login', { fault: () => ({ kind: 'html-login' }), target: (s) => primary(s).id, shows: (s) => primary(s).status, healthy: 'up' }],
  [
    'cache-disk-full',
    { fault: () => ({ kind: 'cache-disk-full' }), target: (s) => primary(s).id, shows: (s) => primary(s).cache?.diskGuardTripped, healthy: false },
  ],
  ['cache-push-storm', { fault: () => ({ kind: 'cache-push-storm' }), target: (s) => primary(s).id, shows: (s) => pushStormShown(s), healthy: false }],
  [
    'cache-odd-bodies',
    { fault: () => ({ kind: 'cache-odd-bodies' }), target: (s) => primary(s).id, shows: (s) => (primary(s).cache?.problems.length ?? 0) > 0, healthy: false },
  ],
  [
    'mirror-node-offline',
    {
      fault: () => ({ kind: 'mirror-node-offline', node: farmNodes()[2]! }),
      target: (s) => farm(s).id,
      shows: (s) => farm(s).nodes.find((n) => n.name === farmNodes()[2])?.status,
      healthy: 'up',
    },
  ],
  [
    'mirror-hash-mismatch',
    {
      fault: () => ({ kind: 'mirror-hash-mismatch', node: farmNodes()[0]! }),
      target: (s) => farm(s).id,
      shows: (s) => farm(s).repos.failing + farm(s).repos.lagging > 0,
      healthy: false,
    },
  ],
  [
    'mirror-request',
    {
      fault: () => ({ kind: 'mirror-request' }),
      target: (s) => primary(s).id,
      shows: (s) => primary(s).pendingMirrorRequests.length,
      healthy: 0,
      prepare: () => afterOnePoll(primary(host.engine.snapshot()).id, { kind: 'mirror-request' }, false),
    },
  ],
  [
    'mirroring-unavailable',
    {
      fault: () => ({ kind: 'mirroring-unavailable' }),
      target: (s) => primary(s).id,
      shows: (s) => s.alerts.some((a) => a.id.startsWith(`mirrors:${primary(s).id}`) && /plugin|mirroring/i.test(a.message)),
      healthy: false,
    },
  ],
  [
    'mirror-repo-failing',
    { fault: () => ({ kind: 'mirror-repo-failing', node: farmNodes()[1]! }), target: (s) => farm(s).id, shows: (s) => farm(s).repos.failing, healthy: 0 },
  ],
  [
    'mirror-farm-behind',
    { fault: () => ({ kind: 'mirror-farm-behind' }), target: (s) => farm(s).id, shows: (s) => farm(s).repos.lagging > 0, healthy: false, clearsWithTime: true },
  ],
  [
    'gluster-brick-down',
    {
      fault: () => ({ kind: 'gluster-brick-down', volume: cluster().volumes[0]!.name, brick: cluster().volumes[0]!.bricks[1]! }),
      target: (s) => storage(s).id,
      shows: (s) => volume(s).bricks[1]!.status,
      healthy: 'up',
    },
  ],
  [
    'gluster-heal-backlog',
    {
      fault: () => ({ kind: 'gluster-heal-backlog', volume: cluster().volumes[0]!.name }),
      target: (s) => storage(s).id,
      shows: (s) => (volume(s).heal.pending ?? 0) > 0,
      healthy: false,
    },
  ],
  [
    'gluster-split-brain',
    {
      fault: () => ({ kind: 'gluster-split-brain', volume: cluster().volumes[0]!.name }),
      target: (s) => storage(s).id,
      shows: (s) => (volume(s).heal.splitBrain ?? 0) > 0,
      healthy: false,
    },
  ],
  [
    'gluster-disk-full',
    {
      fault: () => ({ kind: 'gluster-disk-full', volume: cluster().volumes[0]!.name }),
      target: (s) => storage(s).id,
      shows: (s) => Math.max(...volume(s).bricks.map((b) => b.usedPercent ?? 0)) > 90,
      healthy: false,
    },
  ],
  [
    'gluster-inodes-low',
    {
      fault: () => ({ kind: 'gluster-inodes-low', volume: cluster().volumes[0]!.name }),
      target: (s) => storage(s).id,
      shows: (s) => Math.min(...volume(s).bricks.map((b) => b.inodesFreePercent ?? 100)) < 10,
      healthy: false,
    },
  ],
  [
    'gluster-peer-disconnected',
    {
      fault: () => ({ kind: 'gluster-peer-disconnected', peer: cluster().peers[1]! }),
      target: (s) => storage(s).id,
      shows: (s) => storage(s).peers?.find((p) => p.hostname === cluster().peers[1])?.connected,
      healthy: true,
    },
  ],
  [
    'gluster-node-down',
    {
      fault: () => ({ kind: 'gluster-node-down', peer: cluster().peers[0]! }),
      target: (s) => storage(s).id,
      shows: (s) => storage(s).peers?.find((p) => p.hostname === cluster().peers[0])?.connected,
      healthy: true,
    },
  ],
  [
    'gluster-georep-faulty',
    {
      fault: () => ({ kind: 'gluster-georep-faulty' }),
      target: (s) => storage(s).id,
      shows: (s) => storage(s).geoReplication?.some((g) => /faulty/i.test(g.status)),
      healthy: false,
    },
  ],
  ['gluster-glusterd-down', { fault: () => ({ kind: 'gluster-glusterd-down' }), target: (s) => storage(s).id, shows: (s) => storage(s).status, healthy: 'up' }],
];

/** A push storm invalidates the busiest repositories' caches at once: pushes counted, entries dropped. */
function pushStormShown(s: Snapshot): boolean {
  return (primary(s).cache?.totals.size ?? 0) < cacheSizeBefore;
}
let cacheSizeBefore = 0;

describe('each demo fault shows within one poll of switching it on (frozen simulated clock)', () => {
  it.each(cases().map(([name]) => name))('%s', async (name) => {
    const [, c] = cases().find(([n]) => n === name)!;
    await c.prepare?.();
    const targetId = c.target(host.engine.snapshot());
    // Before the check: the size this case starts from, not the size the case before it started from.
    cacheSizeBefore = primary(host.engine.snapshot()).cache?.totals.size ?? 0;
    expect(c.shows(host.engine.snapshot())).toEqual(c.healthy);
    const fault = c.fault();
    const on = await afterOnePoll(targetId, fault, true);
    expect(c.shows(on)).not.toEqual(c.healthy);
    await afterOnePoll(targetId, fault, false);
    if (c.clearsWithTime) {
      simulatedNow += CATCH_UP_MS;
      const caughtUp = await afterPollOfAll(async () => host.engine.pollNow());
      expect(c.shows(caughtUp)).toEqual(c.healthy);
    }
  });
});
