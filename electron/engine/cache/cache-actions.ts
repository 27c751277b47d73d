import { FleetApiError } from '../../../shared/contract';
import { formatBytes, formatTtl } from '../../../shared/logic/cache-units';
import type { ActionResult, CacheEndpoint, CacheKind, CacheProtocol, Primary } from '../../../shared/model';
import type { AreaContext } from '../area';
import type { FleetHandlers } from '../host-types';
import type { JsonResponse } from '../http/bitbucket-client';
import { FleetError } from '../http/fleet-error';
import type { PrimaryCachePoller } from './cache-poller';
import { SCM_CACHE_PREFIX } from './cache-poller';

/** How long an action waits for the re-poll that shows its effect before answering anyway. */
const REPOLL_WAIT_MS = 10_000;

const KIND_LABEL: Record<CacheKind, string> = { refs: 'ref-advertisement', 'upload-pack': 'clone (upload-pack)' };

export interface ActionDeps {
  ctx: () => AreaContext;
  poller(primaryId: string): PrimaryCachePoller;
}

type Handlers = Pick<FleetHandlers, 'clearCache' | 'setCacheTtl' | 'setCacheEnabled' | 'setCacheProtocol'>;

/**
 * The four admin actions of DESIGN.md. Each runs through ctx.runAction (audited before and after,
 * never retried, a 401 explained as missing admin permission), then waits for the cache re-poll
 * it triggers, so the snapshot published after the answer already shows the change.
 */
export function cacheActionHandlers(deps: ActionDeps): Handlers {
  const run = async (
    primaryId: string,
    action: string,
    what: { target: string; summary: string; endpoint: CacheEndpoint | null },
    method: 'PUT' | 'DELETE',
    path: string,
  ): Promise<ActionResult> => {
    const ctx = deps.ctx();
    const primary = requirePrimary(ctx, primaryId);
    const poller = deps.poller(primaryId);
    if (what.endpoint && poller.isUnsupported(what.endpoint)) {
      throw new FleetApiError(
        'not-available',
        `${primary.name} does not support this: ${SCM_CACHE_PREFIX}/${what.endpoint} answered 404 on Bitbucket ${primary.version ?? '(version unknown)'}. Ref-advertisement caching is gone from Bitbucket 7.4 on.`,
      );
    }
    const credential = adminName(ctx, primaryId);
    const spec = {
      action,
      credential,
      targetId: primaryId,
      target: `${primary.name} — ${what.target}`,
      summary: what.summary,
      unauthorizedMessage: `The admin credential${credential ? ` (${credential})` : ''} lacks permission to change the SCM cache of ${primary.name}: Bitbucket answered 401. Use an account with ADMIN or SYS_ADMIN permission and its password — Bitbucket refuses HTTP access tokens on admin resources.`,
    };
    const perform = async (): Promise<string | null> => {
      try {
        return describe(await ctx.primaryClient(primaryId).write(method, `${SCM_CACHE_PREFIX}/${path}`));
      } catch (err) {
        if (err instanceof FleetError && err.httpStatus === 404 && what.endpoint) poller.markUnsupported(what.endpoint);
        // A 2xx whose body is not JSON still means Bitbucket applied the change; keep the body for the audit.
        if (err instanceof FleetError && err.code === 'malformed' && err.httpStatus !== null && err.httpStatus < 300) {
          return `Bitbucket answered ${err.httpStatus} with a body that is not JSON: ${err.body ?? ''}`;
        }
        throw err;
      }
    };
    let repolled: Promise<void> = Promise.resolve();
    const result = await ctx.runAction(spec, perform, () => {
      // Waiting starts after the write, so only a poll that began after it counts.
      repolled = poller.nextPoll(REPOLL_WAIT_MS);
      ctx.scheduler.triggerNow(pollTargetId(primaryId));
    });
    await repolled;
    return result;
  };

  return {
    clearCache: async ({ primaryId, projectKey, repoSlug }) => {
      const cache = deps.poller(primaryId).cache;
      if (projectKey !== undefined && repoSlug !== undefined) {
        const repo = `${projectKey}/${repoSlug}`;
        return run(
          primaryId,
          'clearCache',
          {
            target: repo,
            summary: `Clear the SCM caches of ${repo}: its next clones and fetches miss and are served by git until the caches fill again.`,
            endpoint: null,
          },
          'DELETE',
          `caches/${encodeURIComponent(projectKey)}/${encodeURIComponent(repoSlug)}`,
        );
      }
      const size = cache?.totals.size ?? null;
      const drops = size === null ? 'every cached clone and ref advertisement' : `${formatBytes(size)} of cached clones and ref advertisements`;
      return run(
        primaryId,
        'clearCache',
        {
          target: 'all SCM caches',
          summary: `Clear every SCM cache: drops ${drops}; the next clones of every repository miss until the caches fill again.`,
          endpoint: 'caches',
        },
        'DELETE',
        'caches',
      );
    },
    setCacheTtl: async ({ primaryId, cache, seconds }) => {
      const config = deps.poller(primaryId).cache?.config;
      const current = (cache === 'refs' ? config?.refs : config?.uploadPack)?.ttlSeconds ?? null;
      const from = current === null ? '' : ` from ${formatTtl(current)}`;
      return run(
        primaryId,
        'setCacheTtl',
        {
          target: `${KIND_LABEL[cache]} cache TTL`,
          summary: `Set the ${KIND_LABEL[cache]} cache TTL${from} to ${formatTtl(seconds)} (${seconds} s).`,
          endpoint: `config/${cache}/ttl`,
        },
        'PUT',
        `config/${cache}/ttl/${seconds}`,
      );
    },
    setCacheEnabled: async ({ primaryId, cache, enabled }) =>
      run(
        primaryId,
        'setCacheEnabled',
        {
          target: `${KIND_LABEL[cache]} caching`,
          summary: enabled
            ? `Switch ${KIND_LABEL[cache]} caching on: repeated requests are served from disk again.`
            : `Switch ${KIND_LABEL[cache]} caching off: every such request is served by git until it is switched on again.`,
          endpoint: `config/${cache}/enabled`,
        },
        'PUT',
        `config/${cache}/enabled/${enabled}`,
      ),
    setCacheProtocol: async ({ primaryId, protocol, enabled }) =>
      run(
        primaryId,
        'setCacheProtocol',
        {
          target: `${protocolLabel(protocol)} caching`,
          summary: enabled
            ? `Cache hosting requests over ${protocolLabel(protocol)}.`
            : `Stop caching hosting requests over ${protocolLabel(protocol)}: its clones and fetches are served by git.`,
          endpoint: 'config/protocols',
        },
        enabled ? 'PUT' : 'DELETE',
        `config/protocols/${protocol}`,
      ),
  };
}

/** The scheduler target of a primary's cache poll. */
export const pollTargetId = (primaryId: string): string => `cache:${primaryId}`;

const protocolLabel = (p: CacheProtocol): string => (p === 'http' ? 'HTTP' : 'SSH');

export function requirePrimary(ctx: AreaContext, primaryId: string): Primary {
  const primary = ctx.primary(primaryId);
  if (!primary) throw new FleetApiError('not-found', `No primary with id "${primaryId}" in this fleet.`);
  return primary;
}

/** The Bitbucket user actions run as, for the audit log; never the secret. */
function adminName(ctx: AreaContext, primaryId: string): string | null {
  const admin = ctx.config.primaries.find((p) => p.id === primaryId)?.admin;
  if (!admin) return null;
  return 'username' in admin ? admin.username : 'admin token';
}

function describe(response: JsonResponse): string {
  return response.body === null
    ? `Bitbucket answered ${response.status}.`
    : `Bitbucket answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`;
}
