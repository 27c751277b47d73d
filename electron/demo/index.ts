export { startDemoFleet } from './fleet';
export { demoFleetConfig, demoFleetConfigYaml } from './fleet-config';
export type { DemoFleet, DemoFleetOptions, DemoPrimaryEndpoint } from './types';
