import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BitbucketClient, JsonResponse } from '../../../../electron/engine/http/bitbucket-client-contract';
import { FleetError } from '../../../../electron/engine/http/fleet-error';
import { pollFarm, settingsNodeUrl, type FarmPollContext } from '../../../../electron/engine/mirrors/farm-poll';
import type { FarmNode } from '../../../../electron/engine/mirrors/normalise-mirror';

const FRONT = 'http://mirror.example.com:7990';
const M = '/rest/mirroring/latest';
const NODES: FarmNode[] = ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((host, i) => ({
  id: `n${i + 1}`,
  name: `node-${i + 1}`,
  host,
  address: `${host}:5701`,
  buildVersion: '9.4.0',
}));

interface Fleet {
  /** Origins whose every request fails (connection refused). */
  down: ReadonlySet<string>;
  settings: unknown;
}

/** A 9.x farm whose front and nodes answer the farm-level reads alike; records each request's origin. */
function fakeFleet(fleet: Fleet): { ctx: (nodesUp: ReadonlySet<string>) => FarmPollContext; asked: Map<string, string[]> } {
  const asked = new Map<string, string[]>();
  const client = (origin: string): BitbucketClient => {
    const answer = (path: string): unknown => {
      if (path === '/status') return { state: 'RUNNING' };
      const rel = path.slice(M.length + 1);
      if (rel === 'upstreamServer') return { id: 'up-1', baseUrl: 'http://primary.example.com', state: 'INSTALLED' };
      if (rel === 'farmNodes') return NODES.map((n) => ({ id: n.id, name: n.name, address: { address: n.host, port: 5701 }, buildVersion: n.buildVersion }));
      if (rel === 'progress') return { discovering: false, syncedRepos: 10, totalRepos: 10 };
      if (rel === 'syncSettings') return fleet.settings;
      if (rel === 'mirrorRepos/delayed-sync') return { values: [{ repositoryId: 3 }] };
      if (rel === 'supportInfo/refChangesQueue') return { values: [{ externalRepoId: '7' }] };
      if (rel === 'supportInfo/refChangesQueue/count') return 1;
      throw new Error(`unexpected path ${path}`);
    };
    const unused = (): never => {
      throw new Error('not used by a farm poll');
    };
    return {
      origin,
      getJson: (path: string): Promise<JsonResponse> => {
        asked.set(origin, [...(asked.get(origin) ?? []), path]);
        if (fleet.down.has(origin)) return Promise.reject(new FleetError({ code: 'refused', message: `${origin} refused the connection.` }));
        return Promise.resolve({ status: 200, body: answer(path), headers: {}, durationMs: 0, bytes: 0 } as JsonResponse);
      },
      getPaged: unused,
      eachPage: unused,
      write: unused,
    };
  };
  const ctx = (nodesUp: ReadonlySet<string>): FarmPollContext => ({
    farmClient: client(FRONT),
    nodeClient: (baseUrl) => client(new URL(baseUrl).origin),
    farmBaseUrl: FRONT,
    primaryBaseUrl: 'http://primary.example.com',
    single: false,
    knownNodes: NODES,
    nodesUp,
    probe: { api: '9.x', upstreamId: null },
    signal: new AbortController().signal,
    now: () => 0,
    // What is logged is tested on its own; the property's many failing nodes need not print.
    warn: () => undefined,
  });
  return { ctx, asked };
}

const SETTINGS = { mode: 'SELECTED_PROJECTS', projectIds: [1, 2] };

describe('a farm poll (issue 13): one round trip', () => {
  it('sends no origin more than its 6 slots: the sync settings go to a node that answered last time', async () => {
    const { ctx, asked } = fakeFleet({ down: new Set(), settings: SETTINGS });
    const o = await pollFarm(ctx(new Set(['node-2', 'node-3'])));
    expect(o.settings).toEqual({ ok: true, value: { mode: 'SELECTED_PROJECTS', projectIds: ['1', '2'] }, ms: 0 });
    expect(asked.get(FRONT)).toHaveLength(6);
    expect(asked.get(FRONT)).not.toContain(`${M}/syncSettings`);
    expect(asked.get('http://10.0.0.2:7990')?.sort()).toEqual([`${M}/syncSettings`, '/status']);
    for (const paths of asked.values()) expect(paths.length).toBeLessThanOrEqual(6);
  });

  it("says in the log when the chosen node fails, and uses the front's answer", async () => {
    const { ctx, asked } = fakeFleet({ down: new Set(['http://10.0.0.2:7990']), settings: SETTINGS });
    const logged: string[] = [];
    const o = await pollFarm({ ...ctx(new Set(['node-2'])), warn: (m) => logged.push(m) });
    expect(o.settings).toEqual({ ok: true, value: { mode: 'SELECTED_PROJECTS', projectIds: ['1', '2'] }, ms: 0 });
    expect(asked.get(FRONT)).toContain(`${M}/syncSettings`);
    expect(logged).toEqual([
      "Fleetscope: the mirror farm at http://mirror.example.com:7990 did not give its sync settings at its node http://10.0.0.2:7990 (http://10.0.0.2:7990 refused the connection.); read them at the farm's base URL instead.",
    ]);
  });

  it('logs nothing when the chosen node answers', async () => {
    const { ctx } = fakeFleet({ down: new Set(), settings: SETTINGS });
    const logged: string[] = [];
    await pollFarm({ ...ctx(new Set(['node-2'])), warn: (m) => logged.push(m) });
    expect(logged).toEqual([]);
  });

  it('reads them at the front when no node answered last time, or the farm is a single mirror', () => {
    const base = { knownNodes: NODES, farmBaseUrl: FRONT };
    expect(settingsNodeUrl({ ...base, single: false, nodesUp: new Set() })).toBeNull();
    expect(settingsNodeUrl({ ...base, single: true, nodesUp: new Set(['node-1']) })).toBeNull();
    expect(settingsNodeUrl({ ...base, knownNodes: NODES.slice(0, 1), single: false, nodesUp: new Set(['node-1']) })).toBeNull();
    expect(settingsNodeUrl({ ...base, knownNodes: [{ ...NODES[0]!, host: null }, NODES[1]!], single: false, nodesUp: new Set(['node-1', 'node-2']) })).toBe(
      'http://10.0.0.2:7990',
    );
  });

  it('observes what the front alone would have answered, whichever nodes are up or down', async () => {
    const origins = NODES.map((n) => `http://${n.host}:7990`);
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(NODES.map((n) => n.name)),
        fc.subarray(origins),
        fc.boolean(),
        fc.oneof(fc.constant<unknown>(SETTINGS), fc.constant<unknown>({ mode: 'ALL_PROJECTS' }), fc.jsonValue()),
        async (up, down, frontDown, settings) => {
          const downSet = new Set([...down, ...(frontDown ? [FRONT] : [])]);
          const viaNode = await pollFarm(fakeFleet({ down: downSet, settings }).ctx(new Set(up)));
          const atFront = await pollFarm(fakeFleet({ down: downSet, settings }).ctx(new Set()));
          // A failure names the origin that failed; the front's failure is what is reported in both.
          expect(viaNode).toEqual(atFront);
        },
      ),
    );
  });
});
