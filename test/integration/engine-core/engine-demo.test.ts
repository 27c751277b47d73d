import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import { requestSchemas } from '../../../shared/contract/contract';
import { countNodesUp } from '../../../shared/logic/nodes';
import type { Primary } from '../../../shared/model';
import { pollAndWait as pollAndWaitOn } from '../../helpers/poll-and-wait';

// Far above a healthy poll on a loaded CI machine, so only the slow fault crosses it.
const SLOW_MS = 2_000;
const DELAY_MS = 2_500;

let fleet: DemoFleet;
let host: Awaited<ReturnType<typeof startFleetHost>>;

beforeEach(async () => {
  fleet = await startDemoFleet({ primaries: 2, reposPerPrimary: 120 });
  const config = fleetConfigSchema.parse(demoFleetConfig(fleet, { pollIntervalSeconds: 60 }));
  host = await startFleetHost({ config, dataDir: ':memory:', demo: fleet, engine: { slowThresholdMs: SLOW_MS, publishDelayMs: 0 } });
  await host.engine.firstPoll();
});
afterEach(async () => {
  await host.stop();
});

const pollAndWait = (id: string): Promise<Primary> => pollAndWaitOn(host, id);

describe('engine against the simulated fleet', () => {
  it('polls version, cluster nodes, per-node status and the repository inventory', () => {
    const [a, b] = host.engine.snapshot().primaries;
    for (const p of [a!, b!]) {
      expect(p.status).toBe('up');
      expect(p.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(p.nodes).toHaveLength(3);
      expect(p.nodes.every((n) => n.status === 'up' && n.clusterMember && n.state === 'RUNNING' && n.buildVersion === p.version)).toBe(true);
      expect(p.repositories!.total).toBeGreaterThanOrEqual(120);
      expect(p.repositories!.projects).toBeGreaterThan(5);
      expect(p.lastError).toBeNull();
      expect(p.lastSuccessAt).not.toBeNull();
    }
    // The simulated fleet back-fills its past too: the newest point is this walk's, or the poll's
    // that ended after it (each poll records the last count again; the walk is its own job).
    expect(host.engine.history(a!.id, 'repos.total', 3600, 100).at(-1)).toEqual([Math.max(a!.inventoryAt!, a!.lastPollAt!), a!.repositories!.total]);
  });

  it('turns each fault into the right status and message, keeps last good data, leaves the other primary alone, and recovers', async () => {
    const [a, b] = fleet.primaries;
    const good = host.engine.snapshot().primaries.find((p) => p.id === a!.id)!;
    const node = a!.nodes[1]!.name;

    fleet.setFault(a!.id, { kind: 'node-down', node }, true);
    let p = await pollAndWait(a!.id);
    expect(p.status).toBe('degraded');
    expect(p.nodes.find((n) => n.name === node)).toMatchObject({ status: 'down', clusterMember: false });
    expect(p.nodes.find((n) => n.name === node)!.message).toMatch(/refused/i);
    expect(p.statusMessage).toMatch(new RegExp(`1 of 3 nodes not serving: ${node}`));
    fleet.setFault(a!.id, { kind: 'node-down', node }, false);
    await new Promise((r) => setTimeout(r, 50));

    fleet.setFault(a!.id, { kind: 'server-error' }, true);
    p = await pollAndWait(a!.id);
    expect(p.status).toBe('down');
    expect(p.lastError).toMatchObject({ code: 'server-error', httpStatus: 500 });
    expect(p.repositories).toEqual(good.repositories);
    expect(p.version).toBe(good.version);
    fleet.setFault(a!.id, { kind: 'server-error' }, false);

    fleet.setFault(a!.id, { kind: 'html-login' }, true);
    p = await pollAndWait(a!.id);
    expect(p.status).toBe('unknown');
    expect(p.lastError!.code).toBe('html');
    expect(p.lastError!.message).toMatch(/HTML page instead of JSON/);
    fleet.setFault(a!.id, { kind: 'html-login' }, false);

    fleet.setFault(a!.id, { kind: 'slow', delayMs: DELAY_MS }, true);
    p = await pollAndWait(a!.id);
    expect(p.status).toBe('degraded');
    expect(p.statusMessage).toMatch(/Slow/);
    fleet.setFault(a!.id, { kind: 'slow' }, false);

    expect((await pollAndWait(b!.id)).status).toBe('up');
    p = await pollAndWait(a!.id);
    expect(p.status).toBe('up');
    expect(p.lastError).toBeNull();
    expect(p.nodes.every((n) => n.status === 'up')).toBe(true);
  });

  it('calls slow RUNNING nodes degraded with their measured time, never down, and counts them as up', async () => {
    const [a] = fleet.primaries;
    fleet.setFault(a!.id, { kind: 'slow', delayMs: DELAY_MS }, true);
    const p = await pollAndWait(a!.id);
    expect(p.status).toBe('degraded');
    expect(p.nodes).toHaveLength(3);
    for (const n of p.nodes) {
      expect(n).toMatchObject({ status: 'degraded', state: 'RUNNING' });
      expect(n.responseMs).toBeGreaterThanOrEqual(DELAY_MS);
      expect(n.message).toMatch(/^Slow: \/status answered in \d\.\d s \(threshold 2\.0 s\)$/);
    }
    expect(p.statusMessage).not.toMatch(/not serving/);
    expect(p.statusMessage).toMatch(/3 of 3 nodes slow/);
    expect(countNodesUp(p.nodes)).toBe(3);
    const up = host.engine.history(a!.id, 'nodes.up', 3600, 100);
    expect(up.at(-1)?.[1]).toBe(3);
    fleet.setFault(a!.id, { kind: 'slow' }, false);
  });

  it('answers demo requests and refuses unknown targets', async () => {
    const state = await host.handlers.getDemoState({});
    expect(state.primaries).toHaveLength(2);
    await expect(host.handlers.setDemoFault({ targetId: 'nope', fault: { kind: 'html-login' }, enabled: true })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(host.handlers.getHistory({ targetId: 'nope', metric: 'repos.total', rangeSeconds: 60, maxPoints: 10 })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('changes the demo speed mid-run: the state says it, time carries on, the timeline records it', async () => {
    const before = fleet.state().speed;
    const ahead = await host.handlers.setDemoSpeed({ speed: 60 });
    expect(ahead.speed).toBe(60);
    expect((await host.handlers.getDemoState({})).speed).toBe(60);
    await host.handlers.setDemoSpeed({ speed: 1 });
    const { events } = await host.handlers.getEvents({ kinds: ['demo-fault'], includeDemo: true, order: 'desc', limit: 10 });
    expect(events.map((e) => e.text).slice(0, 2)).toEqual(['Demo speed changed from ×60 to ×1', `Demo speed changed from ×${before} to ×60`]);
    expect(events.every((e) => e.demo)).toBe(true);
    // The contract keeps the speed to what a presenter may pick.
    expect(() => requestSchemas.setDemoSpeed.args.parse({ speed: 61 })).toThrow();
    expect(() => requestSchemas.setDemoSpeed.args.parse({ speed: 0.5 })).toThrow();
  });
});
