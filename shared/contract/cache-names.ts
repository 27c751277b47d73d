/** Request names of the SCM cache console (issue #3): clearCache, setCacheTtl, setCacheEnabled, setCacheProtocol, …. Zod-free: the preload bundles it. */
export const CACHE_REQUEST_NAMES = [] as const;
