import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoFleet } from '../../../electron/demo';
import { repoll, snapshotWhere, startMirrorsFleet, type Host } from './helpers';

/** Paths the engine requested (undici's own channel: only the engine's client traffic). */
const seen: string[] = [];
const onRequest = (message: unknown): void => {
  seen.push((message as { request: { path: string } }).request.path.split('?')[0] ?? '');
};

const isDetail = (path: string): boolean => /\/rest\/mirroring\/latest\/(repos|supportInfo\/repoSyncStatus)$/.test(path);

describe('the mirror sweep: per-repository detail on its own period, the regular cycle fixed in size', () => {
  let fleet: DemoFleet | undefined;
  let host: Host | undefined;
  afterEach(async () => {
    unsubscribe('undici:request:create', onRequest);
    await host?.stop();
    await fleet?.stop();
    host = undefined;
    fleet = undefined;
  });

  it('sweeps once after the first poll, then polls without reading hashes or repoSyncStatus until the period ends', async () => {
    subscribe('undici:request:create', onRequest);
    ({ fleet, host } = await startMirrorsFleet({}, 3600, { mirrorSweepIntervalSeconds: 3600, mirrorSweepBudgetKBps: 100_000 }));
    const primaryId = fleet.primaries[0]!.id;
    // The first sweep starts after the first poll and triggers a poll that derives the repositories.
    const derived = await snapshotWhere(
      host,
      (s) => s.mirrorFarms.length > 0 && s.mirrorFarms.every((f) => f.detailSweep?.sweptAt != null && f.repos.inSync > 0),
    );
    const sweep = derived.mirrorFarms[0]!.detailSweep!;
    expect(sweep).toMatchObject({ intervalSeconds: 3600, budgetKBps: 100_000, running: false, error: null });
    expect(seen.filter(isDetail).length).toBeGreaterThan(0);

    const counts: number[] = [];
    for (let i = 0; i < 2; i++) {
      seen.length = 0;
      const after = await repoll(host, primaryId);
      counts.push(seen.length);
      expect(seen.filter(isDetail)).toEqual([]);
      // The states derived from the sweep stay, and it is still the same sweep.
      expect(after.mirrorFarms.map((f) => f.repos)).toEqual(derived.mirrorFarms.map((f) => f.repos));
      expect(after.mirrorFarms.map((f) => f.detailSweep?.sweptAt)).toEqual(derived.mirrorFarms.map((f) => f.detailSweep?.sweptAt));
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
