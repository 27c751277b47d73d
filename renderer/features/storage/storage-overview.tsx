/** The Storage section of the Overview: the volume health (issue #5). Renders nothing until that issue lands. */
export const StorageOverview = () => null;
