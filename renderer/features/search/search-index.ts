import uFuzzy from '@leeoniya/ufuzzy';
import type { RepositoryIndex, Snapshot } from '../../../shared/model';
import { repoRoute, viewRoute, type Route } from '../../../shared/logic/route';

export type SearchKind = 'repository' | 'primary' | 'node' | 'farm' | 'mirror-node' | 'volume' | 'brick' | 'view' | 'action';

export type CommandId = 'poll-now' | 'switch-theme' | 'clear-repo-cache' | 'probe-repo-clone' | 'shortcuts';

export type SearchEntry = {
  kind: SearchKind;
  /** What the row says first, e.g. `WEB/web-ui` or `Production`. */
  label: string;
  /** The second line: name, project, where it lives. */
  detail: string;
  /** Where Enter goes; actions without a place run a command instead. */
  route: Route | null;
  command: CommandId | null;
  /** For the repository commands (`clear-repo-cache`, `probe-repo-clone`): which repository. */
  repo?: { primaryId: string; projectKey: string; repoSlug: string };
};

/** The rows a search answers with: enough to choose from, few enough to render in a frame. */
export const MAX_RESULTS = 30;

// uFuzzy's default mode: the typed letters in order, with gaps (`wbui` finds `web-ui`), terms
// in any order. Its single-typo mode costs 5–10× more per keystroke over 20,000 repositories,
// past the 50 ms budget on a slow CPU (bench/search.bench.ts), so it is not used.
const fuzzy = new uFuzzy({});
/** Above this many matches uFuzzy skips ranking (it would cost more than a keystroke's budget). */
const RANK_LIMIT = 120;
/** Shorter needles match nearly everything fuzzily: they are matched as prefixes of names instead. */
const SHORT_NEEDLE = 3;

export type SearchIndex = {
  /** Every repository; row i of `repoHay` is `repositories.*[i]`. */
  repositories: RepositoryIndex;
  repoHay: string[];
  /** `repoHay` lower-cased once, for the prefix scan of short needles. */
  repoLower: string[];
  /** Per row, which of a–z and 0–9 it contains: rows lacking a letter of the needle are not handed to uFuzzy. */
  repoMask: Uint32Array;
  others: SearchEntry[];
  otherHay: string[];
};

const NAV: Array<{ id: Exclude<Route['view'], 'repo'>; label: string }> = [
  { id: 'overview', label: 'Overview' },
  { id: 'caches', label: 'Caches' },
  { id: 'mirrors', label: 'Mirrors' },
  { id: 'storage', label: 'Storage' },
  { id: 'logs', label: 'Logs' },
  { id: 'activity', label: 'Activity' },
  { id: 'settings', label: 'Settings' },
];

/** Targets, views and actions of a snapshot: a few hundred entries at most, rebuilt per snapshot. */
export function targetEntries(snapshot: Snapshot): SearchEntry[] {
  const out: SearchEntry[] = [];
  for (const p of snapshot.primaries) {
    out.push({
      kind: 'primary',
      label: p.name,
      detail: `Primary · ${p.baseUrl} · ${p.status}`,
      route: viewRoute('overview', { primary: p.id }),
      command: null,
    });
    for (const n of p.nodes) {
      out.push({
        kind: 'node',
        label: n.name,
        detail: `Node of ${p.name} · ${n.status}`,
        route: viewRoute('overview', { primary: p.id, node: n.name }),
        command: null,
      });
    }
  }
  for (const f of snapshot.mirrorFarms) {
    out.push({ kind: 'farm', label: f.name, detail: `Mirror farm · ${f.baseUrl} · ${f.status}`, route: viewRoute('mirrors', { farm: f.id }), command: null });
    for (const n of f.nodes) {
      out.push({
        kind: 'mirror-node',
        label: n.name,
        detail: `Mirror node of ${f.name} · ${n.status}`,
        route: viewRoute('mirrors', { farm: f.id, node: n.name }),
        command: null,
      });
    }
  }
  for (const s of snapshot.storage) {
    for (const v of s.volumes) {
      out.push({
        kind: 'volume',
        label: v.name,
        detail: `Volume of ${s.name} · ${v.verdict}`,
        route: viewRoute('storage', { source: s.id, volume: v.name }),
        command: null,
      });
      for (const b of v.bricks) {
        out.push({
          kind: 'brick',
          label: b.name,
          detail: `Brick of ${v.name} · ${b.status}`,
          route: viewRoute('storage', { source: s.id, volume: v.name }),
          command: null,
        });
      }
    }
  }
  for (const v of NAV) out.push({ kind: 'view', label: v.label, detail: 'View', route: viewRoute(v.id), command: null });
  for (const p of snapshot.primaries) {
    out.push({
      kind: 'action',
      label: `Clear every cache of ${p.name}…`,
      detail: 'Action · opens the Caches view',
      route: viewRoute('caches', { primary: p.id }),
      command: null,
    });
  }
  out.push({ kind: 'action', label: 'Poll now', detail: 'Action · poll every target at once', route: null, command: 'poll-now' });
  out.push({ kind: 'action', label: 'Switch theme', detail: 'Action · light or dark', route: null, command: 'switch-theme' });
  out.push({ kind: 'action', label: 'Keyboard shortcuts', detail: 'Help · ?', route: null, command: 'shortcuts' });
  return out;
}

/** Bits 0–25 for a–z, bit 26 for any digit, of a lower-cased text. */
function letterMask(lower: string): number {
  let m = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c >= 97 && c <= 122) m |= 1 << (c - 97);
    else if (c >= 48 && c <= 57) m |= 1 << 26;
  }
  return m >>> 0;
}

/**
 * The rows uFuzzy's filter would match, asking it only about rows that hold every letter and
 * digit of the needle (uFuzzy matches the needle's letters in order, with gaps, never fewer), so
 * a keystroke scans the whole list with integer tests and runs the regex on the rest. A needle
 * with an excluded (`-x`) or quoted term goes to uFuzzy whole: its letters need not all appear.
 */
export function matchingRows(index: SearchIndex, needle: string, within?: number[]): number[] {
  if (within || /(^|\s)[-"]/.test(needle)) return fuzzy.filter(index.repoHay, needle, within) ?? [];
  const want = letterMask(needle.toLowerCase());
  const candidates: number[] = [];
  const masks = index.repoMask;
  for (let i = 0; i < masks.length; i++) if (((masks[i] as number) & want) >>> 0 === want) candidates.push(i);
  return candidates.length === 0 ? [] : (fuzzy.filter(index.repoHay, needle, candidates) ?? []);
}

/** `KEY/slug name project` per repository: what a person may type to find it. */
export function buildIndex(repositories: RepositoryIndex, others: SearchEntry[]): SearchIndex {
  const n = repositories.slug.length;
  const repoHay = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    repoHay[i] = `${repositories.projectKey[i]}/${repositories.slug[i]} ${repositories.name[i]} ${repositories.projectName[i]}`;
  }
  const repoLower = repoHay.map((h) => h.toLowerCase());
  return { repositories, repoHay, repoLower, repoMask: Uint32Array.from(repoLower, letterMask), others, otherHay: others.map((e) => `${e.label} ${e.detail}`) };
}

export const withOthers = (index: SearchIndex, others: SearchEntry[]): SearchIndex => ({
  ...index,
  others,
  otherHay: others.map((e) => `${e.label} ${e.detail}`),
});

/** Rows where a word starts with a short needle (`KEY/`, slug, name): one pass that stops at `limit`, skipping rows without its letters. */
function prefixMatch(index: SearchIndex, needle: string, limit: number): number[] {
  const n = needle.toLowerCase();
  const want = letterMask(n);
  const { repoLower: lower, repoMask: masks } = index;
  const out: number[] = [];
  for (let i = 0; i < lower.length && out.length < limit; i++) {
    if (((masks[i] as number) & want) >>> 0 !== want) continue;
    const h = lower[i] as string;
    if (h.startsWith(n) || h.includes(`/${n}`) || h.includes(` ${n}`) || h.includes(`-${n}`)) out.push(i);
  }
  return out;
}

/** Matching rows `idxs` of a haystack, best first when few enough to rank. */
function rank(hay: string[], needle: string, idxs: number[], limit: number): number[] {
  if (idxs.length <= RANK_LIMIT) {
    const info = fuzzy.info(idxs, hay, needle);
    return fuzzy
      .sort(info, hay, needle)
      .slice(0, limit)
      .map((o) => info.idx[o] as number);
  }
  // Too many to rank: those whose `KEY/slug` starts with the needle first, then the rest in order.
  const lower = needle.toLowerCase();
  const first: number[] = [];
  const rest: number[] = [];
  for (const i of idxs) {
    if (first.length >= limit) break;
    const h = (hay[i] as string).toLowerCase();
    if (h.startsWith(lower) || h.includes(`/${lower}`)) first.push(i);
    else if (rest.length < limit) rest.push(i);
  }
  return [...first, ...rest].slice(0, limit);
}

/** Matching rows of a haystack, best first when few enough to rank. */
const match = (hay: string[], needle: string, limit: number): number[] => rank(hay, needle, fuzzy.filter(hay, needle) ?? [], limit);

/** A needle whose matches are a subset of a shorter one's: no negated (`-x`) or quoted term, whose meaning a next letter changes. */
const narrows = (needle: string, previous: string): boolean => needle.startsWith(previous) && !/(^|\s)[-"]/.test(needle);

type RepoMatch = (needle: string, limit: number) => number[];

/**
 * Repository matching over one index that remembers the last filter: a keystroke that extends
 * the needle filters only the rows the previous one matched (uFuzzy's typeahead filter), so
 * typing costs a scan of thousands of rows once, not on every letter; the same needle asked
 * again (a new snapshot while the palette is open) answers from the last ranking.
 */
function repoMatcher(index: SearchIndex): RepoMatch {
  let last: { needle: string; idxs: number[] } | null = null;
  let ranked: { needle: string; limit: number; idxs: number[] } | null = null;
  return (needle, limit) => {
    if (ranked && ranked.needle === needle && ranked.limit === limit) return ranked.idxs;
    const lower = needle.toLowerCase();
    const within = last && narrows(lower, last.needle) ? last.idxs : undefined;
    const idxs = matchingRows(index, needle, within);
    last = { needle: lower, idxs };
    ranked = { needle, limit, idxs: rank(index.repoHay, needle, idxs, limit) };
    return ranked.idxs;
  };
}

export function createSearcher(index: SearchIndex): (query: string) => SearchEntry[] {
  const repoMatch = repoMatcher(index);
  return (query) => searchIndex(index, query, repoMatch);
}

/** One matcher per repository list, whatever snapshot's targets come with it: a poll does not restart typing. */
const matchers = new WeakMap<readonly string[], RepoMatch>();

/** The palette's search: `createSearcher`, with the repository filter kept across snapshots of the same list. */
export function searchWith(index: SearchIndex, query: string): SearchEntry[] {
  let repoMatch = matchers.get(index.repoHay);
  if (!repoMatch) {
    repoMatch = repoMatcher(index);
    matchers.set(index.repoHay, repoMatch);
  }
  return searchIndex(index, query, repoMatch);
}

const repoEntry = (index: SearchIndex, i: number): SearchEntry => {
  const r = index.repositories;
  const projectKey = r.projectKey[i] as string;
  const slug = r.slug[i] as string;
  const primaryId = r.primaryId[i] as string;
  return {
    kind: 'repository',
    label: `${projectKey}/${slug}`,
    detail: `${r.name[i]} · ${r.projectName[i]} · ${primaryId}`,
    route: repoRoute(projectKey, slug, primaryId),
    command: null,
  };
};

/**
 * The palette's answer to what was typed: with nothing typed, views and actions; otherwise
 * targets, views and actions that match, then repositories, then "Clear cache of" and "Probe
 * clone of" the best one.
 */
function searchIndex(
  index: SearchIndex,
  query: string,
  repoMatch: (needle: string, limit: number) => number[] = (needle, limit) => match(index.repoHay, needle, limit),
): SearchEntry[] {
  const needle = query.trim();
  if (needle === '') return index.others.filter((e) => e.kind === 'view' || e.kind === 'action').slice(0, MAX_RESULTS);
  const others = match(index.otherHay, needle, 10).map((i) => index.others[i] as SearchEntry);
  const room = MAX_RESULTS - Math.min(others.length, 10) - 2;
  const repos = (needle.length < SHORT_NEEDLE ? prefixMatch(index, needle, room) : repoMatch(needle, room)).map((i) => repoEntry(index, i));
  const best = repos[0];
  const repoAction = (command: 'clear-repo-cache' | 'probe-repo-clone', label: string, detail: string): SearchEntry[] =>
    best?.route?.repo
      ? [
          {
            kind: 'action',
            label: `${label} ${best.label}…`,
            detail,
            route: best.route,
            command,
            repo: { primaryId: best.route.params.primary ?? '', projectKey: best.route.repo.projectKey, repoSlug: best.route.repo.repoSlug },
          },
        ]
      : [];
  const clear = [
    ...repoAction('clear-repo-cache', 'Clear cache of', 'Action · asks for confirmation on its page'),
    ...repoAction('probe-repo-clone', 'Probe clone of', 'Action · clones it from every endpoint with git, on its page'),
  ];
  // A target or view whose name starts with what was typed comes first; otherwise the best
  // repository does, above targets whose description merely contains the letters.
  const lower = needle.toLowerCase();
  const named = others.filter((e) => e.label.toLowerCase().startsWith(lower));
  const rest = others.filter((e) => !named.includes(e));
  return [...named, ...repos.slice(0, 1), ...rest, ...repos.slice(1), ...clear].slice(0, MAX_RESULTS);
}
