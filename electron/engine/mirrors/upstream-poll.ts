import type { PendingMirrorRequest, TargetError } from '../../../shared/model';
import type { BitbucketClient } from '../http/bitbucket-client';
import { FleetError, toTargetError } from '../http/fleet-error';
import { normaliseMirrorRequest, normaliseMirrorServer, normaliseUpstreamRepo, type MirrorServer, type UpstreamRepo } from './normalise-mirror';

/** Upstream mirroring resources of a primary (reference §4). */
export const MIRRORING = '/rest/mirroring/latest';

/** What one primary says about its mirrors, as of its last mirroring poll. */
export interface UpstreamState {
  /**
   * `unavailable`: the mirroring endpoints answered 404 (plugin disabled) or 409 (no Data Center
   * licence) — the primary itself is fine. `error`: the last poll failed otherwise.
   */
  availability: 'unknown' | 'available' | 'unavailable' | 'error';
  /** Why mirroring is unavailable or the poll failed, for a person. */
  message: string | null;
  mirrors: MirrorServer[];
  pending: PendingMirrorRequest[];
  /** The primary's repositories with hashes, keyed by repository id; null when they could not be read. */
  hashes: Map<string, UpstreamRepo> | null;
  /** Why `hashes` is null. */
  hashesProblem: string | null;
  lastPollAt: number | null;
  lastSuccessAt: number | null;
  lastError: TargetError | null;
}

export const initialUpstream = (): UpstreamState => ({
  availability: 'unknown',
  message: null,
  mirrors: [],
  pending: [],
  hashes: null,
  hashesProblem: 'not read yet',
  lastPollAt: null,
  lastSuccessAt: null,
  lastError: null,
});

/** Answers that mean "mirroring is not on this primary", not "the primary is broken". */
export function unavailableReason(err: unknown): string | null {
  if (!(err instanceof FleetError)) return null;
  if (err.httpStatus === 404) return 'the mirroring endpoints answer 404: the Mirroring Upstream plugin is disabled or missing on this primary';
  if (err.httpStatus === 409) return 'the mirroring endpoints answer 409: mirroring needs a Data Center licence, which this primary does not have';
  return null;
}

/**
 * One poll of a primary's mirroring: registered mirrors, pending requests and the content
 * hashes of its repositories — 2 requests plus one per 1,000 repositories. The mirror list and
 * the requests keep their last good value when a read fails; the hashes do not, because stale
 * hashes would make repositories look out of sync (or in sync) when they are not.
 */
export async function pollUpstream(client: BitbucketClient, previous: UpstreamState, signal: AbortSignal, now: () => number): Promise<UpstreamState> {
  const at = (): number => now();
  // All three at once: on a primary without mirroring they fail alike, and the hashes' pages are the longest chain.
  const [servers, requests, repos] = await Promise.allSettled([
    client.getPaged(`${MIRRORING}/mirrorServers`, { auth: 'admin', signal, limit: 1000 }),
    client.getPaged(`${MIRRORING}/requests`, { auth: 'admin', signal, limit: 1000, query: { state: 'PENDING' } }),
    // Atlassian's API description shows this resource as one object, its narrative as a page: take both.
    client.getPaged(`${MIRRORING}/repos`, { auth: 'admin', signal, limit: 1000, query: { includeDefaultBranch: false }, acceptUnpaged: true }),
  ]);
  if (signal.aborted) throw signal.reason;
  if (servers.status === 'rejected') return failed(servers.reason, previous, at());

  const mirrors = servers.value.values.map(normaliseMirrorServer).filter((m): m is MirrorServer => m !== null);
  const problems: string[] = [];
  let firstError: TargetError | null = null;
  let pending = previous.pending;
  if (requests.status === 'fulfilled') {
    pending = requests.value.values
      .map(normaliseMirrorRequest)
      .filter((r): r is NonNullable<typeof r> => r !== null && (r.state === null || r.state === 'PENDING'))
      .map(({ state: _state, ...r }) => r);
  } else {
    firstError = toTargetError(requests.reason, at());
    problems.push(`Pending mirror requests unavailable: ${firstError.message}`);
  }
  let hashes: Map<string, UpstreamRepo> | null = null;
  let hashesProblem: string | null = null;
  if (repos.status === 'fulfilled') {
    hashes = new Map();
    for (const raw of repos.value.values) {
      const repo = normaliseUpstreamRepo(raw);
      if (repo) hashes.set(repo.id, repo);
    }
    if (repos.value.truncated) hashesProblem = `only the first ${repos.value.pages} pages of repository hashes were read`;
  } else {
    const err = toTargetError(repos.reason, at());
    firstError ??= err;
    hashesProblem = err.message;
    problems.push(`Upstream repository hashes unavailable: ${err.message}`);
  }
  return {
    availability: 'available',
    message: problems.length > 0 ? problems.join(' · ') : null,
    mirrors,
    pending,
    hashes,
    hashesProblem,
    lastPollAt: at(),
    lastSuccessAt: problems.length === 0 ? at() : previous.lastSuccessAt,
    lastError: firstError,
  };
}

/** The mirror list could not be read: mirroring unavailable (404, 409), or a failure to say. */
function failed(err: unknown, previous: UpstreamState, at: number): UpstreamState {
  const reason = unavailableReason(err);
  if (reason !== null) {
    // Nothing to authorize and nothing registered that this primary will tell us about.
    return {
      ...initialUpstream(),
      availability: 'unavailable',
      message: `Mirroring unavailable: ${reason}.`,
      hashesProblem: reason,
      lastPollAt: at,
      lastSuccessAt: at,
    };
  }
  const error = toTargetError(err, at);
  const hint =
    error.httpStatus === 401
      ? ' Listing mirrors is mirroring administration: it needs an admin username and password, because Bitbucket refuses HTTP access tokens there (BSERV-10482) — add `admin: { username, password }` to this primary.'
      : '';
  return {
    ...previous,
    availability: 'error',
    message: `Mirror list unavailable: ${error.message}${hint}`,
    hashes: null,
    hashesProblem: error.message,
    lastPollAt: at,
    lastError: error,
  };
}
