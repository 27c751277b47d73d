/** The Storage view: the volume health (issue #5). Replaced when that issue lands. */
export const StorageView = () => null;
