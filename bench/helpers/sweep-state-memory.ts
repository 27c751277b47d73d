/**
 * What the engine keeps after one complete mirror sweep at 10 × 50,000, built by hand at the
 * `scale` bench's sizes (issue 13, docs/scale.md, sessions 14 and 15): a fixed amount of work,
 * so a figure does not follow how far a loaded run got. Retained = heap used + ArrayBuffers after
 * two full collections.
 *
 *   nice -n 19 node --expose-gc --import tsx bench/helpers/sweep-state-memory.ts [TREE]
 *
 * TREE (default: this one) is the repository whose modules are measured, so A and B can run
 * alternately under the same load. Per primary: its upstream table (numeric ids, slugs `repo-N`,
 * 97 projects, 64-digit hashes), 2 farms of 3 nodes and 1 single mirror (7 node tables, every
 * repository present, 1 % with a differing content hash, dates within 10 minutes); the sweep
 * ends (`releaseHashes`, where the tree has it, as `sweepPrimary` calls it), then each farm is
 * derived once as `FarmState.derive` does after a sweep, its rows kept.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpuMs, mb, retained } from './retained-memory';

const PRIMARIES = 10;
const REPOS = 50_000;
const PROJECTS = 97;
const FARMS = [3, 3, 1];
const T = 1_800_000_000_000;

const tree = resolve(process.argv[2] ?? '.');
const mod = async <M>(path: string): Promise<M> => (await import(pathToFileURL(`${tree}/electron/engine/mirrors/${path}.ts`).href)) as M;

interface Table {
  add(repo: object): number;
  trim(): void;
  releaseHashes?: () => void;
}
const { UpstreamTable } = await mod<{ UpstreamTable: new (capacity: number) => Table }>('upstream-table');
const { SyncEntryTable } = await mod<{ SyncEntryTable: new (basis: Table) => { add(e: object): void } }>('sync-entry-table');
const { deriveFarm } = await mod<{ deriveFarm: (input: object) => { rows: unknown } }>('derive');

const hex = (s: string): string => createHash('sha256').update(s).digest('hex');

const base = retained();
const uppers: Table[] = [];
for (let p = 0; p < PRIMARIES; p++) {
  const t = new UpstreamTable(1024);
  for (let r = 0; r < REPOS; r++) {
    const id = String(p * 1_000_000 + r + 1);
    t.add({ id, slug: `repo-${r}`, projectKey: `P${r % PROJECTS}`, projectId: String(r % PROJECTS), content: hex(`c${id}`), metadata: hex(`m${id}`) });
  }
  t.trim();
  uppers.push(t);
}
const afterUpstream = retained();

let cpu = cpuMs();
const farms: { upstream: Table; nodes: unknown[] }[] = [];
for (let p = 0; p < PRIMARIES; p++) {
  for (const size of FARMS) {
    const nodes: unknown[] = [];
    for (let n = 0; n < size; n++) {
      const entries = new SyncEntryTable(uppers[p]!);
      for (let r = 0; r < REPOS; r++) {
        const id = String(p * 1_000_000 + r + 1);
        entries.add({
          repoId: id,
          slug: `repo-${r}`,
          initialSyncAt: T + ((r * 7919 + n) % 600_000),
          lastSyncAt: T + ((r * 104_729 + n) % 600_000),
          failedSyncCount: r % 100 === 0 ? 1 : 0,
          content: r % 100 === 0 ? hex(`other${id}`) : hex(`c${id}`),
          metadata: hex(`m${id}`),
        });
      }
      nodes.push({ ok: true, entries });
    }
    farms.push({ upstream: uppers[p]!, nodes });
  }
}
const fillMs = cpuMs() - cpu;
const afterNodes = retained();
for (const t of uppers) t.releaseHashes?.();
const afterRelease = retained();

cpu = cpuMs();
const rows: unknown[] = farms.map(
  (f) =>
    deriveFarm({
      now: T + 700_000,
      upstream: f.upstream,
      upstreamProblem: null,
      selection: null,
      initialSyncRunning: false,
      delayed: null,
      queued: null,
      nodes: f.nodes,
      toleranceMs: 45_000,
      pendingSince: f.nodes.map(() => new Map<string, number>()),
    }).rows,
);
const deriveMs = cpuMs() - cpu;
const afterFarms = retained();

console.log(
  `tree ${tree}, ${process.argv0} ${process.version}, load ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(`upstream tables (${PRIMARIES}) after the sweep: ${mb(afterUpstream - base)} before any node read`);
console.log(`node sync tables (${farms.reduce((s, f) => s + f.nodes.length, 0)}): ${mb(afterNodes - afterUpstream)}`);
console.log(`the sweep's end (hashes released where the tree does): ${mb(afterRelease - afterNodes)}`);
console.log(`farm rows (${farms.length} farms): ${mb(afterFarms - afterRelease)}`);
console.log(`total retained: ${mb(afterFarms - base)}; CPU filling the node tables ${fillMs.toFixed(0)} ms, deriving the farms ${deriveMs.toFixed(0)} ms`);
if (rows.length !== farms.length) throw new Error('a farm was not derived');
