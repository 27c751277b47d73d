import type { DemoExtension } from './extension';
import { createMirrorsExtension } from './mirrors/extension';
import { createCacheExtension } from './scm-cache/extension';
import { createStorageExtension } from './storage/extension';

/** Every part of the simulated fleet beyond the primary clusters. */
export const createExtensions = (): DemoExtension[] => [createCacheExtension(), createMirrorsExtension(), createStorageExtension()];
