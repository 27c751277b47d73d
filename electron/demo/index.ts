export { startDemoFleet } from './fleet';
export { demoFleetConfig, demoFleetConfigYaml, type FleetConfigShape } from './fleet-config';
export type { DemoFleet, DemoFleetOptions, DemoPrimaryEndpoint } from './types';
