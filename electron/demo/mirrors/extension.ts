import type { DemoExtension } from '../extension';

/** The simulated mirror farms (issue #4). Until that issue lands it adds nothing to the fleet. */
export function createMirrorsExtension(): DemoExtension {
  return {
    name: 'mirrors',
    start: async () => undefined,
    applyFault: async () => false,
    state: () => undefined,
    config: () => ({}),
    stop: async () => undefined,
  };
}
