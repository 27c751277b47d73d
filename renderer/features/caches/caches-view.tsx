/** The Caches view: the SCM cache console (issue #3). Replaced when that issue lands. */
export const CachesView = () => null;
