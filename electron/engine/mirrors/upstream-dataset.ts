import type { DatasetState } from '../../../shared/model';
import { areaDataset } from '../bitbucket/primary-datasets';
import type { UpstreamState } from './upstream-poll';

/**
 * The primary's mirroring resources as one dataset. Listing mirrors is mirroring administration:
 * with only a read credential a 401 there is by design (not-permitted, never stale); mirroring
 * switched off on the primary (404, 409) is a successful answer.
 */
export function upstreamDataset(up: UpstreamState, readOnly: boolean, now: number, maxAgeMs: number): DatasetState {
  if (up.availability === 'error' && readOnly && up.lastError?.httpStatus === 401) {
    return { state: 'not-permitted', lastAttemptAt: up.lastPollAt, lastSuccessAt: up.lastSuccessAt, stale: false, message: up.message, code: null };
  }
  return areaDataset(
    {
      lastAttemptAt: up.lastPollAt,
      lastSuccessAt: up.lastSuccessAt,
      failed: up.availability === 'error' || (up.message !== null && up.availability !== 'unavailable'),
      message: up.message,
      code: up.lastError?.code ?? null,
    },
    now,
    maxAgeMs,
  );
}
