import { primaryCacheSchema, type CacheRepositoryColumns, type PrimaryCache } from '../../shared/model';
import { T0 } from '../helpers/snapshot-fixtures';

/** A cache as the engine reports an 8.x primary: clone caching only, repositories listed. */
export const makeCache = (over: Partial<PrimaryCache> = {}): PrimaryCache =>
  primaryCacheSchema.parse({
    status: 'up',
    statusMessage: null,
    polledAt: T0 - 5_000,
    lastSuccessAt: T0 - 5_000,
    error: null,
    config: { refs: { enabled: null, ttlSeconds: null }, uploadPack: { enabled: true, ttlSeconds: 14_400 }, protocols: { http: true, ssh: true } },
    totals: { size: 29_300_000_000, hits: 533_619, misses: 170_412, hitRatio: 0.758 },
    byKind: { refs: null, uploadPack: null },
    interval: { seconds: 15, hits: 30, misses: 10, hitRatio: 0.75, hitsPerSecond: 2, missesPerSecond: 0.67 },
    recent: { windowSeconds: 900, coveredSeconds: 900, hits: 1800, misses: 200, hitRatio: 0.9 },
    active: true,
    disk: { freeBytes: 771e9, minimumFreeBytes: 8_589_934_592 },
    diskGuardTripped: false,
    unsupported: ['config/refs/enabled', 'config/refs/ttl'],
    repositories: { source: 'feed', count: 500, updatedAt: T0 - 5_000 },
    raw: [{ key: 'caches.expiryCheckInterval', value: '300' }],
    problems: [],
    ...over,
  });

export const makeColumns = (n: number): CacheRepositoryColumns => {
  const c: CacheRepositoryColumns = { projectKey: [], repoSlug: [], size: [], hits: [], misses: [], lastAccessed: [], entries: [] };
  for (let i = 0; i < n; i += 1) {
    c.projectKey.push(i % 2 ? 'PLAT' : 'WEB');
    c.repoSlug.push(`repo-${String(i).padStart(4, '0')}`);
    c.size.push(i * 1_000_000);
    c.hits.push(i === 7 ? null : 10 * i);
    c.misses.push(n - i);
    c.lastAccessed.push(T0 - i * 60_000);
    c.entries.push(i % 4);
  }
  return c;
};
