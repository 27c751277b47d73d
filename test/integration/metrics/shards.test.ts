import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/model';
import { demoFleetConfigYaml, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { startCollector, type CollectorProcess } from './collector-process';

/** Two collectors, `--shard 1/2` and `--shard 2/2`, over a simulated fleet of 10 primaries. */
let dir: string;
let fleet: DemoFleet;
let collectors: CollectorProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-shards-'));
  fleet = await startDemoFleet({ primaries: 10, reposPerPrimary: 20 });
  writeFileSync(join(dir, 'fleet.yaml'), demoFleetConfigYaml(fleet));
  collectors = await Promise.all(
    ['1/2', '2/2'].map((shard, i) =>
      startCollector(['serve', '--config', join(dir, 'fleet.yaml'), '--port', '0', '--data-dir', join(dir, `data-${i}`), '--shard', shard], {
        FLEETSCOPE_TOKEN: `shard-test-token-${i}-0123456789`,
      }),
    ),
  );
}, 90_000);

afterAll(async () => {
  await Promise.all(collectors.map((c) => c.stop()));
  await fleet?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The collector's snapshot once each of its primaries finished a poll. */
async function polled(c: CollectorProcess): Promise<Snapshot> {
  for (let i = 0; i < 120; i++) {
    const s = (await c.call('getSnapshot', {})).body as Snapshot;
    if (s.primaries.every((p) => p.lastPollAt !== null)) return s;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not every primary was polled:\n${c.output()}`);
}

describe('two collectors sharing a fleet of 10 primaries', () => {
  it('poll disjoint halves whose union is the fleet', async () => {
    const [a, b] = await Promise.all(collectors.map(polled));
    const idsA = a!.primaries.map((p) => p.id);
    const idsB = b!.primaries.map((p) => p.id);
    expect(idsA.length).toBeGreaterThan(0);
    expect(idsB.length).toBeGreaterThan(0);
    expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);
    expect([...idsA, ...idsB].sort()).toEqual(fleet.primaries.map((p) => p.id).sort());
    for (const s of [a!, b!]) for (const p of s.primaries) expect(['up', 'degraded']).toContain(p.status); // degraded: slow on a busy machine, but answering
    expect(collectors[0]!.output()).toMatch(new RegExp(`Shard 1/2: polling ${idsA.length} primaries`));
  });
});
