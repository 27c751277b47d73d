import type { CacheRequestName, MirrorsRequestName, StorageRequestName } from '../../shared/contract';
import type { EngineArea } from './area';
import { createCacheArea } from './cache/cache-area';
import { createMirrorsArea } from './mirrors/mirrors-area';
import { createStorageArea } from './storage/storage-area';

/** The areas beyond primaries, each answering its own requests, in the order they contribute to a snapshot. */
export interface FleetAreas {
  cache: EngineArea<CacheRequestName>;
  mirrors: EngineArea<MirrorsRequestName>;
  storage: EngineArea<StorageRequestName>;
}

export const createAreas = (): FleetAreas => ({ cache: createCacheArea(), mirrors: createMirrorsArea(), storage: createStorageArea() });
