import { FleetApiError, type RepositoryRequestName } from '../../../shared/contract';
import type { AreaContext, EngineArea } from '../area';
import type { AuditLog } from '../audit/audit-log';
import type { HandlersOf } from '../handlers';
import { findInInventory } from '../bitbucket/inventory-table';
import { historyTarget } from '../cache/cache-history';
import { readRepositoryHistory } from './repository-history';
import { repositoryReads } from './repository-reads';

export interface RepositoryAreaOptions {
  /** The caches area's reads: a repository page reads its caches now. */
  cache: HandlersOf<'getCacheRepository'>;
  /** The mirrors area's reads: each farm's sync state of the repository. */
  mirrors: HandlersOf<'getMirrorRepos'>;
  /** Where the last clear of the repository's caches is found; without it, none is shown. */
  audit?: Pick<AuditLog, 'list'> | undefined;
}

/**
 * Search and the repository page (issue #12) as an area: it polls nothing of its own, and answers
 * from the primaries' inventories joined with the other areas' state and reads.
 */
export function createRepositoryArea(opts: RepositoryAreaOptions): EngineArea<RepositoryRequestName> {
  let context: AreaContext | null = null;
  const ctx = (): AreaContext => {
    if (!context) throw new FleetApiError('not-available', 'The engine is still starting; try again in a moment.');
    return context;
  };
  const reads = repositoryReads({
    snapshot: () => ctx().snapshot(),
    inventory: (id) => ctx().inventory(id),
    storageConfig: () => ctx().config.storage,
    auditLog: (o) => opts.audit?.list(o) ?? [],
    getCacheRepository: (a) => opts.cache.getCacheRepository(a),
    getMirrorRepos: (a) => opts.mirrors.getMirrorRepos(a),
    now: () => ctx().now(),
  });
  return {
    name: 'repository',
    handlers: {
      ...reads,
      getRepositoryHistory: async ({ primaryId, projectKey, repoSlug, rangeSeconds, to, maxPoints }) => {
        const c = ctx();
        const snap = c.snapshot();
        const primary = snap.primaries.find((p) => p.id === primaryId);
        if (!primary) throw new FleetApiError('not-found', `No primary with id "${primaryId}" in this fleet: check the link.`);
        const repo = findInInventory(c.inventory(primaryId), (k, s) => k === projectKey && (s === null || s === repoSlug));
        const farms = snap.mirrorFarms.filter((f) => f.primaryId === primaryId).map((f) => ({ id: f.id, name: f.name, nodes: f.nodes.map((n) => n.name) }));
        const history = readRepositoryHistory(c.store, {
          primaryId,
          cacheTarget: historyTarget(primaryId),
          projectKey,
          repoSlug,
          repoId: repo?.id ?? null,
          farms,
          // The window's end: now for a live chart, the named end for a zoomed or paused one.
          now: to ?? c.now(),
          rangeSeconds,
          maxPoints,
        });
        return { ...history, cacheSource: primary.cache?.repositories.source ?? 'unknown' };
      },
    },
    start(c) {
      context = c;
    },
    contribute: () => undefined,
    firstPoll: async () => undefined,
    stop: async () => {
      context = null;
    },
  };
}
