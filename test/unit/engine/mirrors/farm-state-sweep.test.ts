import { describe, expect, it } from 'vitest';
import { deriveFarm } from '../../../../electron/engine/mirrors/derive';
import type { FarmObservation } from '../../../../electron/engine/mirrors/farm-poll';
import { FarmState, type SweptHashes } from '../../../../electron/engine/mirrors/farm-state';
import type { SyncEntry, UpstreamRepo } from '../../../../electron/engine/mirrors/normalise-mirror';
import { SyncEntryTable } from '../../../../electron/engine/mirrors/sync-entry-table';
import { UpstreamTable } from '../../../../electron/engine/mirrors/upstream-table';

const T0 = Date.UTC(2026, 11, 4, 12, 0, 0);
const h = (c: string): string => c.repeat(64);
const IDS = ['1', '2', '3'];

/** A sweep's list of the primary's repositories, with content hash `content(id)`. */
function sweep(at: number, content: (id: string) => string): SweptHashes {
  const table = UpstreamTable.of(
    IDS.map((id): UpstreamRepo => ({ id, slug: `repo-${id}`, projectKey: 'P', projectId: '10', content: content(id), metadata: h('m') })),
  );
  return { value: { hashes: table, problem: null }, problem: null, at };
}

const entry = (id: string, content: string): SyncEntry => ({
  repoId: id,
  slug: `repo-${id}`,
  initialSyncAt: T0 - 86_400_000,
  lastSyncAt: T0 - 5_000,
  failedSyncCount: 0,
  content,
  metadata: h('m'),
});

const NODE = { id: 'n1', name: 'mirror', host: 'mirror.example.com', address: 'mirror.example.com:7990', buildVersion: '9.4.2' };

function observation(at: number): FarmObservation {
  return {
    at,
    durationMs: 5,
    probe: { api: '9.x', upstreamId: null },
    upstream: { ok: true, value: { id: 'up', state: 'INSTALLED' } as never, ms: 1 },
    nodes: null,
    progress: null,
    settings: { ok: true, value: { mode: 'ALL_PROJECTS', projectIds: [] }, ms: 1 },
    delayed: null,
    queue: null,
    queueCount: null,
    nodeObservations: [{ node: NODE, baseUrl: 'https://mirror.example.com', status: null, sync: null }],
  };
}

const singleMirror = (): FarmState =>
  new FarmState('f', 'prod', {
    id: 'f',
    name: 'mirror',
    baseUrl: 'https://mirror.example.com',
    enabled: true,
    lastSeenAt: T0,
    mirrorType: 'SINGLE',
    productVersion: '9.4.2',
  });

describe('a farm derived from its nodes’ own sweep', () => {
  it('compares the nodes with the hashes of the sweep that read them, not the latest, and the last sweep’s released hashes are not read', () => {
    const state = singleMirror();
    const opts = { toleranceMs: 300_000, queueSpanMs: 60_000 };
    // The first sweep: the primary's repository 2 at hash b, the node at b too.
    const first = sweep(T0, (id) => h(id === '2' ? 'b' : 'a'));
    const firstNodes = new SyncEntryTable(first.value!.hashes);
    IDS.forEach((id) => firstNodes.add(entry(id, h(id === '2' ? 'b' : 'a'))));
    state.setDetail(new Map([['n1', { ok: true, value: { entries: firstNodes, truncated: false, skipped: 0 }, ms: 1 }]]), T0, first);
    first.value!.hashes.releaseHashes();
    state.apply(observation(T0 + 1_000), first, opts);
    expect(state.farm.repos).toMatchObject({ inSync: 3, lagging: 0, syncing: 0, unknown: 0 });

    // The next sweep: repository 2 pushed to c, the node has it. Until the sweep ends the latest
    // hashes are still the first sweep's, whose values are gone.
    const second = sweep(T0 + 60_000, (id) => h(id === '2' ? 'c' : 'a'));
    const secondNodes = new SyncEntryTable(second.value!.hashes);
    IDS.forEach((id) => secondNodes.add(entry(id, h(id === '2' ? 'c' : 'a'))));
    state.setDetail(new Map([['n1', { ok: true, value: { entries: secondNodes, truncated: false, skipped: 0 }, ms: 1 }]]), T0 + 61_000, second);
    state.apply(observation(T0 + 62_000), first, opts);
    expect(state.farm.repos).toMatchObject({ inSync: 3, lagging: 0, syncing: 0, unknown: 0 });
    const want = deriveFarm({
      now: T0 + 61_000,
      upstream: new Map(
        IDS.map((id, ordinal) => [
          id,
          { id, slug: `repo-${id}`, projectKey: 'P', projectId: '10', content: h(id === '2' ? 'c' : 'a'), metadata: h('m'), ordinal },
        ]),
      ),
      upstreamProblem: null,
      selection: { mode: 'ALL_PROJECTS', projectIds: [] },
      initialSyncRunning: false,
      delayed: null,
      queued: null,
      nodes: [{ ok: true, entries: new Map(IDS.map((id) => [id, entry(id, h(id === '2' ? 'c' : 'a'))])) }],
      toleranceMs: opts.toleranceMs,
      pendingSince: [new Map()],
    });
    expect(state.rows.toArray()).toEqual(want.rows.toArray());

    // The sweep ends; then the primary becomes unavailable: no hashes, whatever the nodes said.
    second.value!.hashes.releaseHashes();
    state.apply(observation(T0 + 63_000), second, opts);
    expect(state.rows.toArray()).toEqual(want.rows.toArray());
    state.apply(observation(T0 + 64_000), { value: null, problem: 'primary unavailable', at: null }, opts);
    expect(state.farm.repos).toMatchObject({ inSync: 0, unknown: 3 });
  });

  it('a queue that changes between two sweeps shows as a whole derivation of the new lists would (only the repositories it names judged again)', () => {
    const state = singleMirror();
    const opts = { toleranceMs: 300_000, queueSpanMs: 60_000 };
    // The primary pushed 2 and 3 (hash b), which the node has not applied yet (hash a).
    const hashes = sweep(T0, (id) => h(id === '1' ? 'a' : 'b'));
    const nodeEntries = new SyncEntryTable(hashes.value!.hashes);
    IDS.forEach((id) => nodeEntries.add(entry(id, h('a'))));
    state.setDetail(new Map([['n1', { ok: true, value: { entries: nodeEntries, truncated: false, skipped: 0 }, ms: 1 }]]), T0, hashes);
    const lists = (at: number, queued: string[], delayed: string[]): FarmObservation => ({
      ...observation(at),
      delayed: { ok: true, value: new Set(delayed), ms: 1 },
      queue: { ok: true, value: new Set(queued), ms: 1 },
    });
    state.apply(lists(T0 + 1_000, ['2', '3'], []), hashes, opts);
    expect(state.farm.repos).toMatchObject({ inSync: 1, syncing: 2, lagging: 0 });
    state.apply(lists(T0 + 3_000, ['3'], ['2']), hashes, opts);
    expect(state.farm.repos).toMatchObject({ inSync: 1, syncing: 1, lagging: 1 });
    const want = deriveFarm({
      now: T0,
      upstream: hashes.value!.hashes,
      upstreamProblem: null,
      selection: { mode: 'ALL_PROJECTS', projectIds: [] },
      initialSyncRunning: false,
      delayed: new Set(['2']),
      queued: new Set(['3']),
      nodes: [{ ok: true, entries: nodeEntries }],
      toleranceMs: opts.toleranceMs,
      pendingSince: [new Map()],
    });
    expect(state.rows.toArray()).toEqual(want.rows.toArray());
  });
});
