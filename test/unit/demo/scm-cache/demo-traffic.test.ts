import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../../electron/demo/catalog';
import { createRng, deriveSeed } from '../../../../electron/demo/prng';
import { hasRefsCaching } from '../../../../electron/demo/scm-cache/extension';
import { ScmCachePlugin } from '../../../../electron/demo/scm-cache/plugin-model';
import { CacheTraffic } from '../../../../electron/demo/scm-cache/traffic';
import { ZipfSampler } from '../../../../electron/demo/scm-cache/zipf';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

function model(opts: { legacy?: boolean; repos?: number; seed?: number } = {}) {
  const seed = opts.seed ?? 7;
  const catalog = new Catalog(createRng(deriveSeed(seed, 'catalog')), opts.repos ?? 200, []);
  const plugin = new ScmCachePlugin(opts.legacy ?? false, !(opts.legacy ?? false));
  const traffic = new CacheTraffic(plugin, catalog, createRng(deriveSeed(seed, 'scm-cache')), T0);
  // As every reader does (the plugin's routes, the log timer): catch up with the time first.
  traffic.advance(T0);
  return { catalog, plugin, traffic };
}

const snapshot = (p: ScmCachePlugin) =>
  JSON.stringify({
    totals: p.totals,
    bytes: p.cacheBytes,
    repos: [...p.repos.values()].map((r) => [r.repo.id, r.hits, r.misses, r.lastAccessed, [...r.entries.entries()]]),
  });

describe('the simulated SCM cache traffic', () => {
  it('repeats exactly for a seed and a simulated time, however often it is read', () => {
    const a = model();
    const b = model();
    for (let t = T0; t < T0 + HOUR; t += 7_919) a.traffic.advance(t);
    a.traffic.advance(T0 + HOUR);
    b.traffic.advance(T0 + HOUR);
    expect(snapshot(a.plugin)).toBe(snapshot(b.plugin));
    expect(snapshot(model({ seed: 8 }).plugin)).not.toBe(snapshot(a.plugin));
  });

  it('catches up in slices, one turn of the event loop each, to what one advance gives', async () => {
    const catalog = new Catalog(createRng(deriveSeed(7, 'catalog')), 200, []);
    const plugin = new ScmCachePlugin(false, true);
    const traffic = new CacheTraffic(plugin, catalog, createRng(deriveSeed(7, 'scm-cache')), T0);
    expect(traffic.isBehind(T0)).toBe(true);
    // Counts turns of the event loop by immediates, not by a timer: a 0 ms interval fires only when
    // a millisecond has passed, so on a fast machine a slice could end before it and count nothing.
    let turns = 0;
    let done = false;
    const count = () => {
      if (done) return;
      turns += 1;
      setImmediate(count);
    };
    setImmediate(count);
    // Two readers at once share the catch-up.
    await Promise.all([traffic.catchUp(T0 + HOUR), traffic.catchUp(T0 + HOUR)]);
    done = true;
    expect(turns).toBeGreaterThan(10);
    expect(traffic.isBehind(T0 + HOUR)).toBe(false);
    traffic.advance(T0 + HOUR);
    const once = model();
    once.traffic.advance(T0 + HOUR);
    expect(snapshot(plugin)).toBe(snapshot(once.plugin));
  });

  it('starts warm: every repository counted, busy ones cached, a plausible hit ratio', () => {
    const { plugin, catalog } = model();
    expect(plugin.repos.size).toBe(catalog.repos.length);
    expect(plugin.withEntries.size).toBeGreaterThan(20);
    const ratio = plugin.totals.hits / (plugin.totals.hits + plugin.totals.misses);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(0.99);
    expect(plugin.cacheBytes).toBe([...plugin.withEntries].reduce((s, r) => s + [...r.entries.values()].reduce((x, e) => x + e.size, 0), 0));
  });

  it('keeps git protocol v1 and v2, HTTP and SSH in separate caches; refs only before 7.4', () => {
    const { plugin } = model();
    const keys = new Set([...plugin.withEntries].flatMap((r) => [...r.entries.keys()]));
    expect(keys).toEqual(new Set(['upload-pack|http|1', 'upload-pack|http|2', 'upload-pack|ssh|1', 'upload-pack|ssh|2']));
    expect(plugin.byKind.refs).toEqual({ hits: 0, misses: 0 });
    const legacy = model({ legacy: true }).plugin;
    expect([...legacy.withEntries].some((r) => [...r.entries.keys()].some((k) => k.startsWith('refs|')))).toBe(true);
    expect(legacy.byKind.refs.hits).toBeGreaterThan(0);
    expect(hasRefsCaching('7.3.1')).toBe(true);
    expect(hasRefsCaching('7.4.0')).toBe(false);
    expect(hasRefsCaching('8.19.5')).toBe(false);
    expect(hasRefsCaching('6.10.2')).toBe(true);
  });

  it('expires caches after their TTL: a shorter TTL leaves fewer and younger caches', () => {
    const long = model();
    const short = model();
    short.plugin.settings['upload-pack'].ttlSeconds = 60;
    long.traffic.advance(T0 + HOUR);
    short.traffic.advance(T0 + HOUR);
    const entries = (p: ScmCachePlugin) => [...p.withEntries].flatMap((r) => [...r.entries.values()]);
    expect(entries(short.plugin).length).toBeLessThan(entries(long.plugin).length / 3);
    expect(entries(short.plugin).every((e) => e.createdAt > T0 + HOUR - 2 * 60_000)).toBe(true);
  });

  it('a push storm invalidates the busiest repositories and lowers the hit ratio', () => {
    const calm = model();
    const storm = model();
    storm.plugin.pushStorm = true;
    const before = { ...calm.plugin.totals };
    calm.traffic.advance(T0 + HOUR);
    storm.traffic.advance(T0 + HOUR);
    const ratio = (p: ScmCachePlugin) => (p.totals.hits - before.hits) / (p.totals.hits - before.hits + p.totals.misses - before.misses);
    expect(ratio(storm.plugin)).toBeLessThan(ratio(calm.plugin) - 0.1);
  });

  it('switches caching off by itself when free disk falls below the minimum: lookups miss, nothing is stored', () => {
    const { plugin, traffic } = model();
    expect(plugin.guardTripped).toBe(false);
    plugin.diskFull = true;
    expect(plugin.freeBytes).toBeLessThan(plugin.minimumFreeBytes);
    expect(plugin.guardTripped).toBe(true);
    const hits = plugin.totals.hits;
    const misses = plugin.totals.misses;
    const newest = Math.max(...[...plugin.withEntries].flatMap((r) => [...r.entries.values()].map((e) => e.createdAt)));
    traffic.advance(T0 + 10 * 60_000);
    expect(plugin.totals.hits).toBe(hits);
    expect(plugin.totals.misses).toBeGreaterThan(misses + 100);
    expect([...plugin.withEntries].flatMap((r) => [...r.entries.values()]).every((e) => e.createdAt <= newest)).toBe(true);
  });

  it('bypasses the cache for switched-off kinds and protocols: nothing is counted', () => {
    const { plugin, traffic } = model();
    plugin.settings['upload-pack'].enabled = false;
    const totals = { ...plugin.totals };
    traffic.advance(T0 + 10 * 60_000);
    expect(plugin.totals).toEqual(totals);
    plugin.settings['upload-pack'].enabled = true;
    plugin.protocols.delete('ssh');
    traffic.advance(T0 + 20 * 60_000);
    const ssh = [...plugin.withEntries].flatMap((r) => [...r.entries.values()]).filter((e) => e.protocol === 'ssh' && e.createdAt > T0 + 10 * 60_000);
    expect(ssh).toEqual([]);
    expect(plugin.totals.hits + plugin.totals.misses).toBeGreaterThan(totals.hits + totals.misses);
  });

  it('clears one repository (its caches and counters) or everything', () => {
    const { plugin } = model();
    const busy = [...plugin.withEntries][0]!;
    const others = plugin.cacheBytes - [...busy.entries.values()].reduce((s, e) => s + e.size, 0);
    plugin.clearRepository(busy);
    expect(busy).toMatchObject({ hits: 0, misses: 0, lastAccessed: null });
    expect(busy.entries.size).toBe(0);
    expect(plugin.cacheBytes).toBe(others);
    plugin.clearAll();
    expect(plugin.cacheBytes).toBe(0);
    expect(plugin.repos.size).toBe(0);
    expect(plugin.totals).toEqual({ hits: 0, misses: 0 });
  });

  it('takes repositories created later into the traffic', () => {
    const { catalog, traffic, plugin } = model({ repos: 5 });
    const added = catalog.addRepo(createRng(1), 'AVAILABLE');
    traffic.advance(T0 + 2 * HOUR);
    expect(plugin.repos.has(added.id) || traffic.packOf(added) > 0).toBe(true);
    expect(traffic.packOf(added)).toBeGreaterThan(0);
  });
});

describe('the Zipf sampler', () => {
  it('draws low ranks most, in proportion to 1/rank^s', () => {
    const z = new ZipfSampler(1);
    z.resize(100);
    const rng = createRng(3);
    const counts = new Array<number>(100).fill(0);
    for (let i = 0; i < 50_000; i += 1) counts[z.draw(rng)]! += 1;
    expect(counts[0]! / 50_000).toBeCloseTo(z.share(0), 1);
    expect(counts[0]! / counts[1]!).toBeCloseTo(2, 0);
    expect(z.share(0) + z.share(99)).toBeLessThan(1);
    expect(new ZipfSampler(1).draw(rng)).toBe(-1);
  });
});
