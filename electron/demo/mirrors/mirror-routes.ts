import type { DemoRepo } from '../catalog';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, pageOf } from '../bitbucket-json';
import { EXCEPTION, jsonResponse, restError, type DemoResponse } from '../responses';
import { DEFAULT_DELAY_THRESHOLD_MS, type DemoMirror } from './mirror-model';
import type { MirrorNode } from './mirror-model-types';
import { mirrorRepoUrl, type DemoUpstream } from './upstream';

/** Who may call a mirror resource; `link` also admits a request carrying the primary's signed link. */
export type MirrorAccess = 'anonymous' | 'user' | 'sys-admin' | 'link';

export interface MirrorRouteContext {
  readonly mirror: DemoMirror;
  readonly upstream: DemoUpstream;
  /** The node that answers (behind the farm's front: the one it picked). */
  readonly node: MirrorNode;
  readonly query: URLSearchParams;
  readonly body: string;
  readonly now: number;
}

export interface MirrorRoute {
  readonly pattern: RegExp;
  readonly method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
  readonly access: MirrorAccess;
  /** The generations that have this path; both when absent. */
  readonly api?: '9.x' | '8.x';
  handle(ctx: MirrorRouteContext, params: readonly string[]): DemoResponse;
}

const EXCEPTION_NO_UPSTREAM = 'com.atlassian.bitbucket.mirroring.mirror.NoSuchUpstreamServerException';
const MAX_QUEUE_DUMP = 100;

/**
 * The mirror-side REST API (reference §5): the 9.x paths and the 8.x `upstreamServers/{id}/…`
 * ones. A mirror serves only its own generation; the other answers 404, as a real one would.
 */
export const MIRROR_ROUTES: readonly MirrorRoute[] = [
  { pattern: /^upstreamServer$/, api: '9.x', access: 'user', handle: ({ mirror }) => jsonResponse(200, upstreamServer(mirror)) },
  {
    pattern: /^upstreamServers$/,
    api: '8.x',
    access: 'user',
    handle: ({ mirror, query }) =>
      jsonResponse(
        200,
        pageOf([mirror], query, (m) => upstreamServer(m)),
      ),
  },
  {
    pattern: /^upstreamServers\/([^/]+)$/,
    api: '8.x',
    access: 'user',
    handle: (c, [id = '']) => upstreamOr404(c, id, () => jsonResponse(200, upstreamServer(c.mirror))),
  },
  { pattern: /^farmNodes$/, api: '9.x', access: 'user', handle: ({ mirror }) => jsonResponse(200, farmNodes(mirror)) },
  {
    pattern: /^upstreamServers\/([^/]+)\/farmNodes$/,
    api: '8.x',
    access: 'user',
    handle: (c, [id = '']) => upstreamOr404(c, id, () => jsonResponse(200, farmNodes(c.mirror))),
  },
  { pattern: /^progress$/, api: '9.x', access: 'user', handle: ({ mirror, now }) => jsonResponse(200, mirror.progress(now)) },
  {
    pattern: /^upstreamServers\/([^/]+)\/progress$/,
    api: '8.x',
    access: 'user',
    handle: (c, [id = '']) => upstreamOr404(c, id, () => jsonResponse(200, c.mirror.progress(c.now))),
  },
  { pattern: /^mirrorRepos\/delayed-sync$/, api: '9.x', access: 'sys-admin', handle: delayedSync },
  { pattern: /^mirrorRepos\/(\d+)$/, api: '9.x', access: 'link', handle: (c, [id = '']) => mirroredRepository(c, id) },
  {
    pattern: /^upstreamServers\/([^/]+)\/repos\/(\d+)$/,
    api: '8.x',
    access: 'link',
    handle: (c, [up = '', id = '']) => upstreamOr404(c, up, () => mirroredRepository(c, id)),
  },
  { pattern: /^syncSettings$/, api: '9.x', access: 'sys-admin', handle: ({ mirror }) => jsonResponse(200, settings(mirror)) },
  { pattern: /^syncSettings$/, api: '9.x', method: 'PUT', access: 'sys-admin', handle: putSettings },
  { pattern: /^syncSettings\/mode$/, api: '9.x', access: 'sys-admin', handle: ({ mirror }) => jsonResponse(200, mirror.mode) },
  { pattern: /^syncSettings\/projects$/, api: '9.x', access: 'sys-admin', handle: ({ mirror }) => jsonResponse(200, mirror.projects) },
  {
    pattern: /^upstreamServers\/([^/]+)\/settings$/,
    api: '8.x',
    access: 'sys-admin',
    handle: (c, [id = '']) => upstreamOr404(c, id, () => jsonResponse(200, settings(c.mirror))),
  },
  {
    pattern: /^upstreamServers\/([^/]+)\/settings$/,
    api: '8.x',
    method: 'PUT',
    access: 'sys-admin',
    handle: (c, [id = '']) => upstreamOr404(c, id, () => putSettings(c)),
  },
  {
    pattern: /^upstreamServers\/([^/]+)\/settings\/mode$/,
    api: '8.x',
    access: 'sys-admin',
    handle: (c, [id = '']) => upstreamOr404(c, id, () => jsonResponse(200, c.mirror.mode)),
  },
  { pattern: /^supportInfo\/repoSyncStatus$/, access: 'sys-admin', handle: repoSyncStatus },
  { pattern: /^supportInfo\/projects\/([^/]+)\/repos\/([^/]+)\/repoSyncStatus$/, access: 'sys-admin', handle: oneRepoSyncStatus },
  { pattern: /^supportInfo\/refChangesQueue$/, access: 'sys-admin', handle: refChangesQueue },
  { pattern: /^supportInfo\/refChangesQueue\/count$/, access: 'sys-admin', handle: ({ mirror, now }) => jsonResponse(200, mirror.pending(now).length) },
];

function upstreamServer(mirror: DemoMirror): object {
  const state = mirror.registration === 'accepted' ? 'INSTALLED' : mirror.registration === 'pending' ? 'PENDING' : 'REMOVED';
  const base = { id: mirror.upstreamId, baseUrl: mirror.feed.primary.baseUrl, state };
  return mirror.api === '8.x' ? { ...base, apiBaseUrl: `${mirror.feed.primary.baseUrl}/rest`, type: 'server' } : base;
}

function upstreamOr404(c: MirrorRouteContext, id: string, then: () => DemoResponse): DemoResponse {
  return id === c.mirror.upstreamId ? then() : restError(404, `Upstream server ${id} does not exist.`, EXCEPTION_NO_UPSTREAM);
}

function farmNodes(mirror: DemoMirror): object[] {
  return mirror.nodes.map((n, i) => ({
    id: n.id,
    name: n.name,
    address: { address: n.host, port: 5701 },
    local: i === 0,
    buildVersion: mirror.productVersion,
  }));
}

function settings(mirror: DemoMirror): object {
  return { mode: mirror.mode, projectIds: mirror.mode === 'ALL_PROJECTS' ? [] : mirror.projects };
}

function putSettings({ mirror, body, now }: MirrorRouteContext): DemoResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return restError(400, 'The request body is not valid JSON.', null);
  }
  const mode = (parsed as { mode?: unknown } | null)?.mode;
  const ids = (parsed as { projectIds?: unknown } | null)?.projectIds ?? [];
  if (mode !== 'ALL_PROJECTS' && mode !== 'SELECTED_PROJECTS') {
    return restError(400, `Invalid mode ${JSON.stringify(mode)}. Valid modes are ALL_PROJECTS, SELECTED_PROJECTS.`, null, { context: 'mode' });
  }
  if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string' && typeof x !== 'number')) {
    return restError(400, 'projectIds must be a list of project ids.', null, { context: 'projectIds' });
  }
  const known = new Set(mirror.feed.primary.catalog.projects.map((p) => String(p.id)));
  const unknown = ids.map(String).filter((id) => !known.has(id));
  if (unknown.length > 0) return restError(400, `No project with id ${unknown.join(', ')} on the upstream server.`, null, { context: 'projectIds' });
  mirror.select(mode, ids.map(String), now);
  return jsonResponse(200, settings(mirror));
}

function mirroredRepository(c: MirrorRouteContext, id: string): DemoResponse {
  const repo = c.mirror.feed.primary.catalog.repos.find((r) => String(r.id) === id);
  if (!repo) return restError(404, `Repository ${id} does not exist on the upstream server.`, EXCEPTION.noSuchRepository);
  const entry = c.mirror.entry(repo, c.node.name, c.now);
  const failing = c.mirror.failing.some((f) => f.repo.id === repo.id);
  const status = !c.mirror.mirrors(repo) ? 'NOT_MIRRORED' : entry === null ? 'INITIALIZING' : failing ? 'ERROR_AVAILABLE' : 'AVAILABLE';
  const path = `${repo.project.key.toLowerCase()}/${repo.slug}.git`;
  const clone = [
    { href: `${c.mirror.baseUrl}/scm/${path}`, name: 'http' },
    { href: `ssh://git@${new URL(c.mirror.baseUrl).hostname}:7999/${path}`, name: 'ssh' },
  ];
  const common = {
    mirrorName: c.mirror.name,
    available: status === 'AVAILABLE' || status === 'ERROR_AVAILABLE',
    status,
    ...(entry ? { lastUpdated: entry.lastSyncAt } : {}),
  };
  const body =
    c.mirror.api === '9.x'
      ? { ...common, repositoryId: String(repo.id), cloneUrls: clone, pushUrls: [{ href: `${c.mirror.feed.primary.baseUrl}/scm/${path}`, name: 'http' }] }
      : { ...common, repositoryId: repo.id, links: { clone, self: [{ href: mirrorRepoUrl(c.mirror, repo.id) }] } };
  return jsonResponse(200, body);
}

/** The 8.x mirror reports its dates as ISO-8601 strings, the 9.x farm as epoch milliseconds: clients must take both. */
function date(mirror: DemoMirror, ms: number): number | string {
  return mirror.api === '8.x' ? new Date(ms).toISOString() : ms;
}

function syncStatusItem(c: MirrorRouteContext, repo: DemoRepo): object | null {
  const e = c.mirror.entry(repo, c.node.name, c.now);
  if (e === null) return null;
  return {
    upstreamId: c.mirror.upstreamId,
    externalRepoId: String(repo.id),
    localRepoId: c.mirror.localId(repo),
    localProjectId: repo.project.id,
    repoSlug: repo.slug,
    initialSyncDate: date(c.mirror, e.initialSyncAt),
    lastSyncDate: date(c.mirror, e.lastSyncAt),
    failedSyncCount: e.failedSyncCount,
    hashes: { content: e.contentHash, metadata: e.metadataHash },
  };
}

/**
 * Per node and paged: each node reports what it holds itself. Only the page asked for is built
 * in full; the repositories before it are only checked for presence, so the simulator stays
 * cheap next to the engine in the benchmarks.
 */
function repoSyncStatus(c: MirrorRouteContext): DemoResponse {
  const start = Math.max(0, intParam(c.query.get('start')) ?? 0);
  const asked = intParam(c.query.get('limit'));
  const limit = Math.min(MAX_PAGE_LIMIT, asked !== undefined && asked > 0 ? asked : DEFAULT_PAGE_LIMIT);
  const { repos, more } = heldPage(c, start, limit);
  const values: object[] = [];
  for (const repo of repos) {
    const item = syncStatusItem(c, repo);
    if (item) values.push(item);
  }
  const page = { size: values.length, limit, isLastPage: !more, start, ...(more ? { nextPageStart: start + values.length } : {}), values };
  return jsonResponse(200, page);
}

/** The node's held repositories from `start`, at most `limit`, and whether more follow. */
function heldPage(c: MirrorRouteContext, start: number, limit: number): { repos: readonly DemoRepo[]; more: boolean } {
  const held = c.mirror.heldBy(c.node.name, c.now);
  if (held !== null) return { repos: held.repos.slice(start, start + limit), more: held.repos.length > start + limit };
  // Some repository's initial synchronization time is not fixed yet: ask each one, as far as the page goes.
  const repos: DemoRepo[] = [];
  let index = 0;
  for (const repo of c.mirror.feed.primary.catalog.repos) {
    if (!c.mirror.holds(repo, c.node.name, c.now)) continue;
    if (index >= start + limit) return { repos, more: true };
    if (index >= start) repos.push(repo);
    index++;
  }
  return { repos, more: false };
}

function intParam(raw: string | null): number | undefined {
  return raw !== null && /^\d{1,9}$/.test(raw.trim()) ? Number(raw) : undefined;
}

function oneRepoSyncStatus(c: MirrorRouteContext, [key = '', slug = '']: readonly string[]): DemoResponse {
  const repo = c.mirror.feed.primary.catalog.repos.find((r) => r.project.key === key.toUpperCase() && r.slug === slug.toLowerCase());
  const item = repo ? syncStatusItem(c, repo) : null;
  return item ? jsonResponse(200, item) : restError(404, `Repository ${key}/${slug} does not exist on this mirror.`, EXCEPTION.noSuchRepository);
}

function refChangesQueue({ mirror, now }: MirrorRouteContext): DemoResponse {
  const values = mirror
    .pending(now)
    .slice(0, MAX_QUEUE_DUMP)
    .map((p) => ({ externalRepoId: String(p.repo.id), type: 'incremental', attempt: p.attempts, createdAt: new Date(p.since).toISOString() }));
  return jsonResponse(200, { values });
}

function delayedSync({ mirror, query, now }: MirrorRouteContext): DemoResponse {
  const threshold = parseThreshold(query.get('delayThreshold'));
  if (threshold === null)
    return restError(400, `Invalid delayThreshold '${query.get('delayThreshold')}': give seconds or an ISO-8601 duration.`, null, {
      context: 'delayThreshold',
    });
  const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 100) || 100));
  const delayed = mirror
    .pending(now)
    .filter((p) => now - p.since >= threshold)
    .map((p) => p.repo);
  const list = [...new Set([...mirror.mismatchedRepos(), ...delayed])]
    .slice(0, limit)
    .map((repo) => ({ projectKey: repo.project.key, repositoryId: String(repo.id), repositorySlug: repo.slug }));
  return jsonResponse(200, list);
}

/** Seconds (`90`) or an ISO-8601 duration (`PT1M30S`); the default when absent; null when unreadable. */
function parseThreshold(raw: string | null): number | null {
  if (raw === null || raw.trim() === '') return DEFAULT_DELAY_THRESHOLD_MS;
  if (/^\d+$/.test(raw.trim())) return Number(raw) * 1000;
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i.exec(raw.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}
