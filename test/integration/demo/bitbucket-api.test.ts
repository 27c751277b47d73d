import { describe, expect, it } from 'vitest';
import { admin, bearer, useDemoFleets, walkRepos } from './helpers';

const start = useDemoFleets();

describe('demo fleet endpoints', () => {
  it('answers /status anonymously on the load balancer and on every node', async () => {
    const h = await start();
    for (const url of [h.primary.baseUrl, ...h.primary.nodes.map((n) => n.baseUrl)]) {
      const r = await h.call(`${url}/status`);
      expect(r.status).toBe(200);
      expect(r.json()).toEqual({ state: 'RUNNING' });
    }
    expect(h.primary.nodes).toHaveLength(3);
    expect(new Set(h.primary.nodes.map((n) => n.baseUrl)).size).toBe(3);
  });

  it('reports a version per primary in application-properties, on 1.0 and latest', async () => {
    const h = await start({ primaries: 2 });
    const [first, second] = h.fleet.primaries;
    const a = await h.call(`${first?.baseUrl}/rest/api/1.0/application-properties`);
    expect(a.status).toBe(200);
    expect(a.json()).toEqual({ version: '8.19.5', buildNumber: '8019005', buildDate: expect.any(String), displayName: 'Bitbucket' });
    expect(a.json().buildDate).toMatch(/^\d{13}$/);
    const b = await h.call(`${second?.baseUrl}/rest/api/latest/application-properties`);
    expect(b.json().version).not.toBe('8.19.5');
    expect(first?.id).not.toBe(second?.id);
  });

  it('keeps connections alive for two minutes', async () => {
    const h = await start();
    const r = await h.call(`${h.primary.baseUrl}/status`);
    expect(r.headers['keep-alive']).toBe('timeout=120');
  });

  it('describes the cluster from the node that answered', async () => {
    const h = await start();
    const node2 = h.primary.nodes[1];
    const direct = (await h.call(`${node2?.baseUrl}/rest/api/1.0/admin/cluster`, { headers: admin(h.primary) })).json();
    expect(direct.running).toBe(true);
    expect(direct.localNode).toMatchObject({ name: node2?.name, local: true, buildVersion: '8.19.5' });
    expect(direct.nodes).toHaveLength(3);
    expect(direct.nodes.filter((n: { local: boolean }) => n.local)).toHaveLength(1);
    for (const n of direct.nodes) {
      expect(n.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(n.address.address).toBe('127.0.0.1');
      expect(n.address.port).toBeGreaterThanOrEqual(5701);
    }
    const viaLb = (await h.call(`${h.primary.baseUrl}/rest/api/latest/admin/cluster`, { headers: admin(h.primary) })).json();
    expect(h.primary.nodes.map((n) => n.name)).toContain(viaLb.localNode.name);
  });

  it('lists about twelve believable projects and the repositories of one', async () => {
    const h = await start();
    const projects = (await h.call(`${h.primary.baseUrl}/rest/api/1.0/projects?limit=100`, { headers: bearer(h.primary) })).json();
    const keys = projects.values.map((p: { key: string }) => p.key);
    expect(keys).toEqual(expect.arrayContaining(['PLAT', 'PAY', 'MOB', 'DATA', 'INFRA', 'WEB', 'SEC', 'QA', 'ML', 'OPS', 'DOCS', 'IOS']));
    expect(projects.values[0]).toMatchObject({ id: expect.any(Number), name: expect.any(String), type: 'NORMAL', public: expect.any(Boolean) });

    const pay = (await h.call(`${h.primary.baseUrl}/rest/api/1.0/projects/PAY/repos?limit=1000`, { headers: bearer(h.primary) })).json();
    expect(pay.size).toBeGreaterThan(5);
    const repo = pay.values[0];
    expect(repo.project.key).toBe('PAY');
    expect(repo).toMatchObject({ scmId: 'git', forkable: expect.any(Boolean), statusMessage: expect.any(String) });
    expect(repo.hierarchyId).toMatch(/^[0-9a-f]{20}$/);
    expect(repo.slug).toMatch(/^[a-z0-9-]+$/);
    expect(repo.links.clone).toEqual([
      { href: `${h.primary.baseUrl}/scm/pay/${repo.slug}.git`, name: 'http' },
      { href: expect.stringMatching(/^ssh:\/\/git@127\.0\.0\.1:7999\/pay\//), name: 'ssh' },
    ]);

    const missing = await h.call(`${h.primary.baseUrl}/rest/api/1.0/projects/NOPE/repos`, { headers: bearer(h.primary) });
    expect(missing.status).toBe(404);
    expect(missing.json().errors[0].exceptionName).toBe('com.atlassian.bitbucket.project.NoSuchProjectException');
  });

  it('filters /repos by state, project key and archived (ACTIVE by default)', async () => {
    const h = await start();
    const get = async (q: string) => (await h.call(`${h.primary.baseUrl}/rest/api/1.0/repos?limit=1000&${q}`, { headers: bearer(h.primary) })).json();
    const all = await get('archived=ALL');
    const active = await get('');
    const archived = await get('archived=archived');
    expect(archived.size).toBeGreaterThan(0);
    expect(active.size + archived.size).toBe(all.size);
    expect(active.values.every((r: { archived: boolean }) => !r.archived)).toBe(true);
    for (const state of ['AVAILABLE', 'INITIALISING', 'INITIALISATION_FAILED', 'OFFLINE']) {
      const page = await get(`archived=ALL&state=${state}`);
      expect(page.size, state).toBeGreaterThan(0);
      expect(page.values.every((r: { state: string }) => r.state === state)).toBe(true);
    }
    expect((await get('archived=ALL&state=AVAILABLE')).size / all.size).toBeGreaterThan(0.9);
    const ml = await get('archived=ALL&projectkey=ML');
    expect(ml.size).toBeGreaterThan(0);
    expect(ml.values.every((r: { project: { key: string } }) => r.project.key === 'ML')).toBe(true);
    const bad = await h.call(`${h.primary.baseUrl}/rest/api/1.0/repos?state=BROKEN`, { headers: bearer(h.primary) });
    expect(bad.status).toBe(400);
    expect(bad.json().errors[0].context).toBe('state');
  });

  it('answers unknown paths with 404 and other methods with 405, in the standard error body', async () => {
    const h = await start();
    const unknown = await h.call(`${h.primary.baseUrl}/rest/api/1.0/nothing-here`, { headers: bearer(h.primary) });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toEqual({ errors: [{ context: null, message: expect.any(String), exceptionName: null }] });
    const post = await h.call(`${h.primary.baseUrl}/rest/api/1.0/projects`, { method: 'POST', headers: bearer(h.primary) });
    expect(post.status).toBe(405);
    expect(post.json().errors).toHaveLength(1);
  });
});

describe('demo fleet paging', () => {
  it('returns every repository exactly once when walked by nextPageStart', async () => {
    const h = await start();
    const repos = await walkRepos(h);
    expect(repos).toHaveLength(300);
    expect(new Set(repos.map((r) => r.id)).size).toBe(300);
    const first = (await h.call(`${h.primary.baseUrl}/rest/api/1.0/repos?archived=ALL`, { headers: bearer(h.primary) })).json();
    expect(first).toMatchObject({ size: 25, limit: 25, isLastPage: false, start: 0, nextPageStart: 25 });
  });

  it('caps limit at 1000 and says so in the page', async () => {
    const h = await start({ reposPerPrimary: 1200 });
    const page = (await h.call(`${h.primary.baseUrl}/rest/api/1.0/repos?archived=ALL&limit=5000`, { headers: bearer(h.primary) })).json();
    expect(page.limit).toBe(1000);
    expect(page.size).toBe(1000);
    expect(page.nextPageStart).toBe(1000);
    const last = (await h.call(`${h.primary.baseUrl}/rest/api/1.0/repos?archived=ALL&limit=5000&start=1000`, { headers: bearer(h.primary) })).json();
    expect(last).toMatchObject({ size: 200, isLastPage: true, start: 1000 });
    expect(last).not.toHaveProperty('nextPageStart');
  });
});
