import type { PrimaryCache } from '../../../shared/model';

/** A primary's SCM cache before its first poll: every figure unknown. */
export function emptyCache(): PrimaryCache {
  return {
    status: 'unknown',
    statusMessage: 'Waiting for the first poll',
    polledAt: null,
    lastSuccessAt: null,
    error: null,
    config: { refs: { enabled: null, ttlSeconds: null }, uploadPack: { enabled: null, ttlSeconds: null }, protocols: { http: null, ssh: null } },
    totals: { size: null, hits: null, misses: null, hitRatio: null },
    byKind: { refs: null, uploadPack: null },
    interval: null,
    recent: null,
    active: null,
    disk: { freeBytes: null, minimumFreeBytes: null },
    diskGuardTripped: null,
    unsupported: [],
    repositories: { source: 'unknown', count: null, updatedAt: null },
    raw: [],
    problems: [],
  };
}
