import type { CacheDemoState } from '../../../shared/model/demo-cache';
import { addRouteGroup } from '../bitbucket-routes';
import type { DemoExtension } from '../extension';
import { createRng, deriveSeed } from '../prng';
import { join } from 'node:path';
import { DemoAccessLog } from './access-log-sink';
import { ScmCachePlugin } from './plugin-model';
import { SCM_CACHE_PREFIX, scmCacheRoutes } from './routes';
import { CacheTraffic } from './traffic';
import { cachePast } from './cache-past';

interface CacheRuntime {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly plugin: ScmCachePlugin;
  readonly traffic: CacheTraffic;
  readonly log: DemoAccessLog | null;
  now(): number;
}

/** How often a primary that writes an access log catches its traffic up with the clock (nobody may be polling). */
const LOG_EVERY_MS = 5_000;

const FAULT_KINDS = new Set(['cache-disk-full', 'cache-push-storm', 'cache-odd-bodies']);

/** Ref-advertisement caching went away in Bitbucket 7.4 (reference §3, §8). */
export function hasRefsCaching(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major < 7 || (major === 7 && minor < 4);
}

/**
 * The simulated SCM Cache plugin on every primary: the fifteen `/rest/scm-cache/latest` endpoints
 * over a seeded traffic model. Primaries before 7.4 run the older plugin (ref-advertisement
 * caching, totals by kind, repositories on demand); later ones list repositories in `GET /caches`.
 */
export function createCacheExtension(): DemoExtension {
  const runtimes: CacheRuntime[] = [];
  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'cache',
    start: async (ctx) => {
      ctx.primaries.forEach((primary, index) => {
        const legacy = hasRefsCaching(primary.version);
        const plugin = new ScmCachePlugin(legacy, !legacy);
        const rng = createRng(deriveSeed(ctx.settings.seed, 'scm-cache', index));
        const now = (): number => ctx.clock.now();
        const dir = ctx.settings.accessLogDir;
        const log = dir
          ? new DemoAccessLog(
              join(dir, primary.id),
              createRng(deriveSeed(ctx.settings.seed, 'access-log', index)),
              primary.nodes.map((n) => n.id.replace(/-/g, '').slice(0, 6).toUpperCase()),
              primary.catalog.users,
            )
          : null;
        const traffic = new CacheTraffic(plugin, primary.catalog, rng, now(), log);
        log?.flush();
        addRouteGroup(primary, scmCacheRoutes({ plugin, traffic, now }));
        // The plugin's routes catch up in slices before they answer (the routes then advance the rest).
        primary.beforeAnswer = (path) => (SCM_CACHE_PREFIX.test(path.split('?')[0] ?? '') && traffic.isBehind(now()) ? traffic.catchUp(now()) : null);
        // Real clones of the demo's git repositories go through the same cache as the simulated traffic.
        primary.onGitRequest = (repo, kind, gitProtocol) => {
          traffic.advance(now());
          traffic.serve(Math.floor(now()), kind, repo, 'http', gitProtocol);
        };
        runtimes.push({ id: primary.id, name: primary.name, version: primary.version, plugin, traffic, log, now });
      });
      if (runtimes.some((r) => r.log)) {
        timer = setInterval(() => {
          for (const r of runtimes) {
            r.traffic.advance(r.now());
            r.log?.flush();
          }
        }, LOG_EVERY_MS);
        timer.unref();
      }
    },
    applyFault: async (targetId, fault, enabled) => {
      if (!FAULT_KINDS.has(fault.kind)) return false;
      const runtime = runtimes.find((r) => r.id === targetId);
      // Another extension may own a target of this id; the fleet reports the unknown target if none does.
      if (!runtime) return false;
      // Traffic up to now ran under the old conditions; the fault applies from here on.
      runtime.traffic.advance(runtime.now());
      if (fault.kind === 'cache-disk-full') runtime.plugin.diskFull = enabled;
      else if (fault.kind === 'cache-push-storm') {
        if (enabled && !runtime.plugin.pushStorm) runtime.traffic.stormWave(Math.floor(runtime.now()));
        runtime.plugin.pushStorm = enabled;
      } else runtime.plugin.oddBodies = enabled;
      return true;
    },
    state: (): CacheDemoState => ({
      primaries: runtimes.map((r) => ({
        id: r.id,
        name: r.name,
        version: r.version,
        refsSupported: r.plugin.refsSupported,
        listsRepositories: r.plugin.listsRepositories,
        faults: { diskFull: r.plugin.diskFull, pushStorm: r.plugin.pushStorm, oddBodies: r.plugin.oddBodies },
      })),
    }),
    past: (span) => cachePast(runtimes, span),
    config: () => ({}),
    files: () => runtimes.flatMap((r) => (r.log ? [{ label: `${r.name} access log`, path: r.log.path }] : [])),
    stop: async () => {
      clearInterval(timer);
      for (const r of runtimes) r.log?.close();
    },
  };
}
