import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../electron/demo/catalog';
import { INITIALISATION_MS, LiveFeed } from '../../../electron/demo/live-feed';
import { createRng } from '../../../electron/demo/prng';
import { bearer, useDemoFleets, walkRepos, until, type Harness } from './helpers';

const start = useDemoFleets();

/** Everything about a repository except links, which carry each fleet's own ports. */
async function inventory(h: Harness): Promise<string[]> {
  return (await walkRepos(h)).map((r) => `${r.id} ${r.project.key}/${r.slug} ${r.state} ${r.archived} ${r.hierarchyId}`);
}

async function repoCount(h: Harness): Promise<{ size: number; maxId: number }> {
  const page = (await h.call(`${h.primary.baseUrl}/rest/api/1.0/repos?archived=ALL&limit=1000`, { headers: bearer(h.primary) })).json();
  return { size: page.size, maxId: Math.max(...page.values.map((r: { id: number }) => r.id)) };
}

describe('demo fleet seed and simulated time', () => {
  it('repeats exactly for the same seed and differs for another', async () => {
    const [a, b, c] = await Promise.all([start({ seed: 7 }), start({ seed: 7 }), start({ seed: 8 })]);
    const [listA, listB, listC] = await Promise.all([inventory(a), inventory(b), inventory(c)]);
    expect(listA).toEqual(listB);
    expect(listC).not.toEqual(listA);
    expect(a.primary.read.token).toBe(b.primary.read.token);
    expect(a.primary.read.token).not.toBe(c.primary.read.token);
    expect(a.primary.nodes.map((n) => n.name)).toEqual(b.primary.nodes.map((n) => n.name));
  });

  it('creates repositories while it runs, faster at a higher speed', async () => {
    const [slow, fast] = await Promise.all([start({ speed: 1 }), start({ speed: 1200 })]);
    const before = await repoCount(fast);
    const grown = await until(async () => {
      const now = await repoCount(fast);
      return now.size > before.size ? now : undefined;
    }, 3000);
    expect(grown.maxId).toBeGreaterThan(before.maxId);
    expect((await repoCount(slow)).size).toBe(300);

    // At 1200× a simulated minute of initialisation lasts 50 ms.
    const created = await until(async () => {
      const page = (await fast.call(`${fast.primary.baseUrl}/rest/api/1.0/repos?archived=ALL&limit=1000`, { headers: bearer(fast.primary) })).json();
      const repo = page.values.find((r: { id: number }) => r.id === grown.maxId);
      return repo?.state === 'AVAILABLE' ? repo : undefined;
    }, 2000);
    expect(created.archived).toBe(false);
  });

  it('starts a new repository INITIALISING and makes it AVAILABLE a simulated minute later', () => {
    const catalog = new Catalog(createRng(1), 0, []);
    const feed = new LiveFeed(catalog, createRng(2), 0);
    feed.advance(2 * 60_000 - 1);
    expect(catalog.repos).toHaveLength(0);
    // Step in simulated seconds to catch the first creation.
    let t = 2 * 60_000;
    for (; catalog.repos.length === 0; t += 1000) feed.advance(t);
    t -= 1000;
    const repo = catalog.repos[0];
    expect(repo?.state).toBe('INITIALISING');
    feed.advance(t + INITIALISATION_MS - 2000);
    expect(repo?.state).toBe('INITIALISING');
    // Cached repository pages are dropped when the version moves: on a creation and on a state change.
    const version = catalog.version;
    feed.advance(t + INITIALISATION_MS);
    expect(repo?.state).toBe('AVAILABLE');
    expect(catalog.version).toBeGreaterThan(version);
    feed.advance(2 * 60 * 60_000);
    expect(catalog.repos.length).toBeGreaterThanOrEqual(20);
    expect(new Set(catalog.repos.map((r) => `${r.project.key}/${r.slug}`)).size).toBe(catalog.repos.length);
  });
});
