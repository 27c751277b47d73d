import type { CacheEndpoint, PrimaryCache, TargetError, TargetStatus } from '../../../shared/model';
import { formatBytes } from '../../../shared/logic/units';

type Outcome = { kind: 'ok' } | { kind: 'unsupported' } | { kind: 'failed'; error: TargetError };

/** Codes that mean the instance could not be reached at all, rather than answering oddly. */
const DOWN_CODES = new Set(['refused', 'timeout', 'dns', 'network', 'tls', 'server-error']);

/**
 * The cache's status and one line saying why: `down`/`unknown` when nothing could be read,
 * `degraded` when some reads failed or the disk guard switched caching off, `up` otherwise.
 * A 404 is not a failure: the feature is missing on this version and is listed as such.
 */
export function cacheStatus(
  cache: PrimaryCache,
  outcomes: ReadonlyMap<CacheEndpoint, Outcome>,
  endpointCount: number,
): { status: TargetStatus; statusMessage: string | null; error: TargetError | null } {
  const list = [...outcomes.values()];
  const failed = list.filter((o): o is Extract<Outcome, { kind: 'failed' }> => o.kind === 'failed');
  const ok = list.filter((o) => o.kind === 'ok').length;
  const error = failed[0]?.error ?? null;
  if (ok === 0 && error) {
    return { status: DOWN_CODES.has(error.code) ? 'down' : 'unknown', statusMessage: `The SCM cache could not be read: ${error.message}`, error };
  }
  if (ok === 0 && cache.unsupported.length === endpointCount) {
    return {
      status: 'unknown',
      statusMessage: 'Every SCM cache endpoint answered 404: the SCM Cache plugin is disabled or missing on this instance.',
      error: null,
    };
  }
  const notes: string[] = [];
  let status: TargetStatus = 'up';
  if (failed.length > 0) {
    status = 'degraded';
    notes.push(`${failed.length} of ${list.length} reads failed: ${error?.message ?? ''}`);
  }
  if (cache.diskGuardTripped) {
    status = 'degraded';
    const { freeBytes, minimumFreeBytes } = cache.disk;
    const figures = freeBytes !== null && minimumFreeBytes !== null ? ` (${formatBytes(freeBytes)} free, minimum ${formatBytes(minimumFreeBytes)})` : '';
    notes.push(
      `Caching switched itself off for lack of free disk${figures}: free space under <home>/caches, or lower plugin.bitbucket-scm-cache.minimum.free.space`,
    );
  }
  return { status, statusMessage: notes.length > 0 ? notes.join(' · ') : null, error };
}
