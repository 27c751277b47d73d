/** Request names of the repository page and search (issue #12). Zod-free: the preload bundles it. */
export const REPOSITORY_REQUEST_NAMES = ['getRepositoryIndex', 'getRepository', 'getRepositoryHistory'] as const;
export type RepositoryRequestName = (typeof REPOSITORY_REQUEST_NAMES)[number];
