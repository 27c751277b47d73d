/** The Mirrors section of the Overview: the mirror farms (issue #4). Renders nothing until that issue lands. */
export const MirrorsOverview = () => null;
