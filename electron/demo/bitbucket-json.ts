import type { DemoProject, DemoRepo, DemoUser } from './catalog';
import type { DemoNodeInfo } from './types';

/** Bitbucket's default page size and the server-side cap that a client must read back. */
export const DEFAULT_PAGE_LIMIT = 25;
export const MAX_PAGE_LIMIT = 1000;
const SSH_PORT = 7999;

export interface PageEnvelope<T> {
  size: number;
  limit: number;
  isLastPage: boolean;
  values: T[];
  start: number;
  nextPageStart?: number;
}

/** Paging envelope of reference §1.6; `nextPageStart` only when more pages follow. */
export function pageOf<T, R>(items: readonly T[], query: URLSearchParams, map: (item: T) => R): PageEnvelope<R> {
  const start = Math.max(0, intParam(query.get('start')) ?? 0);
  const requested = intParam(query.get('limit'));
  const limit = Math.min(MAX_PAGE_LIMIT, requested !== undefined && requested > 0 ? requested : DEFAULT_PAGE_LIMIT);
  const values = items.slice(start, start + limit).map(map);
  const isLastPage = start + values.length >= items.length;
  const page: PageEnvelope<R> = { size: values.length, limit, isLastPage, values, start };
  if (!isLastPage) page.nextPageStart = start + values.length;
  return page;
}

/**
 * The same envelope as {@link pageOf}, serialised, with each item's JSON taken from `toJson`, so
 * a caller can cache per-item JSON: a 1,000-repository page then costs a join, not a
 * re-serialisation, and the simulator stops dominating the benchmarks that run beside it.
 */
export function pageJsonOf<T>(items: readonly T[], query: URLSearchParams, toJson: (item: T) => string): string {
  const { values, ...envelope } = pageOf(items, query, (item) => item);
  const head = JSON.stringify(envelope);
  return `${head.slice(0, -1)},"values":[${values.map(toJson).join(',')}]}`;
}

/** JSON of a repository, cached until its state changes (the only field that moves). */
const repoJsonCache = new WeakMap<DemoRepo, { state: DemoRepo['state']; baseUrl: string; json: string }>();
export function restRepositoryJson(repo: DemoRepo, baseUrl: string): string {
  const hit = repoJsonCache.get(repo);
  if (hit && hit.state === repo.state && hit.baseUrl === baseUrl) return hit.json;
  const json = JSON.stringify(restRepository(repo, baseUrl));
  repoJsonCache.set(repo, { state: repo.state, baseUrl, json });
  return json;
}

function intParam(raw: string | null): number | undefined {
  if (raw === null || !/^-?\d+$/.test(raw.trim())) return undefined;
  return Number.parseInt(raw, 10);
}

export function restProject(project: DemoProject, baseUrl: string): object {
  return {
    key: project.key,
    id: project.id,
    name: project.name,
    description: project.description,
    public: project.public,
    type: 'NORMAL',
    scope: 'PROJECT',
    links: { self: [{ href: `${baseUrl}/projects/${project.key}` }] },
  };
}

export function restRepository(repo: DemoRepo, baseUrl: string): object {
  const key = repo.project.key;
  const path = `${key.toLowerCase()}/${repo.slug}.git`;
  return {
    slug: repo.slug,
    id: repo.id,
    name: repo.name,
    ...(repo.description === null ? {} : { description: repo.description }),
    hierarchyId: repo.hierarchyId,
    scmId: 'git',
    state: repo.state,
    statusMessage: STATUS_MESSAGES[repo.state],
    forkable: repo.forkable,
    project: restProject(repo.project, baseUrl),
    public: repo.public,
    archived: repo.archived,
    scope: 'REPOSITORY',
    links: {
      clone: [
        { href: `${baseUrl}/scm/${path}`, name: 'http' },
        { href: `ssh://git@${hostOf(baseUrl)}:${SSH_PORT}/${path}`, name: 'ssh' },
      ],
      self: [{ href: `${baseUrl}/projects/${key}/repos/${repo.slug}/browse` }],
    },
  };
}

const STATUS_MESSAGES: Record<DemoRepo['state'], string> = {
  AVAILABLE: 'Available',
  INITIALISING: 'Initialising',
  INITIALISATION_FAILED: 'Initialisation failed',
  OFFLINE: 'Offline',
};

export function restUser(user: DemoUser, baseUrl: string): object {
  return {
    name: user.name,
    emailAddress: user.emailAddress,
    active: true,
    displayName: user.displayName,
    id: user.id,
    slug: user.name,
    type: 'NORMAL',
    links: { self: [{ href: `${baseUrl}/users/${encodeURIComponent(user.name)}` }] },
  };
}

export function restClusterNode(node: DemoNodeInfo, local: boolean, buildVersion: string): object {
  return {
    id: node.id,
    name: node.name,
    address: { address: '127.0.0.1', port: node.clusterPort },
    local,
    buildVersion,
  };
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname;
  } catch {
    return 'localhost';
  }
}
