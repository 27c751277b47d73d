/** The Mirrors view: the mirror farms (issue #4). Replaced when that issue lands. */
export const MirrorsView = () => null;
