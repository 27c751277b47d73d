import fc from 'fast-check';
import type { ProjectSelection } from '../../../../shared/model';
import { describe, expect, it } from 'vitest';
import { deriveFarm, listChanges, rederiveLists, type DeriveInput, type DeriveOutput } from '../../../../electron/engine/mirrors/derive';
import type { NodeSyncData, SyncEntry, UpstreamRepo } from '../../../../electron/engine/mirrors/normalise-mirror';
import { SyncEntryTable } from '../../../../electron/engine/mirrors/sync-entry-table';
import { UpstreamTable } from '../../../../electron/engine/mirrors/upstream-table';

const T = 1_800_000_000_000;
const h = (n: number): string => n.toString(16).padStart(64, '0');
/** The primary lists 1–6; the nodes may also hold 7 and 8, which it does not. */
const UP_IDS = ['1', '2', '3', '4', '5', '6'];
const ALL_IDS = [...UP_IDS, '7', '8'];

const entry = (repoId: string, content: number | null, failedSyncCount: number): SyncEntry => ({
  repoId,
  slug: `repo-${repoId}`,
  initialSyncAt: T - 86_400_000,
  lastSyncAt: T - 60_000,
  failedSyncCount,
  content: content === null ? null : h(content),
  metadata: h(1000),
});

const list = fc.option(
  fc.subarray(ALL_IDS).map((ids) => new Set(ids)),
  { nil: null },
);
const arb = fc.record({
  upstream: fc.option(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: UP_IDS.length, maxLength: UP_IDS.length }), { nil: null }),
  // Per node: unreachable (null) or its entries; a content of 0–2, null (none reported yet), or absent.
  nodes: fc.array(
    fc.option(
      fc.array(fc.option(fc.record({ content: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }), failed: fc.nat(2) }), { nil: undefined }), {
        minLength: ALL_IDS.length,
        maxLength: ALL_IDS.length,
      }),
      { nil: null },
    ),
    { minLength: 1, maxLength: 3 },
  ),
  selection: fc.constantFrom<ProjectSelection | null>(null, { mode: 'ALL_PROJECTS', projectIds: [] }, { mode: 'SELECTED_PROJECTS', projectIds: ['10'] }),
  initialSyncRunning: fc.boolean(),
  // When each repository was first seen differing, per node, before the first derivation.
  ages: fc.array(fc.dictionary(fc.constantFrom(...ALL_IDS), fc.integer({ min: 0, max: 200_000 })), { minLength: 3, maxLength: 3 }),
  tableInput: fc.boolean(),
  before: fc.record({ delayed: list, queued: list }),
  after: fc.record({ delayed: list, queued: list }),
});

type Case = typeof arb extends fc.Arbitrary<infer C> ? C : never;

function base(c: Case): Omit<DeriveInput, 'delayed' | 'queued' | 'pendingSince'> {
  const repos = c.upstream?.map((content, i): UpstreamRepo => {
    const id = UP_IDS[i]!;
    return { id, slug: `repo-${id}`, projectKey: i < 3 ? 'P10' : 'P20', projectId: i < 3 ? '10' : '20', content: h(content), metadata: h(1000) };
  });
  const table = repos && c.tableInput ? UpstreamTable.of(repos) : null;
  const upstream = repos === undefined ? null : (table ?? new Map(repos.map((r) => [r.id, r])));
  const nodes = c.nodes.map((cells): NodeSyncData => {
    if (cells === null) return { ok: false, reason: 'Node unreachable' };
    const entries = cells.flatMap((cell, i) => (cell === undefined ? [] : [entry(ALL_IDS[i]!, cell.content, cell.failed)]));
    if (!table) return { ok: true, entries: new Map(entries.map((e) => [e.repoId, e])) };
    // A sweep's columns, compared with the table's hashes as they are added.
    const columns = new SyncEntryTable(table);
    entries.forEach((e) => columns.add(e));
    return { ok: true, entries: columns };
  });
  return {
    now: T,
    upstream,
    upstreamProblem: upstream === null ? 'not read' : null,
    selection: c.selection,
    initialSyncRunning: c.initialSyncRunning,
    nodes,
    toleranceMs: 60_000,
  };
}

const copy = (pending: Map<string, number>[]): Map<string, number>[] => pending.map((m) => new Map(m));
const shown = (out: DeriveOutput) => ({ rows: out.rows.toArray(), farm: out.farm, perNode: out.perNode, lagSeconds: out.lagSeconds });

describe('a farm judged again for new delayed-sync and queue lists (issue 13: a regular cycle independent of repositories)', () => {
  it('property: judging only the repositories whose membership changed gives what a whole derivation gives', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const inputs = base(c);
        const pending = c.nodes.map((_, i) => new Map(Object.entries(c.ages[i] ?? {}).map(([id, age]) => [id, T - age])));
        // The poll before: a whole derivation, which leaves each node's pending times in `pending`.
        const before = deriveFarm({ ...inputs, ...c.before, pendingSince: pending });
        const kept = copy(pending);
        const wholePending = copy(pending);
        const whole = deriveFarm({ ...inputs, ...c.after, pendingSince: wholePending });
        const changed = [...listChanges(c.before.delayed, c.after.delayed), ...listChanges(c.before.queued, c.after.queued)];
        const again = rederiveLists(before, { ...inputs, ...c.after, pendingSince: pending }, changed);
        expect(shown(again)).toEqual(shown(whole));
        // The lists never move a pending time: what the poll before kept is what a whole derivation keeps.
        expect(wholePending).toEqual(kept);
      }),
      { numRuns: 500 },
    );
  });

  it('lists the repositories in exactly one of two lists; an absent list names none', () => {
    expect(listChanges(new Set(['1', '2']), new Set(['2', '3'])).sort()).toEqual(['1', '3']);
    expect(listChanges(null, new Set(['4']))).toEqual(['4']);
    expect(listChanges(new Set(['5']), null)).toEqual(['5']);
    expect(listChanges(null, null)).toEqual([]);
  });
});
