/** Request names of the GlusterFS storage (issue #5). Zod-free: the preload bundles it. */
export const STORAGE_REQUEST_NAMES = ['getStorageHistory'] as const;
export type StorageRequestName = (typeof STORAGE_REQUEST_NAMES)[number];
