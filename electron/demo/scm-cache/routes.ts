import type { CacheKind } from '../../../shared/model/cache';
import type { Route, RouteContext, RouteGroup } from '../bitbucket-routes';
import type { DemoRepo } from '../catalog';
import { EXCEPTION, jsonResponse, rawJsonResponse, restError, type DemoResponse } from '../responses';
import type { DemoCacheEntry, DemoRepoCaches, ScmCachePlugin } from './plugin-model';
import type { CacheTraffic } from './traffic';

/** `/rest/scm-cache/{1.0,latest}/…`; the path after it is matched by the routes below. */
export const SCM_CACHE_PREFIX = /^\/rest\/scm-cache\/(?:1\.0|latest)\/(.*?)\/?$/;

/** Largest TTL the simulated plugin accepts: a Java int of seconds. */
const MAX_TTL = 2 ** 31 - 1;

export interface CachePrimary {
  readonly plugin: ScmCachePlugin;
  readonly traffic: CacheTraffic;
  now(): number;
}

/**
 * The fifteen endpoints of reference §3.1: values travel in the path, reads answer bare JSON
 * scalars, writes answer 204. Ref-advertisement endpoints exist only before 7.4; elsewhere the
 * path is unknown and the fleet answers 404 like Bitbucket does for a missing resource.
 */
export function scmCacheRoutes(cp: CachePrimary): RouteGroup {
  const { plugin } = cp;
  /** Every request first brings the traffic model up to now. */
  const at = (handle: (ctx: RouteContext, params: readonly string[], now: number) => DemoResponse) => (ctx: RouteContext, params: readonly string[]) => {
    const now = cp.now();
    cp.traffic.advance(now);
    return handle(ctx, params, now);
  };
  const settingRoutes = (kind: CacheKind): Route[] => [
    { pattern: new RegExp(`^config/${kind}/enabled$`), access: 'user', handle: at(() => scalar(plugin, plugin.settings[kind].enabled, 'enabled')) },
    {
      pattern: new RegExp(`^config/${kind}/enabled/([^/]+)$`),
      method: 'PUT',
      access: 'sys-admin',
      handle: at((_c, [status = '']) => {
        const value = status.toLowerCase();
        if (value !== 'true' && value !== 'false') return restError(400, `Invalid status '${status}': use true or false.`, null, { context: 'status' });
        plugin.settings[kind].enabled = value === 'true';
        return noContent();
      }),
    },
    { pattern: new RegExp(`^config/${kind}/ttl$`), access: 'user', handle: at(() => scalar(plugin, plugin.settings[kind].ttlSeconds, 'ttl')) },
    {
      pattern: new RegExp(`^config/${kind}/ttl/([^/]+)$`),
      method: 'PUT',
      access: 'sys-admin',
      handle: at((_c, [ttl = '']) => {
        if (!/^\d+$/.test(ttl) || Number(ttl) > MAX_TTL)
          return restError(400, `Invalid TTL '${ttl}': use a whole number of seconds, 0 or more.`, null, { context: 'ttl' });
        plugin.settings[kind].ttlSeconds = Number(ttl);
        return noContent();
      }),
    },
  ];
  const routes: Route[] = [
    { pattern: /^config\/protocols$/, access: 'user', handle: at(() => protocols(plugin)) },
    { pattern: /^config\/protocols\/([^/]+)$/, method: 'PUT', access: 'sys-admin', handle: at((_c, [p = '']) => setProtocol(plugin, p, true)) },
    { pattern: /^config\/protocols\/([^/]+)$/, method: 'DELETE', access: 'sys-admin', handle: at((_c, [p = '']) => setProtocol(plugin, p, false)) },
    ...(plugin.refsSupported ? settingRoutes('refs') : []),
    ...settingRoutes('upload-pack'),
    { pattern: /^caches$/, access: 'user', handle: at((_c, _p, now) => statistics(plugin, now)) },
    {
      pattern: /^caches$/,
      method: 'DELETE',
      access: 'sys-admin',
      handle: at(() => {
        plugin.clearAll();
        return noContent();
      }),
    },
    {
      pattern: /^caches\/([^/]+)\/([^/]+)$/,
      access: 'user',
      handle: at((ctx, [key = '', slug = ''], now) => {
        const repo = findRepo(ctx, key, slug);
        if (!repo) return noSuchRepository(key, slug);
        const state = plugin.repos.get(repo.id);
        return jsonResponse(200, repositoryJson(plugin, repo, state, now, !plugin.listsRepositories));
      }),
    },
    {
      pattern: /^caches\/([^/]+)\/([^/]+)$/,
      method: 'DELETE',
      access: 'sys-admin',
      handle: at((ctx, [key = '', slug = '']) => {
        const repo = findRepo(ctx, key, slug);
        if (!repo) return noSuchRepository(key, slug);
        const state = plugin.repos.get(repo.id);
        if (state) plugin.clearRepository(state);
        return noContent();
      }),
    },
  ];
  return { prefix: SCM_CACHE_PREFIX, routes };
}

function noContent(): DemoResponse {
  return { status: 204, headers: { 'cache-control': 'no-cache' }, body: '' };
}

/** A bare JSON scalar, or — with the odd-bodies fault — wrapped with a field nobody documented. */
function scalar(plugin: ScmCachePlugin, value: boolean | number, wrapper: string): DemoResponse {
  if (!plugin.oddBodies) return jsonResponse(200, value);
  return jsonResponse(200, wrapper === 'ttl' ? { ttl: value, unit: 'SECONDS' } : { [wrapper]: value, source: 'rest' });
}

function protocols(plugin: ScmCachePlugin): DemoResponse {
  const list = (['http', 'ssh'] as const).filter((p) => plugin.protocols.has(p));
  if (!plugin.oddBodies) return jsonResponse(200, list);
  return jsonResponse(200, { protocols: list.map((p) => p.toUpperCase()), fallback: 'none' });
}

function setProtocol(plugin: ScmCachePlugin, name: string, enabled: boolean): DemoResponse {
  const protocol = name.toLowerCase();
  if (protocol !== 'http' && protocol !== 'ssh') return restError(400, `Unknown protocol '${name}': use http or ssh.`, null, { context: 'protocol' });
  if (enabled) plugin.protocols.add(protocol);
  else plugin.protocols.delete(protocol);
  return noContent();
}

function findRepo({ primary }: RouteContext, key: string, slug: string): DemoRepo | undefined {
  const project = primary.catalog.findProject(key);
  return project ? primary.catalog.repos.find((r) => r.project === project && r.slug === slug.toLowerCase()) : undefined;
}

function noSuchRepository(key: string, slug: string): DemoResponse {
  return restError(404, `Repository ${key}/${slug} does not exist.`, EXCEPTION.noSuchRepository);
}

/**
 * `GET /caches`. The newer plugin lists every repository it counts, with its caches; the older
 * one (before 7.4) reports totals per kind only, under other names, and repositories on demand.
 */
function statistics(plugin: ScmCachePlugin, now: number): DemoResponse {
  if (plugin.oddBodies) {
    return {
      status: 200,
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'cache-control': 'no-cache' },
      body: 'SCM cache statistics are being rebuilt; try again later.\n',
    };
  }
  const common = { freeSpace: plugin.freeBytes, minimumFreeSpace: plugin.minimumFreeBytes, expiryCheckInterval: 300 };
  if (!plugin.listsRepositories) {
    let entries = 0;
    for (const s of plugin.withEntries) entries += s.entries.size;
    const kindJson = (kind: CacheKind) => ({ hitCount: plugin.byKind[kind].hits, missCount: plugin.byKind[kind].misses, size: sizeOf(plugin, kind) });
    return jsonResponse(200, {
      enabled: !plugin.guardTripped,
      size: plugin.cacheBytes,
      hitCount: plugin.totals.hits,
      missCount: plugin.totals.misses,
      ...common,
      cacheCount: entries,
      statistics: { 'ref-advertisement': kindJson('refs'), 'upload-pack': kindJson('upload-pack') },
    });
  }
  const repositories: string[] = [];
  for (const state of plugin.repos.values()) repositories.push(cachedRepositoryJson(plugin, state, now));
  const head = JSON.stringify({
    enabled: !plugin.guardTripped,
    totalSize: plugin.cacheBytes,
    hits: plugin.totals.hits,
    misses: plugin.totals.misses,
    ...common,
  });
  return rawJsonResponse(200, `${head.slice(0, -1)},"repositories":[${repositories.join(',')}]}`);
}

/**
 * A repository's JSON in the listing, kept while it has no caches and its counters stay the same:
 * at 50,000 repositories most are idle between two polls, so the simulator serialises only the
 * few that moved and stays cheap next to the engine in the benchmarks (issue 13).
 */
const idleJson = new WeakMap<DemoRepoCaches, { hits: number; misses: number; lastAccessed: number | null; json: string }>();
function cachedRepositoryJson(plugin: ScmCachePlugin, state: DemoRepoCaches, now: number): string {
  if (state.entries.size > 0) return JSON.stringify(repositoryJson(plugin, state.repo, state, now, false));
  const hit = idleJson.get(state);
  if (hit && hit.hits === state.hits && hit.misses === state.misses && hit.lastAccessed === state.lastAccessed) return hit.json;
  const json = JSON.stringify(repositoryJson(plugin, state.repo, state, now, false));
  idleJson.set(state, { hits: state.hits, misses: state.misses, lastAccessed: state.lastAccessed, json });
  return json;
}

function sizeOf(plugin: ScmCachePlugin, kind: CacheKind): number {
  let total = 0;
  for (const s of plugin.withEntries) for (const e of s.entries.values()) if (e.kind === kind) total += e.size;
  return total;
}

function repositoryJson(plugin: ScmCachePlugin, repo: DemoRepo, state: DemoRepoCaches | undefined, now: number, legacy: boolean): unknown {
  const entries = state ? [...state.entries.values()].filter((e) => plugin.expiresAt(e) > now) : [];
  const size = entries.reduce((sum, e) => sum + e.size, 0);
  const caches = entries.map((e) => entryJson(plugin, e, legacy));
  const last = state?.lastAccessed ?? null;
  if (legacy) {
    return {
      projectKey: repo.project.key,
      repoSlug: repo.slug,
      size,
      hitCount: state?.hits ?? 0,
      missCount: state?.misses ?? 0,
      lastAccessDate: last === null ? null : new Date(last).toISOString(),
      caches,
    };
  }
  return { projectKey: repo.project.key, repoSlug: repo.slug, size, hits: state?.hits ?? 0, misses: state?.misses ?? 0, lastAccessed: last, caches };
}

function entryJson(plugin: ScmCachePlugin, e: DemoCacheEntry, legacy: boolean): unknown {
  if (legacy) {
    return {
      type: e.kind === 'refs' ? 'ref-advertisement' : 'upload-pack',
      protocol: e.protocol.toUpperCase(),
      protocolVersion: `v${e.version}`,
      size: e.size,
      hitCount: e.hits,
      missCount: e.misses,
      lastAccessDate: new Date(e.lastAccessed).toISOString(),
      expiry: plugin.expiresAt(e),
    };
  }
  return {
    type: e.kind,
    protocol: e.protocol,
    gitProtocolVersion: e.version,
    size: e.size,
    hits: e.hits,
    misses: e.misses,
    lastAccessed: e.lastAccessed,
    expiry: plugin.expiresAt(e),
  };
}
