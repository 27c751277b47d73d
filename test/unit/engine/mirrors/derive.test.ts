import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveFarm, worstState, type DeriveInput } from '../../../../electron/engine/mirrors/derive';
import { isGrowing } from '../../../../electron/engine/mirrors/farm-state';
import type { NodeSyncData, SyncEntry, UpstreamRepo } from '../../../../electron/engine/mirrors/normalise-mirror';

const T = 1_800_000_000_000;
const h = (n: number): string => n.toString(16).padStart(64, '0');
const up = (id: string, projectId: string, content: number): UpstreamRepo => ({
  id,
  slug: `repo-${id}`,
  projectKey: `P${projectId}`,
  projectId,
  content: h(content),
  metadata: h(1000),
});
const entry = (repoId: string, content: number | null, over: Partial<SyncEntry> = {}): SyncEntry => ({
  repoId,
  slug: `repo-${repoId}`,
  initialSyncAt: T - 86_400_000,
  lastSyncAt: T - 60_000,
  failedSyncCount: 0,
  content: content === null ? null : h(content),
  metadata: h(1000),
  ...over,
});
const node = (...entries: SyncEntry[]): NodeSyncData => ({ ok: true, entries: new Map(entries.map((e) => [e.repoId, e])) });

function input(over: Partial<DeriveInput>): DeriveInput {
  return {
    now: T,
    upstream: new Map([
      ['1', up('1', '10', 1)],
      ['2', up('2', '10', 2)],
      ['3', up('3', '20', 3)],
    ]),
    upstreamProblem: null,
    selection: { mode: 'SELECTED_PROJECTS', projectIds: ['10'] },
    initialSyncRunning: false,
    delayed: new Set(),
    queued: new Set(),
    nodes: [],
    toleranceMs: 60_000,
    pendingSince: [],
    ...over,
  };
}

const stateOf = (out: ReturnType<typeof deriveFarm>, repoId: string, n = 0) => out.rows.find(repoId)?.nodes[n]?.state;

describe('per-repository state per node (reference §7)', () => {
  it('IN_SYNC when hashes match, NOT_MIRRORED when the project is not selected', () => {
    const out = deriveFarm(input({ nodes: [node(entry('1', 1), entry('2', 2))], pendingSince: [new Map()] }));
    expect(stateOf(out, '1')).toBe('IN_SYNC');
    expect(stateOf(out, '2')).toBe('IN_SYNC');
    expect(stateOf(out, '3')).toBe('NOT_MIRRORED');
    expect(out.farm).toEqual({ inSync: 2, syncing: 0, lagging: 0, failing: 0, notMirrored: 1, unknown: 0 });
    expect(out.lagSeconds).toBe(0);
  });

  it('FAILING when the hash differs and the node counts failed syncs', () => {
    const out = deriveFarm(input({ nodes: [node(entry('1', 0, { failedSyncCount: 3 }), entry('2', 2))], pendingSince: [new Map()] }));
    expect(stateOf(out, '1')).toBe('FAILING');
    expect(out.rows.row(0).nodes[0]!.reason).toMatch(/3 failed syncs/);
  });

  it('failed syncs alone, with matching hashes, are not FAILING (the last attempt caught up)', () => {
    const out = deriveFarm(input({ nodes: [node(entry('1', 1, { failedSyncCount: 3 }), entry('2', 2))], pendingSince: [new Map()] }));
    expect(stateOf(out, '1')).toBe('IN_SYNC');
  });

  it('LAGGING when listed on delayed-sync; SYNCING when queued or recent; LAGGING beyond the tolerance', () => {
    const pending = new Map([['2', T - 120_000]]);
    const out = deriveFarm(input({ delayed: new Set(['1']), nodes: [node(entry('1', 0), entry('2', 0))], pendingSince: [pending] }));
    expect(stateOf(out, '1')).toBe('LAGGING');
    expect(stateOf(out, '2')).toBe('LAGGING');
    expect(out.lagSeconds).toBe(120);

    const fresh = deriveFarm(input({ queued: new Set(['1']), nodes: [node(entry('1', 0), entry('2', 0))], pendingSince: [new Map()] }));
    expect(stateOf(fresh, '1')).toBe('SYNCING');
    expect(stateOf(fresh, '2')).toBe('SYNCING');
  });

  it('remembers when a difference was first seen, and forgets it once in sync', () => {
    const pendingSince = [new Map<string, number>()];
    deriveFarm(input({ now: T, nodes: [node(entry('1', 0), entry('2', 2))], pendingSince }));
    expect(pendingSince[0]!.get('1')).toBe(T);
    const later = deriveFarm(input({ now: T + 61_000, nodes: [node(entry('1', 0), entry('2', 2))], pendingSince }));
    expect(stateOf(later, '1')).toBe('LAGGING');
    expect(later.lagSeconds).toBe(61);
    deriveFarm(input({ now: T + 62_000, nodes: [node(entry('1', 1), entry('2', 2))], pendingSince }));
    expect(pendingSince[0]!.has('1')).toBe(false);
  });

  it('an unreachable node makes its repositories UNKNOWN, never IN_SYNC, and the farm counts them as UNKNOWN', () => {
    const out = deriveFarm(
      input({ nodes: [node(entry('1', 1), entry('2', 2)), { ok: false, reason: 'Node unreachable: refused' }], pendingSince: [new Map(), new Map()] }),
    );
    expect(stateOf(out, '1', 1)).toBe('UNKNOWN');
    expect(stateOf(out, '1', 0)).toBe('IN_SYNC');
    expect(out.rows.row(0).state).toBe('UNKNOWN');
    expect(out.farm.inSync).toBe(0);
    expect(out.perNode[1]).toBeNull();
  });

  it('without upstream hashes nothing is claimed in sync', () => {
    const out = deriveFarm(input({ upstream: null, upstreamProblem: '401', selection: null, nodes: [node(entry('1', 1))], pendingSince: [new Map()] }));
    expect(out.rows.toArray().map((r) => r.state)).toEqual(['UNKNOWN']);
  });

  it('a selected repository not on the node yet is SYNCING during the initial sync, LAGGING once it overstays', () => {
    const running = deriveFarm(input({ initialSyncRunning: true, nodes: [node()], pendingSince: [new Map()] }));
    expect(stateOf(running, '1')).toBe('SYNCING');
    expect(running.lagSeconds).toBe(0);
    const pendingSince = [new Map([['1', T - 90_000]])];
    const after = deriveFarm(input({ nodes: [node()], pendingSince }));
    expect(stateOf(after, '1')).toBe('LAGGING');
  });

  it('takes the worst state across nodes', () => {
    expect(worstState(['IN_SYNC', 'FAILING', 'SYNCING'])).toBe('FAILING');
    expect(worstState(['IN_SYNC', 'UNKNOWN'])).toBe('UNKNOWN');
    expect(worstState(['NOT_MIRRORED', 'NOT_MIRRORED'])).toBe('NOT_MIRRORED');
    expect(worstState([])).toBe('UNKNOWN');
  });

  it('property: a repository is IN_SYNC on a node only when that node answered with the upstream hash', () => {
    const arb = fc.record({
      nodes: fc.array(
        fc.option(fc.array(fc.record({ id: fc.constantFrom('1', '2', '3'), content: fc.integer({ min: 0, max: 3 }), failed: fc.nat(3) })), { nil: null }),
        { minLength: 1, maxLength: 3 },
      ),
      hashes: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ nodes, hashes }) => {
        const data: NodeSyncData[] = nodes.map((n) =>
          n === null ? { ok: false, reason: 'down' } : node(...n.map((e) => entry(e.id, e.content, { failedSyncCount: e.failed }))),
        );
        const inp = input({ upstream: hashes ? input({}).upstream : null, nodes: data, pendingSince: data.map(() => new Map()) });
        const out = deriveFarm(inp);
        for (const row of out.rows.toArray()) {
          row.nodes.forEach((cell, i) => {
            if (cell.state !== 'IN_SYNC') return;
            const d = data[i]!;
            expect(d.ok).toBe(true);
            if (d.ok) expect(d.entries.get(row.repoId)?.content).toBe(inp.upstream?.get(row.repoId)?.content);
          });
          if (row.state === 'IN_SYNC') expect(row.nodes.every((c) => c.state === 'IN_SYNC')).toBe(true);
        }
        const total = Object.values(out.farm).reduce((a, b) => a + b, 0);
        expect(total).toBe(out.rows.length);
      }),
    );
  });
});

describe('queue growth', () => {
  const series = (counts: number[], stepMs = 10_000) => counts.map((count, i) => ({ at: T + i * stepMs, count }));
  it('needs four polls over the span that never shrink, a rise of three, and at least five queued', () => {
    expect(isGrowing(series([2, 3, 4, 6]), 30_000)).toBe(true);
    expect(isGrowing(series([2, 3, 4, 6], 5_000), 30_000)).toBe(false);
    expect(isGrowing(series([0, 1, 1, 2]), 30_000)).toBe(false);
    expect(isGrowing(series([6, 6, 6, 6]), 30_000)).toBe(false);
    expect(isGrowing(series([2, 3, 4]), 20_000)).toBe(false);
    expect(isGrowing([], 30_000)).toBe(false);
  });

  it('looks at the latest rise only: an earlier dip does not hide it, a recent one ends it', () => {
    expect(isGrowing(series([3, 1, 0, 2, 4, 6, 9]), 30_000)).toBe(true);
    expect(isGrowing(series([2, 4, 6, 9, 8]), 30_000)).toBe(false);
  });
});
