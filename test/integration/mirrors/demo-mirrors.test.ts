import { afterEach, describe, expect, it } from 'vitest';
import { startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { mirrorGet, primaryGet, setFault } from './helpers';

// The simulated mirroring API on its own, as a client sees it over HTTP (reference §4, §5).

let fleet: DemoFleet;
afterEach(async () => {
  await fleet?.stop();
});

type Page = { values: Record<string, unknown>[]; isLastPage: boolean; nextPageStart?: number };
const asPage = (b: unknown): Page => b as Page;
const M = '/rest/mirroring/latest';

async function servers(): Promise<Record<string, unknown>[]> {
  return asPage((await primaryGet(fleet, `${M}/mirrorServers`)).body).values;
}
const byName = async (re: RegExp): Promise<{ id: string; baseUrl: string }> => {
  const s = (await servers()).find((x) => re.test(String(x.name)));
  if (!s) throw new Error(`no mirror ${re}`);
  return { id: String(s.id), baseUrl: String(s.baseUrl) };
};

describe('demo primary: upstream mirroring endpoints', () => {
  it('lists a 9.x farm and an 8.x single mirror, and a pending request; accepting makes the mirror appear', async () => {
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 60 });
    const list = await servers();
    expect(list.map((s) => [s.mirrorType, s.productVersion])).toEqual([
      ['FARM', expect.stringMatching(/^9\./)],
      ['SINGLE', expect.stringMatching(/^8\./)],
    ]);
    expect(typeof list[0]!.lastSeenDate).toBe('number');
    const pending = asPage((await primaryGet(fleet, `${M}/requests?state=PENDING`)).body).values;
    expect(pending).toHaveLength(1);
    const req = pending[0]!;
    expect(req).toMatchObject({ state: 'PENDING', mirrorType: 'SINGLE', mirrorName: expect.any(String) });

    const p = fleet.primaries[0]!;
    const auth = { authorization: `Basic ${Buffer.from(`${p.admin.username}:${p.admin.password}`).toString('base64')}` };
    const token = { authorization: `Bearer ${p.read.token}` };
    // Admin resources refuse HTTP access tokens (BSERV-10482).
    expect((await fetch(`${p.baseUrl}${M}/requests/${req.id}/accept`, { method: 'POST', headers: token })).status).toBe(401);
    const accepted = await fetch(`${p.baseUrl}${M}/requests/${req.id}/accept`, { method: 'POST', headers: { ...auth, 'x-atlassian-token': 'no-check' } });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ id: req.mirrorId, name: req.mirrorName, enabled: true });
    expect(asPage((await primaryGet(fleet, `${M}/requests?state=ACCEPTED`)).body).values.map((r) => r.id)).toEqual([req.id]);
    expect((await servers()).map((s) => s.id)).toContain(req.mirrorId);
    // The request is gone: Bitbucket answers 409, not 404, for a request it cannot find.
    const again = await fetch(`${p.baseUrl}${M}/requests/${req.id}/accept`, { method: 'POST', headers: auth });
    expect(again.status).toBe(409);
    expect((await fetch(`${p.baseUrl}${M}/requests/999/reject`, { method: 'POST', headers: auth })).status).toBe(409);

    const removed = await fetch(`${p.baseUrl}${M}/mirrorServers/${req.mirrorId}`, { method: 'DELETE', headers: auth });
    expect(removed.status).toBe(204);
    expect((await servers()).map((s) => s.id)).not.toContain(req.mirrorId);
  });

  it('serves content hashes paged, and per-repository mirror links signed for anonymous use', async () => {
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 60 });
    const first = asPage((await primaryGet(fleet, `${M}/repos?limit=25`)).body);
    expect(first.isLastPage).toBe(false);
    const repo = first.values[0]!;
    expect(repo).toMatchObject({ properties: { contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), metadataHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const links = asPage((await primaryGet(fleet, `${M}/repos/${repo.id}/mirrors`)).body).values;
    expect(links).toHaveLength(2);
    for (const l of links) {
      const href = (l as { links: { self: { href: string }[] } }).links.self[0]!.href;
      const res = await fetch(href);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ available: true, status: 'AVAILABLE' });
      expect((await fetch(href.replace(/jwt=.*/, 'jwt=forged'))).status).toBe(401);
    }
  });

  it('answers 404 with the plugin disabled and 409 without a Data Center licence', async () => {
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 20 });
    const id = fleet.primaries[0]!.id;
    await setFault(fleet, id, { kind: 'mirroring-unavailable', reason: 'plugin-disabled' }, true);
    expect((await primaryGet(fleet, `${M}/mirrorServers`)).status).toBe(404);
    await setFault(fleet, id, { kind: 'mirroring-unavailable', reason: 'no-licence' }, true);
    const r = await primaryGet(fleet, `${M}/mirrorServers`);
    expect(r.status).toBe(409);
    expect(JSON.stringify(r.body)).toMatch(/Mirroring is not available/);
    await setFault(fleet, id, { kind: 'mirroring-unavailable' }, false);
    expect((await primaryGet(fleet, `${M}/mirrorServers`)).status).toBe(200);
    expect((await primaryGet(fleet, '/rest/api/1.0/application-properties')).status).toBe(200);
  });
});

describe('demo mirrors: the mirror-side API', () => {
  it('the 9.x farm speaks the 9.x paths, per node; the 8.x mirror only the legacy ones, with ISO dates', async () => {
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 60 });
    const farm = await byName(/farm/);
    const single = await byName(/office/);
    expect((await mirrorGet(fleet, farm.baseUrl, `${M}/upstreamServer`)).body).toMatchObject({ state: 'INSTALLED', baseUrl: fleet.primaries[0]!.baseUrl });
    expect((await mirrorGet(fleet, farm.baseUrl, `${M}/upstreamServers`)).status).toBe(404);
    const nodes = (await mirrorGet(fleet, farm.baseUrl, `${M}/farmNodes`)).body as { name: string; address: { address: string } }[];
    expect(nodes).toHaveLength(3);
    for (const n of nodes) {
      const url = farm.baseUrl.replace('127.0.0.1', n.address.address);
      const page = asPage((await mirrorGet(fleet, url, `${M}/supportInfo/repoSyncStatus?limit=10`)).body);
      expect(page.values[0]).toMatchObject({
        externalRepoId: expect.any(String),
        failedSyncCount: 0,
        lastSyncDate: expect.any(Number),
        hashes: { content: expect.any(String) },
      });
      expect(page.nextPageStart).toBe(10);
    }
    expect((await mirrorGet(fleet, farm.baseUrl, `${M}/syncSettings`)).body).toEqual({ mode: 'ALL_PROJECTS', projectIds: [] });
    expect((await mirrorGet(fleet, farm.baseUrl, `${M}/supportInfo/refChangesQueue/count`)).body).toEqual(expect.any(Number));

    expect((await mirrorGet(fleet, single.baseUrl, `${M}/upstreamServer`)).status).toBe(404);
    const ups = asPage((await mirrorGet(fleet, single.baseUrl, `${M}/upstreamServers`)).body).values;
    const upId = String(ups[0]!.id);
    expect((await mirrorGet(fleet, single.baseUrl, `${M}/upstreamServers/${upId}/settings`)).body).toMatchObject({
      mode: 'SELECTED_PROJECTS',
      projectIds: expect.arrayContaining(['1', '2']),
    });
    expect((await mirrorGet(fleet, single.baseUrl, `${M}/upstreamServers/${upId}/farmNodes`)).body).toHaveLength(1);
    const status = asPage((await mirrorGet(fleet, single.baseUrl, `${M}/supportInfo/repoSyncStatus?limit=1`)).body).values[0]!;
    expect(status.lastSyncDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Supporting information is for admins, with a password.
    const p = fleet.primaries[0]!;
    expect((await fetch(`${single.baseUrl}${M}/supportInfo/repoSyncStatus`, { headers: { authorization: `Bearer ${p.read.token}` } })).status).toBe(401);
  });

  it('a selection of two projects lists exactly those and starts their initial synchronization', async () => {
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 60, speed: 50 });
    const req = asPage((await primaryGet(fleet, `${M}/requests?state=PENDING`)).body).values[0]!;
    const p = fleet.primaries[0]!;
    const auth = `Basic ${Buffer.from(`${p.admin.username}:${p.admin.password}`).toString('base64')}`;
    await fetch(`${p.baseUrl}${M}/requests/${req.id}/accept`, { method: 'POST', headers: { authorization: auth } });
    const base = String(req.mirrorBaseUrl);
    const put = await fetch(`${base}${M}/syncSettings`, {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'SELECTED_PROJECTS', projectIds: ['2', '5'] }),
    });
    expect(put.status).toBe(200);
    expect((await mirrorGet(fleet, base, `${M}/syncSettings`)).body).toEqual({ mode: 'SELECTED_PROJECTS', projectIds: ['2', '5'] });
    const bad = await fetch(`${base}${M}/syncSettings`, {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'SOME' }),
    });
    expect(bad.status).toBe(400);
    const progress = (await mirrorGet(fleet, base, `${M}/progress`)).body as { totalRepos: number; syncedRepos: number };
    expect(progress.totalRepos).toBeGreaterThan(0);
    expect(progress.syncedRepos).toBeLessThan(progress.totalRepos);
  });

  it('faults: a node offline refuses connections; a failing repository counts failed syncs and differs from the primary', async () => {
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 60 });
    const farm = await byName(/farm/);
    const state = () => fleet.state().mirrors!.farms.find((f) => f.id === farm.id)!;
    const node = state().nodes[1]!;
    const nodes = (await mirrorGet(fleet, farm.baseUrl, `${M}/farmNodes`)).body as { name: string; address: { address: string } }[];
    const nodeUrl = farm.baseUrl.replace('127.0.0.1', nodes.find((n) => n.name === node)!.address.address);

    await setFault(fleet, farm.id, { kind: 'mirror-node-offline', node }, true);
    await expect(fetch(`${nodeUrl}/status`)).rejects.toThrow();
    expect((await mirrorGet(fleet, farm.baseUrl, `${M}/farmNodes`)).status).toBe(200);
    await setFault(fleet, farm.id, { kind: 'mirror-node-offline', node }, false);
    expect((await fetch(`${nodeUrl}/status`)).status).toBe(200);

    await setFault(fleet, farm.id, { kind: 'mirror-repo-failing', node }, true);
    const victim = state().faults.failing[0]!;
    expect(victim.node).toBe(node);
    const all = asPage((await mirrorGet(fleet, nodeUrl, `${M}/supportInfo/repoSyncStatus?limit=1000`)).body).values;
    const item = all.find((x) => x.externalRepoId === String(victim.repoId))!;
    expect(item.failedSyncCount).toBeGreaterThan(0);
    const upstream = (await primaryGet(fleet, `${M}/repos/${victim.repoId}`)).body as { properties: { contentHash: string } };
    expect((item.hashes as { content: string }).content).not.toBe(upstream.properties.contentHash);
  });

  it('a new mirror asking to be authorized, and withdrawing', async () => {
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 20 });
    const id = fleet.primaries[0]!.id;
    await setFault(fleet, id, { kind: 'mirror-request' }, false);
    expect(asPage((await primaryGet(fleet, `${M}/requests?state=PENDING`)).body).values).toHaveLength(0);
    expect(fleet.state().mirrors!.primaries[0]!.pendingRequests).toBe(0);
    await setFault(fleet, id, { kind: 'mirror-request' }, true);
    const pending = asPage((await primaryGet(fleet, `${M}/requests?state=PENDING`)).body).values;
    expect(pending).toHaveLength(1);
    expect((await fetch(`${String(pending[0]!.mirrorBaseUrl)}/status`)).status).toBe(200);
  });
});
