import { FleetApiError, type ActionRequestName } from '../../../shared/contract';
import { formatTtl } from '../../../shared/logic/cache-units';
import { formatBytes } from '../../../shared/logic/units';
import type { ActionResult, CacheEndpoint, CacheKind, CacheProtocol, Primary, PrimaryCache } from '../../../shared/model';
import type { ActionRequest } from '../actions/action-pipeline';
import type { AreaContext } from '../area';
import type { HandlersOf } from '../handlers';
import type { JsonResponse } from '../http/bitbucket-client-contract';
import { FleetError } from '../http/fleet-error';
import type { PrimaryCachePoller } from './cache-poller';
import { SCM_CACHE_PREFIX } from './cache-poller';

const KIND_LABEL: Record<CacheKind, string> = { refs: 'ref-advertisement', 'upload-pack': 'clone (upload-pack)' };

export interface ActionDeps {
  ctx: () => AreaContext;
  poller(primaryId: string): PrimaryCachePoller;
}

type Handlers = HandlersOf<'clearCache' | 'setCacheTtl' | 'setCacheEnabled' | 'setCacheProtocol'>;

interface CacheChange {
  action: ActionRequestName;
  target: string;
  summary: string;
  /** The endpoint the change goes to, when a 404 there means "not on this Bitbucket version". */
  endpoint: CacheEndpoint | null;
  method: 'PUT' | 'DELETE';
  path: string;
  /** True once the polled cache shows the change. */
  shows?: (cache: PrimaryCache | null) => boolean;
}

/**
 * The four admin actions of DESIGN.md, each through the engine's one action pipeline; the re-poll
 * that shows the change is the primary's cache poll.
 */
export function cacheActionHandlers(deps: ActionDeps): Handlers {
  const run = async (primaryId: string, change: CacheChange, request: ActionRequest): Promise<ActionResult> => {
    const ctx = deps.ctx();
    const primary = requirePrimary(ctx, primaryId);
    const poller = deps.poller(primaryId);
    if (change.endpoint && poller.isUnsupported(change.endpoint)) {
      throw new FleetApiError(
        'not-available',
        `${primary.name} does not support this: ${SCM_CACHE_PREFIX}/${change.endpoint} answered 404 on Bitbucket ${primary.version ?? '(version unknown)'}. Ref-advertisement caching is gone from Bitbucket 7.4 on.`,
      );
    }
    const { shows } = change;
    return ctx.runAction(
      {
        action: change.action,
        primaryId,
        targetId: primaryId,
        target: `${primary.name} — ${change.target}`,
        summary: change.summary,
        unauthorizedMessage: (credential) =>
          `The admin credential (${credential}) lacks permission to change the SCM cache of ${primary.name}: Bitbucket answered 401. Use an account with ADMIN or SYS_ADMIN permission and its password — Bitbucket refuses HTTP access tokens on admin resources.`,
        perform: async (admin) => {
          try {
            const answer = describe(await admin.write(ctx.primaryClient(primaryId), change.method, `${SCM_CACHE_PREFIX}/${change.path}`));
            // The re-poll shows the change, so it reads the statistics even when their schedule would skip them.
            poller.readStatisticsNext();
            return answer;
          } catch (err) {
            if (err instanceof FleetError && err.httpStatus === 404 && change.endpoint) poller.markUnsupported(change.endpoint);
            // A 2xx whose body is not JSON still means Bitbucket applied the change; keep the body for the audit.
            if (err instanceof FleetError && err.code === 'malformed' && err.httpStatus !== null && err.httpStatus < 300) {
              return `Bitbucket answered ${err.httpStatus} with a body that is not JSON: ${err.body ?? ''}`;
            }
            throw err;
          }
        },
        repoll: { targetId: primaryId, area: 'cache' },
        ...(shows ? { shows: () => shows(poller.cache) } : {}),
      },
      request,
    );
  };

  return {
    clearCache: async ({ primaryId, projectKey, repoSlug, admin }, caller) => {
      const cache = deps.poller(primaryId).cache;
      if (projectKey !== undefined && repoSlug !== undefined) {
        const repo = `${projectKey}/${repoSlug}`;
        return run(
          primaryId,
          {
            action: 'clearCache',
            target: repo,
            summary: `Clear the SCM caches of ${repo}: its next clones and fetches miss and are served by git until the caches fill again.`,
            endpoint: null,
            method: 'DELETE',
            path: `caches/${encodeURIComponent(projectKey)}/${encodeURIComponent(repoSlug)}`,
          },
          { admin, caller },
        );
      }
      const size = cache?.totals.size ?? null;
      const drops = size === null ? 'every cached clone and ref advertisement' : `${formatBytes(size)} of cached clones and ref advertisements`;
      return run(
        primaryId,
        {
          action: 'clearCache',
          target: 'all SCM caches',
          summary: `Clear every SCM cache: drops ${drops}; the next clones of every repository miss until the caches fill again.`,
          endpoint: 'caches',
          method: 'DELETE',
          path: 'caches',
        },
        { admin, caller },
      );
    },
    setCacheTtl: async ({ primaryId, cache, seconds, admin }, caller) => {
      const config = deps.poller(primaryId).cache?.config;
      const current = (cache === 'refs' ? config?.refs : config?.uploadPack)?.ttlSeconds ?? null;
      const from = current === null ? '' : ` from ${formatTtl(current)}`;
      return run(
        primaryId,
        {
          action: 'setCacheTtl',
          target: `${KIND_LABEL[cache]} cache TTL`,
          summary: `Set the ${KIND_LABEL[cache]} cache TTL${from} to ${formatTtl(seconds)} (${seconds} s).`,
          endpoint: `config/${cache}/ttl`,
          method: 'PUT',
          path: `config/${cache}/ttl/${seconds}`,
          shows: (c) => (cache === 'refs' ? c?.config.refs : c?.config.uploadPack)?.ttlSeconds === seconds,
        },
        { admin, caller },
      );
    },
    setCacheEnabled: async ({ primaryId, cache, enabled, admin }, caller) =>
      run(
        primaryId,
        {
          action: 'setCacheEnabled',
          target: `${KIND_LABEL[cache]} caching`,
          summary: enabled
            ? `Switch ${KIND_LABEL[cache]} caching on: repeated requests are served from disk again.`
            : `Switch ${KIND_LABEL[cache]} caching off: every such request is served by git until it is switched on again.`,
          endpoint: `config/${cache}/enabled`,
          method: 'PUT',
          path: `config/${cache}/enabled/${enabled}`,
          shows: (c) => (cache === 'refs' ? c?.config.refs : c?.config.uploadPack)?.enabled === enabled,
        },
        { admin, caller },
      ),
    setCacheProtocol: async ({ primaryId, protocol, enabled, admin }, caller) =>
      run(
        primaryId,
        {
          action: 'setCacheProtocol',
          target: `${protocolLabel(protocol)} caching`,
          summary: enabled
            ? `Cache hosting requests over ${protocolLabel(protocol)}.`
            : `Stop caching hosting requests over ${protocolLabel(protocol)}: its clones and fetches are served by git.`,
          endpoint: 'config/protocols',
          method: enabled ? 'PUT' : 'DELETE',
          path: `config/protocols/${protocol}`,
          shows: (c) => c?.config.protocols[protocol] === enabled,
        },
        { admin, caller },
      ),
  };
}

const protocolLabel = (p: CacheProtocol): string => (p === 'http' ? 'HTTP' : 'SSH');

export function requirePrimary(ctx: AreaContext, primaryId: string): Primary {
  const primary = ctx.primary(primaryId);
  if (!primary) throw new FleetApiError('not-found', `No primary with id "${primaryId}" in this fleet.`);
  return primary;
}

function describe(response: JsonResponse): string {
  return response.body === null
    ? `Bitbucket answered ${response.status}.`
    : `Bitbucket answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`;
}
