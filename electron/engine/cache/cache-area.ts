import { historyWindow } from '../../../shared/contract/history-args';
import { areaDataset } from '../bitbucket/primary-datasets';
import { FleetApiError } from '../../../shared/contract';
import type { AreaContext, EngineArea } from '../area';
import { FleetError } from '../http/fleet-error';
import type { CacheRequestName } from '../../../shared/contract';
import { cacheActionHandlers, requirePrimary } from './cache-actions';
import { readHistory } from './cache-history';
import { PrimaryCachePoller } from './cache-poller';

/**
 * The SCM cache console (issue #3) area of the engine: one cache poll per primary on the poll
 * interval (five settings, plus the statistics when their budgeted schedule says so),
 * `primaries[].cache` in the snapshot, the four audited actions, and the reads of the Caches view.
 */
export function createCacheArea(): EngineArea<CacheRequestName> {
  let context: AreaContext | null = null;
  const pollers = new Map<string, PrimaryCachePoller>();
  const versions = new Map<string, string | null>();
  const pending = new Set<string>();
  let firstResolve: () => void = () => undefined;
  const first = new Promise<void>((r) => (firstResolve = r));

  const ctx = (): AreaContext => {
    if (!context) throw new FleetApiError('not-available', 'The SCM cache console has not started yet; try again in a moment.');
    return context;
  };
  const poller = (primaryId: string): PrimaryCachePoller => {
    requirePrimary(ctx(), primaryId);
    const p = pollers.get(primaryId);
    if (!p) throw new FleetApiError('not-found', `No primary with id "${primaryId}" in this fleet.`);
    return p;
  };

  return {
    name: 'cache',
    handlers: {
      ...cacheActionHandlers({ ctx, poller }),
      getCacheRepositories: async ({ primaryId, offset, limit }) => poller(primaryId).repositoryRows(offset, limit),
      getCacheRepository: async ({ primaryId, projectKey, repoSlug }) => {
        const p = poller(primaryId);
        const primary = requirePrimary(ctx(), primaryId);
        try {
          const repo = await p.fetchRepository(projectKey, repoSlug);
          ctx().publish();
          return repo;
        } catch (err) {
          if (err instanceof FleetError && err.httpStatus === 404) {
            throw new FleetApiError(
              'not-found',
              `${primary.name} has no SCM cache statistics for ${projectKey}/${repoSlug} (404): check the project key and slug. ${err.message}`,
            );
          }
          if (err instanceof FleetError) throw new FleetApiError(err.code, err.message);
          throw err;
        }
      },
      getCacheHistory: async ({ primaryId, maxPoints, ...window }) => {
        poller(primaryId);
        return readHistory(ctx().store, primaryId, historyWindow(window, ctx().now()), maxPoints);
      },
    },
    start(c) {
      context = c;
      for (const pc of c.config.primaries) {
        const p = new PrimaryCachePoller({
          primaryId: pc.id,
          client: c.primaryClient(pc.id),
          hasAdmin: pc.admin !== undefined,
          store: c.store,
          now: c.now,
          statistics: () => ({
            intervalSeconds: c.config.cacheStatsIntervalSeconds,
            budgetKBps: c.config.cacheStatsBudgetKBps,
            pollIntervalSeconds: c.config.pollIntervalSeconds,
          }),
        });
        pollers.set(pc.id, p);
        pending.add(pc.id);
        c.schedule({
          area: 'cache',
          targetId: pc.id,
          intervalMs: c.config.pollIntervalSeconds * 1000,
          run: async (signal) => {
            try {
              await p.poll(signal);
            } finally {
              if (!signal.aborted) {
                c.publish();
                if (pending.delete(pc.id) && pending.size === 0) firstResolve();
              }
            }
          },
        });
      }
      if (pending.size === 0) firstResolve();
    },
    onPrimaryPolled(primary) {
      const before = versions.get(primary.id);
      versions.set(primary.id, primary.version);
      // An upgrade can add or remove endpoints (ref-advertisement caching went in 7.4): ask them all again.
      if (before !== undefined && before !== primary.version && primary.version !== null) pollers.get(primary.id)?.versionChanged();
    },
    contribute(snapshot) {
      for (const p of snapshot.primaries) {
        const poller = pollers.get(p.id);
        const cache = poller?.cache;
        if (!poller || !cache) continue;
        p.cache = cache;
        // Its own freshness beside the primary's other datasets (issue 11 item 2).
        p.datasets = {
          ...p.datasets,
          cache: areaDataset(
            {
              lastAttemptAt: cache.polledAt,
              lastSuccessAt: cache.lastSuccessAt,
              failed: cache.error !== null || cache.status === 'down' || cache.status === 'unknown',
              message: cache.error?.message ?? cache.statusMessage,
              code: cache.error?.code ?? null,
            },
            snapshot.generatedAt,
            2 * p.pollIntervalSeconds * 1000,
          ),
        };
        // Every clone then goes to git: under CI load that is how a primary gets overloaded.
        if (cache.diskGuardTripped && poller.guardSince !== null) {
          snapshot.alerts.push({
            id: `${p.id}:cache-disk-guard`,
            severity: 'critical',
            targetId: p.id,
            title: `${p.name}: SCM caching switched itself off`,
            message: cache.statusMessage ?? 'Free disk under the cache directory is below the minimum; every clone is served by git.',
            since: poller.guardSince,
          });
        }
      }
    },
    firstPoll: () => first,
    stop: async () => {
      // The engine stops the scheduler, and with it every cache poll, before the areas.
      firstResolve();
    },
  };
}
