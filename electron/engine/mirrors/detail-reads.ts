import type { BitbucketClient } from '../http/bitbucket-client';
import type { LeanShape } from '../http/lean-json';
import { normaliseSyncEntry, normaliseUpstreamRepo, type SyncEntry, type UpstreamRepo } from './normalise-mirror';
import { MIRRORING } from './upstream-poll';

/**
 * The per-repository reads of the mirror sweep, each reduced page by page to compact typed rows
 * (issue #13): no page's parsed graph outlives its page. `pace` is awaited after each page with
 * its size, so the caller can hold the sweep to its bytes-per-second budget.
 */
export type Pace = (bytes: number) => Promise<void>;

/** One node's `repoSyncStatus`, by upstream repository id. */
export interface NodeDetail {
  entries: Map<string, SyncEntry>;
  truncated: boolean;
  /** Entries without a repository id, skipped. */
  skipped: number;
}

/** The primary's repositories with their content and metadata hashes. */
export interface UpstreamHashes {
  hashes: Map<string, UpstreamRepo>;
  /** Set when only part of the list was read. */
  problem: string | null;
}

export async function readUpstreamHashes(client: BitbucketClient, signal: AbortSignal, pace: Pace): Promise<UpstreamHashes> {
  const hashes = new Map<string, UpstreamRepo>();
  // Atlassian's API description shows this resource as one object, its narrative as a page: take both.
  const walked = await client.eachPage(
    `${MIRRORING}/repos`,
    { auth: 'admin', signal, limit: 1000, query: { includeDefaultBranch: false }, acceptUnpaged: true },
    async (values, page) => {
      for (const raw of values) {
        const repo = normaliseUpstreamRepo(raw);
        if (repo) hashes.set(repo.id, repo);
      }
      await pace(page.bytes);
    },
  );
  return { hashes, problem: walked.truncated ? `only the first ${walked.pages} pages of repository hashes were read` : null };
}

/**
 * A node's entry holding the strings it shares with the primary's record of the repository (its
 * id, slug and, when in sync, both hashes) instead of copies: at 10,000 repositories on 7 nodes the
 * nodes' copies of the same hashes were the largest part of the engine's heap (issue 13).
 */
function sharing(e: SyncEntry, upstream: ReadonlyMap<string, UpstreamRepo> | null): SyncEntry {
  const up = upstream?.get(e.repoId);
  if (up === undefined) return e;
  e.repoId = up.id;
  if (e.slug === up.slug) e.slug = up.slug;
  if (e.content === up.content) e.content = up.content;
  if (e.metadata === up.metadata) e.metadata = up.metadata;
  return e;
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

/** One node's `repoSyncStatus`; `upstream`, the primary's hashes of the same sweep, lends its strings to the entries. */
export async function readNodeDetail(
  client: BitbucketClient,
  signal: AbortSignal,
  pace: Pace,
  upstream: ReadonlyMap<string, UpstreamRepo> | null = null,
): Promise<NodeDetail> {
  const entries = new Map<string, SyncEntry>();
  let skipped = 0;
  const walked = await client.eachPage(
    `${MIRRORING}/supportInfo/repoSyncStatus`,
    { auth: 'admin', signal, limit: 1000, lean: SYNC_STATUS_PAGE },
    async (values, page) => {
      for (const raw of values) {
        const e = normaliseSyncEntry(raw);
        if (e === null) skipped++;
        // The map's key is the shared id too.
        else entries.set(sharing(e, upstream).repoId, e);
      }
      await pace(page.bytes);
    },
  );
  return { entries, truncated: walked.truncated, skipped };
}
