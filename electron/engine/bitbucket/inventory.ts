import type { InventoryRepo, RepositoryState } from '../../../shared/model/repository';
import type { RepositoryCounts } from '../../../shared/model';
import { repositoryTally, type TallyPart } from './normalise';
import { field, isRecord, text } from './normalise-read';
import type { LeanShape } from '../http/lean-json';
import { InventoryTable } from './inventory-table';

/**
 * What the inventory reads of a `/rest/api/1.0/repos` page: the paging fields and, per repository,
 * the fields InventoryRepo and the counts use. The rest of each entity (links, descriptions,
 * hierarchy ids…) is stepped over unparsed (lean-json.ts).
 */
export const INVENTORY_PAGE: LeanShape = {
  size: true,
  limit: true,
  start: true,
  isLastPage: true,
  nextPageStart: true,
  values: [{ id: true, slug: true, name: true, state: true, archived: true, project: { id: true, key: true, name: true } }],
};

const STATES = new Set<RepositoryState>(['AVAILABLE', 'INITIALISING', 'INITIALISATION_FAILED', 'OFFLINE']);

/**
 * One copy of each string the rows of an inventory repeat (a project's key, id and name on each of
 * its repositories): JSON.parse gives every occurrence its own, which at 50,000 repositories a
 * primary is tens of megabytes kept for nothing (issue 13).
 */
function interner(): (s: string | null) => string | null {
  const seen = new Map<string, string>();
  return (s) => {
    if (s === null) return null;
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

/** The state as one of the constants (not a fresh upper-cased copy per repository), or UNKNOWN. */
function stateOf(raw: string | null): RepositoryState | 'UNKNOWN' {
  const upper = raw?.toUpperCase();
  for (const s of STATES) if (s === upper) return s;
  return 'UNKNOWN';
}

/** Adds one `/repos` entity to `out` as an InventoryRepo, unless it cannot be linked to. */
function pushInventoryRepo(out: InventoryTable, repo: unknown, intern: (s: string | null) => string | null): void {
  if (!isRecord(repo)) return;
  const project = field(repo, 'project');
  const projectKey = intern(text(field(project, 'key')));
  const slug = text(field(repo, 'slug'));
  if (projectKey === null || slug === null) return;
  out.add({
    id: text(field(repo, 'id')) ?? `${projectKey}/${slug}`,
    projectKey,
    projectId: intern(text(field(project, 'id'))),
    projectName: intern(text(field(project, 'name'))) ?? projectKey,
    slug,
    name: text(field(repo, 'name')) ?? slug,
    state: stateOf(text(field(repo, 'state'))),
    archived: field(repo, 'archived') === true,
  });
}

/** What one page added to a fold: its rows [first, end) of the table and its tally, added again as they are for the same bytes (inventory-pages.ts). */
export interface FoldedPage {
  first: number;
  end: number;
  tally: TallyPart;
}

/**
 * Reduces an inventory page by page to its counts and a table of its rows in columns (issue #13,
 * inventory-table.ts): each page's parsed graph is dropped once folded in, instead of every page
 * being held until the last. `repos` makes the rows as objects, for tests. `reuse` adds a page
 * another fold made from the same bytes without reading it again.
 */
export function inventoryFold(table = new InventoryTable()): {
  page: (values: readonly unknown[]) => FoldedPage;
  reuse: (from: InventoryTable, page: FoldedPage) => FoldedPage;
  table: InventoryTable;
  readonly repos: InventoryRepo[];
  counts: () => RepositoryCounts;
} {
  const tally = repositoryTally();
  const intern = interner();
  return {
    table,
    get repos() {
      return table.toArray();
    },
    page: (values) => {
      const first = table.length;
      const pageTally = repositoryTally();
      for (const repo of values) {
        pageTally.add(repo);
        pushInventoryRepo(table, repo, intern);
      }
      const part = pageTally.part();
      tally.merge(part);
      return { first, end: table.length, tally: part };
    },
    reuse: (from, page) => {
      const first = table.length;
      table.appendRows(from, page.first, page.end);
      tally.merge(page.tally);
      return { first, end: table.length, tally: page.tally };
    },
    counts: () => tally.counts(),
  };
}
