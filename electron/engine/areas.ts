import type { CacheRequestName, MirrorsRequestName, RepositoryRequestName, StorageRequestName } from '../../shared/contract';
import type { EngineArea } from './area';
import type { AuditLog } from './audit/audit-log';
import { createCacheArea } from './cache/cache-area';
import { createMirrorsArea } from './mirrors/mirrors-area';
import { createRepositoryArea } from './repository/repository-area';
import { createStorageArea } from './storage/storage-area';

/** The areas beyond primaries, each answering its own requests, in the order they contribute to a snapshot. */
export interface FleetAreas {
  cache: EngineArea<CacheRequestName>;
  mirrors: EngineArea<MirrorsRequestName>;
  storage: EngineArea<StorageRequestName>;
  /** Joins the others for search and the repository page; last, so it reads what they wrote. */
  repository: EngineArea<RepositoryRequestName>;
}

export interface FleetAreasOptions {
  /** The audit log the repository page reads the last cache clear from. */
  audit?: Pick<AuditLog, 'list'>;
}

export const createAreas = (opts: FleetAreasOptions = {}): FleetAreas => {
  const cache = createCacheArea();
  const mirrors = createMirrorsArea();
  return {
    cache,
    mirrors,
    storage: createStorageArea(),
    repository: createRepositoryArea({ cache: cache.handlers, mirrors: mirrors.handlers, audit: opts.audit }),
  };
};
