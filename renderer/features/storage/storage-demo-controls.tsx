/** Demo switches of this area (`DemoState.storage`); renders nothing until the area's issue lands. */
export const StorageDemoControls = () => null;
