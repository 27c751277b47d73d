import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normaliseDelayedSync,
  normaliseFarmNodes,
  normaliseMirrorRequest,
  normaliseMirrorServer,
  normaliseProgress,
  normaliseQueue,
  normaliseQueueCount,
  normaliseSyncEntry,
  normaliseSyncSettings,
  normaliseUpstreamRepo,
  normaliseUpstreamServer,
  parseDate,
} from '../../../../electron/engine/mirrors/normalise-mirror';
import { nodeBaseUrl } from '../../../../electron/engine/mirrors/farm-poll';

const HASH = '1b4f0e9870a2c5d8e3f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7';

describe('dates (reference §1.7): epoch milliseconds or ISO-8601', () => {
  it('accepts a number, a numeric string and an ISO string, all to epoch ms', () => {
    expect(parseDate(1717001234567)).toBe(1717001234567);
    expect(parseDate('1717001234567')).toBe(1717001234567);
    expect(parseDate('2022-08-18T02:04:46.435Z')).toBe(Date.UTC(2022, 7, 18, 2, 4, 46, 435));
    expect(parseDate('2022-08-18T04:04:46.435+02:00')).toBe(Date.UTC(2022, 7, 18, 2, 4, 46, 435));
  });

  it('refuses what is not a date rather than guessing', () => {
    for (const v of [null, undefined, true, {}, [], '', 'May', '7', 'yesterday', Number.NaN, Infinity, -1, 42, 1e20]) expect(parseDate(v)).toBeNull();
  });

  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const d = parseDate(v);
        expect(d === null || Number.isInteger(d)).toBe(true);
      }),
    );
  });
});

describe('upstream payloads (§4)', () => {
  it('reads a mirror server, with its date as epoch ms or ISO', () => {
    const raw = {
      id: 'B8A2-11C4-7F3D-9E0A',
      name: 'EU CI farm',
      baseUrl: 'https://mirror-eu.example.com/',
      enabled: true,
      lastSeenDate: 1717001234567,
      mirrorType: 'FARM',
      productVersion: '8.19.5',
    };
    expect(normaliseMirrorServer(raw)).toEqual({
      id: 'B8A2-11C4-7F3D-9E0A',
      name: 'EU CI farm',
      baseUrl: 'https://mirror-eu.example.com',
      enabled: true,
      lastSeenAt: 1717001234567,
      mirrorType: 'FARM',
      productVersion: '8.19.5',
    });
    expect(normaliseMirrorServer({ ...raw, lastSeenDate: '2024-05-29T16:47:14.567Z' })?.lastSeenAt).toBe(1717001234567);
    expect(normaliseMirrorServer({ ...raw, baseUrl: 'ftp://x' })).toBeNull();
    expect(normaliseMirrorServer({ name: 'no id' })).toBeNull();
  });

  it('reads a mirroring request, keeping the numeric id as a string', () => {
    expect(
      normaliseMirrorRequest({
        id: 7,
        mirrorId: '4f0e',
        mirrorName: 'US-West',
        mirrorBaseUrl: 'https://m.example.com',
        mirrorType: 'single',
        productVersion: '9.4.2',
        state: 'pending',
      }),
    ).toEqual({
      id: '7',
      name: 'US-West',
      mirrorId: '4f0e',
      baseUrl: 'https://m.example.com',
      mirrorType: 'SINGLE',
      productVersion: '9.4.2',
      state: 'PENDING',
    });
  });

  it('reads an enriched repository with its hashes; junk hashes are absent, not equal', () => {
    const raw = {
      id: 345,
      slug: 'payments-api',
      project: { id: 12, key: 'PLAT' },
      properties: { contentHash: HASH.toUpperCase(), metadataHash: '77aa12fe09c3...b1' },
    };
    expect(normaliseUpstreamRepo(raw)).toEqual({ id: '345', slug: 'payments-api', projectKey: 'PLAT', projectId: '12', content: HASH, metadata: null });
  });
});

describe('mirror-side payloads (§5)', () => {
  it('reads the 9.x upstreamServer and the 8.x one alike', () => {
    expect(normaliseUpstreamServer({ id: 'u1', baseUrl: 'https://bb.example.com', state: 'INSTALLED' })).toEqual({
      id: 'u1',
      baseUrl: 'https://bb.example.com',
      state: 'INSTALLED',
    });
    expect(normaliseUpstreamServer({ id: 'u1', baseUrl: 'https://bb.example.com', state: 'pending', apiBaseUrl: 'x', type: 'server' }).state).toBe('PENDING');
  });

  it('reads farm nodes and their cluster addresses (IPv6 too), skipping junk', () => {
    const nodes = normaliseFarmNodes([
      { id: 'a', name: 'mirror-eu-1', address: { address: '10.20.0.5', port: 5701 }, local: true, buildVersion: '8.19.5' },
      { id: 'b', name: 'mirror-eu-2', address: { address: 'fd00::6', port: 5701 }, buildVersion: '8.19.5' },
      { id: 'a', name: 'duplicate' },
      'junk',
      {},
    ]);
    expect(nodes).toEqual([
      { id: 'a', name: 'mirror-eu-1', host: '10.20.0.5', address: '10.20.0.5:5701', buildVersion: '8.19.5' },
      { id: 'b', name: 'mirror-eu-2', host: 'fd00::6', address: '[fd00::6]:5701', buildVersion: '8.19.5' },
    ]);
    expect(normaliseFarmNodes({ values: [] })).toBeNull();
  });

  it('derives a node’s HTTP address from the farm’s, keeping scheme, port and context path', () => {
    expect(nodeBaseUrl('https://mirror.example.com:8443/bitbucket', '10.20.0.5')).toBe('https://10.20.0.5:8443/bitbucket');
    expect(nodeBaseUrl('http://127.0.0.1:4000', '127.0.10.2')).toBe('http://127.0.10.2:4000');
    expect(nodeBaseUrl('https://mirror.example.com', 'fd00::6')).toBe('https://[fd00::6]');
    expect(nodeBaseUrl('https://mirror.example.com', null)).toBeNull();
    expect(nodeBaseUrl('https://mirror.example.com', 'bad host/with space')).toBeNull();
  });

  it('reads progress, sync settings, queue and its bare-number count', () => {
    expect(normaliseProgress({ discovering: false, syncedRepos: 242, totalRepos: 1071 })).toEqual({ discovering: false, syncedRepos: 242, totalRepos: 1071 });
    expect(normaliseProgress({ syncedRepos: 'x' })).toBeNull();
    expect(normaliseSyncSettings({ mode: 'SELECTED_PROJECTS', projectIds: ['3', 4, '3'] })).toEqual({ mode: 'SELECTED_PROJECTS', projectIds: ['3', '4'] });
    expect(normaliseSyncSettings({ mode: 'SOME' })).toBeNull();
    expect(normaliseQueue({ values: [{ externalRepoId: '346', type: 'INCREMENTAL', attempt: 2, createdAt: '2024-05-29T16:20:01.512Z' }] })).toEqual(
      new Set(['346']),
    );
    expect(normaliseQueueCount(3)).toBe(3);
    expect(normaliseQueueCount('3')).toBe(3);
    expect(normaliseQueueCount({ count: 4 })).toBe(4);
    expect(normaliseQueueCount(-1)).toBeNull();
    expect(normaliseDelayedSync([{ projectKey: 'PLAT', repositoryId: '345', repositorySlug: 'payments-api' }])).toEqual(new Set(['345']));
  });

  it('reads a repoSyncStatus item with epoch or ISO dates', () => {
    const base = { upstreamId: 'u', externalRepoId: '346', localRepoId: 18, repoSlug: 'ledger', failedSyncCount: 4, hashes: { content: HASH, metadata: HASH } };
    const a = normaliseSyncEntry({ ...base, initialSyncDate: 1710000050000, lastSyncDate: 1716990000000 });
    const b = normaliseSyncEntry({ ...base, initialSyncDate: new Date(1710000050000).toISOString(), lastSyncDate: new Date(1716990000000).toISOString() });
    expect(a).toEqual(b);
    expect(a).toMatchObject({ repoId: '346', slug: 'ledger', failedSyncCount: 4, lastSyncAt: 1716990000000, content: HASH });
    expect(normaliseSyncEntry({ localRepoId: 1 })).toBeNull();
  });

  it('survives any JSON value in every normaliser', () => {
    const all = [
      normaliseFarmNodes,
      normaliseProgress,
      normaliseSyncSettings,
      normaliseQueue,
      normaliseQueueCount,
      normaliseDelayedSync,
      normaliseSyncEntry,
      normaliseMirrorServer,
      normaliseMirrorRequest,
      normaliseUpstreamRepo,
      normaliseUpstreamServer,
    ];
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        for (const f of all) f(v as never);
      }),
    );
  });
});
