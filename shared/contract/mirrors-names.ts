/** Request names of the mirror farms (issue #4): acceptMirrorRequest, rejectMirrorRequest, …. Zod-free: the preload bundles it. */
export const MIRRORS_REQUEST_NAMES = [] as const;
