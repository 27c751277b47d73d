import type { BitbucketClient } from '../http/bitbucket-client';
import type { LeanShape } from '../http/lean-json';
import { normaliseSyncEntry, normaliseUpstreamRepo, type UpstreamRepo } from './normalise-mirror';
import { SyncEntryTable, type UpstreamList } from './sync-entry-table';
import { MIRRORING } from './upstream-poll';

/**
 * The per-repository reads of the mirror sweep, each reduced page by page to compact typed rows
 * (issue #13): no page's parsed graph outlives its page. `pace` is awaited after each page with
 * its size, so the caller can hold the sweep to its bytes-per-second budget.
 */
export type Pace = (bytes: number) => Promise<void>;

/** One node's `repoSyncStatus`, by upstream repository id. */
export interface NodeDetail {
  entries: SyncEntryTable;
  truncated: boolean;
  /** Entries without a repository id, skipped. */
  skipped: number;
}

/** The primary's repositories with their content and metadata hashes, by id and in the order read. */
export interface UpstreamHashes extends UpstreamList {
  hashes: Map<string, UpstreamRepo>;
  order: UpstreamRepo[];
  /** Set when only part of the list was read. */
  problem: string | null;
}

export async function readUpstreamHashes(client: BitbucketClient, signal: AbortSignal, pace: Pace): Promise<UpstreamHashes> {
  const hashes = new Map<string, UpstreamRepo>();
  const order: UpstreamRepo[] = [];
  // Atlassian's API description shows this resource as one object, its narrative as a page: take both.
  const walked = await client.eachPage(
    `${MIRRORING}/repos`,
    { auth: 'admin', signal, limit: 1000, query: { includeDefaultBranch: false }, acceptUnpaged: true },
    async (values, page) => {
      for (const raw of values) {
        const repo = normaliseUpstreamRepo(raw);
        if (repo === null) continue;
        // A repository listed twice keeps its first position, with the later record.
        repo.ordinal = hashes.get(repo.id)?.ordinal ?? order.length;
        order[repo.ordinal] = repo;
        hashes.set(repo.id, repo);
      }
      await pace(page.bytes);
    },
  );
  return { hashes, order, problem: walked.truncated ? `only the first ${walked.pages} pages of repository hashes were read` : null };
}

/**
 * What the sweep reads of a `repoSyncStatus` page: the paging fields and the fields of an entry
 * that normaliseSyncEntry reads; the rest (local ids, the upstream id on every entry) is stepped
 * over unparsed (lean-json.ts), so a page of 1,000 entries, held while the sweep waits on its
 * budget, is not a full object graph that outlives young collections.
 */
const SYNC_STATUS_PAGE: LeanShape = {
  size: true,
  limit: true,
  start: true,
  isLastPage: true,
  nextPageStart: true,
  values: [
    {
      externalRepoId: true,
      upstreamRepoId: true,
      repoSlug: true,
      initialSyncDate: true,
      lastSyncDate: true,
      failedSyncCount: true,
      hashes: { content: true, metadata: true },
    },
  ],
};

/** One node's `repoSyncStatus`; `upstream`, the primary's hashes of the same sweep, gives the entries their rows (sync-entry-table.ts). */
export async function readNodeDetail(client: BitbucketClient, signal: AbortSignal, pace: Pace, upstream: UpstreamList | null = null): Promise<NodeDetail> {
  const entries = new SyncEntryTable(upstream);
  let skipped = 0;
  const walked = await client.eachPage(
    `${MIRRORING}/supportInfo/repoSyncStatus`,
    { auth: 'admin', signal, limit: 1000, lean: SYNC_STATUS_PAGE },
    async (values, page) => {
      for (const raw of values) {
        const e = normaliseSyncEntry(raw);
        if (e === null) skipped++;
        else entries.add(e);
      }
      await pace(page.bytes);
    },
  );
  return { entries, truncated: walked.truncated, skipped };
}
