import { authenticate, type Principal } from '../auth';
import { EXCEPTION, jsonResponse, restError, type DemoResponse } from '../responses';
import type { DemoMirror } from './mirror-model';
import type { MirrorNode } from './mirror-model-types';
import { MIRROR_ROUTES, type MirrorAccess } from './mirror-routes';
import { MIRRORING_PREFIX, type DemoUpstream } from './upstream';

export interface MirrorRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** Where a request reached the mirror: one node's own address, or the farm's front. */
export type MirrorServing = { kind: 'node'; node: MirrorNode } | { kind: 'front' };

/**
 * One request to a simulated mirror. A mirror has no users of its own: it checks each request's
 * credentials with its primary (reference §1.2), so the primary's credentials work here, and an
 * HTTP access token is refused on the admin resources as on the primary.
 */
export function respondMirror(upstream: DemoUpstream, mirror: DemoMirror, serving: MirrorServing, req: MirrorRequest, rotate: () => number): DemoResponse {
  const queryAt = req.url.indexOf('?');
  const path = queryAt < 0 ? req.url : req.url.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : req.url.slice(queryAt + 1));
  const node = serving.kind === 'node' ? serving.node : pickNode(mirror, rotate);
  if (node === undefined) return restError(503, 'No node of this mirror farm is available.', null);
  if (path === '/status' || path === '/status/') return jsonResponse(200, { state: 'RUNNING' });
  if (path === '/rest/api/1.0/application-properties' || path === '/rest/api/latest/application-properties') {
    return jsonResponse(200, { version: mirror.productVersion, buildNumber: mirror.productVersion.replace(/\./g, '0'), displayName: 'Bitbucket' });
  }
  const rel = MIRRORING_PREFIX.exec(path)?.[1];
  if (rel === undefined) return restError(404, `No resource at ${path}.`, null);
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const principal = authenticate(req.authorization, upstream.primary.credentials);
  if (principal.kind === 'rejected') return restError(401, 'Authentication failed. Please check your credentials and try again.', EXCEPTION.incorrectPassword);

  let pathKnown = false;
  for (const route of MIRROR_ROUTES) {
    if (route.api !== undefined && route.api !== mirror.api) continue;
    const match = route.pattern.exec(rel);
    if (!match) continue;
    pathKnown = true;
    if ((route.method ?? 'GET') !== method) continue;
    const params = match.slice(1);
    const denied = checkAccess(route.access, principal, () => upstream.verify(mirror, Number(params.at(-1)), query.get('jwt')));
    if (denied) return denied;
    const now = Math.floor(upstream.clock.now());
    upstream.feed.advance(now);
    return route.handle({ mirror, upstream, node, query, body: req.body, now }, params);
  }
  return pathKnown ? restError(405, `Method ${req.method} is not allowed on ${path}.`, null) : restError(404, `No resource at ${path}.`, null);
}

/** The farm's front sends each request to a node that is up, in turn. */
export function pickNode(mirror: DemoMirror, rotate: () => number): MirrorNode | undefined {
  const live = mirror.nodes.filter((n) => !mirror.isOffline(n.name) && n.bindProblem === null);
  return live.length === 0 ? undefined : live[rotate() % live.length];
}

function checkAccess(access: MirrorAccess, principal: Principal, linkValid: () => boolean): DemoResponse | undefined {
  if (access === 'anonymous') return undefined;
  if (access === 'link' && linkValid()) return undefined;
  if (principal.kind !== 'user') return restError(401, 'Client must be authenticated to access this resource.', EXCEPTION.authenticationRequired);
  if (access === 'sys-admin' && (!principal.sysAdmin || principal.viaToken)) {
    return restError(401, 'You are not permitted to access this resource', EXCEPTION.notPermitted);
  }
  return undefined;
}
