import type { PendingMirrorRequest, TargetError } from '../../../shared/model';
import type { BitbucketClient } from '../http/bitbucket-client-contract';
import { FleetError, toTargetError } from '../http/fleet-error';
import { normaliseMirrorRequest, normaliseMirrorServer, type MirrorServer } from './normalise-mirror';

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
  lastPollAt: number | null;
  lastSuccessAt: number | null;
  lastError: TargetError | null;
}

export const initialUpstream = (): UpstreamState => ({
  availability: 'unknown',
  message: null,
  mirrors: [],
  pending: [],
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
 * One poll of a primary's mirroring: registered mirrors and pending requests — 2 requests,
 * whatever the number of repositories (their hashes are read by the slower sweep, see
 * scheduler/sweep-schedule.ts). Both keep their last good value when a read fails.
 */
export async function pollUpstream(client: BitbucketClient, previous: UpstreamState, signal: AbortSignal, now: () => number): Promise<UpstreamState> {
  const at = (): number => now();
  // Both at once: on a primary without mirroring they fail alike.
  const [servers, requests] = await Promise.allSettled([
    client.getPaged(`${MIRRORING}/mirrorServers`, { auth: 'admin', signal, limit: 1000 }),
    client.getPaged(`${MIRRORING}/requests`, { auth: 'admin', signal, limit: 1000, query: { state: 'PENDING' } }),
  ]);
  if (signal.aborted) throw signal.reason;
  if (servers.status === 'rejected') return failed(servers.reason, previous, at());

  const mirrors = servers.value.values.map(normaliseMirrorServer).filter((m): m is MirrorServer => m !== null);
  let firstError: TargetError | null = null;
  let pending = previous.pending;
  let message: string | null = null;
  if (requests.status === 'fulfilled') {
    pending = requests.value.values
      .map(normaliseMirrorRequest)
      .filter((r): r is NonNullable<typeof r> => r !== null && (r.state === null || r.state === 'PENDING'))
      .map(({ state: _state, ...r }) => r);
  } else {
    firstError = toTargetError(requests.reason, at());
    message = `Pending mirror requests unavailable: ${firstError.message}`;
  }
  return {
    availability: 'available',
    message,
    mirrors,
    pending,
    lastPollAt: at(),
    lastSuccessAt: message === null ? at() : previous.lastSuccessAt,
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
    lastPollAt: at,
    lastError: error,
  };
}
