/**
 * Request names of the mirror farms (issue #4). Zod-free: the preload bundles it.
 * `acceptMirrorRequest` and `rejectMirrorRequest` are fixed by DESIGN.md (scripts call them).
 */
export const MIRRORS_REQUEST_NAMES = [
  'acceptMirrorRequest',
  'rejectMirrorRequest',
  'setMirrorProjects',
  'removeMirror',
  'getMirrorRepos',
  'getMirrorRepoStates',
  'getMirrorRepoStatus',
  'getMirrorHistory',
  'getMirrorProjects',
] as const;
export type MirrorsRequestName = (typeof MIRRORS_REQUEST_NAMES)[number];
