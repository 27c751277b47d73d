import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MirrorRows } from '../../../../electron/engine/mirrors/mirror-rows';
import type { SyncEntry, UpstreamRepo } from '../../../../electron/engine/mirrors/normalise-mirror';

const up = (id: string): UpstreamRepo => ({ id, slug: `repo-${id}`, projectKey: 'PRJ', projectId: '7', content: 'c', metadata: 'm' });
const entry = (repoId: string, slug: string | null = null): SyncEntry => ({
  repoId,
  slug,
  initialSyncAt: 100,
  lastSyncAt: 200,
  failedSyncCount: 2,
  content: 'c',
  metadata: 'm',
});

describe('a farm table kept in columns', () => {
  it('gives back each row as pushed, growing past its first capacity, with times from the node entries', () => {
    const upstream = new Map(['1', '2', '3'].map((id) => [id, up(id)]));
    const rows = new MirrorRows(
      upstream,
      [
        { ok: true, entries: new Map([['2', entry('2')]]) },
        { ok: false, reason: 'Node unreachable' },
      ],
      1,
    );
    rows.push('1', 'UNKNOWN', [
      { state: 'SYNCING', reason: 'Not synchronized to this node yet' },
      { state: 'UNKNOWN', reason: 'Node unreachable' },
    ]);
    rows.push('2', 'UNKNOWN', [
      { state: 'IN_SYNC', reason: 'Hashes match the primary' },
      { state: 'UNKNOWN', reason: 'Node unreachable' },
    ]);
    rows.push('3', 'FAILING', [
      { state: 'FAILING', reason: 'Content hash differs; 2 failed syncs' },
      { state: 'UNKNOWN', reason: 'Node unreachable' },
    ]);
    expect(rows.length).toBe(3);
    expect(rows.state(2)).toBe('FAILING');
    expect(rows.find('2')).toEqual({
      repoId: '2',
      projectKey: 'PRJ',
      projectId: '7',
      slug: 'repo-2',
      state: 'UNKNOWN',
      nodes: [
        { state: 'IN_SYNC', reason: 'Hashes match the primary', lastSyncAt: 200, initialSyncAt: 100, failedSyncCount: 2 },
        { state: 'UNKNOWN', reason: 'Node unreachable', lastSyncAt: null, initialSyncAt: null, failedSyncCount: null },
      ],
    });
    expect(rows.toArray().map((r) => [r.repoId, r.nodes[0]!.state, r.nodes[0]!.reason])).toEqual([
      ['1', 'SYNCING', 'Not synchronized to this node yet'],
      ['2', 'IN_SYNC', 'Hashes match the primary'],
      ['3', 'FAILING', 'Content hash differs; 2 failed syncs'],
    ]);
    expect(rows.find('4')).toBeUndefined();
  });

  it('takes the slug from a node when the primary does not list the repository', () => {
    const rows = new MirrorRows(null, [{ ok: true, entries: new Map([['9', entry('9', 'only-on-mirror')]]) }], 1);
    rows.push('9', 'UNKNOWN', [{ state: 'UNKNOWN', reason: 'Not in the primary’s repository list' }]);
    expect(rows.slug(0)).toBe('only-on-mirror');
    expect(rows.projectKey(0)).toBeNull();
  });
});

/** A farm table as an array of its rows: what the columns must answer. */
interface PushedRow {
  id: string;
  state: 'IN_SYNC' | 'LAGGING';
  reasons: string[];
}

describe('a farm table that shares the primary’s ids (MirrorRows)', () => {
  const LISTED = fc.uniqueArray(fc.constantFrom<string>('1', '2', '3', '4', '5', 'a'), { maxLength: 6 });
  /** Pushes as derivation makes them (the list in order, then others) or in any order, ids repeated, many reasons. */
  const PUSHED = fc.array(
    fc.record({
      id: fc.constantFrom<string>('1', '2', '3', '4', '5', 'a', 'x', 'y'),
      state: fc.constantFrom<'IN_SYNC' | 'LAGGING'>('IN_SYNC', 'LAGGING'),
      reasons: fc.array(
        fc.nat(400).map((n) => `reason ${n}`),
        { minLength: 2, maxLength: 2 },
      ),
    }),
    { maxLength: 20 },
  );

  it('property: answers ids, rows and finds as an array of the pushed rows does', () => {
    fc.assert(
      fc.property(LISTED, PUSHED, fc.boolean(), fc.nat(4), (listed, others, inOrder, capacity) => {
        const list = new Map(listed.map((id) => [id, up(id)]));
        // Derivation's order: the list's repositories at their own rows, then the others.
        const head = listed.map((id, k): PushedRow => ({ id, state: k % 2 ? 'LAGGING' : 'IN_SYNC', reasons: [`reason ${97 * k}`, 'Node unreachable'] }));
        const pushed: PushedRow[] = inOrder ? [...head, ...others.filter((o) => !list.has(o.id))] : others;
        const nodes = [
          { ok: true as const, entries: new Map([['x', entry('x', 'x-on-node')]]) },
          { ok: false as const, reason: 'Node unreachable' },
        ];
        const rows = new MirrorRows(list, nodes, capacity);
        for (const r of pushed)
          rows.push(
            r.id,
            r.state,
            r.reasons.map((reason) => ({ state: 'IN_SYNC', reason })),
          );
        expect(rows.length).toBe(pushed.length);
        pushed.forEach((r, i) => {
          expect(rows.id(i)).toBe(r.id);
          const row = rows.row(i);
          expect(row.repoId).toBe(r.id);
          expect(row.state).toBe(r.state);
          expect(row.nodes.map((n) => n.reason)).toEqual(r.reasons);
          expect(row.slug).toBe(list.has(r.id) ? `repo-${r.id}` : r.id === 'x' ? 'x-on-node' : null);
          expect(row.projectKey).toBe(list.has(r.id) ? 'PRJ' : null);
        });
        for (const id of ['1', '2', '3', '4', '5', 'a', 'x', 'y', 'z']) {
          const first = pushed.findIndex((r) => r.id === id);
          expect(rows.find(id)).toEqual(first < 0 ? undefined : rows.row(first));
        }
        // The columns a scrape reads are the rows' own fields.
        expect(rows.stateColumns()).toEqual({
          projectKey: pushed.map((_, i) => rows.row(i).projectKey),
          slug: pushed.map((_, i) => rows.row(i).slug),
          state: pushed.map((r) => r.state),
        });
      }),
    );
  });
});
