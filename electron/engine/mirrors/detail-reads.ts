import type { BitbucketClient } from '../http/bitbucket-client-contract';
import type { LeanShape } from '../http/lean-json';
import { normaliseSyncEntry, normaliseUpstreamRepo } from './normalise-mirror';
import { SyncEntryTable } from './sync-entry-table';
import { MIRRORING } from './upstream-poll';
import { UpstreamTable } from './upstream-table';

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
export interface UpstreamHashes {
  hashes: UpstreamTable;
  /** Set when only part of the list was read. */
  problem: string | null;
}

/** What the sweep reads of an `EnrichedRepository`: the fields normaliseUpstreamRepo reads. */
const ENRICHED_REPO: LeanShape = { id: true, slug: true, project: { key: true, id: true }, properties: { contentHash: true, metadataHash: true } };

/**
 * What the sweep reads of a `/rest/mirroring/latest/repos` answer: a page's paging fields and, of
 * each repository, what normaliseUpstreamRepo reads (about 100 of its ≈ 900 bytes); the same
 * fields at the top level, for the single object of the API description. A bare array is parsed
 * whole (lean-json.ts falls back). At 10 × 50,000 repositories a sweep round is ≈ 450 MB of these
 * pages: decoded into strings and parsed whole they were the engine's largest CPU cost and most of
 * its garbage (a CPU profile, 4 December 2026).
 */
const UPSTREAM_REPOS_PAGE: LeanShape = {
  size: true,
  limit: true,
  start: true,
  isLastPage: true,
  nextPageStart: true,
  values: [ENRICHED_REPO],
  ...(ENRICHED_REPO as Record<string, LeanShape>),
};

export async function readUpstreamHashes(client: BitbucketClient, signal: AbortSignal, pace: Pace): Promise<UpstreamHashes> {
  const hashes = new UpstreamTable(1024);
  // Atlassian's API description shows this resource as one object, its narrative as a page: take both.
  const walked = await client.eachPage(
    `${MIRRORING}/repos`,
    { auth: 'admin', signal, limit: 1000, query: { includeDefaultBranch: false }, acceptUnpaged: true, lean: UPSTREAM_REPOS_PAGE, kind: 'sweep' },
    async (values, page) => {
      for (const raw of values) {
        const repo = normaliseUpstreamRepo(raw);
        if (repo !== null) hashes.add(repo);
      }
      await pace(page.bytes);
    },
  );
  hashes.trim();
  return { hashes, problem: walked.truncated ? `only the first ${walked.pages} pages of repository hashes were read` : null };
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
export async function readNodeDetail(client: BitbucketClient, signal: AbortSignal, pace: Pace, upstream: UpstreamTable | null = null): Promise<NodeDetail> {
  const entries = new SyncEntryTable(upstream);
  let skipped = 0;
  const walked = await client.eachPage(
    `${MIRRORING}/supportInfo/repoSyncStatus`,
    { auth: 'admin', signal, limit: 1000, lean: SYNC_STATUS_PAGE, kind: 'sweep' },
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
