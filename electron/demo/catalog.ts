import type { Rng } from './prng';
import { FIRST_NAMES, LAST_NAMES, PROJECT_TEMPLATES, SLUG_VARIANTS, type ProjectTemplate } from './vocabulary';

export type RepoState = 'AVAILABLE' | 'INITIALISING' | 'INITIALISATION_FAILED' | 'OFFLINE';
export const REPO_STATES: readonly RepoState[] = ['AVAILABLE', 'INITIALISING', 'INITIALISATION_FAILED', 'OFFLINE'];

export interface DemoProject {
  readonly id: number;
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly public: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface DemoRepo {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly description: string | null;
  readonly hierarchyId: string;
  /** Changed only through Catalog.setState, so the listing's version follows it. */
  readonly state: RepoState;
  readonly public: boolean;
  readonly forkable: boolean;
  readonly archived: boolean;
  readonly project: DemoProject;
}

export interface DemoUser {
  readonly id: number;
  readonly name: string;
  readonly displayName: string;
  readonly emailAddress: string;
}

interface SlugPool {
  readonly candidates: readonly string[];
  readonly used: Set<string>;
  cursor: number;
}

/** Inventory of one primary: projects, repositories (kept in Bitbucket's listing order) and users. */
export class Catalog {
  readonly projects: readonly DemoProject[];
  readonly users: readonly DemoUser[];
  private readonly repoList: DemoRepo[] = [];
  private readonly pools = new Map<string, SlugPool>();
  private readonly weights: readonly number[];
  private nextRepoId = 1;
  private changes = 0;

  constructor(rng: Rng, repoCount: number, serviceUsers: readonly { name: string; displayName: string }[]) {
    // Project ids follow creation order, which was not alphabetical in a real instance either.
    const order = rng.shuffle(PROJECT_TEMPLATES.map((_, i) => i));
    this.projects = PROJECT_TEMPLATES.map((t, i) => ({
      id: order.indexOf(i) + 1,
      key: t.key,
      name: t.name,
      description: t.description,
      public: t.key === 'DOCS',
    }));
    this.weights = PROJECT_TEMPLATES.map((t) => t.weight);
    for (const t of PROJECT_TEMPLATES) this.pools.set(t.key, { candidates: rng.shuffle(pairs(t)), used: new Set(), cursor: 0 });
    for (let i = 0; i < repoCount; i += 1) this.addRepo(rng, initialState(rng), rng.chance(0.07));
    ensureEveryState(rng, this.repoList);
    this.users = createUsers(rng, serviceUsers);
  }

  get repos(): readonly DemoRepo[] {
    return this.repoList;
  }

  /** Counts the listing's changes (a repository added, a state changed): what a cached page is checked against. */
  get version(): number {
    return this.changes;
  }

  setState(repo: DemoRepo, state: RepoState): void {
    (repo as Mutable<DemoRepo>).state = state;
    this.changes += 1;
  }

  findProject(key: string): DemoProject | undefined {
    const wanted = key.toUpperCase();
    return this.projects.find((p) => p.key === wanted);
  }

  /** Creates a repository in a project drawn by weight, as a user of the instance would. */
  addRepo(rng: Rng, state: RepoState, archived = false): DemoRepo {
    const project = this.projects[weightedIndex(rng, this.weights)] as DemoProject;
    const slug = this.nextSlug(project.key);
    // Ids have gaps where repositories were deleted.
    this.nextRepoId += rng.chance(0.08) ? rng.int(1, 4) : 0;
    const repo: DemoRepo = {
      id: this.nextRepoId,
      slug,
      name: slug,
      description: rng.chance(0.5) ? describe(slug) : null,
      hierarchyId: rng.hex(20),
      state,
      public: project.public && rng.chance(0.6),
      forkable: rng.chance(0.9),
      archived: archived && state === 'AVAILABLE',
      project,
    };
    this.nextRepoId += 1;
    this.insertSorted(repo);
    return repo;
  }

  private nextSlug(key: string): string {
    const pool = this.pools.get(key);
    if (pool === undefined) throw new Error(`No slug pool for project ${key}.`);
    for (;;) {
      const n = pool.candidates.length;
      const round = Math.floor(pool.cursor / n);
      const base = pool.candidates[pool.cursor % n] as string;
      pool.cursor += 1;
      const variant = round === 0 ? '' : (SLUG_VARIANTS[round - 1] ?? String(round - SLUG_VARIANTS.length + 1));
      const slug = variant === '' ? base : `${base}-${variant}`;
      if (!pool.used.has(slug)) {
        pool.used.add(slug);
        return slug;
      }
    }
  }

  /** Bitbucket lists repositories by project name, then repository name. */
  private insertSorted(repo: DemoRepo): void {
    const key = sortKey(repo);
    let lo = 0;
    let hi = this.repoList.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sortKey(this.repoList[mid] as DemoRepo) < key) lo = mid + 1;
      else hi = mid;
    }
    this.repoList.splice(lo, 0, repo);
    this.changes += 1;
  }
}

function pairs(t: ProjectTemplate): string[] {
  return t.stems.flatMap((stem) => t.suffixes.map((suffix) => `${stem}-${suffix}`));
}

function sortKey(repo: DemoRepo): string {
  return `${repo.project.name.toLowerCase()}\u0000${repo.name.toLowerCase()}`;
}

function weightedIndex(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rng.next() * total;
  for (let i = 0; i < weights.length; i += 1) {
    x -= weights[i] as number;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

function initialState(rng: Rng): RepoState {
  const x = rng.next();
  if (x < 0.012) return 'INITIALISATION_FAILED';
  if (x < 0.024) return 'OFFLINE';
  if (x < 0.034) return 'INITIALISING';
  return 'AVAILABLE';
}

/** A demo should show every state, even when the dice did not produce one. */
function ensureEveryState(rng: Rng, repos: DemoRepo[]): void {
  if (repos.length < 20) return;
  for (const state of ['INITIALISING', 'INITIALISATION_FAILED', 'OFFLINE'] as const) {
    if (repos.some((r) => r.state === state)) continue;
    const candidates = repos.filter((r) => r.state === 'AVAILABLE' && !r.archived);
    if (candidates.length > 0) (rng.pick(candidates) as Mutable<DemoRepo>).state = state;
  }
}

function describe(slug: string): string {
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function createUsers(rng: Rng, serviceUsers: readonly { name: string; displayName: string }[]): DemoUser[] {
  const people = new Map<string, string>();
  while (people.size < 24) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    people.set(`${first}.${last}`.toLowerCase(), `${first} ${last}`);
  }
  const all = [...serviceUsers.map((u) => [u.name, u.displayName] as const), ...people];
  return all
    .map(([name, displayName], i) => ({ id: i + 1, name, displayName, emailAddress: `${name}@example.com` }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
