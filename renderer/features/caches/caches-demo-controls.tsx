/** Demo switches of this area (`DemoState.cache`); renders nothing until the area's issue lands. */
export const CachesDemoControls = () => null;
