import { describe, expect, it } from 'vitest';
import type { DemoPrimaryEndpoint } from '../../../electron/demo';
import { admin, bearer, useDemoFleets, type Harness } from '../demo/helpers';

const start = useDemoFleets();
const api = (p: DemoPrimaryEndpoint, path: string): string => `${p.baseUrl}/rest/scm-cache/latest/${path}`;

async function both(): Promise<{ h: Harness; current: DemoPrimaryEndpoint; legacy: DemoPrimaryEndpoint }> {
  const h = await start({ reposPerPrimary: 60 });
  const [current, legacy] = h.fleet.primaries;
  return { h, current: current!, legacy: legacy! };
}

describe('the simulated SCM Cache plugin (fifteen endpoints)', () => {
  it('serves two primaries by default: a current version and one before 7.4', async () => {
    const { h, current, legacy } = await both();
    const version = async (p: DemoPrimaryEndpoint) => (await h.call(`${p.baseUrl}/rest/api/1.0/application-properties`)).json().version as string;
    expect(await version(current)).toBe('8.19.5');
    expect(await version(legacy)).toMatch(/^7\.[0-3]\./);
    expect(h.fleet.state().cache?.primaries.map((p) => [p.id, p.refsSupported, p.listsRepositories])).toEqual([
      [current.id, false, true],
      [legacy.id, true, false],
    ]);
  });

  it('answers reads with bare JSON scalars and writes with 204, values in the path', async () => {
    const { h, current: p } = await both();
    const get = async (path: string) => {
      const r = await h.call(api(p, path), { headers: bearer(p) });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/application\/json/);
      return r.text;
    };
    expect(await get('config/protocols')).toBe('["http","ssh"]');
    expect(await get('config/upload-pack/enabled')).toBe('true');
    expect(await get('config/upload-pack/ttl')).toBe('14400');

    const put = await h.call(api(p, 'config/upload-pack/ttl/600'), { method: 'PUT', headers: admin(p) });
    expect(put.status).toBe(204);
    expect(put.text).toBe('');
    expect(await get('config/upload-pack/ttl')).toBe('600');
    expect((await h.call(api(p, 'config/upload-pack/enabled/false'), { method: 'PUT', headers: admin(p) })).status).toBe(204);
    expect(await get('config/upload-pack/enabled')).toBe('false');
    expect((await h.call(api(p, 'config/protocols/SSH'), { method: 'DELETE', headers: admin(p) })).status).toBe(204);
    expect(await get('config/protocols')).toBe('["http"]');
    expect((await h.call(api(p, 'config/protocols/ssh'), { method: 'PUT', headers: admin(p) })).status).toBe(204);
    expect(await get('config/protocols')).toBe('["http","ssh"]');
  });

  it('has ref-advertisement endpoints before 7.4 only; 7.4+ answers 404', async () => {
    const { h, current, legacy } = await both();
    for (const path of ['config/refs/enabled', 'config/refs/ttl']) {
      expect((await h.call(api(current, path), { headers: bearer(current) })).status).toBe(404);
      expect((await h.call(api(legacy, path), { headers: bearer(legacy) })).status).toBe(200);
    }
    expect((await h.call(api(current, 'config/refs/ttl/30'), { method: 'PUT', headers: admin(current) })).status).toBe(404);
    expect((await h.call(api(legacy, 'config/refs/ttl/30'), { method: 'PUT', headers: admin(legacy) })).status).toBe(204);
    expect((await h.call(api(legacy, 'config/refs/ttl'), { headers: bearer(legacy) })).text).toBe('30');
    expect((await h.call(api(legacy, 'config/refs/enabled/false'), { method: 'PUT', headers: admin(legacy) })).status).toBe(204);
    expect((await h.call(api(legacy, 'config/refs/enabled'), { headers: bearer(legacy) })).text).toBe('false');
  });

  it('refuses bad values (400), tokens and non-admins on writes (401), unknown methods (405)', async () => {
    const { h, current: p } = await both();
    for (const path of [
      'config/upload-pack/ttl/-5',
      'config/upload-pack/ttl/1.5',
      'config/upload-pack/ttl/9999999999',
      'config/upload-pack/enabled/maybe',
      'config/protocols/git',
    ]) {
      const r = await h.call(api(p, path), { method: 'PUT', headers: admin(p) });
      expect(r.status, path).toBe(400);
      expect(r.json().errors[0].context).toBeTruthy();
    }
    const token = await h.call(api(p, 'caches'), { method: 'DELETE', headers: bearer(p) });
    expect(token.status).toBe(401);
    expect(token.json().errors[0].exceptionName).toBe('com.atlassian.bitbucket.AuthorisationException');
    expect((await h.call(api(p, 'caches'))).status).toBe(401);
    expect((await h.call(api(p, 'caches'), { method: 'POST', headers: admin(p) })).status).toBe(405);
  });

  it('lists repositories with their caches on 7.4+, totals by kind before; one repository on both', async () => {
    const { h, current, legacy } = await both();
    const feed = (await h.call(api(current, 'caches'), { headers: bearer(current) })).json();
    expect(feed).toMatchObject({
      enabled: true,
      totalSize: expect.any(Number),
      hits: expect.any(Number),
      misses: expect.any(Number),
      freeSpace: expect.any(Number),
      minimumFreeSpace: 8 * 1024 ** 3,
    });
    expect(feed.repositories.length).toBeGreaterThanOrEqual(60);
    const busy = feed.repositories.find((r: { caches: unknown[] }) => r.caches.length > 0);
    expect(busy.caches[0]).toMatchObject({
      type: 'upload-pack',
      protocol: expect.stringMatching(/^(http|ssh)$/),
      gitProtocolVersion: expect.any(Number),
      expiry: expect.any(Number),
    });

    const old = (await h.call(api(legacy, 'caches'), { headers: bearer(legacy) })).json();
    expect(old).toMatchObject({
      size: expect.any(Number),
      hitCount: expect.any(Number),
      missCount: expect.any(Number),
      statistics: { 'ref-advertisement': expect.any(Object), 'upload-pack': expect.any(Object) },
    });
    expect(old.repositories).toBeUndefined();

    const one = (await h.call(api(current, `caches/${busy.projectKey}/${busy.repoSlug}`), { headers: bearer(current) })).json();
    expect(one).toMatchObject({ projectKey: busy.projectKey, repoSlug: busy.repoSlug, hits: expect.any(Number) });
    expect((await h.call(api(current, 'caches/NOPE/nothing'), { headers: bearer(current) })).status).toBe(404);
  });

  it('clearing one repository resets its entry; clearing all resets every counter', async () => {
    const { h, current: p } = await both();
    const feed = (await h.call(api(p, 'caches'), { headers: bearer(p) })).json();
    const busy = feed.repositories.find((r: { caches: unknown[]; hits: number }) => r.caches.length > 0 && r.hits > 0);
    const path = `caches/${busy.projectKey}/${busy.repoSlug}`;
    expect((await h.call(api(p, path), { method: 'DELETE', headers: admin(p) })).status).toBe(204);
    const after = (await h.call(api(p, path), { headers: bearer(p) })).json();
    // The clear ran at this instant; a clone of the same repository in the meantime can only add one miss.
    expect(after.hits).toBe(0);
    expect(after.misses).toBeLessThanOrEqual(1);
    expect(after.caches.length).toBeLessThanOrEqual(1);

    expect((await h.call(api(p, 'caches'), { method: 'DELETE', headers: admin(p) })).status).toBe(204);
    const cleared = (await h.call(api(p, 'caches'), { headers: bearer(p) })).json();
    expect(cleared.hits).toBe(0);
    expect(cleared.misses).toBeLessThan(10);
    expect(cleared.totalSize).toBeLessThan(feed.totalSize);
  });

  it('switches the disk guard and the odd answers through the fault controls', async () => {
    const { h, current: p } = await both();
    h.fleet.setFault(p.id, { kind: 'cache-disk-full' }, true);
    const full = (await h.call(api(p, 'caches'), { headers: bearer(p) })).json();
    expect(full.enabled).toBe(false);
    expect(full.freeSpace).toBeLessThan(full.minimumFreeSpace);
    expect(h.fleet.state().cache?.primaries[0]?.faults.diskFull).toBe(true);
    h.fleet.setFault(p.id, { kind: 'cache-disk-full' }, false);

    h.fleet.setFault(p.id, { kind: 'cache-odd-bodies' }, true);
    expect((await h.call(api(p, 'config/upload-pack/ttl'), { headers: bearer(p) })).json()).toEqual({ ttl: 14400, unit: 'SECONDS' });
    expect((await h.call(api(p, 'config/protocols'), { headers: bearer(p) })).json()).toEqual({ protocols: ['HTTP', 'SSH'], fallback: 'none' });
    const text = await h.call(api(p, 'caches'), { headers: bearer(p) });
    expect(text.status).toBe(200);
    expect(text.headers['content-type']).toMatch(/text\/plain/);
    const unknown = await h.call(`${h.fleet.controlUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ targetId: 'nope', fault: { kind: 'cache-push-storm' }, enabled: true }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json().error.message).toMatch(/target "nope"/);
  });
});
