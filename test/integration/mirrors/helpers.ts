import { demoFleetConfig, startDemoFleet, type DemoFleet, type DemoFleetOptions } from '../../../electron/demo';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { MirrorFarm, Snapshot } from '../../../shared/model';
import { BACK_TO_BACK_BUDGET } from '../../helpers/back-to-back-budget';

export type Host = Awaited<ReturnType<typeof startFleetHost>>;

/** A demo fleet with one primary and an engine watching it. */
export async function startMirrorsFleet(
  options: DemoFleetOptions = {},
  pollIntervalSeconds = 60,
  sweep: { mirrorSweepIntervalSeconds: number; mirrorSweepBudgetKBps: number } = { mirrorSweepIntervalSeconds: 0, mirrorSweepBudgetKBps: 1_000_000 },
): Promise<{ fleet: DemoFleet; host: Host }> {
  const fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 120, ...options });
  // By default the per-repository detail is swept in every poll, unpaced, so one poll shows a fault's effect.
  const config = fleetConfigSchema.parse({ ...demoFleetConfig(fleet, { pollIntervalSeconds }), ...sweep });
  const host = await startFleetHost({ config, dataDir: ':memory:', demo: fleet, engine: { publishDelayMs: 0, requestBudget: BACK_TO_BACK_BUDGET } });
  await host.engine.firstPoll();
  return { fleet, host };
}

/** Resolves with the first pushed snapshot that passes `test` (the current one counts too). */
export function snapshotWhere(host: Host, test: (s: Snapshot) => boolean, timeoutMs = 20_000): Promise<Snapshot> {
  const now = host.engine.snapshot();
  if (test(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(
          `no snapshot passed the test within ${timeoutMs} ms; last: ${JSON.stringify(host.engine.snapshot().mirrorFarms.map((f) => [f.name, f.status, f.repos]))}`,
        ),
      );
    }, timeoutMs);
    const off = host.on('snapshot', (s) => {
      if (test(s)) {
        clearTimeout(timer);
        off();
        resolve(s);
      }
    });
  });
}

/** Runs one mirrors cycle of the primary now and resolves with the snapshot after it. */
export async function repoll(host: Host, primaryId: string): Promise<Snapshot> {
  const before = Math.max(
    0,
    ...host.engine
      .snapshot()
      .mirrorFarms.filter((f) => f.primaryId === primaryId)
      .map((f) => f.lastPollAt ?? 0),
  );
  const started = Date.now();
  const next = snapshotWhere(
    host,
    (s) => s.mirrorFarms.filter((f) => f.primaryId === primaryId).every((f) => (f.lastPollAt ?? 0) > before) && Date.now() > started,
  );
  host.engine.pollNow(primaryId, 'mirrors');
  return next;
}

export const farmNamed = (s: Snapshot, name: RegExp): MirrorFarm => {
  const f = s.mirrorFarms.find((x) => name.test(x.name));
  if (!f) throw new Error(`no farm matching ${name} in ${s.mirrorFarms.map((x) => x.name).join(', ')}`);
  return f;
};

/** GET on the demo primary with its admin credential. */
export async function primaryGet(fleet: DemoFleet, path: string): Promise<{ status: number; body: unknown }> {
  const p = fleet.primaries[0]!;
  const res = await fetch(`${p.baseUrl}${path}`, {
    headers: { authorization: `Basic ${Buffer.from(`${p.admin.username}:${p.admin.password}`).toString('base64')}` },
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text) };
}

/** GET on a demo mirror with the primary's admin credential (mirrors authenticate against their upstream). */
export async function mirrorGet(fleet: DemoFleet, baseUrl: string, path: string): Promise<{ status: number; body: unknown }> {
  const p = fleet.primaries[0]!;
  const res = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Basic ${Buffer.from(`${p.admin.username}:${p.admin.password}`).toString('base64')}` },
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text) };
}

/** Switches a demo fault and resolves once the fleet reports the change (extension faults apply asynchronously). */
export function setFault(fleet: DemoFleet, targetId: string, fault: Parameters<DemoFleet['setFault']>[1], enabled: boolean): Promise<void> {
  return new Promise((resolve) => {
    const off = fleet.onChange(() => {
      off();
      resolve();
    });
    fleet.setFault(targetId, fault, enabled);
  });
}
