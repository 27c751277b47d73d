import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { demoScenarios } from '../../../electron/demo/scenarios/catalog';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { FleetHost } from '../../../electron/host/host-types';
import type { DemoState } from '../../../shared/model';

// A scenario through the host's one dispatch, as both transports call it: its steps switch faults
// on the real simulated fleet, each recorded as a demo event, and every change is pushed.

let fleet: DemoFleet;
let host: FleetHost;
const pushed: DemoState[] = [];

beforeEach(async () => {
  fleet = await startDemoFleet({ reposPerPrimary: 60 });
  const config = fleetConfigSchema.parse(demoFleetConfig(fleet, { pollIntervalSeconds: 60 }));
  host = await startFleetHost({ config, dataDir: ':memory:', demo: fleet, scenarios: demoScenarios, engine: { publishDelayMs: 0 } });
  pushed.length = 0;
  host.on('demo', (s) => void pushed.push(s));
  await host.engine.firstPoll();
});
afterEach(async () => {
  await host.stop();
});

const ask = async (name: string, args: unknown): Promise<DemoState> => {
  const outcome = await host.dispatch(name, args);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.value as DemoState;
};

describe('demo scenarios through the host', () => {
  it('steps switch faults as demo events, the state is pushed, and resetDemo leaves a healthy fleet', async () => {
    const started = await ask('startDemoScenario', { name: 'sao-paulo-slow-clones' });
    expect(started.scenarios?.map((s) => s.name)).toEqual(['ci-clone-storm', 'sao-paulo-slow-clones', 'storage-node-lost', 'bad-deploy-one-node']);
    expect(started.scenario).toMatchObject({ name: 'sao-paulo-slow-clones', stepsDone: 0, nextIsManual: true });

    await ask('controlDemoScenario', { command: 'step' });
    const second = await ask('controlDemoScenario', { command: 'step' });
    expect(second.scenario).toMatchObject({ stepsDone: 2, view: '/caches', error: null });
    expect(second.mirrors?.farms.find((f) => f.name === 'São Paulo office mirror')?.faults.behind).toBe(true);
    expect(second.cache?.primaries.find((p) => p.id === 'prod-eu')?.faults.diskFull).toBe(true);
    expect(pushed.at(-1)?.scenario?.stepsDone).toBe(2);

    const events = await host.dispatch('getEvents', { kinds: ['demo-fault'], order: 'asc' });
    if (!events.ok) throw new Error(events.error.message);
    const texts = (events.value as { events: Array<{ text: string; demo: boolean }> }).events;
    expect(texts.every((e) => e.demo)).toBe(true);
    expect(texts.map((e) => e.text)).toEqual([
      expect.stringContaining('mirror-farm-behind switched on') as string,
      'Demo fault cache-disk-full switched on on prod-eu',
    ]);

    const reset = await ask('resetDemo', {});
    expect(reset.scenario).toBeNull();
    expect(reset.mirrors?.farms.every((f) => !f.faults.behind)).toBe(true);
    expect(reset.cache?.primaries.every((p) => !p.faults.diskFull)).toBe(true);
    expect(pushed.at(-1)?.scenario).toBeNull();
  });

  it('refuses an unknown scenario with the names, and commands when none runs', async () => {
    const unknown = await host.dispatch('startDemoScenario', { name: 'nope' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(JSON.stringify(unknown)).toContain('The scenarios are: ci-clone-storm, sao-paulo-slow-clones, storage-node-lost, bad-deploy-one-node');
    const idle = await host.dispatch('controlDemoScenario', { command: 'step' });
    expect(idle).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('No scenario is running') as string } });
  });

  it('refuses the scenario requests to a viewer', async () => {
    const outcome = await host.dispatch('resetDemo', {}, { name: 'bob', role: 'viewer' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
