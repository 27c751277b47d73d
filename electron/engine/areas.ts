import type { EngineArea } from './area';
import { createCacheArea } from './cache/cache-area';
import { createMirrorsArea } from './mirrors/mirrors-area';
import { createStorageArea } from './storage/storage-area';

/** Every area of the engine beyond primaries, in the order they contribute to a snapshot. */
export const createAreas = (): EngineArea[] => [createCacheArea(), createMirrorsArea(), createStorageArea()];
