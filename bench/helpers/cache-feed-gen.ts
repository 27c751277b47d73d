/**
 * A `GET /caches` body shaped as the demo's plugin answers it (electron/demo/scm-cache/routes.ts):
 * every repository with its counters and its live cache entries, about one in twenty with any
 * (≈ 120 bytes a repository, the 5.9 MB per 50,000 measured on the demo fleet).
 */
export function cacheFeedBody(repositories: number, seed = 1): Buffer {
  let x = seed;
  const rand = (): number => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const now = 1_790_000_000_000;
  const repos: unknown[] = [];
  let size = 0;
  let hits = 0;
  let misses = 0;
  for (let i = 0; i < repositories; i++) {
    const caches: unknown[] = [];
    if (rand() < 0.05) {
      for (const type of ['upload-pack', 'refs']) {
        const e = {
          type,
          protocol: rand() < 0.5 ? 'http' : 'ssh',
          gitProtocolVersion: rand() < 0.7 ? 2 : 1,
          size: Math.floor(rand() * 5e7),
          hits: Math.floor(rand() * 900),
          misses: Math.floor(rand() * 40),
          lastAccessed: now - Math.floor(rand() * 3.6e6),
          expiry: now + 3.6e6,
        };
        caches.push(e);
      }
    }
    const repo = caches as Array<{ size: number; hits: number; misses: number; lastAccessed: number }>;
    const r = {
      projectKey: `P${String(i % 400).padStart(3, '0')}`,
      repoSlug: `repository-${i}`,
      size: repo.reduce((n, e) => n + e.size, 0),
      hits: repo.reduce((n, e) => n + e.hits, 0),
      misses: repo.reduce((n, e) => n + e.misses, 0),
      lastAccessed: repo.length > 0 ? Math.max(...repo.map((e) => e.lastAccessed)) : null,
      caches,
    };
    size += r.size;
    hits += r.hits;
    misses += r.misses;
    repos.push(r);
  }
  const body = { enabled: true, totalSize: size, hits, misses, freeSpace: 8e11, minimumFreeSpace: 5e10, expiryCheckInterval: 300, repositories: repos };
  return Buffer.from(JSON.stringify(body), 'utf8');
}
