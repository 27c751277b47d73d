import type { BitbucketClient } from '../http/bitbucket-client';
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

export async function readNodeDetail(client: BitbucketClient, signal: AbortSignal, pace: Pace): Promise<NodeDetail> {
  const entries = new Map<string, SyncEntry>();
  let skipped = 0;
  const walked = await client.eachPage(`${MIRRORING}/supportInfo/repoSyncStatus`, { auth: 'admin', signal, limit: 1000 }, async (values, page) => {
    for (const raw of values) {
      const e = normaliseSyncEntry(raw);
      if (e) entries.set(e.repoId, e);
      else skipped++;
    }
    await pace(page.bytes);
  });
  return { entries, truncated: walked.truncated, skipped };
}
