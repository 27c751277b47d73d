/** Demo switches of this area (`DemoState.mirrors`); renders nothing until the area's issue lands. */
export const MirrorsDemoControls = () => null;
