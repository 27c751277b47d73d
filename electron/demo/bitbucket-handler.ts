import { authenticate } from './auth';
import { routeGroupsOf, type Access, type Route, type RouteMethod } from './bitbucket-routes';
import { loginPage, SERVICE_UNAVAILABLE_PAGE } from './html-pages';
import { LB_BUCKETS, type PrimaryModel } from './primary-model';
import type { DemoNodeInfo } from './types';
import { EXCEPTION, htmlResponse, jsonResponse, restError, type DemoResponse } from './responses';

/** Where a request arrived: one node's own listener, or the load balancer in front of them. */
export type ServingPoint = { kind: 'node'; node: DemoNodeInfo } | { kind: 'load-balancer' };

export interface RequestInfo {
  method: string;
  /** Request target as received: path and query. */
  url: string;
  authorization: string | undefined;
  /** The raw request body ('' when none). */
  body?: string;
}

const READ_METHODS = ['GET', 'HEAD'];

/**
 * One request, in the order a real deployment handles it: the proxy in front (SSO login page, no
 * healthy node), then Bitbucket on the node that serves it.
 */
export function respond(primary: PrimaryModel, serving: ServingPoint, req: RequestInfo): DemoResponse {
  const queryAt = req.url.indexOf('?');
  const path = queryAt < 0 ? req.url : req.url.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : req.url.slice(queryAt + 1));
  if (serving.kind === 'node') return bitbucket({ primary, answering: serving.node, bucketSet: serving.node.name, req, path, query });
  if (primary.behindLoginPage && path.startsWith('/rest/')) return htmlResponse(200, loginPage(primary.baseUrl, req.url));
  const picked = primary.pickLiveNode();
  if (picked === undefined) return htmlResponse(503, SERVICE_UNAVAILABLE_PAGE);
  return bitbucket({ primary, answering: picked, bucketSet: LB_BUCKETS, req, path, query });
}

/**
 * Bitbucket itself: the node's own failure, `/status`, authentication, the rate limit of the
 * server the request arrived at, then the resource and its permission check.
 */
function bitbucket(served: Served): DemoResponse {
  const response = decide(served);
  response.headers['x-arequestid'] = served.primary.nextRequestId();
  return response;
}

interface Served {
  primary: PrimaryModel;
  answering: DemoNodeInfo;
  /** Rate-limit buckets of the server the request arrived at. */
  bucketSet: string;
  req: RequestInfo;
  path: string;
  query: URLSearchParams;
}

function decide({ primary, answering, bucketSet, req, path, query }: Served): DemoResponse {
  const isStatus = path === '/status' || path === '/status/';
  if (primary.failing) {
    return isStatus
      ? jsonResponse(500, { state: 'ERROR' })
      : restError(500, 'An unexpected error occurred while processing the request. The server logs of this node have the details.', null);
  }
  if (isStatus) {
    return READ_METHODS.includes(req.method) ? jsonResponse(200, { state: 'RUNNING' }) : methodNotAllowed(req.method, path);
  }

  const principal = authenticate(req.authorization, primary.credentials);
  if (principal.kind === 'rejected') {
    return restError(401, 'Authentication failed. Please check your credentials and try again.', EXCEPTION.incorrectPassword);
  }
  const userHeaders: Record<string, string> = {};
  if (principal.kind === 'user') {
    const user = primary.catalog.users.find((u) => u.name === principal.username);
    userHeaders['x-ausername'] = encodeURIComponent(principal.username);
    if (user) userHeaders['x-auserid'] = String(user.id);
    // Only authenticated requests are rate limited; each node, and the load balancer, keeps its own buckets.
    const taken = primary.bucketsFor(bucketSet).take(principal.username);
    if (!taken.ok) {
      const seconds = taken.retryAfterSeconds;
      return restError(
        429,
        `Rate limit exceeded for user ${principal.username}. Wait ${seconds} second${seconds === 1 ? '' : 's'} before sending more requests.`,
        null,
        { headers: { ...userHeaders, 'retry-after': String(seconds) } },
      );
    }
  }

  const method = (req.method === 'HEAD' ? 'GET' : req.method) as RouteMethod;
  const found = findRoute(primary, path, method);
  if (found === 'no-resource') return withHeaders(restError(404, `No resource at ${path}.`, null), userHeaders);
  if (found === 'wrong-method') return withHeaders(methodNotAllowed(req.method, path), userHeaders);
  const denied = checkAccess(found.route.access, principal);
  if (denied) return withHeaders(denied, userHeaders);

  primary.syncToNow();
  return withHeaders(found.route.handle({ primary, answering, query, method, body: req.body ?? '' }, found.params), userHeaders);
}

/** The route for a path and method; a path served only by other methods answers 405, as Bitbucket does. */
function findRoute(primary: PrimaryModel, path: string, method: RouteMethod): { route: Route; params: string[] } | 'no-resource' | 'wrong-method' {
  let pathKnown = false;
  for (const group of routeGroupsOf(primary)) {
    const rel = group.prefix.exec(path)?.[1];
    if (rel === undefined) continue;
    for (const route of group.routes) {
      const match = route.pattern.exec(rel);
      if (!match) continue;
      pathKnown = true;
      if ((route.method ?? 'GET') !== method) continue;
      try {
        return { route, params: match.slice(1).map((p) => decodeURIComponent(p)) };
      } catch {
        // A malformed %-escape cannot name any resource.
        return 'no-resource';
      }
    }
  }
  return pathKnown ? 'wrong-method' : 'no-resource';
}

type Caller = ReturnType<typeof authenticate>;

function checkAccess(access: Access, principal: Caller): DemoResponse | undefined {
  if (access === 'anonymous') return undefined;
  if (principal.kind !== 'user') {
    return restError(401, 'Client must be authenticated to access this resource.', EXCEPTION.authenticationRequired);
  }
  // BSERV-10482: administrative resources refuse HTTP access tokens even for an admin's own token.
  if (access === 'sys-admin' && (!principal.sysAdmin || principal.viaToken)) {
    return restError(401, 'You are not permitted to access this resource', EXCEPTION.notPermitted);
  }
  return undefined;
}

function methodNotAllowed(method: string, path: string): DemoResponse {
  return restError(405, `Method ${method} is not allowed on ${path}.`, null);
}

function withHeaders(response: DemoResponse, headers: Record<string, string>): DemoResponse {
  response.headers = { ...response.headers, ...headers };
  return response;
}
