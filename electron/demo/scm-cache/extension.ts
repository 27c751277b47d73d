import type { DemoExtension } from '../extension';

/** The simulated the SCM cache plugin (issue #3). Until that issue lands it adds nothing to the fleet. */
export function createCacheExtension(): DemoExtension {
  return {
    name: 'cache',
    start: async () => undefined,
    applyFault: async () => false,
    state: () => undefined,
    config: () => ({}),
    stop: async () => undefined,
  };
}
