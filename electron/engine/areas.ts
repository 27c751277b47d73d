import type { CacheRequestName, MirrorsRequestName, ProbeRequestName, RepositoryRequestName, StorageRequestName } from '../../shared/contract';
import type { EngineArea } from './area';
import type { AuditLog } from './audit/audit-log';
import { createCacheArea } from './cache/cache-area';
import { createMirrorsArea } from './mirrors/mirrors-area';
import { createProbeArea } from './probe/probe-area';
import { createRepositoryArea } from './repository/repository-area';
import { createStorageArea } from './storage/storage-area';

/** The areas beyond primaries, each answering its own requests, in the order they contribute to a snapshot. */
export interface FleetAreas {
  cache: EngineArea<CacheRequestName>;
  mirrors: EngineArea<MirrorsRequestName>;
  storage: EngineArea<StorageRequestName>;
  /** Joins the others for search and the repository page; last, so it reads what they wrote. */
  repository: EngineArea<RepositoryRequestName>;
  /** The clone doctor: probes a user starts, joined from the repository and cache areas' reads. */
  probe: EngineArea<ProbeRequestName>;
}

export interface FleetAreasOptions {
  /** The audit log the repository page reads the last cache clear from. */
  audit?: Pick<AuditLog, 'list'>;
  /** Told of each git process a clone probe starts (tests). */
  onProbeGitStarted?: (pid: number) => void;
}

export const createAreas = (opts: FleetAreasOptions = {}): FleetAreas => {
  const cache = createCacheArea();
  const mirrors = createMirrorsArea();
  const repository = createRepositoryArea({ cache: cache.handlers, mirrors: mirrors.handlers, audit: opts.audit });
  return {
    cache,
    mirrors,
    storage: createStorageArea(),
    repository,
    probe: createProbeArea({
      repository: repository.handlers,
      cache: cache.handlers,
      ...(opts.onProbeGitStarted ? { onGitStarted: opts.onProbeGitStarted } : {}),
    }),
  };
};
