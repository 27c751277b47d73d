// Apart from access-log.ts and its schemas: the access-log reader's worker thread needs these
// and nothing of zod, whose loading delayed the worker's start by 0.1–0.4 s.

/** The git operations an access log tells apart, in the order tables and charts show them. */
export const GIT_OP_KINDS = ['clone', 'shallow', 'fetch', 'push', 'refs'] as const;
export type GitOpKind = (typeof GIT_OP_KINDS)[number];
export const GIT_OP_LABELS: Record<GitOpKind, string> = {
  clone: 'Clone',
  shallow: 'Shallow clone',
  fetch: 'Fetch',
  push: 'Push',
  refs: 'Ref advertisement',
};
