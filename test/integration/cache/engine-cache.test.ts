import { afterEach, describe, expect, it } from 'vitest';
import { demoFleetConfig, startDemoFleet, type DemoFleet, type DemoPrimaryEndpoint } from '../../../electron/demo';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { Primary, PrimaryCache, Snapshot } from '../../../shared/model';

let fleet: DemoFleet;
let host: Awaited<ReturnType<typeof startFleetHost>>;

afterEach(async () => {
  await host?.stop();
  await fleet?.stop();
});

type Shape = ReturnType<typeof demoFleetConfig>;

/** The demo fleet (8.19.5 and 7.3.1) and an engine on it; `edit` changes the config first (credentials). */
async function setUp(edit: (c: Shape) => Shape = (c) => c, speed = 1): Promise<{ eu: DemoPrimaryEndpoint; us: DemoPrimaryEndpoint }> {
  fleet = await startDemoFleet({ reposPerPrimary: 80, speed });
  const config = fleetConfigSchema.parse(edit(demoFleetConfig(fleet, { pollIntervalSeconds: 60 })));
  host = await startFleetHost({ config, dataDir: ':memory:', demo: fleet, engine: { publishDelayMs: 0 } });
  await host.engine.firstPoll();
  const [eu, us] = fleet.primaries;
  return { eu: eu!, us: us! };
}

const cacheOf = (id: string): PrimaryCache => host.engine.snapshot().primaries.find((p) => p.id === id)!.cache!;

/** Polls everything now and waits for a snapshot in which `id`'s cache has a newer poll. */
async function repoll(id: string): Promise<PrimaryCache> {
  const before = cacheOf(id).polledAt ?? 0;
  const next = new Promise<Snapshot>((resolve) => {
    const off = host.on('snapshot', (s) => {
      if ((s.primaries.find((p) => p.id === id)!.cache?.polledAt ?? 0) > before) {
        off();
        resolve(s);
      }
    });
  });
  await host.handlers.pollNow({});
  return (await next).primaries.find((p: Primary) => p.id === id)!.cache!;
}

const demoGet = async (p: DemoPrimaryEndpoint, path: string): Promise<unknown> => {
  const r = await fetch(`${p.baseUrl}/rest/scm-cache/latest/${path}`, { headers: { authorization: `Bearer ${p.read.token}` } });
  return r.json();
};

describe('the SCM cache console against the simulated fleet', () => {
  it('puts configuration, totals, the disk-guard flag and what is unsupported into primaries[].cache', async () => {
    // Fast simulated time, so the traffic between two polls fills an interval.
    const { eu, us } = await setUp((c) => c, 300);
    const current = cacheOf(eu.id);
    expect(current).toMatchObject({
      status: 'up',
      config: { refs: { enabled: null, ttlSeconds: null }, uploadPack: { enabled: true, ttlSeconds: 14_400 }, protocols: { http: true, ssh: true } },
      totals: { size: expect.any(Number), hits: expect.any(Number), misses: expect.any(Number), hitRatio: expect.any(Number) },
      diskGuardTripped: false,
      unsupported: ['config/refs/enabled', 'config/refs/ttl'],
      repositories: { source: 'feed', count: expect.any(Number) },
    });
    expect(current.repositories.count).toBeGreaterThanOrEqual(80);
    // The statistics' own schedule (issue 13): a small fleet's body fits the default budget, so it is read every poll and says when.
    expect(current.statistics).toMatchObject({ readAt: current.polledAt, intervalSeconds: 0, budgetKBps: 64 });
    expect(current.statistics!.bytes).toBeGreaterThan(1_000);
    const legacy = cacheOf(us.id);
    expect(legacy).toMatchObject({
      status: 'up',
      config: { refs: { enabled: true, ttlSeconds: 60 } },
      unsupported: [],
      repositories: { source: 'on-demand', count: 0 },
    });
    expect(legacy.byKind.refs?.hitRatio).toEqual(expect.any(Number));
    expect(legacy.byKind.uploadPack?.hitRatio).toEqual(expect.any(Number));

    const again = await repoll(eu.id);
    expect(again.interval).toMatchObject({ seconds: expect.any(Number), hitsPerSecond: expect.any(Number), hitRatio: expect.any(Number) });
    await repoll(us.id);
    const history = await host.handlers.getCacheHistory({ primaryId: eu.id, rangeSeconds: 900, maxPoints: 100 });
    for (const series of ['all', 'clone', 'v1', 'v2'] as const) expect(history[series].length, series).toBeGreaterThanOrEqual(1);
    expect(history.refs).toEqual([]);
    const old = await host.handlers.getCacheHistory({ primaryId: us.id, rangeSeconds: 900, maxPoints: 100 });
    expect(old.refs.length).toBeGreaterThanOrEqual(1);
    expect(old.clone.length).toBeGreaterThanOrEqual(1);
    expect(old.v1).toEqual([]);
  });

  it('changes TTL, switches and protocols through audited actions; the next snapshot shows each change', async () => {
    const { eu, us } = await setUp();
    const ttl = await host.handlers.setCacheTtl({ primaryId: eu.id, cache: 'upload-pack', seconds: 5_400 });
    expect(ttl).toEqual({ ok: true, auditId: expect.any(String) });
    expect(cacheOf(eu.id).config.uploadPack.ttlSeconds).toBe(5_400);
    expect(await demoGet(eu, 'config/upload-pack/ttl')).toBe(5_400);

    await host.handlers.setCacheEnabled({ primaryId: eu.id, cache: 'upload-pack', enabled: false });
    expect(cacheOf(eu.id).config.uploadPack.enabled).toBe(false);
    await host.handlers.setCacheProtocol({ primaryId: eu.id, protocol: 'ssh', enabled: false });
    expect(cacheOf(eu.id).config.protocols).toEqual({ http: true, ssh: false });
    await host.handlers.setCacheProtocol({ primaryId: eu.id, protocol: 'ssh', enabled: true });
    expect(cacheOf(eu.id).config.protocols.ssh).toBe(true);
    await host.handlers.setCacheEnabled({ primaryId: us.id, cache: 'refs', enabled: false });
    await host.handlers.setCacheTtl({ primaryId: us.id, cache: 'refs', seconds: 30 });
    expect(cacheOf(us.id).config.refs).toEqual({ enabled: false, ttlSeconds: 30 });

    const { entries } = await host.handlers.getAuditLog({ limit: 10 });
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([
      ['setCacheTtl', 'succeeded'],
      ['setCacheEnabled', 'succeeded'],
      ['setCacheProtocol', 'succeeded'],
      ['setCacheProtocol', 'succeeded'],
      ['setCacheEnabled', 'succeeded'],
      ['setCacheTtl', 'succeeded'],
    ]);
    expect(entries.at(-1)).toMatchObject({
      id: ttl.auditId,
      credential: eu.admin.username,
      targetId: eu.id,
      summary: 'Set the clone (upload-pack) cache TTL from 4 h to 90 min (5400 s).',
    });
  });

  it('clears one repository (its row resets) or every cache, audited', async () => {
    const { eu } = await setUp();
    const table = await host.handlers.getCacheRepositories({ primaryId: eu.id });
    const i = table.rows.hits.findIndex((h, k) => (h ?? 0) > 100 && (table.rows.size[k] ?? 0) > 0);
    const projectKey = table.rows.projectKey[i]!;
    const repoSlug = table.rows.repoSlug[i]!;
    const r = await host.handlers.clearCache({ primaryId: eu.id, projectKey, repoSlug });
    expect(r.ok).toBe(true);
    // Counted from zero since the clear; a clone arriving in the meantime misses first, so one hit at most.
    expect(((await demoGet(eu, `caches/${projectKey}/${repoSlug}`)) as { hits: number }).hits).toBeLessThanOrEqual(1);
    const after = await host.handlers.getCacheRepositories({ primaryId: eu.id });
    const j = after.rows.repoSlug.findIndex((s, k) => s === repoSlug && after.rows.projectKey[k] === projectKey);
    expect(after.rows.hits[j]).toBeLessThanOrEqual(1);
    expect(table.rows.hits[i]).toBeGreaterThan(100);
    expect(after.updatedAt).toBeGreaterThan(table.updatedAt!);

    const sizeBefore = cacheOf(eu.id).totals.size!;
    await host.handlers.clearCache({ primaryId: eu.id });
    expect(cacheOf(eu.id).totals.hits).toBeLessThan(10);
    expect(cacheOf(eu.id).totals.size).toBeLessThan(sizeBefore);
    const { entries } = await host.handlers.getAuditLog({ limit: 2 });
    expect(entries.map((e) => e.target)).toEqual([`${eu.name} — all SCM caches`, `${eu.name} — ${projectKey}/${repoSlug}`]);
    expect(entries[0]!.summary).toMatch(/^Clear every SCM cache: drops [\d.]+ GB of cached clones/);
  });

  it('refuses ref-advertisement changes where the endpoints answer 404, without sending or auditing', async () => {
    const { eu } = await setUp();
    await expect(host.handlers.setCacheTtl({ primaryId: eu.id, cache: 'refs', seconds: 30 })).rejects.toMatchObject({
      code: 'not-available',
      message: expect.stringMatching(/does not support this.*8\.19\.5.*gone from Bitbucket 7\.4/),
    });
    await expect(host.handlers.clearCache({ primaryId: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
    expect((await host.handlers.getAuditLog({ limit: 5 })).entries).toEqual([]);
  });

  it('explains a 401 on an admin write as missing admin permission, and audits the failure', async () => {
    // The "admin" is the read-only service user with its token as password: authenticated, not an admin.
    const { eu } = await setUp((c) => ({
      ...c,
      primaries: c.primaries.map((p) => ({ ...p, admin: { username: 'svc-fleetscope-read', password: p.read.token } })),
    }));
    await expect(host.handlers.setCacheTtl({ primaryId: eu.id, cache: 'upload-pack', seconds: 60 })).rejects.toMatchObject({
      code: 'auth',
      message: expect.stringMatching(/admin credential \(svc-fleetscope-read\) lacks permission to change the SCM cache.*401/),
    });
    const [entry] = (await host.handlers.getAuditLog({ limit: 1 })).entries;
    expect(entry).toMatchObject({ action: 'setCacheTtl', outcome: 'failed', detail: expect.stringMatching(/lacks permission/) });
    expect(await demoGet(eu, 'config/upload-pack/ttl')).toBe(14_400);
  });

  it('reads without an admin credential and refuses actions in read-only mode', async () => {
    const { eu } = await setUp((c) => ({ ...c, primaries: c.primaries.map(({ admin: _admin, ...p }) => p) as Shape['primaries'] }));
    expect(cacheOf(eu.id).status).toBe('up');
    expect(host.engine.snapshot().primaries[0]!.adminCredential).toBe(false);
    await expect(host.handlers.clearCache({ primaryId: eu.id })).rejects.toMatchObject({
      code: 'auth',
      message: expect.stringMatching(/No admin credential is configured/),
    });
  });

  it('shows the disk guard, odd bodies raw, and recovers', async () => {
    const { eu } = await setUp();
    const good = cacheOf(eu.id);
    fleet.setFault(eu.id, { kind: 'cache-disk-full' }, true);
    let c = await repoll(eu.id);
    expect(c).toMatchObject({ status: 'degraded', diskGuardTripped: true, active: false, statusMessage: expect.stringMatching(/switched itself off/) });
    expect(host.engine.snapshot().alerts).toContainEqual(
      expect.objectContaining({ id: `${eu.id}:cache-disk-guard`, severity: 'critical', title: `${eu.name}: SCM caching switched itself off` }),
    );
    fleet.setFault(eu.id, { kind: 'cache-disk-full' }, false);

    fleet.setFault(eu.id, { kind: 'cache-odd-bodies' }, true);
    c = await repoll(eu.id);
    expect(c.config.uploadPack.ttlSeconds).toBe(14_400);
    expect(c.config.protocols).toEqual({ http: true, ssh: true });
    expect(c.raw).toEqual(expect.arrayContaining([{ key: 'config/upload-pack/ttl.unit', value: 'SECONDS' }]));
    expect(c.problems).toEqual([
      expect.objectContaining({ endpoint: 'caches', code: 'malformed', httpStatus: 200, body: expect.stringMatching(/statistics are being rebuilt/) }),
    ]);
    expect(c.status).toBe('degraded');
    expect(c.totals.size).not.toBeNull();
    expect(c.lastSuccessAt).toBeLessThan(c.polledAt!);
    fleet.setFault(eu.id, { kind: 'cache-odd-bodies' }, false);
    c = await repoll(eu.id);
    expect(c).toMatchObject({ status: 'up', problems: [], diskGuardTripped: false });
    expect(host.engine.snapshot().alerts.filter((a) => a.id.endsWith('cache-disk-guard'))).toEqual([]);
    expect(c.lastSuccessAt).toBe(c.polledAt);
    expect(good.status).toBe('up');
  });

  it('looks repositories up on demand where the statistics do not list them', async () => {
    const { us } = await setUp();
    const repos = (await (await fetch(`${us.baseUrl}/rest/api/1.0/repos?limit=3`, { headers: { authorization: `Bearer ${us.read.token}` } })).json()) as {
      values: { slug: string; project: { key: string } }[];
    };
    const first = repos.values[0]!;
    const repo = await host.handlers.getCacheRepository({ primaryId: us.id, projectKey: first.project.key, repoSlug: first.slug });
    expect(repo).toMatchObject({ projectKey: first.project.key, repoSlug: first.slug, hits: expect.any(Number), misses: expect.any(Number) });
    const table = await host.handlers.getCacheRepositories({ primaryId: us.id });
    expect(table).toMatchObject({ source: 'on-demand', rows: { projectKey: [first.project.key], repoSlug: [first.slug] } });
    await expect(host.handlers.getCacheRepository({ primaryId: us.id, projectKey: 'NOPE', repoSlug: 'nothing' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
