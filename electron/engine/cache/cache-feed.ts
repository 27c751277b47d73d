import { hitRatioOf, type CacheCounters, type CacheEntry, type RawField } from '../../../shared/model/cache';
import { ALIASES, gitVersionOf, kindOf, protocolOf } from './cache-aliases';
import { asBoolean, asCount, asTime, isObject, MAX_RAW_FIELDS, pick, rawFields, show, type Json, type JsonObject } from './cache-values';
import { counters, field, pickIn, shapeOf, unusedFields, type Shape } from './feed-shapes';

/**
 * The statistics of `GET /caches` and `GET /caches/{projectKey}/{repoSlug}`, whose shape no
 * public source shows (reference §3.3). Field names are matched against the plausible aliases;
 * whatever is left is kept as raw key/values; a hit ratio exists only when both counters do.
 */

export interface FeedEntry extends CacheEntry {
  projectKey: string | null;
  repoSlug: string | null;
}

export interface FeedRepository {
  projectKey: string;
  repoSlug: string;
  size: number | null;
  hits: number | null;
  misses: number | null;
  lastAccessed: number | null;
  entries: CacheEntry[];
  raw: RawField[];
}

export interface NormalisedFeed {
  active: boolean | null;
  totals: CacheCounters;
  byKind: { refs: CacheCounters | null; uploadPack: CacheCounters | null };
  freeBytes: number | null;
  minimumFreeBytes: number | null;
  /** Null when the statistics list no repositories (they are then looked up one by one). */
  repositories: FeedRepository[] | null;
  raw: RawField[];
}

const asText = (v: Json): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** One cache entry, flat (with its repository's names) or nested under a repository. */
export function normaliseEntry(o: JsonObject): FeedEntry {
  const used = new Set<string>();
  const shape = shapeOf(o);
  const c = counters(o, used, shape);
  const entry: FeedEntry = {
    projectKey: field(o, ALIASES.projectKey, asText, used, shape),
    repoSlug: field(o, ALIASES.repoSlug, asText, used, shape),
    kind: field(o, ALIASES.kind, kindOf, used, shape),
    protocol: field(o, ALIASES.protocol, protocolOf, used, shape),
    gitProtocolVersion: field(o, ALIASES.version, gitVersionOf, used, shape),
    size: c.size,
    hits: c.hits,
    misses: c.misses,
    lastAccessed: field(o, ALIASES.lastAccessed, asTime, used, shape),
    expiresAt: field(o, ALIASES.expiresAt, asTime, used, shape),
    raw: [],
  };
  entry.raw = unusedFields(o, shape, used);
  return entry;
}

const entryOnly = ({ projectKey: _p, repoSlug: _r, ...rest }: FeedEntry): CacheEntry => rest;

/** Sum of a counter over entries, or null unless every entry has it. */
function sumOf(entries: ReadonlyArray<Pick<CacheEntry, 'size' | 'hits' | 'misses'>>, key: 'size' | 'hits' | 'misses'): number | null {
  if (entries.length === 0) return null;
  let total = 0;
  for (const e of entries) {
    const v = e[key];
    if (v === null) return null;
    total += v;
  }
  return total;
}

const maxOf = (values: readonly (number | null)[]): number | null =>
  values.reduce<number | null>((m, v) => (v === null ? m : m === null ? v : Math.max(m, v)), null);

/**
 * One repository's statistics: an object with its own counters and a nested list of caches,
 * or a bare list of entries. The repository's counters win over the sum of its entries.
 */
export function normaliseRepository(body: Json, projectKey: string, repoSlug: string): FeedRepository {
  if (Array.isArray(body)) {
    const entries = body.filter(isObject).map((o) => entryOnly(normaliseEntry(o)));
    return fromEntries(projectKey, repoSlug, entries, []);
  }
  if (!isObject(body)) {
    return {
      projectKey,
      repoSlug,
      size: null,
      hits: null,
      misses: null,
      lastAccessed: null,
      entries: [],
      raw: body === null ? [] : [{ key: 'body', value: show(body) }],
    };
  }
  return nestedRepository(body, shapeOf(body), projectKey, repoSlug);
}

/** A repository object with its own counters and, under one of the list names, its caches. */
function nestedRepository(body: JsonObject, shape: Shape, projectKey: string, repoSlug: string): FeedRepository {
  const used = new Set<string>();
  const own = counters(body, used, shape);
  const listed = pickIn(body, shape, ALIASES.list);
  const entries = listed && Array.isArray(listed.value) ? listed.value.filter(isObject).map((o) => entryOnly(normaliseEntry(o))) : [];
  if (listed && Array.isArray(listed.value)) used.add(listed.key);
  const lastAccessed = field(body, ALIASES.lastAccessed, asTime, used, shape);
  // The names are known from the request or the list; reading them only keeps them out of raw.
  field(body, ALIASES.projectKey, asText, used, shape);
  field(body, ALIASES.repoSlug, asText, used, shape);
  const repo = fromEntries(projectKey, repoSlug, entries, unusedFields(body, shape, used));
  return {
    ...repo,
    size: own.size ?? repo.size,
    hits: own.hits ?? repo.hits,
    misses: own.misses ?? repo.misses,
    lastAccessed: lastAccessed ?? repo.lastAccessed,
  };
}

function fromEntries(projectKey: string, repoSlug: string, entries: CacheEntry[], raw: RawField[]): FeedRepository {
  return {
    projectKey,
    repoSlug,
    size: sumOf(entries, 'size'),
    hits: sumOf(entries, 'hits'),
    misses: sumOf(entries, 'misses'),
    lastAccessed: maxOf(entries.map((e) => e.lastAccessed)),
    entries,
    raw,
  };
}

/** The repositories of a list: nested repository objects, or flat entries grouped by repository. */
function repositoriesOf(list: readonly Json[], raw: RawField[]): FeedRepository[] {
  const byRepo = new Map<string, { projectKey: string; repoSlug: string; nested: { o: JsonObject; shape: Shape } | null; flat: CacheEntry[] }>();
  let unnamed = 0;
  for (const item of list) {
    if (!isObject(item)) {
      unnamed += 1;
      continue;
    }
    // The names first: a nested repository is normalised once, below, not also as an entry (whose
    // raw fields would hold its whole list of caches as text) — at 50,000 repositories a feed that
    // is the engine's largest cost (issue 13).
    const unused = new Set<string>();
    const shape = shapeOf(item);
    const projectKey = field(item, ALIASES.projectKey, asText, unused, shape);
    const repoSlug = field(item, ALIASES.repoSlug, asText, unused, shape);
    if (projectKey === null || repoSlug === null) {
      unnamed += 1;
      continue;
    }
    const key = `${projectKey}/${repoSlug}`;
    let slot = byRepo.get(key);
    if (slot === undefined) {
      slot = { projectKey, repoSlug, nested: null, flat: [] };
      byRepo.set(key, slot);
    }
    if (pickIn(item, shape, ALIASES.list)) slot.nested = { o: item, shape };
    else slot.flat.push(entryOnly(normaliseEntry(item)));
  }
  if (unnamed > 0 && raw.length < MAX_RAW_FIELDS)
    raw.push({ key: 'unnamed entries', value: `${unnamed} entries without a project key and repository slug were left out` });
  return [...byRepo.values()].map((slot) => {
    if (slot.nested === null) return fromEntries(slot.projectKey, slot.repoSlug, slot.flat, []);
    const repo = nestedRepository(slot.nested.o, slot.nested.shape, slot.projectKey, slot.repoSlug);
    return slot.flat.length === 0 ? repo : { ...repo, entries: [...repo.entries, ...slot.flat] };
  });
}

/** Per-kind counters: `{"statistics": {"upload-pack": {...}, "ref-advertisement": {...}}}` or top-level kind keys. */
function kindsOf(body: JsonObject, used: Set<string>): NormalisedFeed['byKind'] {
  const out: NormalisedFeed['byKind'] = { refs: null, uploadPack: null };
  const container = pick(body, ALIASES.byKind);
  const sources: [JsonObject, string | null][] = [[body, null]];
  if (container && isObject(container.value)) sources.unshift([container.value, container.key]);
  for (const [source, containerKey] of sources) {
    for (const [key, value] of Object.entries(source)) {
      const kind = kindOf(key);
      if (kind === null || !isObject(value)) continue;
      const c = counters(value, new Set());
      if (c.size === null && c.hits === null && c.misses === null) continue;
      if (kind === 'refs') out.refs ??= c;
      else out.uploadPack ??= c;
      used.add(containerKey ?? key);
    }
  }
  return out;
}

/** How a feed's list of repositories is reduced: into rows (below) or columns (feed-columns.ts). */
export interface ListReducer<R> {
  reduce(list: readonly Json[], raw: RawField[]): R;
  /** The sum of a counter over the repositories; null when there are none or one lacks it. */
  sum(repos: R, key: 'size' | 'hits' | 'misses'): number | null;
}

/** The statistics with their repositories in the reducer's form. */
export type ReducedFeed<R> = Omit<NormalisedFeed, 'repositories'> & { repositories: R | null };

/** `GET /caches`: totals, disk figures, per-kind counters and the repositories where listed. */
export function normaliseFeed(body: Json): NormalisedFeed {
  return reduceFeedWith(body, ROWS);
}

const ROWS: ListReducer<FeedRepository[]> = { reduce: repositoriesOf, sum: sumOf };

/** The top level as {@link normaliseFeed} reads it; the list through `list`. */
export function reduceFeedWith<R>(body: Json, list: ListReducer<R>): ReducedFeed<R> {
  const empty: ReducedFeed<R> = {
    active: null,
    totals: { size: null, hits: null, misses: null, hitRatio: null },
    byKind: { refs: null, uploadPack: null },
    freeBytes: null,
    minimumFreeBytes: null,
    repositories: null,
    raw: [],
  };
  if (Array.isArray(body)) {
    const raw: RawField[] = [];
    const repositories = list.reduce(body, raw);
    return { ...empty, totals: totalsOf(empty.totals, (key) => list.sum(repositories, key)), repositories, raw };
  }
  if (!isObject(body)) return { ...empty, raw: body === null ? [] : [{ key: 'caches', value: show(body) }] };

  const used = new Set<string>();
  const own = counters(body, used);
  const active = field(body, ALIASES.active, asBoolean, used);
  const freeBytes = field(body, ALIASES.freeBytes, asCount, used);
  const minimumFreeBytes = field(body, ALIASES.minimumFreeBytes, asCount, used);
  const byKind = kindsOf(body, used);
  const listed = pick(body, ALIASES.list);
  let repositories: R | null = null;
  const raw: RawField[] = [];
  if (listed && Array.isArray(listed.value)) {
    used.add(listed.key);
    repositories = list.reduce(listed.value, raw);
  }
  raw.unshift(...rawFields(body, used));
  const fromKinds = sumKinds(byKind);
  const totals = totalsOf(
    {
      size: own.size ?? fromKinds.size,
      hits: own.hits ?? fromKinds.hits,
      misses: own.misses ?? fromKinds.misses,
      hitRatio: null,
    },
    (key) => (repositories === null ? null : list.sum(repositories, key)),
  );
  return { active, totals, byKind, freeBytes, minimumFreeBytes, repositories, raw: raw.slice(0, MAX_RAW_FIELDS) };
}

function sumKinds({ refs, uploadPack }: NormalisedFeed['byKind']): Omit<CacheCounters, 'hitRatio'> {
  const add = (a: number | null | undefined, b: number | null | undefined): number | null =>
    a === null || a === undefined || b === null || b === undefined ? null : a + b;
  if (refs && uploadPack) return { size: add(refs.size, uploadPack.size), hits: add(refs.hits, uploadPack.hits), misses: add(refs.misses, uploadPack.misses) };
  return { size: null, hits: null, misses: null };
}

/** Totals from the top level, else from the repositories when every one reports the counter. */
function totalsOf(top: CacheCounters, sum: (key: 'size' | 'hits' | 'misses') => number | null): CacheCounters {
  const size = top.size ?? sum('size');
  const hits = top.hits ?? sum('hits');
  const misses = top.misses ?? sum('misses');
  return { size, hits, misses, hitRatio: hitRatioOf(hits, misses) };
}

/**
 * Whether caching switched itself off for lack of disk: from the free and minimum figures when
 * both exist, else from the plugin being inactive although clone caching is configured on.
 */
export function diskGuardTripped(
  feed: Pick<NormalisedFeed, 'freeBytes' | 'minimumFreeBytes' | 'raw' | 'active'>,
  uploadPackEnabled: boolean | null,
): boolean | null {
  if (feed.freeBytes !== null && feed.minimumFreeBytes !== null) return feed.freeBytes < feed.minimumFreeBytes;
  const reason = feed.raw.find((r) => /reason|disabled/i.test(r.key) && /disk|space/i.test(r.value));
  if (reason) return true;
  if (feed.active === false && uploadPackEnabled === true) return null;
  return feed.active === true ? false : null;
}
