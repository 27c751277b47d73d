import { describe, expect, it } from 'vitest';
import type { MirrorNode } from '../../../../shared/model';
import type { BitbucketClient, JsonResponse } from '../../../../electron/engine/http/bitbucket-client-contract';
import { FleetError } from '../../../../electron/engine/http/fleet-error';
import { FarmState } from '../../../../electron/engine/mirrors/farm-state';
import { readRepoMirrorStatus } from '../../../../electron/engine/mirrors/repo-status';

const T0 = Date.UTC(2026, 11, 3, 12, 0, 0);
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const REPO = { id: '345', projectKey: 'PLAT', slug: 'payments-api' };
const ONE_REPO_PATH = '/rest/mirroring/latest/supportInfo/projects/PLAT/repos/payments-api/repoSyncStatus';

type Answer = { status: number; body?: unknown } | FleetError;

/** A client that answers each path from a table, and records what it was asked. */
function fakeClient(origin: string, answers: Record<string, Answer>, asked: string[]): BitbucketClient {
  return {
    origin,
    getJson: async (path: string): Promise<JsonResponse> => {
      asked.push(`${origin}${path}`);
      const a = answers[path];
      if (a === undefined) throw new Error(`unexpected request ${origin}${path}`);
      if (a instanceof FleetError) throw a;
      return { status: a.status, body: a.body ?? null, headers: {}, durationMs: 1 };
    },
  } as unknown as BitbucketClient;
}

const entry = (content: string, over: Record<string, unknown> = {}) => ({
  upstreamId: 'up',
  externalRepoId: '345',
  localRepoId: 17,
  localProjectId: 3,
  repoSlug: 'payments-api',
  initialSyncDate: T0 - 86_400_000,
  lastSyncDate: T0 - 30_000,
  failedSyncCount: 0,
  hashes: { content, metadata: 'm'.repeat(64) },
  ...over,
});

const node = (name: string, baseUrl: string | null): MirrorNode => ({
  id: name,
  name,
  address: null,
  baseUrl,
  status: 'up',
  state: 'RUNNING',
  version: '9.4.2',
  lastSeenAt: T0,
  responseMs: 5,
  message: null,
  repos: null,
});

function farm(id: string, nodes: MirrorNode[], over: Partial<FarmState['farm']> = {}): FarmState {
  const state = new FarmState(id, 'prod', {
    id,
    name: `${id} farm`,
    baseUrl: `https://${id}.example.com`,
    enabled: true,
    lastSeenAt: T0,
    mirrorType: 'FARM',
    productVersion: '9.4.2',
  });
  state.farm = { ...state.farm, nodes, projectSelection: { mode: 'ALL_PROJECTS', projectIds: [] }, initialSync: null, ...over };
  return state;
}

const upstreamBody = (content: string) => ({
  id: 345,
  slug: 'payments-api',
  project: { id: 12, key: 'PLAT' },
  properties: { contentHash: content, metadataHash: 'm'.repeat(64) },
});

function run(farms: FarmState[], primary: Answer, nodes: Record<string, Answer>, now = T0) {
  const asked: string[] = [];
  const result = readRepoMirrorStatus({
    primaryClient: fakeClient('https://primary', { '/rest/mirroring/latest/repos/345': primary }, asked),
    nodeClient: (baseUrl) => fakeClient(baseUrl, { [ONE_REPO_PATH]: nodes[baseUrl] ?? { status: 404 } }, asked),
    farms,
    repo: REPO,
    signal: new AbortController().signal,
    now: () => now,
    toleranceMs: 60_000,
  });
  return { result, asked };
}

describe('a repository’s sync state on every mirror node, read on demand', () => {
  it('asks the primary once and each node once for this repository alone, and judges each node against the primary’s hash', async () => {
    const eu = farm('eu', [node('eu-1', 'https://eu-1'), node('eu-2', 'https://eu-2')]);
    const us = farm('us', [node('us-1', 'https://us-1')]);
    const { result, asked } = run(
      [eu, us],
      { status: 200, body: upstreamBody(HASH_A) },
      {
        'https://eu-1': { status: 200, body: entry(HASH_A) },
        'https://eu-2': { status: 200, body: entry(HASH_B, { failedSyncCount: 2 }) },
        'https://us-1': { status: 200, body: entry(HASH_A) },
      },
    );
    const status = await result;
    expect(asked.sort()).toEqual(
      ['https://primary/rest/mirroring/latest/repos/345', ...['https://eu-1', 'https://eu-2', 'https://us-1'].map((b) => `${b}${ONE_REPO_PATH}`)].sort(),
    );
    expect(status).toMatchObject({ repoId: '345', readAt: T0, upstreamError: null });
    expect(status.farms.map((f) => [f.farmId, f.row?.state, f.error])).toEqual([
      ['eu', 'FAILING', null],
      ['us', 'IN_SYNC', null],
    ]);
    expect(status.farms[0]?.row?.nodes).toEqual([
      { name: 'eu-1', state: 'IN_SYNC', lastSyncAt: T0 - 30_000, failedSyncCount: 0, reason: 'Hashes match the primary' },
      { name: 'eu-2', state: 'FAILING', lastSyncAt: T0 - 30_000, failedSyncCount: 2, reason: 'Content hash differs from the primary; 2 failed syncs' },
    ]);
  });

  it('counts a difference as lagging from when the sweep first saw it, and uses the farm’s last queue and delayed-sync lists', async () => {
    const eu = farm('eu', [node('eu-1', 'https://eu-1'), node('eu-2', 'https://eu-2'), node('eu-3', 'https://eu-3')]);
    eu.pendingByNode = [
      { node: 'eu-1', since: new Map([['345', T0 - 10 * 60_000]]) },
      { node: 'eu-2', since: new Map() },
      { node: 'eu-3', since: new Map() },
    ];
    const sweepRecord = eu.pendingByNode.map((p) => new Map(p.since));
    eu.lists = { delayed: null, queued: new Set(['345']) };
    const differing = { status: 200, body: entry(HASH_B) };
    const { result } = run(
      [eu],
      { status: 200, body: upstreamBody(HASH_A) },
      { 'https://eu-1': differing, 'https://eu-2': differing, 'https://eu-3': differing },
    );
    const nodes = (await result).farms[0]?.row?.nodes ?? [];
    // Queued: a change is on its way, whatever its age.
    expect(nodes.map((n) => n.state)).toEqual(['SYNCING', 'SYNCING', 'SYNCING']);
    expect(nodes[0]?.reason).toBe('Content hash differs from the primary; a change is queued');

    eu.lists = { delayed: null, queued: new Set() };
    const again = (
      await run([eu], { status: 200, body: upstreamBody(HASH_A) }, { 'https://eu-1': differing, 'https://eu-2': differing, 'https://eu-3': differing }).result
    ).farms[0]?.row?.nodes;
    expect(again?.map((n) => n.state)).toEqual(['LAGGING', 'SYNCING', 'SYNCING']);
    expect(again?.[0]?.reason).toBe('Content hash differs from the primary for 10 min');
    // The read on demand leaves the sweep's own record alone.
    expect(eu.pendingByNode.map((p) => new Map(p.since))).toEqual(sweepRecord);
  });

  it('says per node what is wrong: not held there, unreachable, no address; and when the project is not selected', async () => {
    const eu = farm('eu', [node('eu-1', 'https://eu-1'), node('eu-2', 'https://eu-2'), node('eu-3', null)]);
    const refused = new FleetError({ code: 'refused', message: 'eu-2 refused the connection' });
    const { result } = run([eu], { status: 200, body: upstreamBody(HASH_A) }, { 'https://eu-1': { status: 404 }, 'https://eu-2': refused });
    const nodes = (await result).farms[0]?.row?.nodes ?? [];
    expect(nodes.map((n) => [n.name, n.state])).toEqual([
      ['eu-1', 'SYNCING'],
      ['eu-2', 'UNKNOWN'],
      ['eu-3', 'UNKNOWN'],
    ]);
    expect(nodes[0]?.reason).toBe('Not synchronized to this node yet');
    expect(nodes[1]?.reason).toContain('eu-2 refused the connection');
    expect(nodes[2]?.reason).toContain('cannot be derived from its cluster address');

    const selective = farm('sel', [node('sel-1', 'https://sel-1')], { projectSelection: { mode: 'SELECTED_PROJECTS', projectIds: ['99'] } });
    const row = (await run([selective], { status: 200, body: upstreamBody(HASH_A) }, {}).result).farms[0]?.row;
    expect(row).toMatchObject({ state: 'NOT_MIRRORED', nodes: [{ state: 'NOT_MIRRORED', reason: 'Its project is not selected for this mirror' }] });
  });

  it('keeps the nodes’ answers when the primary’s hashes fail, says why, and names a farm with no node known', async () => {
    const eu = farm('eu', [node('eu-1', 'https://eu-1')]);
    const empty = farm('new', []);
    const down = new FleetError({ code: 'server-error', message: 'The primary answered 503' });
    const { result, asked } = run([eu, empty], down, { 'https://eu-1': { status: 200, body: entry(HASH_A) } });
    const status = await result;
    expect(status.upstreamError).toBe("The primary's hashes of this repository could not be read: The primary answered 503");
    expect(status.farms[0]?.row?.nodes[0]).toMatchObject({ state: 'UNKNOWN', lastSyncAt: T0 - 30_000 });
    expect(status.farms[0]?.row?.nodes[0]?.reason).toContain('No upstream hashes to compare with');
    expect(status.farms[1]).toEqual({ farmId: 'new', row: null, error: 'new farm has no known nodes yet: they are listed by its next poll.' });
    expect(asked).toHaveLength(2);
  });

  it('refuses an answer about another repository (a mirror whose key and slug name something else)', async () => {
    const eu = farm('eu', [node('eu-1', 'https://eu-1')]);
    const { result } = run(
      [eu],
      { status: 200, body: upstreamBody(HASH_A) },
      { 'https://eu-1': { status: 200, body: entry(HASH_A, { externalRepoId: '999' }) } },
    );
    const cell = (await result).farms[0]?.row?.nodes[0];
    expect(cell).toMatchObject({ state: 'UNKNOWN', reason: 'The node answered for repository 999, not 345' });
  });
});
