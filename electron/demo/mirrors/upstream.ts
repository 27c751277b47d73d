import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DemoRepo } from '../catalog';
import { pageJsonOf, pageOf, restProject, restRepositoryJson } from '../bitbucket-json';
import type { Route, RouteContext, RouteGroup } from '../bitbucket-routes';
import type { PrimaryModel } from '../primary-model';
import { jsonResponse, rawJsonResponse, restError, type DemoResponse } from '../responses';
import type { SimClock } from '../sim-clock';
import type { DemoMirror } from './mirror-model';
import type { PushFeed } from './push-feed';

/** `/rest/mirroring/{1.0,latest}/…` on a primary (reference §4). */
export const MIRRORING_PREFIX = /^\/rest\/mirroring\/(?:1\.0|latest)\/(.*?)\/?$/;

const EXCEPTION_UNAVAILABLE = 'com.atlassian.bitbucket.mirroring.upstream.MirroringNotAvailableException';
const EXCEPTION_NO_REQUEST = 'com.atlassian.bitbucket.mirroring.upstream.NoSuchMirroringRequestException';
const EXCEPTION_NO_MIRROR = 'com.atlassian.bitbucket.mirroring.upstream.NoSuchMirrorServerException';

export interface MirroringRequest {
  id: number;
  mirror: DemoMirror;
  state: 'PENDING' | 'ACCEPTED' | 'REJECTED';
}

/**
 * The mirroring side of one simulated primary: the mirrors it knows, the requests of mirrors
 * asking to be authorized, and its repositories' content hashes.
 */
export class DemoUpstream {
  readonly mirrors: DemoMirror[] = [];
  readonly requests: MirroringRequest[] = [];
  /** 404 (plugin disabled) or 409 (no Data Center licence) on every mirroring resource. */
  unavailable: 'plugin-disabled' | 'no-licence' | null = null;
  private nextRequestId = 1;

  constructor(
    readonly primary: PrimaryModel,
    readonly feed: PushFeed,
    readonly clock: SimClock,
    /** Signs the links `repos/{id}/mirrors` hands out, as Bitbucket's JWTs do. */
    private readonly secret: string,
  ) {}

  /** A mirror asks to be authorized (`POST /requests`, made by the mirror itself). */
  request(mirror: DemoMirror): MirroringRequest {
    if (!this.mirrors.includes(mirror)) this.mirrors.push(mirror);
    const request: MirroringRequest = { id: this.nextRequestId++, mirror, state: 'PENDING' };
    this.requests.push(request);
    return request;
  }

  /** A mirror withdraws its pending request (the demo's `mirror-request` fault switched off). */
  withdraw(request: MirroringRequest): void {
    this.requests.splice(this.requests.indexOf(request), 1);
    request.mirror.registration = 'removed';
  }

  pendingRequests(): MirroringRequest[] {
    return this.requests.filter((r) => r.state === 'PENDING');
  }

  registered(): DemoMirror[] {
    return this.mirrors.filter((m) => m.registration === 'accepted');
  }

  sign(mirror: DemoMirror, repoId: number): string {
    const body = Buffer.from(JSON.stringify({ iss: this.primary.id, sub: mirror.mirrorId, repo: repoId })).toString('base64url');
    return `eyJhbGciOiJIUzI1NiJ9.${body}.${createHmac('sha256', this.secret).update(body).digest('base64url')}`;
  }

  /** True when `jwt` is a link this primary signed for `repoId` on `mirror`. */
  verify(mirror: DemoMirror, repoId: number, jwt: string | null): boolean {
    if (jwt === null) return false;
    const expected = Buffer.from(this.sign(mirror, repoId));
    const given = Buffer.from(jwt);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /**
   * An `EnrichedRepository`: the inventory's JSON of the repository (restRepositoryJson, cached
   * until its state changes) with its hashes appended. Not cached per repository: a sweep reads
   * each repository once per interval, and 500,000 cached texts (≈ 450 MB) made the simulated
   * fleet's collections long enough to delay every answer behind them. Hashes are hex digits, so
   * they need no escaping.
   */
  repoJson(repo: DemoRepo): string {
    const { version } = this.feed.changesOf(repo.id);
    const json = restRepositoryJson(repo, this.primary.baseUrl);
    return `${json.slice(0, -1)},"properties":{"contentHash":"${this.feed.contentHash(repo.id, version)}","metadataHash":"${this.feed.metadataHash(repo.id)}"}}`;
  }

  routeGroup(): RouteGroup {
    return { prefix: MIRRORING_PREFIX, routes: upstreamRoutes(this) };
  }
}

/** `RestMirrorServer` (§4.1): dates as epoch milliseconds, as the core serialises them. */
export function restMirrorServer(mirror: DemoMirror, now: number): object {
  return {
    id: mirror.mirrorId,
    name: mirror.name,
    baseUrl: mirror.baseUrl,
    enabled: mirror.registration === 'accepted',
    // Mirrors call home about every 10 s, as long as one of their nodes is up.
    lastSeenDate: Math.floor(mirror.lastSeen(now) / 10_000) * 10_000,
    mirrorType: mirror.mirrorType,
    productVersion: mirror.productVersion,
    productType: 'Bitbucket',
  };
}

function restRequest(r: MirroringRequest): object {
  return {
    id: r.id,
    mirrorId: r.mirror.mirrorId,
    mirrorName: r.mirror.name,
    mirrorBaseUrl: r.mirror.baseUrl,
    mirrorType: r.mirror.mirrorType,
    productVersion: r.mirror.productVersion,
    state: r.state,
  };
}

function upstreamRoutes(up: DemoUpstream): Route[] {
  /** Every mirroring resource first checks that mirroring is available at all. */
  const guard =
    (handle: (ctx: RouteContext, params: readonly string[]) => DemoResponse) =>
    (ctx: RouteContext, params: readonly string[]): DemoResponse => {
      if (up.unavailable === 'plugin-disabled') return restError(404, `No resource at ${ctx.method} /rest/mirroring/latest/${params.join('/')}.`, null);
      if (up.unavailable === 'no-licence')
        return restError(409, 'Mirroring is not available: it requires a Bitbucket Data Center license.', EXCEPTION_UNAVAILABLE);
      up.feed.advance(Math.floor(up.clock.now()));
      return handle(ctx, params);
    };
  const findRequest = (id: string): MirroringRequest | undefined => up.requests.find((r) => String(r.id) === id);
  const noRequest = (id: string): DemoResponse => restError(409, `Mirroring request ${id} could not be found.`, EXCEPTION_NO_REQUEST);
  const decide =
    (state: 'ACCEPTED' | 'REJECTED') =>
    (_ctx: RouteContext, [id = '']: readonly string[]): DemoResponse => {
      const request = findRequest(id);
      if (!request || request.state !== 'PENDING') return noRequest(id);
      const now = Math.floor(up.clock.now());
      request.state = state;
      if (state === 'ACCEPTED') request.mirror.accept(now);
      else request.mirror.registration = 'rejected';
      return jsonResponse(200, restMirrorServer(request.mirror, now));
    };
  const repoById = (id: string): DemoRepo | undefined => up.primary.catalog.repos.find((r) => String(r.id) === id);
  const projectRepos = (projectId: string): DemoRepo[] => up.primary.catalog.repos.filter((r) => String(r.project.id) === projectId);

  const routes: Route[] = [
    {
      pattern: /^mirrorServers$/,
      access: 'sys-admin',
      handle: ({ query }) =>
        jsonResponse(
          200,
          pageOf(up.registered(), query, (m) => restMirrorServer(m, up.clock.now())),
        ),
    },
    {
      pattern: /^mirrorServers\/([^/]+)$/,
      access: 'sys-admin',
      handle: (_ctx, [id = '']) => {
        const m = up.registered().find((x) => x.mirrorId === id);
        return m ? jsonResponse(200, restMirrorServer(m, up.clock.now())) : restError(404, `Mirror server ${id} does not exist.`, EXCEPTION_NO_MIRROR);
      },
    },
    {
      pattern: /^mirrorServers\/([^/]+)$/,
      method: 'DELETE',
      access: 'sys-admin',
      handle: (_ctx, [id = '']) => {
        const m = up.registered().find((x) => x.mirrorId === id);
        if (!m) return restError(404, `Mirror server ${id} does not exist.`, EXCEPTION_NO_MIRROR);
        m.registration = 'removed';
        return { status: 204, headers: {}, body: '' };
      },
    },
    {
      pattern: /^requests$/,
      access: 'sys-admin',
      handle: ({ query }) => {
        const state = query.get('state')?.toUpperCase();
        if (state !== undefined && !['PENDING', 'ACCEPTED', 'REJECTED'].includes(state)) {
          return restError(400, `Invalid value '${query.get('state')}' for state. Valid values are PENDING, ACCEPTED, REJECTED.`, null, { context: 'state' });
        }
        return jsonResponse(
          200,
          pageOf(
            up.requests.filter((r) => state === undefined || r.state === state),
            query,
            restRequest,
          ),
        );
      },
    },
    {
      pattern: /^requests\/([^/]+)$/,
      access: 'sys-admin',
      handle: (_ctx, [id = '']) => {
        const r = findRequest(id);
        return r ? jsonResponse(200, restRequest(r)) : noRequest(id);
      },
    },
    {
      pattern: /^requests\/([^/]+)$/,
      method: 'DELETE',
      access: 'sys-admin',
      handle: (_ctx, [id = '']) => {
        const r = findRequest(id);
        if (!r) return noRequest(id);
        up.requests.splice(up.requests.indexOf(r), 1);
        return { status: 204, headers: {}, body: '' };
      },
    },
    { pattern: /^requests\/([^/]+)\/accept$/, method: 'POST', access: 'sys-admin', handle: decide('ACCEPTED') },
    { pattern: /^requests\/([^/]+)\/reject$/, method: 'POST', access: 'sys-admin', handle: decide('REJECTED') },
    {
      pattern: /^repos$/,
      access: 'sys-admin',
      handle: ({ query }) =>
        rawJsonResponse(
          200,
          pageJsonOf(up.primary.catalog.repos, query, (r) => up.repoJson(r)),
        ),
    },
    {
      pattern: /^repos\/(\d+)$/,
      access: 'sys-admin',
      handle: (_ctx, [id = '']) => {
        const repo = repoById(id);
        return repo ? rawJsonResponse(200, up.repoJson(repo)) : restError(404, `Repository ${id} does not exist.`, null);
      },
    },
    {
      pattern: /^repos\/(\d+)\/mirrors$/,
      access: 'user',
      handle: ({ query }, [id = '']) => {
        const repo = repoById(id);
        if (!repo) return restError(404, `Repository ${id} does not exist.`, null);
        const now = up.clock.now();
        return jsonResponse(
          200,
          pageOf(up.registered(), query, (m) => ({
            mirrorServer: restMirrorServer(m, now),
            links: { self: [{ href: `${mirrorRepoUrl(m, repo.id)}?jwt=${up.sign(m, repo.id)}` }] },
          })),
        );
      },
    },
    {
      pattern: /^projects\/(\d+)$/,
      access: 'user',
      handle: (_ctx, [id = '']) => {
        const p = up.primary.catalog.projects.find((x) => String(x.id) === id);
        return p ? jsonResponse(200, restProject(p, up.primary.baseUrl)) : restError(404, `Project ${id} does not exist.`, null);
      },
    },
    {
      pattern: /^projects\/(\d+)\/repos$/,
      access: 'sys-admin',
      handle: ({ query }, [id = '']) =>
        rawJsonResponse(
          200,
          pageJsonOf(projectRepos(id), query, (r) => up.repoJson(r)),
        ),
    },
  ];
  return routes.map((r) => ({ ...r, handle: guard(r.handle) }));
}

/** Where a repository's availability lives on a mirror: `mirrorRepos` on 9.x, the legacy path on 8.x. */
export function mirrorRepoUrl(mirror: DemoMirror, repoId: number): string {
  return mirror.api === '9.x'
    ? `${mirror.baseUrl}/rest/mirroring/latest/mirrorRepos/${repoId}`
    : `${mirror.baseUrl}/rest/mirroring/latest/upstreamServers/${mirror.upstreamId}/repos/${repoId}`;
}
