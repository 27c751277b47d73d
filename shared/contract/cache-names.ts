/**
 * Request names of the SCM cache console (issue #3). The four actions are fixed by DESIGN.md
 * (scripts call them); the reads feed the Caches view. Zod-free: the preload bundles it.
 */
export const CACHE_REQUEST_NAMES = [
  'clearCache',
  'setCacheTtl',
  'setCacheEnabled',
  'setCacheProtocol',
  'getCacheRepositories',
  'getCacheRepository',
  'getCacheHistory',
] as const;
export type CacheRequestName = (typeof CACHE_REQUEST_NAMES)[number];
