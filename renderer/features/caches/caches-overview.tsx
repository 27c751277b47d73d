/** The Caches section of the Overview: the SCM cache console (issue #3). Renders nothing until that issue lands. */
export const CachesOverview = () => null;
